import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Button, Form } from "react-aria-components";
import type { Output } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { RichTextView } from "../../../web/rich-text/index.ts";
import { EmptyState, Field, FormAlert, Loading, PageTitle, QueryError, SelectField, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import {
  addWordFilter,
  deleteWordFilter,
  forumModLog,
  forumReviewQueue,
  type LogEntry,
  listWordFilters,
  platformModLog,
  platformReviewQueue,
  type QueueItem,
} from "../shared/contract.ts";
import { When } from "./parts.tsx";
import { ModerateDialog } from "./thread.tsx";
import "./forums.css";

/** A forum's review queue: pending, hidden and reported posts, each with its reports and a decision. */
export function ForumReviewPage() {
  const t = useT();
  const { forumId } = useParams({ strict: false }) as { forumId: string };
  const q = useQuery({ queryKey: ["moderation", "queue", forumId], queryFn: () => api(forumReviewQueue, { params: { forumId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/forums/$forumId" params={{ forumId }}>
          <span aria-hidden="true">← </span>
          {q.data.title}
        </Link>
      </p>
      <PageTitle
        actions={
          <Link className="btn btn-secondary" to="/forums/$forumId/log" params={{ forumId }}>
            {t("ui.moderation.log")}
          </Link>
        }
      >
        {t("ui.moderation.queue")}
      </PageTitle>
      <Queue items={q.data.items} showForum={false} />
    </>
  );
}

/** A forum's moderators' log. */
export function ForumLogPage() {
  const t = useT();
  const { forumId } = useParams({ strict: false }) as { forumId: string };
  const q = useQuery({ queryKey: ["moderation", "log", forumId], queryFn: () => api(forumModLog, { params: { forumId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/forums/$forumId" params={{ forumId }}>
          <span aria-hidden="true">← </span>
          {q.data.title}
        </Link>
      </p>
      <PageTitle>{t("ui.moderation.log")}</PageTitle>
      <Log items={q.data.items} />
    </>
  );
}

/** The platform's moderation: every forum's queue, the log, and word filters (platform admins). */
export function PlatformModerationPage() {
  const t = useT();
  const queue = useQuery({ queryKey: ["moderation", "queue", "platform"], queryFn: () => api(platformReviewQueue) });
  const log = useQuery({ queryKey: ["moderation", "log", "platform"], queryFn: () => api(platformModLog) });
  if (queue.isPending || log.isPending) return <Loading />;
  if (queue.isError) return <QueryError error={queue.error} />;
  if (log.isError) return <QueryError error={log.error} />;
  return (
    <>
      <PageTitle>{t("ui.moderation.title")}</PageTitle>
      <section className="section" aria-labelledby="mod-queue">
        <h2 id="mod-queue">{t("ui.moderation.queue")}</h2>
        <Queue items={queue.data.items} showForum />
      </section>
      <WordFilters />
      <section className="section" aria-labelledby="mod-log">
        <h2 id="mod-log">{t("ui.moderation.log")}</h2>
        <Log items={log.data.items} />
      </section>
    </>
  );
}

function Queue({ items, showForum }: { items: QueueItem[]; showForum: boolean }) {
  const t = useT();
  if (items.length === 0)
    return (
      <EmptyState title={t("ui.moderation.queueEmpty")}>
        <p>{t("ui.moderation.queueEmptyHelp")}</p>
      </EmptyState>
    );
  return (
    <ul className="queue">
      {items.map((i) => (
        <li key={i.postId} className="card queue-item">
          <div className="queue-head">
            <div>
              <p className="post-author">{i.author.name}</p>
              <p className="muted small">
                {showForum && <>{i.forumTitle} · </>}
                <Link to="/threads/$threadId" params={{ threadId: i.threadId }}>
                  {i.threadTitle}
                </Link>{" "}
                · <When iso={i.createdAt} />
              </p>
            </div>
            <span className={`badge ${i.status === "pending" ? "badge-warn" : i.status === "hidden" ? "badge-error" : "badge-neutral"}`}>{t(`ui.forums.status.${i.status}`)}</span>
          </div>
          <RichTextView html={i.html} className="post-body" />
          {i.flags.length > 0 && (
            <ul className="queue-flags" aria-label={t("ui.moderation.reports")}>
              {i.flags.map((f, n) => (
                <li key={n}>
                  <strong>{t(`ui.moderation.reasons.${f.reason}`)}</strong>
                  {f.note && <> — {f.note}</>}
                  <span className="muted"> · {f.by ?? t("ui.moderation.system")}</span>
                </li>
              ))}
            </ul>
          )}
          <div className="post-actions">
            <ModerateDialog post={{ id: i.postId, status: i.status, author: i.author }} />
          </div>
        </li>
      ))}
    </ul>
  );
}

function Log({ items }: { items: LogEntry[] }) {
  const t = useT();
  if (items.length === 0) return <p className="muted">{t("ui.moderation.logEmpty")}</p>;
  return (
    <div className="table-wrap">
      <table className="table mod-log">
        <thead>
          <tr>
            <th scope="col">{t("ui.moderation.when")}</th>
            <th scope="col">{t("ui.moderation.who")}</th>
            <th scope="col">{t("ui.moderation.what")}</th>
            <th scope="col">{t("ui.moderation.whom")}</th>
            <th scope="col">{t("ui.moderation.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((e) => (
            <tr key={e.id}>
              <td>
                <When iso={e.createdAt} />
              </td>
              <td>{e.moderator ?? t("ui.moderation.system")}</td>
              <td>
                {t(`ui.moderation.log_actions.${e.action}`)}
                {e.until && <> ({t("ui.moderation.until", { d: new Date(e.until) })})</>}
                {e.forumTitle && <span className="muted"> · {e.forumTitle}</span>}
              </td>
              <td>{e.target ?? "—"}</td>
              <td>{e.action === "auto_hide" ? t("ui.moderation.autoHideReason", { n: Number(e.reason) }) : e.reason || "—"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

type Filters = Output<typeof listWordFilters>;
function WordFilters() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const { error, setError, onError } = useFormErrors();
  const q = useQuery({ queryKey: ["moderation", "filters"], queryFn: () => api(listWordFilters) });
  const add = useMutation({
    mutationFn: (b: { word: string; action: "block" | "flag" }) => api(addWordFilter, { body: b }),
    onSuccess: (f) => {
      qc.setQueryData<Filters>(["moderation", "filters"], (d) => (d ? { items: [...d.items, f] } : d));
      announce(t("ui.moderation.filterAdded", { word: f.word }));
    },
    onError,
  });
  const del = useMutation({
    mutationFn: (id: string) => api(deleteWordFilter, { params: { filterId: id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["moderation", "filters"] }),
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <section className="section" aria-labelledby="mod-filters">
      <h2 id="mod-filters">{t("ui.moderation.filters")}</h2>
      <p className="muted">{t("ui.moderation.filtersHelp")}</p>
      {q.data && q.data.items.length > 0 && (
        <ul className="filter-list">
          {q.data.items.map((f) => (
            <li key={f.id}>
              <span className="filter-word">{f.word}</span>
              <span className={`badge ${f.action === "block" ? "badge-error" : "badge-warn"}`}>{t(`ui.moderation.filterAction.${f.action}`)}</span>
              <Button className="btn btn-quiet btn-small" onPress={() => del.mutate(f.id)} aria-label={t("ui.moderation.removeFilter", { word: f.word })}>
                ✕
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form
        className="form form-inline forum-form"
        validationErrors={error?.fields}
        onSubmit={(e) => {
          e.preventDefault();
          setError(null);
          const fd = new FormData(e.currentTarget);
          add.mutate({ word: String(fd.get("word") ?? ""), action: (String(fd.get("action") || "flag") as "block") ?? "flag" });
          e.currentTarget.reset();
        }}
      >
        <FormAlert error={error} />
        <Field name="word" label={t("ui.moderation.word")} isRequired />
        <SelectField
          name="action"
          label={t("ui.moderation.filterActionLabel")}
          defaultValue="flag"
          options={[
            { id: "flag", label: t("ui.moderation.filterAction.flag") },
            { id: "block", label: t("ui.moderation.filterAction.block") },
          ]}
        />
        <Button type="submit" className="btn btn-primary">
          {t("ui.moderation.addFilter")}
        </Button>
      </Form>
    </section>
  );
}
