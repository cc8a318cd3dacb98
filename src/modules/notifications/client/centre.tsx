import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Button } from "react-aria-components";
import { useIntl } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError, useAnnounce } from "../../../web/ui.tsx";
import { listNotifications, markAllRead, markRead, type Notification } from "../shared/contract.ts";
import { notificationsKey } from "./live.tsx";
import { notificationText } from "./text.ts";

/** The notification centre: newest first, unread ones marked, read one by opening it or all at once. */
export function NotificationsPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const q = useInfiniteQuery({
    queryKey: [...notificationsKey, "list"],
    queryFn: ({ pageParam }) => api(listNotifications, { query: { before: pageParam, limit: 20 } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const all = useMutation({
    mutationFn: () => api(markAllRead),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: notificationsKey });
      announce(t("ui.notifications.allRead"));
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const items = q.data.pages.flatMap((p) => p.items);
  const unread = q.data.pages[0]?.unread ?? 0;
  return (
    <>
      <PageTitle
        actions={
          <>
            <Link to="/notifications/preferences" className="btn btn-secondary">
              {t("ui.notifications.preferences")}
            </Link>
            {unread > 0 && (
              <Button className="btn btn-primary" onPress={() => all.mutate()} isPending={all.isPending}>
                {t("ui.notifications.markAll")}
              </Button>
            )}
          </>
        }
      >
        {t("ui.notifications.title")}
      </PageTitle>
      <p className="lead">{t("ui.notifications.unreadCount", { count: unread })}</p>
      {items.length === 0 ? (
        <EmptyState title={t("ui.notifications.empty")}>
          <p>{t("ui.notifications.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ul className="notif-list" aria-label={t("ui.notifications.title")}>
          {items.map((n) => (
            <NotificationRow key={n.id} n={n} />
          ))}
        </ul>
      )}
      {q.hasNextPage && (
        <div className="center">
          <Button className="btn btn-secondary" onPress={() => q.fetchNextPage()} isPending={q.isFetchingNextPage}>
            {t("ui.notifications.more")}
          </Button>
        </div>
      )}
    </>
  );
}

function NotificationRow({ n }: { n: Notification }) {
  const t = useT();
  const intl = useIntl();
  const qc = useQueryClient();
  const read = useMutation({
    mutationFn: () => api(markRead, { params: { id: n.id } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: notificationsKey }),
  });
  const text = notificationText(t, n.kind, n.params);
  const when = intl.formatDate(n.createdAt, { dateStyle: "medium", timeStyle: "short" });
  return (
    <li className={`notif card ${n.read ? "" : "notif-unread"}`}>
      <span className="notif-dot" aria-hidden="true" />
      <div className="notif-body">
        {n.url ? (
          <Link to={n.url} className="notif-text" onClick={() => !n.read && read.mutate()}>
            {text}
          </Link>
        ) : (
          <span className="notif-text">{text}</span>
        )}
        {typeof n.params.excerpt === "string" && n.kind === "mailing.new" && <p className="notif-excerpt">{n.params.excerpt}</p>}
        <span className="muted small">
          {!n.read && <span className="visually-hidden">{t("ui.notifications.unread")} · </span>}
          <time dateTime={n.createdAt}>{when}</time>
        </span>
      </div>
      {!n.read && (
        <Button className="btn btn-secondary btn-small" onPress={() => read.mutate()} aria-label={t("ui.notifications.markOneLabel", { text })}>
          {t("ui.notifications.markOne")}
        </Button>
      )}
    </li>
  );
}
