import { useT } from "../../../web/i18n.tsx";
import type { FORUM_KINDS, TrustLevel } from "../shared/contract.ts";

export const forumKey = (forumId: string) => ["forum", forumId] as const;
export const threadKey = (threadId: string) => ["forum-thread", threadId] as const;
export const courseForumsKey = (courseId: string) => ["course-forums", courseId] as const;

export function KindBadge({ kind }: { kind: (typeof FORUM_KINDS)[number] }) {
  const t = useT();
  return <span className={`badge badge-neutral forum-kind forum-kind-${kind}`}>{t(`ui.forums.kind.${kind}`)}</span>;
}

export function TrustNote({ trust }: { trust: TrustLevel }) {
  const t = useT();
  if (trust !== "new") return null;
  return <p className="forum-note">{t("ui.forums.newMemberNote")}</p>;
}

/** "3 minutes ago"-style time with the exact date in a tooltip and for screen readers. */
export function When({ iso }: { iso: string }) {
  const t = useT();
  const d = new Date(iso);
  return (
    <time dateTime={iso} title={t("ui.forums.dateTime", { d })}>
      {t("ui.forums.dateTime", { d })}
    </time>
  );
}
