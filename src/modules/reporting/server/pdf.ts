import PDFDocument from "pdfkit";
import { type Locale, t } from "../../../kernel/i18n.ts";
import { DISPLAY_TIME_ZONE } from "../../sessions/server/index.ts";
import type { ProgrammeReportRow, ReportRow } from "../shared/contract.ts";
import { hoursMinutes } from "../shared/format.ts";

export type AttestationData = {
  platformName: string;
  color: string;
  onColor: string;
  courseTitle: string;
  period: { from: string | null; to: string | null };
  gapMinutes: number;
  row: ReportRow;
  generatedAt: Date;
};

type Person = { givenName: string; familyName: string; username: string; funder: string | null };

/**
 * An attestation's first part, the same for a course and a programme: the platform's band, the
 * title, the learner, the training, the funder and the period; then its helpers for the rest.
 */
function openAttestation(
  d: { platformName: string; color: string; onColor: string; period: { from: string | null; to: string | null } },
  r: Person,
  training: { label: "training" | "programme"; title: string },
  locale: Locale,
  compress = true,
) {
  const doc = new PDFDocument({
    size: "A4",
    margin: 56,
    compress,
    info: { Title: `${training.title} · ${r.familyName} ${r.givenName}`, Producer: "Archipel" },
    lang: locale,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const m = (id: string, v?: Record<string, unknown>) => t(locale, `mail.reporting.attestation.${id}`, v);
  const day = (iso: string) =>
    new Intl.DateTimeFormat(locale, { day: "numeric", month: "long", year: "numeric", timeZone: DISPLAY_TIME_ZONE }).format(new Date(iso));
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  doc.rect(0, 0, doc.page.width, 64).fill(d.color);
  doc.fillColor(d.onColor).font("Helvetica-Bold").fontSize(16).text(d.platformName, left, 24, { width });
  doc.fillColor("#111111").font("Helvetica-Bold").fontSize(18).text(m("title"), left, 92, { width });
  doc.moveDown(0.6).font("Helvetica").fontSize(11);
  const line = (label: string, value: string) => doc.font("Helvetica").text(m("line", { label, value }), { width });
  line(m("learner"), `${r.givenName} ${r.familyName} (${r.username})`);
  line(m(training.label), training.title);
  if (r.funder) line(m("funder"), r.funder);
  line(
    m("period"),
    d.period.from && d.period.to
      ? m("between", { from: day(d.period.from), to: day(d.period.to) })
      : d.period.from
        ? m("since", { from: day(d.period.from) })
        : d.period.to
          ? m("until", { to: day(d.period.to) })
          : m("whole"),
  );
  doc.moveDown(1);
  const heading = (s: string) => doc.moveDown(0.6).font("Helvetica-Bold").fontSize(12).text(s, { width }).font("Helvetica").fontSize(11).moveDown(0.2);
  return { doc, done, m, day, width, line, heading };
}

/**
 * A learner's attestation for a funder: the platform, the learner and the training, the period,
 * then time online (with how it is computed), attendance, completion and result, and when it
 * was generated. `compress: false` keeps text streams readable in tests.
 */
export function attestationPdf(d: AttestationData, locale: Locale, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const { doc, done, m, day, width, line, heading } = openAttestation(d, d.row, { label: "training", title: d.courseTitle }, locale, opts.compress);
  const r = d.row;
  heading(m("online"));
  line(m("time"), hoursMinutes(r.online.seconds));
  line(m("visits"), String(r.online.visits));
  doc
    .fontSize(9)
    .fillColor("#444444")
    .text(m("method", { gap: d.gapMinutes }), { width })
    .fillColor("#111111")
    .fontSize(11);
  heading(m("attendance"));
  line(
    m("sessions"),
    m("sessions_value", { present: r.attendance.present, sessions: r.attendance.sessions, absent: r.attendance.absent, excused: r.attendance.excused }),
  );
  line(m("present_time"), hoursMinutes(r.attendance.presentMinutes * 60));
  heading(m("completion"));
  line(m("items"), m("items_value", { done: r.completion.done, total: r.completion.total }));
  line(m("completed"), r.completion.completedAt ? day(r.completion.completedAt) : m("not_completed"));
  heading(m("result"));
  line(m("result"), r.result.text || m("no_result"));

  doc.moveDown(2).fontSize(9).fillColor("#444444");
  const at = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: DISPLAY_TIME_ZONE,
    timeZoneName: "short",
  }).format(d.generatedAt);
  doc.text(m("generated", { at, platform: d.platformName }), { width });
  doc.end();
  return done;
}

export type ProgrammeAttestationData = {
  platformName: string;
  color: string;
  onColor: string;
  programmeTitle: string;
  period: { from: string | null; to: string | null };
  gapMinutes: number;
  row: ProgrammeReportRow;
  generatedAt: Date;
};

/**
 * A learner's attestation for a programme: the same heading as a course's, the totals across the
 * programme's courses (time online with its method, attendance, courses completed against the
 * programme's rule, the mean of the results), then each course in the programme's order.
 */
export function programmeAttestationPdf(d: ProgrammeAttestationData, locale: Locale, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const r = d.row;
  const { doc, done, m, day, width, line, heading } = openAttestation(d, r, { label: "programme", title: d.programmeTitle }, locale, opts.compress);
  const percent = (x: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 }).format(x);
  const small = (s: string) => doc.fontSize(9).fillColor("#444444").text(s, { width }).fillColor("#111111").fontSize(11);
  heading(m("programme_totals"));
  line(m("time"), hoursMinutes(r.online.seconds));
  line(m("visits"), String(r.online.visits));
  small(m("programme_method", { gap: d.gapMinutes }));
  line(
    m("sessions"),
    m("sessions_value", { present: r.attendance.present, sessions: r.attendance.sessions, absent: r.attendance.absent, excused: r.attendance.excused }),
  );
  line(m("present_time"), hoursMinutes(r.attendance.presentMinutes * 60));
  line(
    m("courses_completed"),
    m("courses_completed_value", { done: r.programme.coursesCompleted, required: r.programme.required, courses: r.programme.courses }),
  );
  line(m("programme_completed"), r.programme.completedAt ? day(r.programme.completedAt) : m("not_completed"));
  line(
    m("programme_result"),
    r.result.percent === null ? m("no_result") : m("programme_result_value", { percent: percent(r.result.percent), count: r.result.courses }),
  );

  for (const c of r.courses) {
    heading(c.title);
    if (!c.enrolled) {
      line(m("course_state"), m("not_enrolled"));
      continue;
    }
    line(m("time"), `${hoursMinutes(c.online.seconds)} (${m("visits_value", { count: c.online.visits })})`);
    line(
      m("sessions"),
      m("sessions_value", { present: c.attendance.present, sessions: c.attendance.sessions, absent: c.attendance.absent, excused: c.attendance.excused }),
    );
    line(m("present_time"), hoursMinutes(c.attendance.presentMinutes * 60));
    line(m("items"), m("items_value", { done: c.completion.done, total: c.completion.total }));
    line(m("course_completed"), c.completion.completedAt ? day(c.completion.completedAt) : m("not_completed"));
    line(m("result"), c.result.text || m("no_result"));
  }

  doc.moveDown(2).fontSize(9).fillColor("#444444");
  const at = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: DISPLAY_TIME_ZONE,
    timeZoneName: "short",
  }).format(d.generatedAt);
  doc.text(m("generated", { at, platform: d.platformName }), { width });
  doc.end();
  return done;
}
