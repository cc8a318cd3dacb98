import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invitationToken } from "../../../../kernel/auth/invitation-token.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import { isLocale, type Locale, t } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import { layoutMail } from "../../../../kernel/mail.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { brandingOf, getOrg } from "../../../orgs/server/index.ts";
import { themeFor } from "../../../orgs/shared/branding.ts";
import { checkScopes } from "../host.ts";
import { replaceScopes } from "../repo.ts";

export const INVITATION_DAYS = 14;
type Input = {
  name: string;
  contactEmail: string;
  orgId: string;
  teachCourseIds: string[];
  enrolCourseIds: string[];
  enrolOrgIds: string[];
  startsAt: string | null;
  endsAt: string | null;
};

/**
 * An admin of a node invites an outside organisation to work in that branch: the partnership and
 * its scopes are saved, and its contact gets a signed link (valid INVITATION_DAYS days) to accept.
 */
export async function invitePartner(k: Kernel, actor: Actor, input: Input, ctx: { base: string; locale: Locale }) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const tid = actor.tenant.id;
  const org = await getOrg(k.db, tid, input.orgId);
  if (!org) throw notFound();
  await checkScopes(k.db, actor, org.path, input);
  const id = newId();
  const expiresAt = new Date(Date.now() + INVITATION_DAYS * 86400_000);
  const email = input.contactEmail.toLowerCase();
  await k.db.transaction().execute(async (trx) => {
    await trx
      .insertInto("partners")
      .values({
        tenant_id: tid,
        id,
        org_id: org.id,
        name: input.name,
        contact_email: email,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        invite_expires_at: expiresAt,
        invited_by: actor.userId,
      })
      .execute();
    await replaceScopes(trx, tid, id, input);
  });
  const token = await invitationToken(k, "partner", tid, id, expiresAt);
  const b = await brandingOf(k.db, tid, org.path);
  const theme = themeFor(b.primaryColor);
  const locale: Locale = isLocale(ctx.locale) ? ctx.locale : "fr";
  const { html, text } = layoutMail(
    { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl },
    {
      title: t(locale, "mail.partners.invite.title", { partner: input.name }),
      lines: [
        t(locale, "mail.partners.invite.body", { partner: input.name, group: b.name, platform: b.platformName }),
        t(locale, "mail.partners.invite.expiry", { days: INVITATION_DAYS }),
      ],
      action: { label: t(locale, "mail.partners.invite.action"), url: `${ctx.base}/partner/invitation?token=${encodeURIComponent(token)}` },
      footer: t(locale, "mail.partners.invite.footer"),
    },
  );
  await k.mailer.send({
    tenantId: tid,
    to: email,
    subject: t(locale, "mail.partners.invite.subject", { partner: input.name, platform: b.platformName }),
    html,
    text,
  });
  k.record({
    tenantId: tid,
    actorId: actor.userId,
    verb: "invited",
    objectType: "partner",
    objectId: id,
    context: { orgId: org.id, teach: input.teachCourseIds, enrolCourses: input.enrolCourseIds, enrolOrgs: input.enrolOrgIds },
  });
  return { id };
}
