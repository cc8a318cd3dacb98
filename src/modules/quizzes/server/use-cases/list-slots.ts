import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getVersions, latestVersions } from "../../../questions/server/api.ts";
import type { Slot } from "../../shared/contract.ts";
import { loadQuiz } from "../access.ts";
import { listSlotRows, quizRubrics, type SlotRow } from "../repo.ts";

/** Slots with what an editor needs to recognise them: type, stem, version, and whether a newer version exists. */
export async function presentSlots(k: Kernel, tid: string, rows: SlotRow[]): Promise<Slot[]> {
  const fixed = rows.filter((r) => r.version_id);
  const [versions, latest, rubrics] = await Promise.all([
    getVersions(
      k.db,
      tid,
      fixed.map((r) => r.version_id!),
    ),
    latestVersions(
      k.db,
      tid,
      fixed.map((r) => r.question_id!),
    ),
    rows.length ? quizRubrics(k.db, tid, rows[0]!.quiz_id) : Promise.resolve(new Map()),
  ]);
  return rows.map((r) => {
    const v = r.version_id ? versions.get(r.version_id) : undefined;
    const l = r.question_id ? latest.get(r.question_id) : undefined;
    return {
      id: r.id,
      position: r.position,
      page: r.page,
      points: r.points,
      questionId: r.question_id,
      versionId: r.version_id,
      categoryId: r.category_id,
      type: v?.type ?? null,
      stem: v?.definition.stem ?? null,
      version: v?.version ?? null,
      latestVersionId: l && l.id !== r.version_id ? l.id : null,
      latestVersion: l && l.id !== r.version_id ? l.version : null,
      rubric: (r.question_id && rubrics.get(r.question_id)?.definition) || null,
    };
  });
}

export async function listSlots(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const { a } = await loadQuiz(k, actor, courseId, itemId, "edit");
  const tid = a.course.tenant_id;
  return { items: await presentSlots(k, tid, await listSlotRows(k.db, tid, itemId)) };
}
