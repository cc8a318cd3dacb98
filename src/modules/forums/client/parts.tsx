import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Label, Radio, RadioGroup, Text, TextArea, TextField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { useAnnounce } from "../../../web/ui.tsx";
import { type FORUM_KINDS, moderatePost, type TrustLevel } from "../shared/contract.ts";

export const forumKey = (forumId: string) => ["forum", forumId] as const;
export const threadKey = (threadId: string) => ["forum-thread", threadId] as const;
export const courseForumsKey = (courseId: string) => ["course-forums", courseId] as const;

/** The way back to a forum, above its pages (a thread, the review queue, the log). */
export function BackToForum({ forumId, title }: { forumId: string; title: string }) {
  return (
    <p className="breadcrumb">
      <Link to="/forums/$forumId" params={{ forumId }}>
        <span aria-hidden="true">← </span>
        {title}
      </Link>
    </p>
  );
}

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

/** The reason a moderator gives for a decision; it is kept in the moderators' log. */
export function ReasonField({ isRequired }: { isRequired?: boolean }) {
  const t = useT();
  return (
    <TextField name="reason" className="field" isRequired={isRequired}>
      <Label>{t("ui.moderation.reason")}</Label>
      <TextArea rows={2} />
    </TextField>
  );
}

/**
 * One choice among a few, as radio buttons (a report's reason, a moderator's decision, a
 * restriction): `children` names an option, `help` (if given) says under it what it does.
 */
export function ChoiceField<T extends string>({
  label,
  options,
  value,
  onChange,
  help,
  children,
}: {
  label: string;
  options: readonly T[];
  value: T;
  onChange: (v: T) => void;
  help?: (option: T) => string;
  children: (option: T) => string;
}) {
  return (
    <RadioGroup className="field radio-group" value={value} onChange={(v) => onChange(v as T)}>
      <Label>{label}</Label>
      {options.map((o) => (
        <Radio key={o} value={o} className="radio">
          {help ? (
            <span>
              {children(o)}
              <Text slot="description" className="field-help choice-help">
                {help(o)}
              </Text>
            </span>
          ) : (
            children(o)
          )}
        </Radio>
      ))}
    </RadioGroup>
  );
}

const DECISIONS = ["approve", "hide", "delete"] as const;

/** A moderator's decision on a post (approve, hide or delete, with a reason), on the thread page and in the review queues. */
export function ModerateDialog({ post, threadId }: { post: { id: string; status: string; author: { name: string } }; threadId?: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [action, setAction] = useState<(typeof DECISIONS)[number]>(post.status === "visible" ? "hide" : "approve");
  const m = useMutation({
    mutationFn: (reason: string) => api(moderatePost, { params: { postId: post.id }, body: { action, reason } }),
    onSuccess: () => {
      if (threadId) qc.invalidateQueries({ queryKey: threadKey(threadId) });
      qc.invalidateQueries({ queryKey: ["moderation"] });
      announce(t(`ui.moderation.done.${action}`));
    },
  });
  return (
    <FormDialog
      label={t("ui.moderation.moderate")}
      title={t("ui.moderation.moderatePost", { name: post.author.name })}
      submitLabel={t(`ui.moderation.actions.${action}`)}
      danger={action === "delete"}
      onSubmit={(form) => m.mutateAsync(String(form.get("reason") ?? ""))}
    >
      {() => (
        <>
          <ChoiceField label={t("ui.moderation.decision")} options={DECISIONS} value={action} onChange={setAction}>
            {(a) => t(`ui.moderation.actions.${a}`)}
          </ChoiceField>
          <ReasonField isRequired={action !== "approve"} />
        </>
      )}
    </FormDialog>
  );
}
