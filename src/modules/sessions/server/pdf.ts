import PDFDocument from "pdfkit";
import { type Locale, t } from "../../../kernel/i18n.ts";
import { DISPLAY_TIME_ZONE, formatRange } from "./notify.ts";

export type SheetData = {
  platformName: string;
  color: string;
  courseTitle: string;
  session: { title: string; kind: "in-person" | "online"; startsAt: Date; endsAt: Date; place: string | null; videoUrl: string | null };
  people: { name: string; status: "present" | "absent" | "excused" | null; signature: string | null; signedOnPaper: boolean }[];
  generatedAt: Date;
};

/**
 * The attendance sheet: platform name and colour, course, session, date and place, one row per
 * person with status and signature, totals, and when it was generated. Built in memory (a session
 * holds at most a few hundred people). `compress: false` keeps text streams readable in tests.
 */
export function attendanceSheet(d: SheetData, locale: Locale, opts: { compress?: boolean } = {}): Promise<Buffer> {
  const doc = new PDFDocument({
    size: "A4",
    margin: 48,
    compress: opts.compress ?? true,
    info: { Title: `${d.courseTitle} · ${d.session.title}`, Producer: "Archipel" },
    lang: locale,
  });
  const chunks: Buffer[] = [];
  doc.on("data", (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const m = (id: string, v?: Record<string, unknown>) => t(locale, `mail.sessions.sheet.${id}`, v);
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;

  // header band in the platform's colour
  doc.rect(0, 0, doc.page.width, 64).fill(d.color);
  doc.fillColor(contrastText(d.color)).font("Helvetica-Bold").fontSize(16).text(d.platformName, left, 24, { width });
  doc.fillColor("#111111").font("Helvetica-Bold").fontSize(18).text(m("title"), left, 88, { width });
  doc.moveDown(0.4).font("Helvetica").fontSize(11);
  const line = (label: string, value: string) => doc.text(m("line", { label, value }), { width });
  line(m("course"), d.courseTitle);
  line(m("session"), d.session.title);
  line(m("date"), formatRange(locale, d.session.startsAt, d.session.endsAt));
  const where = d.session.kind === "online" ? d.session.videoUrl : d.session.place;
  if (where) line(d.session.kind === "online" ? m("link") : m("place"), where);
  doc.moveDown(1);

  const cols = [width * 0.42, width * 0.2, width * 0.38];
  const rowH = 44;
  const header = () => {
    const y = doc.y;
    doc.rect(left, y, width, 22).fill("#eeeeee");
    doc.fillColor("#111111").font("Helvetica-Bold").fontSize(10);
    for (const [i, h] of [m("name"), m("status"), m("signature")].entries()) {
      doc.text(h, left + 6 + cols.slice(0, i).reduce((a, b) => a + b, 0), y + 6, { width: cols[i] - 12 });
    }
    doc.y = y + 22;
  };
  header();
  for (const p of d.people) {
    if (doc.y + rowH > doc.page.height - doc.page.margins.bottom - 60) {
      doc.addPage();
      header();
    }
    const y = doc.y;
    doc.font("Helvetica").fontSize(10).fillColor("#111111");
    doc.text(p.name, left + 6, y + 15, { width: cols[0] - 12, height: rowH - 10, ellipsis: true });
    doc.text(p.status ? m(p.status) : m("unrecorded"), left + cols[0] + 6, y + 15, { width: cols[1] - 12 });
    const sx = left + cols[0] + cols[1] + 6;
    if (p.signature) {
      try {
        doc.image(Buffer.from(p.signature.slice(p.signature.indexOf(",") + 1), "base64"), sx, y + 4, { fit: [cols[2] - 12, rowH - 8] });
      } catch {
        doc.text("—", sx, y + 15);
      }
    } else if (p.signedOnPaper) doc.fillColor("#444444").text(m("on_paper"), sx, y + 15, { width: cols[2] - 12 });
    doc
      .moveTo(left, y + rowH)
      .lineTo(left + width, y + rowH)
      .strokeColor("#cccccc")
      .lineWidth(0.5)
      .stroke();
    doc.y = y + rowH;
  }
  if (d.people.length === 0)
    doc
      .font("Helvetica-Oblique")
      .fontSize(10)
      .text(m("nobody"), left + 6, doc.y + 10);

  const count = (s: string | null) => d.people.filter((p) => p.status === s).length;
  doc.moveDown(1.5).font("Helvetica-Bold").fontSize(11).fillColor("#111111");
  doc.text(
    m("totals", { registered: d.people.length, present: count("present"), absent: count("absent"), excused: count("excused"), unrecorded: count(null) }),
    left,
    doc.y,
    { width },
  );
  doc.moveDown(0.6).font("Helvetica").fontSize(9).fillColor("#444444");
  const at = new Intl.DateTimeFormat(locale, {
    day: "numeric",
    month: "long",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone: DISPLAY_TIME_ZONE,
    timeZoneName: "short",
  }).format(d.generatedAt);
  doc.text(m("generated", { at }), { width });
  doc.end();
  return done;
}

const contrastText = (hex: string) => {
  const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b > 0.18 ? "#111111" : "#ffffff";
};
