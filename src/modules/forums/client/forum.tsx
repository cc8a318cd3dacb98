import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form, Input, Label, SearchField } from "react-aria-components";
import type { Input as In } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { MutationForm } from "../../../web/mutation-form.tsx";
import { emptyDoc, type RichTextDocument, RichTextEditor } from "../../../web/rich-text/index.ts";
import { EmptyState, Field, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
import { createThread, getForum, searchForum, type ThreadSummary } from "../shared/contract.ts";
import { forumKey, KindBadge, TrustNote, When } from "./parts.tsx";
import "./forums.css";

/** A forum: its threads (pinned first, then latest activity), search, and a new thread for those who may start one. */
export function ForumPage() {
  const t = useT();
  const { forumId } = useParams({ strict: false }) as { forumId: string };
  const search = useSearch({ strict: false }) as { page?: number };
  const page = Number(search.page ?? 1) || 1;
  const q = useQuery({ queryKey: [...forumKey(forumId), page], queryFn: () => api(getForum, { params: { forumId }, query: { page } }) });
  const [open, setOpen] = useState(false);
  const [term, setTerm] = useState("");
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const pages = Math.max(1, Math.ceil(d.total / d.pageSize));
  return (
    <>
      <p className="breadcrumb">
        {d.scope.kind === "course" ? (
          <Link to="/courses/$id/forums" params={{ id: d.scope.id }}>
            <span aria-hidden="true">← </span>
            {t("ui.forums.forumsOf", { title: d.scope.title })}
          </Link>
        ) : (
          <span>{d.scope.title}</span>
        )}
      </p>
      <PageTitle
        actions={
          <div className="row-buttons">
            {d.me.canModerate && (
              <>
                <Link className="btn btn-secondary" to="/forums/$forumId/review" params={{ forumId }}>
                  {t("ui.moderation.queue")}
                </Link>
                <Link className="btn btn-secondary" to="/forums/$forumId/log" params={{ forumId }}>
                  {t("ui.moderation.log")}
                </Link>
              </>
            )}
            {d.canStartThread && (
              <ModalButton label={t("ui.forums.newThread")} title={t("ui.forums.newThread")} isOpen={open} onOpenChange={setOpen}>
                {() => <NewThreadForm forumId={forumId} groups={d.groups} onDone={() => setOpen(false)} />}
              </ModalButton>
            )}
          </div>
        }
      >
        {d.forum.title}
      </PageTitle>
      <p className="forum-sub">
        <KindBadge kind={d.forum.kind} />
        {d.forum.description && <span className="muted">{d.forum.description}</span>}
      </p>
      {d.me.silencedUntil && <p className="alert alert-error">{t("ui.forums.silencedNote", { d: new Date(d.me.silencedUntil) })}</p>}
      {d.canStartThread && <TrustNote trust={d.me.trust} />}
      <Form
        role="search"
        className="forum-search"
        onSubmit={(e) => {
          e.preventDefault();
          setTerm(String(new FormData(e.currentTarget).get("q") ?? "").trim());
        }}
      >
        <SearchField name="q" className="field" onClear={() => setTerm("")}>
          <Label>{t("ui.forums.searchLabel")}</Label>
          <Input />
        </SearchField>
        <Button type="submit" className="btn btn-secondary">
          {t("ui.forums.search")}
        </Button>
      </Form>
      {term ? (
        <SearchResults forumId={forumId} term={term} />
      ) : d.threads.length === 0 ? (
        <EmptyState title={t("ui.forums.noThreads")}>
          <p>{d.canStartThread ? t("ui.forums.noThreadsPost") : t("ui.forums.noThreadsRead")}</p>
        </EmptyState>
      ) : (
        <>
          <ul className="thread-list" aria-label={t("ui.forums.threads")}>
            {d.threads.map((th) => (
              <ThreadRow key={th.id} th={th} />
            ))}
          </ul>
          {pages > 1 && <Pager forumId={forumId} page={page} pages={pages} />}
        </>
      )}
    </>
  );
}

function ThreadRow({ th }: { th: ThreadSummary }) {
  const t = useT();
  return (
    <li className={`thread-row${th.unread ? " thread-unread" : ""}`}>
      <div className="thread-main">
        <Link to="/threads/$threadId" params={{ threadId: th.id }} className="thread-title">
          {th.pinned && (
            <span className="thread-flag" aria-label={t("ui.forums.pinned")} role="img">
              📌
            </span>
          )}
          {th.title}
        </Link>
        <span className="thread-badges">
          {th.unread && <span className="badge badge-warn">{t("ui.forums.new")}</span>}
          {th.answered && <span className="badge badge-ok">{t("ui.forums.answered")}</span>}
          {th.locked && <span className="badge badge-neutral">{t("ui.forums.locked")}</span>}
          {th.groupName && <span className="badge badge-neutral">{th.groupName}</span>}
        </span>
      </div>
      <p className="thread-meta muted">
        <span>{th.author.name}</span>
        <span>{t("ui.forums.replyCount", { n: th.replies })}</span>
        <span>
          {t("ui.forums.lastActivity")} <When iso={th.lastPostAt} />
        </span>
      </p>
    </li>
  );
}

function Pager({ forumId, page, pages }: { forumId: string; page: number; pages: number }) {
  const t = useT();
  const nav = useNavigate();
  const go = (p: number) => nav({ to: "/forums/$forumId", params: { forumId }, search: { page: p } as never });
  return (
    <nav className="pager" aria-label={t("ui.forums.pages")}>
      <Button className="btn btn-secondary" isDisabled={page <= 1} onPress={() => go(page - 1)}>
        {t("ui.forums.previous")}
      </Button>
      <span className="pager-status">{t("ui.forums.pageOf", { page, pages })}</span>
      <Button className="btn btn-secondary" isDisabled={page >= pages} onPress={() => go(page + 1)}>
        {t("ui.forums.next")}
      </Button>
    </nav>
  );
}

function SearchResults({ forumId, term }: { forumId: string; term: string }) {
  const t = useT();
  const q = useQuery({ queryKey: [...forumKey(forumId), "search", term], queryFn: () => api(searchForum, { params: { forumId }, query: { q: term } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <section aria-labelledby="forum-results">
      <h2 id="forum-results" className="forum-results-title">
        {t("ui.forums.results", { n: q.data.items.length, q: term })}
      </h2>
      <ul className="thread-list">
        {q.data.items.map((r) => (
          <li key={r.postId} className="thread-row">
            <Link to="/threads/$threadId" params={{ threadId: r.threadId }} className="thread-title">
              {r.threadTitle}
            </Link>
            <p className="muted">
              {r.author} · <When iso={r.createdAt} />
            </p>
            <p>{r.excerpt}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}

function NewThreadForm({ forumId, groups, onDone }: { forumId: string; groups: { id: string; name: string }[]; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const nav = useNavigate();
  const announce = useAnnounce();
  const [body, setBody] = useState<RichTextDocument>(emptyDoc());
  const [groupId, setGroupId] = useState<string | null>(groups[0]?.id ?? null);
  const m = useMutation({
    mutationFn: (b: In<typeof createThread>["body"]) => api(createThread, { params: { forumId }, body: b }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: forumKey(forumId) });
      announce(r.status === "pending" ? t("ui.forums.pendingPosted") : t("ui.forums.threadPosted"));
      onDone();
      nav({ to: "/threads/$threadId", params: { threadId: r.threadId } });
    },
  });
  return (
    <MutationForm
      submitLabel={t("ui.forums.post")}
      onSubmit={(form) => m.mutateAsync({ title: String(form.get("title") ?? ""), body: body as never, fileIds: [], ...(groupId && { groupId }) })}
    >
      {(error) => (
        <>
          <Field name="title" label={t("ui.forums.threadTitle")} isRequired />
          {groups.length > 1 && (
            <SelectField label={t("ui.forums.group")} options={groups.map((g) => ({ id: g.id, label: g.name }))} value={groupId} onChange={setGroupId} />
          )}
          <RichTextEditor label={t("ui.forums.message")} defaultValue={body} onChange={setBody} errorMessage={error?.fields.body} />
        </>
      )}
    </MutationForm>
  );
}
