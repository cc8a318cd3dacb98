import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { syncCompletion } from "./completion.ts";
import { type ItemRow, writeGrades } from "./repo.ts";

/**
 * Demo: the course's gradebook on the French /20 scale, two weighted categories (online work ×2:
 * the quizzes and assignments already in it; oral and participation ×1, the lowest of its grades
 * dropped), three columns graded by hand with grades for every learner, and one quiz grade
 * overridden with its reason. Runs after the quiz and assignment demos (their columns exist).
 */
export async function loadGradebookDemo(k: Kernel, opts: { tenantId: string; courseId: string; teacherId: string | null; learnerIds: string[] }) {
  const tid = opts.tenantId;
  const online = newId();
  const oral = newId();
  await k.db
    .insertInto("grade_categories")
    .values([
      { tenant_id: tid, id: online, course_id: opts.courseId, name: "Travaux en ligne", weight: 2, drop_lowest: 0, position: 0 },
      { tenant_id: tid, id: oral, course_id: opts.courseId, name: "Oral et participation", weight: 1, drop_lowest: 1, position: 1 },
    ])
    .execute();
  await k.db
    .updateTable("grade_items")
    .set({ category_id: online })
    .where("tenant_id", "=", tid)
    .where("course_id", "=", opts.courseId)
    .where("source_type", "in", ["quiz", "assignment"])
    .execute();
  await k.db
    .insertInto("gradebook_courses")
    .values({ tenant_id: tid, course_id: opts.courseId, scale: "twenty", uncategorised_weight: 1 })
    .onConflict((oc) => oc.columns(["tenant_id", "course_id"]).doNothing())
    .execute();
  const first = await k.db
    .selectFrom("grade_items")
    .select((e) => e.fn.coalesce(e.fn.max("position"), e.val(-1)).as("p"))
    .where("tenant_id", "=", tid)
    .where("course_id", "=", opts.courseId)
    .executeTakeFirstOrThrow();
  const columns: (ItemRow & { course_id: string })[] = [
    ["Participation — 1er trimestre", 20, null],
    ["Participation — 2e trimestre", 20, null],
    ["Exposé oral", 20, 10],
  ].map(([title, max, pass], n) => ({
    id: newId(),
    course_id: opts.courseId,
    title: title as string,
    source_type: "manual",
    course_item_id: null,
    category_id: oral,
    max_score: max as number,
    pass_score: pass as number | null,
    released: true,
    position: Number(first.p) + 1 + n,
  }));
  await k.db
    .insertInto("grade_items")
    .values(columns.map((c) => ({ tenant_id: tid, ...c })))
    .execute();
  if (!opts.teacherId || opts.learnerIds.length === 0) return;
  // varied but repeatable grades: 8 to 19.5 out of 20
  const score = (i: number, n: number) => 8 + ((i * 7 + n * 5) % 24) / 2;
  for (const [n, c] of columns.entries()) {
    const written = await writeGrades(
      k.db,
      tid,
      c,
      opts.teacherId,
      opts.learnerIds.map((userId, i) => ({ userId, score: score(i, n), kind: "entered" as const, reason: "" })),
    );
    for (const w of written)
      k.record({
        tenantId: tid,
        actorId: opts.teacherId,
        verb: "graded",
        objectType: "grade-item",
        objectId: c.id,
        context: { courseId: opts.courseId, userId: w.userId, score: w.score },
      });
    await syncCompletion(k, tid, c, written);
  }
  // a quiz grade raised by the teacher, with the reason kept in the history
  const quizGrade = await k.db
    .selectFrom("grades as g")
    .innerJoin("grade_items as i", (j) => j.onRef("i.tenant_id", "=", "g.tenant_id").onRef("i.id", "=", "g.grade_item_id"))
    .select([
      "i.id",
      "i.title",
      "i.source_type",
      "i.course_item_id",
      "i.category_id",
      "i.max_score",
      "i.pass_score",
      "i.released",
      "i.position",
      "i.course_id",
      "g.user_id",
      "g.score",
    ])
    .where("g.tenant_id", "=", tid)
    .where("g.course_id", "=", opts.courseId)
    .where("i.source_type", "=", "quiz")
    .where("g.score", "is not", null)
    .orderBy("g.score")
    .executeTakeFirst();
  if (quizGrade) {
    const { user_id, score: computed, ...item } = quizGrade;
    const raised = Math.min(item.max_score, (computed ?? 0) + item.max_score / 10);
    const written = await writeGrades(k.db, tid, item, opts.teacherId, [
      { userId: user_id, score: raised, kind: "override", reason: "Question 3 ambiguë : le point est accordé à tous." },
    ]);
    k.record({
      tenantId: tid,
      actorId: opts.teacherId,
      verb: "graded",
      objectType: "grade-item",
      objectId: item.id,
      context: { courseId: opts.courseId, userId: user_id, score: raised, kind: "override" },
    });
    await syncCompletion(k, tid, item, written);
  }
}
