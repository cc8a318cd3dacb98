import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useIntl } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useMe } from "../../../web/session.ts";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { type ConversationSummary, listConversations } from "../shared/contract.ts";
import "./messages.css";

export const messagesKey = ["messages"] as const;
export const titleOf = (c: ConversationSummary, none: string) => c.title ?? (c.members.map((m) => m.name).join(", ") || none);

/** My conversations, most recent first; unread ones stand out and say how many messages wait. */
export function InboxPage() {
  const t = useT();
  const intl = useIntl();
  const me = useMe();
  const q = useQuery({ queryKey: [...messagesKey, "list"], queryFn: () => api(listConversations) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <PageTitle
        actions={
          <>
            {me?.isAdmin && (
              <Link to="/messages/rules" className="btn btn-secondary">
                {t("ui.messages.rules.title")}
              </Link>
            )}
            <Link to="/messages/new" className="btn btn-primary">
              {t("ui.messages.new")}
            </Link>
          </>
        }
      >
        {t("ui.messages.title")}
      </PageTitle>
      {q.data.items.length === 0 ? (
        <EmptyState title={t("ui.messages.empty")}>
          <p>{t("ui.messages.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ul className="conv-list" aria-label={t("ui.messages.title")}>
          {q.data.items.map((c) => (
            <li key={c.id} className={`card conv ${c.unread ? "conv-unread" : ""}`}>
              <Link to="/messages/$id" params={{ id: c.id }} className="conv-link">
                <span className="avatar conv-avatar" aria-hidden="true">
                  {(c.title ?? c.members[0]?.name ?? "?").charAt(0).toUpperCase()}
                </span>
                <span className="conv-main">
                  <span className="conv-title">{titleOf(c, t("ui.messages.nobody"))}</span>
                  {c.lastMessage && (
                    <span className="conv-last muted">
                      {c.lastMessage.senderName} : {c.lastMessage.body}
                    </span>
                  )}
                </span>
                <span className="conv-meta">
                  {c.lastMessage && (
                    <time className="muted small" dateTime={c.lastMessage.createdAt}>
                      {intl.formatDate(c.lastMessage.createdAt, { dateStyle: "short", timeStyle: "short" })}
                    </time>
                  )}
                  {c.unread > 0 && <span className="badge conv-badge">{t("ui.messages.unread", { count: c.unread })}</span>}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
