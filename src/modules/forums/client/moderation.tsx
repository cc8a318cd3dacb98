import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "react-aria-components";
import type { Output } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog, MutationForm } from "../../../web/mutation-form.tsx";
import { RichTextView } from "../../../web/rich-text/index.ts";
import { EmptyState, Field, Loading, PageTitle, QueryError, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import {
  addWordFilter,
  deleteWordFilter,
  forumModLog,
  forumReviewQueue,
  type LogEntry,
  listRestrictedPeople,
  listWordFilters,
  platformModLog,
  platformReviewQueue,
  type QueueItem,
  type RestrictedPerson,
  restrictPerson,
} from "../shared/contract.ts";
import { BackToForum, ChoiceField, ModerateDialog, ReasonField, When } from "./parts.tsx";
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
      <BackToForum forumId={forumId} title={q.data.title} />
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
      <BackToForum forumId={forumId} title={q.data.title} />
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
      <RestrictedPeople />
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
            <span className={`badge ${i.status === "pending" ? "badge-warn" : i.status === "hidden" ? "badge-error" : "badge-neutral"}`}>
              {t(`ui.forums.status.${i.status}`)}
            </span>
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
            {showForum && <RestrictDialog person={i.author} />}
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
  const q = useQuery({ queryKey: ["moderation", "filters"], queryFn: () => api(listWordFilters) });
  const add = useMutation({
    mutationFn: (b: { word: string; action: "block" | "flag" }) => api(addWordFilter, { body: b }),
    onSuccess: (f) => {
      qc.setQueryData<Filters>(["moderation", "filters"], (d) => (d ? { items: [...d.items, f] } : d));
      announce(t("ui.moderation.filterAdded", { word: f.word }));
    },
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
      <MutationForm
        className="form-inline"
        submitLabel={t("ui.moderation.addFilter")}
        onSubmit={(data, form) => {
          const sent = add.mutateAsync({ word: String(data.get("word") ?? ""), action: (String(data.get("action") || "flag") as "block") ?? "flag" });
          form.reset();
          return sent;
        }}
      >
        {() => (
          <>
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
          </>
        )}
      </MutationForm>
    </section>
  );
}

const DURATIONS = [1, 3, 7, 30, 90];
const RESTRICTIONS = ["silence", "suspend"] as const;

/** Silence (reads, may not post) or suspend (no forums at all) a person for a period; platform admins only. */
export function RestrictDialog({ person }: { person: { id: string; name: string } }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [action, setAction] = useState<(typeof RESTRICTIONS)[number]>("silence");
  const m = useMutation({
    mutationFn: (b: { days: number; reason: string }) =>
      api(restrictPerson, {
        params: { userId: person.id },
        body: { action, until: new Date(Date.now() + b.days * 86400_000).toISOString(), reason: b.reason },
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["moderation"] });
      announce(t(`ui.moderation.restrict.done.${action}`, { name: person.name }));
    },
  });
  return (
    <FormDialog
      label={t("ui.moderation.restrict.open")}
      title={t("ui.moderation.restrict.title", { name: person.name })}
      submitLabel={t(`ui.moderation.restrict.submit.${action}`)}
      danger
      onSubmit={(form) => m.mutateAsync({ days: Number(form.get("days") || 7), reason: String(form.get("reason") ?? "") })}
    >
      {() => (
        <>
          <ChoiceField
            label={t("ui.moderation.restrict.what")}
            options={RESTRICTIONS}
            value={action}
            onChange={setAction}
            help={(a) => t(`ui.moderation.restrict.${a}Help`)}
          >
            {(a) => t(`ui.moderation.restrict.${a}`)}
          </ChoiceField>
          <SelectField
            name="days"
            label={t("ui.moderation.restrict.duration")}
            defaultValue="7"
            options={DURATIONS.map((n) => ({ id: String(n), label: t("ui.moderation.restrict.days", { n }) }))}
          />
          <ReasonField isRequired />
        </>
      )}
    </FormDialog>
  );
}

/** Who is silenced or suspended now, until when, and a way to lift it early (with a reason for the log). */
function RestrictedPeople() {
  const t = useT();
  const q = useQuery({ queryKey: ["moderation", "people"], queryFn: () => api(listRestrictedPeople) });
  return (
    <section className="section" aria-labelledby="mod-people">
      <h2 id="mod-people">{t("ui.moderation.restricted")}</h2>
      <p className="muted">{t("ui.moderation.restrictedHelp")}</p>
      {q.isError && <QueryError error={q.error} />}
      {q.data && q.data.items.length === 0 && <p className="muted">{t("ui.moderation.restrictedEmpty")}</p>}
      {q.data && q.data.items.length > 0 && (
        <ul className="restricted-list">
          {q.data.items.map((p) => (
            <li key={p.id} className="card restricted-item">
              <div>
                <p className="post-author">
                  {p.name} <span className="muted small">@{p.username}</span>
                </p>
                {p.suspendedUntil && <p className="small">{t("ui.moderation.suspendedUntil", { d: new Date(p.suspendedUntil) })}</p>}
                {p.silencedUntil && <p className="small">{t("ui.moderation.silencedUntil", { d: new Date(p.silencedUntil) })}</p>}
              </div>
              <LiftDialog person={p} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function LiftDialog({ person }: { person: RestrictedPerson }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: (reason: string) => api(restrictPerson, { params: { userId: person.id }, body: { action: "lift", reason } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["moderation"] });
      announce(t("ui.moderation.lift.done", { name: person.name }));
    },
  });
  return (
    <FormDialog
      label={t("ui.moderation.lift.open")}
      ariaLabel={t("ui.moderation.lift.title", { name: person.name })}
      title={t("ui.moderation.lift.title", { name: person.name })}
      variant="secondary"
      submitLabel={t("ui.moderation.lift.submit")}
      onSubmit={(form) => m.mutateAsync(String(form.get("reason") ?? ""))}
    >
      {() => <ReasonField isRequired />}
    </FormDialog>
  );
}
