import { isLocale, type Locale, t } from "../../../kernel/i18n.ts";
import { layoutMail } from "../../../kernel/mail.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { brandingOf } from "../../orgs/server/index.ts";
import { themeFor } from "../../orgs/shared/branding.ts";
import { addressOf, sessionIcs } from "./ics.ts";
import { findCourseTitle, findPeople, type SessionRow } from "./repo.ts";

export type Notice = {
  userId: string;
  kind: "registered" | "waiting" | "pending" | "promoted" | "approved" | "refused" | "reminder" | "changed" | "cancelled";
  position?: number | null;
  /** cancelled: the person held a seat, so their calendar has the entry to remove */
  seat?: boolean;
};

/** Dates in mails and sheets are shown in this zone (calendar files carry UTC, shown in each reader's zone). */
/** Set from the TIME_ZONE setting when the module registers. */
export let DISPLAY_TIME_ZONE = "Europe/Paris";
export const setDisplayTimeZone = (tz: string) => {
  DISPLAY_TIME_ZONE = tz;
};

export function formatRange(locale: Locale, start: Date, end: Date) {
  const f = new Intl.DateTimeFormat(locale, {
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: DISPLAY_TIME_ZONE,
  });
  const sameDay = start.toLocaleDateString("en-CA", { timeZone: DISPLAY_TIME_ZONE }) === end.toLocaleDateString("en-CA", { timeZone: DISPLAY_TIME_ZONE });
  const endText = sameDay
    ? new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", timeZone: DISPLAY_TIME_ZONE, timeZoneName: "short" }).format(end)
    : new Intl.DateTimeFormat(locale, {
        weekday: "long",
        day: "numeric",
        month: "long",
        year: "numeric",
        hour: "2-digit",
        minute: "2-digit",
        timeZone: DISPLAY_TIME_ZONE,
        timeZoneName: "short",
      }).format(end);
  return `${f.format(start)} – ${endText}`;
}

/** Mails people about their registration, in their language, branded like the course's organisation; invitations carry an ICS file. */
export async function notify(k: Kernel, tenantId: string, session: SessionRow, notices: Notice[], base: string) {
  if (notices.length === 0) return;
  const [people, course] = await Promise.all([
    findPeople(
      k.db,
      tenantId,
      notices.map((n) => n.userId),
    ),
    findCourseTitle(k.db, tenantId, session.course_id),
  ]);
  if (!course) return;
  const b = await brandingOf(k.db, tenantId, course.org_path);
  const theme = themeFor(b.primaryColor);
  const url = `${base}/courses/${session.course_id}/sessions/${session.id}`;
  const listUrl = `${base}/courses/${session.course_id}/sessions`;
  const host = new URL(base).host || "archipel";
  for (const n of notices) {
    const p = people.find((x) => x.id === n.userId);
    if (!p?.email) continue;
    const locale: Locale = isLocale(p.locale) ? p.locale : "fr";
    const values = {
      name: p.given_name,
      course: course.title,
      session: session.title,
      when: formatRange(locale, new Date(session.starts_at), new Date(session.ends_at)),
      where: session.kind === "online" ? (session.video_url ?? "") : (session.place ?? ""),
      position: n.position ?? 0,
      platform: b.platformName,
    };
    const cancelled = n.kind === "cancelled";
    const invite = !cancelled && n.kind !== "waiting" && n.kind !== "pending" && n.kind !== "refused";
    const calendar = invite || (cancelled && !!n.seat);
    const lines = [t(locale, "mail.sessions.hello", values), t(locale, `mail.sessions.${n.kind}.body`, values), t(locale, "mail.sessions.when", values)];
    if (values.where) lines.push(t(locale, session.kind === "online" ? "mail.sessions.link" : "mail.sessions.place", values));
    if (invite) lines.push(t(locale, "mail.sessions.calendar"));
    if (cancelled && n.seat) lines.push(t(locale, "mail.sessions.calendarCancel"));
    const { html, text } = layoutMail(
      { platformName: b.platformName, color: theme.primary, onColor: theme.onPrimary, logoUrl: b.logoUrl },
      {
        title: t(locale, `mail.sessions.${n.kind}.title`, values),
        lines,
        action: cancelled ? { label: t(locale, "mail.sessions.cancelled.action"), url: listUrl } : { label: t(locale, "mail.sessions.action"), url },
        footer: t(locale, "mail.sessions.footer", values),
      },
    );
    const name = `${p.given_name} ${p.family_name}`;
    await k.mailer.send({
      tenantId,
      to: p.email,
      subject: t(locale, `mail.sessions.${n.kind}.subject`, values),
      html,
      text,
      ...(calendar && {
        attachments: [
          {
            filename: cancelled ? "cancel.ics" : "invite.ics",
            contentType: `text/calendar; charset=utf-8; method=${cancelled ? "CANCEL" : "REQUEST"}`,
            content: sessionIcs(
              session,
              { id: p.id, name, email: p.email },
              { courseTitle: course.title, organizerName: b.platformName, organizerEmail: addressOf(k.config.MAIL_FROM), url, host, cancel: cancelled },
            ),
          },
        ],
      }),
    });
  }
}
