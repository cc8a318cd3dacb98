import { renderRichText } from "../../../kernel/richtext/index.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const day = (today: string, days: number) => new Date(Date.parse(`${today}T12:00:00Z`) + days * 86400_000).toISOString().slice(0, 10);

/**
 * The homework diary of a demo class: what was done in the last lessons and the homework due this
 * week, written by the class's teacher for subjects the demo already has (by code), who is made
 * their teacher for them.
 */
export async function loadDiaryDemo(k: Kernel, opts: { tenantId: string; classId: string; teacherId: string }) {
  const tid = opts.tenantId;
  const subjects = new Map(
    (await k.db.selectFrom("school_subjects").select(["id", "code"]).where("tenant_id", "=", tid).execute()).map((s) => [s.code, s.id]),
  );
  const math = subjects.get("MATH");
  const french = subjects.get("FRA");
  if (!math || !french) return;
  for (const subject of [math, french])
    await k.db
      .insertInto("school_teachings")
      .values({ tenant_id: tid, id: newId(), class_id: opts.classId, subject_id: subject, teacher_id: opts.teacherId })
      .onConflict((oc) => oc.doNothing())
      .execute();
  // the platform's today, not the server's
  const now = new Intl.DateTimeFormat("en-CA", { timeZone: k.config.TIME_ZONE }).format(new Date());
  const entries = [
    { subject: math, kind: "lesson" as const, day: day(now, -1), due: null, title: "Fractions : comparer et ranger", text: "Méthode : mettre au même dénominateur, puis comparer les numérateurs.", minutes: null },
    { subject: math, kind: "homework" as const, day: day(now, -1), due: day(now, 2), title: "Exercices 12 à 15 page 48", text: "Ranger les fractions dans l’ordre croissant ; justifier chaque étape.", minutes: 30 },
    { subject: french, kind: "lesson" as const, day: day(now, 0), due: null, title: "Le récit d’aventure", text: "Lecture du chapitre 3 de « L’Île au trésor » ; le point de vue du narrateur.", minutes: null },
    { subject: french, kind: "homework" as const, day: day(now, 0), due: day(now, 3), title: "Lire le chapitre 4", text: "Relever trois indices qui annoncent le danger.", minutes: 45 },
  ];
  await k.db
    .insertInto("school_diary_entries")
    .values(
      entries.map((e) => ({
        tenant_id: tid,
        id: newId(),
        class_id: opts.classId,
        subject_id: e.subject,
        author_id: opts.teacherId,
        kind: e.kind,
        day: e.day,
        due_date: e.due,
        title: e.title,
        content: JSON.stringify(doc(e.text)),
        content_html: renderRichText(doc(e.text) as never, "fr"),
        workload_minutes: e.minutes,
        course_item_id: null,
        quiz_id: null,
      })),
    )
    .execute();
}
