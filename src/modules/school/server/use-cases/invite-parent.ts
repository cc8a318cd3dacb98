import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { isLocale, type Locale, t } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import { layoutMail } from "../../../../kernel/mail.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { brandingOf } from "../../../orgs/server/index.ts";
import { themeFor } from "../../../orgs/shared/branding.ts";
import { managesPath } from "../access.ts";
import { invitationToken } from "../../../../kernel/auth/invitation-token.ts";
import { placesOf } from "../repo.ts";

export const INVITATION_DAYS = 14;

/**
 * An admin over a pupil mails a parent a signed link, valid INVITATION_DAYS days, to link their
 * account to the pupil (or create one). The mail is branded with the pupil's school.
 */
export async function inviteParent(
  k: Kernel,
  actor: Actor,
  childId: string,
  input: { email: string; givenName: string; familyName: string },
  ctx: { base: string; locale: Locale },
) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const places = await placesOf(k.db, actor.tenant.id, childId);
  const mine = places.find((p) => managesPath(actor, p.path));
  if (!mine) throw notFound();
  authorize(actor, "user.manage", { userId: childId, orgPaths: [mine.path] });
  const child = places[0]!;
  if (child.profile !== "learner" || child.status !== "active") throw new AppError("validation", {}, { _: { code: "school.not_a_pupil_person" } });
  const tid = actor.tenant.id;
  const id = newId();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86400_000);
  const email = input.email.toLowerCase();
  await k.db
    .insertInto("school_invitations")
    .values({
      tenant_id: tid,
      id,
      child_id: childId,
      email,
      given_name: input.givenName,
      family_name: input.familyName,
      invited_by: actor.userId,
      expires_at: expiresAt,
    })
    .execute();
  const token = await invitationToken(k, "invite", tid, id, expiresAt);
  const b = await brandingOf(k.db, tid, mine.path);
  const theme = themeFor(b.primaryColor);
  const locale: Locale = isLocale(ctx.locale) ? ctx.locale : "fr";
  const childName = `${child.given_name} ${child.family_name}`;
  const url = `${ctx.base}/school/invitation?token=${encodeURIComponent(token)}`;
  const { html, text } = layoutMail(
    { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl },
    {
      title: t(locale, "mail.school.invite.title"),
      lines: [
        t(locale, "mail.school.invite.hello", { name: input.givenName }),
        t(locale, "mail.school.invite.body", { child: childName, group: b.name, platform: b.platformName }),
        t(locale, "mail.school.invite.expiry", { days: INVITATION_DAYS }),
      ],
      action: { label: t(locale, "mail.school.invite.action"), url },
      footer: t(locale, "mail.school.invite.footer"),
    },
  );
  await k.mailer.send({
    tenantId: tid,
    to: email,
    subject: t(locale, "mail.school.invite.subject", { child: childName, platform: b.platformName }),
    html,
    text,
  });
  k.record({ tenantId: tid, actorId: actor.userId, verb: "invited", objectType: "parent-invitation", objectId: id, context: { childId } });
  return { id, expiresAt: expiresAt.toISOString() };
}
