import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useParams } from "@tanstack/react-router";
import { useRef, useState } from "react";
import { Button, Label, TextArea, TextField } from "react-aria-components";
import type { Output } from "../../../kernel/contract.ts";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog, MutationForm } from "../../../web/mutation-form.tsx";
import { emptyDoc, type RichTextDocument, RichTextEditor, RichTextView } from "../../../web/rich-text/index.ts";
import { useMe } from "../../../web/session.ts";
import { Loading, PageTitle, QueryError, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { FileUpload } from "../../files/client/index.ts";
import { useLiveTopic } from "../../notifications/client/live.tsx";
import {
  editPost,
  FLAG_REASONS,
  flagPost,
  getThread,
  type Post,
  REACTIONS,
  removeReaction,
  replyToThread,
  setReaction,
  updateThread,
} from "../shared/contract.ts";
import { BackToForum, ChoiceField, forumKey, KindBadge, ModerateDialog, ReasonField, TrustNote, threadKey, When } from "./parts.tsx";
import "./forums.css";

type Page = Output<typeof getThread>;
// glyphs every system font has (emoji fonts are missing on many school machines and kiosks)
const GLYPH: Record<(typeof REACTIONS)[number], string> = { like: "+1", love: "♥", laugh: "☺", thinking: "?!", celebrate: "★" };

/**
 * A thread: posts oldest first, fetched page by page from the server ("show more" asks for the
 * posts after the last one shown), a reply box with quoting and formulas, reactions, answer,
 * reporting, and moderators' tools.
 */
export function ThreadPage() {
  const t = useT();
  const { threadId } = useParams({ strict: false }) as { threadId: string };
  const q = useInfiniteQuery({
    queryKey: threadKey(threadId),
    queryFn: ({ pageParam }) => api(getThread, { params: { threadId }, query: pageParam ? { after: pageParam } : {} }),
    initialPageParam: "" as string,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
  // someone else's reply shows up at once (and is announced); one's own is already shown by the reply box
  const qc = useQueryClient();
  const announce = useAnnounce();
  const myId = useMe()?.id;
  useLiveTopic(`thread:${threadId}`, (e) => {
    qc.invalidateQueries({ queryKey: threadKey(threadId) });
    if (e.by !== myId) announce(t("ui.forums.newReply"));
  });
  const [quote, setQuote] = useState<Post | null>(null);
  const replyRef = useRef<HTMLDivElement>(null);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const first = q.data.pages[0]!;
  const last = q.data.pages.at(-1)!;
  const posts = q.data.pages.flatMap((p) => p.posts);
  const { thread, forum, me } = last;
  return (
    <>
      <BackToForum forumId={forum.id} title={forum.title} />
      <PageTitle actions={me.canModerate && <ThreadTools page={first} />}>{thread.title}</PageTitle>
      <p className="forum-sub">
        <KindBadge kind={forum.kind} />
        {thread.pinned && <span className="badge badge-neutral">{t("ui.forums.pinned")}</span>}
        {thread.locked && <span className="badge badge-neutral">{t("ui.forums.locked")}</span>}
        <span className="muted">{t("ui.forums.replyCount", { n: thread.replies })}</span>
      </p>
      {last.answersHidden && <p className="alert alert-ok forum-qanda-note">{t("ui.forums.qandaNote")}</p>}
      <ol className="post-list" aria-label={t("ui.forums.posts")}>
        {posts.map((p, i) => (
          <PostView
            key={p.id}
            post={p}
            page={last}
            isFirst={i === 0 && !first.posts[0]?.quote && p.author.id === thread.authorId}
            onQuote={() => {
              setQuote(p);
              replyRef.current?.querySelector<HTMLElement>("[contenteditable]")?.focus();
            }}
          />
        ))}
      </ol>
      {q.hasNextPage && (
        <div className="post-more">
          <Button className="btn btn-secondary" onPress={() => q.fetchNextPage()} isDisabled={q.isFetchingNextPage}>
            {q.isFetchingNextPage ? t("ui.common.loading") : t("ui.forums.showMore")}
          </Button>
        </div>
      )}
      <div ref={replyRef}>
        {last.canReply ? (
          <ReplyForm page={last} quote={quote} clearQuote={() => setQuote(null)} />
        ) : (
          <p className="muted forum-closed">
            {me.silencedUntil ? t("ui.forums.silencedNote", { d: new Date(me.silencedUntil) }) : thread.locked ? t("ui.forums.lockedNote") : t("ui.forums.readOnlyNote")}
          </p>
        )}
      </div>
    </>
  );
}

function useRefresh(threadId: string, forumId?: string) {
  const qc = useQueryClient();
  return () => {
    qc.invalidateQueries({ queryKey: threadKey(threadId) });
    if (forumId) qc.invalidateQueries({ queryKey: forumKey(forumId) });
  };
}

function ThreadTools({ page }: { page: Page }) {
  const t = useT();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const refresh = useRefresh(page.thread.id, page.forum.id);
  const m = useMutation({
    mutationFn: (body: { pinned?: boolean; locked?: boolean }) => api(updateThread, { params: { threadId: page.thread.id }, body }),
    onSuccess: (_, b) => {
      refresh();
      announce(b.pinned !== undefined ? (b.pinned ? t("ui.forums.pinnedDone") : t("ui.forums.unpinnedDone")) : b.locked ? t("ui.forums.lockedDone") : t("ui.forums.unlockedDone"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <div className="row-buttons">
      <Button className="btn btn-secondary" onPress={() => m.mutate({ pinned: !page.thread.pinned })}>
        {page.thread.pinned ? t("ui.forums.unpin") : t("ui.forums.pin")}
      </Button>
      <Button className="btn btn-secondary" onPress={() => m.mutate({ locked: !page.thread.locked })}>
        {page.thread.locked ? t("ui.forums.unlock") : t("ui.forums.lock")}
      </Button>
    </div>
  );
}

function PostView({ post, page, isFirst, onQuote }: { post: Post; page: Page; isFirst: boolean; onQuote: () => void }) {
  const t = useT();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const refresh = useRefresh(page.thread.id);
  const react = useMutation({
    mutationFn: ({ r, on }: { r: (typeof REACTIONS)[number]; on: boolean }) =>
      api(on ? setReaction : removeReaction, { params: { postId: post.id, reaction: r } }),
    onSuccess: refresh,
    onError: (e) => announce(errorText(e), "error"),
  });
  const answer = useMutation({
    mutationFn: (on: boolean) => api(updateThread, { params: { threadId: page.thread.id }, body: { answerPostId: on ? post.id : null } }),
    onSuccess: (_, on) => {
      refresh();
      announce(on ? t("ui.forums.markedAnswer") : t("ui.forums.unmarkedAnswer"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const mine = new Map(post.reactions.map((r) => [r.reaction, r]));
  const headId = `post-${post.id}-by`;
  return (
    <li className={`card post${post.isAnswer ? " post-answer" : ""}${post.status !== "visible" ? " post-muted" : ""}`} id={`post-${post.id}`} aria-labelledby={headId}>
      <header className="post-head">
        <span className="post-avatar" aria-hidden="true">
          {post.author.name.slice(0, 1).toUpperCase()}
        </span>
        <div>
          <p className="post-author" id={headId}>
            {post.author.name}
          </p>
          <p className="muted small">
            <When iso={post.createdAt} />
            {post.editedAt && <> · {t("ui.forums.edited")}</>}
          </p>
        </div>
        <span className="post-badges">
          {post.isAnswer && <span className="badge badge-ok">{t("ui.forums.answer")}</span>}
          {post.status === "pending" && <span className="badge badge-warn">{t("ui.forums.status.pending")}</span>}
          {post.status === "hidden" && <span className="badge badge-error">{t("ui.forums.status.hidden")}</span>}
          {post.flags > 0 && <span className="badge badge-error">{t("ui.moderation.flagCount", { n: post.flags })}</span>}
        </span>
      </header>
      {post.quote && (
        <blockquote className="post-quote">
          <p className="small">
            <a href={`#post-${post.quote.postId}`}>{t("ui.forums.quoteOf", { name: post.quote.author })}</a>
          </p>
          <p>{post.quote.excerpt}</p>
        </blockquote>
      )}
      <RichTextView html={post.html} className="post-body" />
      {post.files.length > 0 && (
        <ul className="post-files" aria-label={t("ui.forums.attachments")}>
          {post.files.map((f) => (
            <li key={f.id}>
              <a href={url(`/api/v1/files/${f.id}`)} download={f.name}>
                📎 {f.name}
              </a>
            </li>
          ))}
        </ul>
      )}
      <footer className="post-foot">
        {post.status === "visible" && (
          <div className="reactions" role="group" aria-label={t("ui.forums.reactions")}>
            {REACTIONS.map((r) => {
              const cur = mine.get(r);
              if (!cur && !page.canReply && !page.me) return null;
              return (
                <Button
                  key={r}
                  className={`reaction${cur?.mine ? " reaction-mine" : ""}${cur ? "" : " reaction-empty"}`}
                  aria-pressed={!!cur?.mine}
                  aria-label={t("ui.forums.reactionLabel", { name: t(`ui.forums.reaction.${r}`), n: cur?.count ?? 0 })}
                  onPress={() => react.mutate({ r, on: !cur?.mine })}
                >
                  <span aria-hidden="true" className={`reaction-glyph reaction-${r}`}>
                    {GLYPH[r]}
                  </span>
                  {cur && <span aria-hidden="true">{cur.count}</span>}
                </Button>
              );
            })}
          </div>
        )}
        <div className="post-actions">
          {page.canReply && post.status === "visible" && (
            <Button className="btn btn-quiet btn-small" onPress={onQuote}>
              {t("ui.forums.quote")}
            </Button>
          )}
          {page.canMarkAnswer && !isFirst && post.status === "visible" && (
            <Button className="btn btn-quiet btn-small" onPress={() => answer.mutate(!post.isAnswer)}>
              {post.isAnswer ? t("ui.forums.unmarkAnswer") : t("ui.forums.markAnswer")}
            </Button>
          )}
          {post.canEdit && !!post.doc && <EditDialog post={post} page={page} />}
          {post.canFlag && <FlagDialog post={post} page={page} />}
          {page.me.canModerate && <ModerateDialog post={post} threadId={page.thread.id} />}
        </div>
      </footer>
    </li>
  );
}

function EditDialog({ post, page }: { post: Post; page: Page }) {
  const t = useT();
  const refresh = useRefresh(page.thread.id);
  const announce = useAnnounce();
  const [body, setBody] = useState<RichTextDocument>(post.doc as RichTextDocument);
  const other = page.me.canModerate;
  const m = useMutation({
    mutationFn: (reason: string) => api(editPost, { params: { postId: post.id }, body: { body: body as never, reason } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.forums.editSaved"));
    },
  });
  return (
    <FormDialog
      label={t("ui.common.edit")}
      title={t("ui.forums.editPost")}
      submitLabel={t("ui.common.save")}
      onSubmit={(form) => m.mutateAsync(String(form.get("reason") ?? ""))}
    >
      {(error) => (
        <>
          {!other && <p className="muted">{t("ui.forums.editWindow", { n: page.forum.editMinutes })}</p>}
          <RichTextEditor label={t("ui.forums.message")} defaultValue={body} onChange={setBody} errorMessage={error?.fields.body} />
          {other && <ReasonField />}
        </>
      )}
    </FormDialog>
  );
}

function FlagDialog({ post, page }: { post: Post; page: Page }) {
  const t = useT();
  const refresh = useRefresh(page.thread.id);
  const announce = useAnnounce();
  const [reason, setReason] = useState<(typeof FLAG_REASONS)[number]>("inappropriate");
  const m = useMutation({
    mutationFn: (note: string) => api(flagPost, { params: { postId: post.id }, body: { reason, note } }),
    onSuccess: (r) => {
      refresh();
      announce(r.hidden ? t("ui.moderation.flaggedHidden") : t("ui.moderation.flagged"));
    },
  });
  return (
    <FormDialog
      label={t("ui.moderation.report")}
      title={t("ui.moderation.reportPost", { name: post.author.name })}
      submitLabel={t("ui.moderation.send")}
      onSubmit={(form) => m.mutateAsync(String(form.get("note") ?? ""))}
    >
      {() => (
        <>
          <ChoiceField label={t("ui.moderation.why")} options={FLAG_REASONS} value={reason} onChange={setReason}>
            {(r) => t(`ui.moderation.reasons.${r}`)}
          </ChoiceField>
          <TextField name="note" className="field" isRequired={reason === "other"}>
            <Label>{t("ui.moderation.note")}</Label>
            <TextArea rows={2} />
          </TextField>
        </>
      )}
    </FormDialog>
  );
}

function ReplyForm({ page, quote, clearQuote }: { page: Page; quote: Post | null; clearQuote: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [body, setBody] = useState<RichTextDocument>(emptyDoc());
  const [files, setFiles] = useState<{ id: string; name: string }[]>([]);
  const [n, setN] = useState(0);
  const nav = useNavigate();
  const m = useMutation({
    mutationFn: () =>
      api(replyToThread, { params: { threadId: page.thread.id }, body: { body: body as never, fileIds: files.map((f) => f.id), ...(quote && { quotePostId: quote.id }) } }),
    onSuccess: async (r) => {
      setBody(emptyDoc());
      setFiles([]);
      setN((x) => x + 1);
      clearQuote();
      await qc.invalidateQueries({ queryKey: threadKey(page.thread.id) });
      qc.invalidateQueries({ queryKey: forumKey(page.forum.id) });
      announce(r.status === "pending" ? t("ui.forums.pendingPosted") : t("ui.forums.replyPosted"));
      if (r.status === "visible") nav({ to: ".", hash: `post-${r.postId}` });
    },
  });
  return (
    <section className="card reply-box" aria-labelledby="reply-title">
      <h2 id="reply-title">{t("ui.forums.reply")}</h2>
      <TrustNote trust={page.me.trust} />
      <MutationForm submitLabel={t("ui.forums.post")} onSubmit={() => m.mutateAsync()}>
        {(error) => (
          <>
            {quote && (
              <div className="post-quote reply-quote">
                <p className="small">{t("ui.forums.quoteOf", { name: quote.author.name })}</p>
                <Button className="btn btn-quiet btn-small" onPress={clearQuote}>
                  {t("ui.forums.removeQuote")}
                </Button>
              </div>
            )}
            <RichTextEditor key={n} label={t("ui.forums.yourReply")} defaultValue={body} onChange={setBody} errorMessage={error?.fields.body} />
            {page.me.trust !== "new" && (
              <div className="reply-files">
                {files.length > 0 && (
                  <ul className="post-files">
                    {files.map((f) => (
                      <li key={f.id}>
                        📎 {f.name}{" "}
                        <Button className="btn btn-quiet btn-small" onPress={() => setFiles((cur) => cur.filter((x) => x.id !== f.id))}>
                          {t("ui.forums.removeFile", { name: f.name })}
                        </Button>
                      </li>
                    ))}
                  </ul>
                )}
                {files.length < 10 && (
                  <FileUpload
                    key={`f${n}-${files.length}`}
                    purpose="document"
                    name="file"
                    label={t("ui.forums.attach")}
                    onChange={(f) => f && setFiles((cur) => [...cur, { id: f.id, name: f.name }])}
                    errorMessage={error?.fields.fileIds}
                  />
                )}
              </div>
            )}
          </>
        )}
      </MutationForm>
    </section>
  );
}
