import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getVersions, latestVersions } from "../../../questions/server/api.ts";
import { loadQuiz } from "../../../quizzes/server/access.ts";
import { listSlotRows } from "../../../quizzes/server/repo.ts";
import { type ExportSection, packageTest } from "../export-package.ts";
import { zipName } from "./export-questions.ts";

/**
 * A quiz as a QTI 3.0 assessment test: consecutive fixed questions form a section (in the quiz's
 * order, with the quiz's points); a random draw from a category is a section holding the whole
 * category with `selection select="1"`.
 */
export async function exportQuiz(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const { a, quiz } = await loadQuiz(k, actor, courseId, itemId, "edit");
  const tid = a.course.tenant_id;
  const slots = await listSlotRows(k.db, tid, itemId);
  if (slots.length === 0) throw new AppError("qti.nothing_to_export", {}, undefined, 422);
  const fixed = await getVersions(
    k.db,
    tid,
    slots.flatMap((s) => (s.version_id ? [s.version_id] : [])),
  );
  const catIds = [...new Set(slots.flatMap((s) => (s.category_id ? [s.category_id] : [])))];
  const catQuestions = catIds.length
    ? await k.db
        .selectFrom("questions")
        .select(["id", "name", "category_id"])
        .where("tenant_id", "=", tid)
        .where("category_id", "in", catIds)
        .where("deleted_at", "is", null)
        .orderBy("id")
        .execute()
    : [];
  const latest = await latestVersions(
    k.db,
    tid,
    catQuestions.map((q) => q.id),
  );
  const names = new Map(
    (slots.some((s) => s.question_id)
      ? await k.db
          .selectFrom("questions")
          .select(["id", "name"])
          .where("tenant_id", "=", tid)
          .where(
            "id",
            "in",
            slots.flatMap((s) => (s.question_id ? [s.question_id] : [])),
          )
          .execute()
      : []
    ).map((r) => [r.id, r.name]),
  );
  const sections: ExportSection[] = [];
  for (const s of slots) {
    if (s.version_id) {
      const v = fixed.get(s.version_id);
      if (!v) continue;
      let last = sections[sections.length - 1];
      if (!last || last.select !== null) {
        last = { title: `Section ${sections.length + 1}`, questions: [], select: null, shuffle: false };
        sections.push(last);
      }
      // a version placed twice with other points would be one item: the points of its first slot
      last.questions.push({ versionId: v.id, name: names.get(v.questionId) ?? v.definition.stem.slice(0, 80), points: s.points, definition: v.definition });
    } else if (s.category_id) {
      const qs = catQuestions
        .filter((q) => q.category_id === s.category_id)
        .flatMap((q) => {
          const v = latest.get(q.id);
          return v ? [{ versionId: v.id, name: q.name, points: s.points, definition: v.definition }] : [];
        });
      if (qs.length) sections.push({ title: `Section ${sections.length + 1}`, questions: qs, select: 1, shuffle: false });
    }
  }
  k.record({
    tenantId: tid,
    actorId: actor.kind === "user" ? actor.userId : null,
    verb: "exported",
    objectType: "quiz",
    objectId: itemId,
    context: { format: "qti3", sections: sections.length },
  });
  return {
    filename: zipName(quiz.title),
    body: Buffer.from(packageTest(quiz.title, sections, { timeLimitS: quiz.time_limit_s, shuffle: quiz.shuffle_questions })),
  };
}
