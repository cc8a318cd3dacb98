import type { Kysely } from "kysely";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError, invalid } from "../../../kernel/errors.ts";
import { assertUsableFile } from "../../../kernel/files/index.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { upsertGradeItem } from "../../gradebook/server/api.ts";
import type { Loaded } from "./load.ts";

/**
 * Files attached to a submission or to feedback: documents the actor uploaded (or already
 * attached, which they may read), at most `max` of them, each within `maxMb`.
 */
export async function checkFiles(db: Kysely<DB>, actor: UserActor, ids: string[], field: string, limits: { max: number; maxMb: number }) {
  const unique = [...new Set(ids)];
  if (unique.length > limits.max) throw invalid({ [field]: { code: "assignments.too_many_files", params: { maximum: limits.max } } });
  for (const id of unique) {
    const f = await assertUsableFile(db, actor, id, "document", field);
    if (f.size > limits.maxMb * 1024 * 1024) throw invalid({ [field]: { code: "assignments.file_too_large", params: { name: f.name, maxMb: limits.maxMb } } });
  }
  return unique;
}

/** An item added through the course editor gets its grade item when first graded. */
export function ensureGradeItem(k: Kernel, l: Loaded) {
  return upsertGradeItem(k.db, l.tid, {
    courseId: l.a.course_id,
    source: { type: "assignment", id: l.item.id },
    courseItemId: l.item.id,
    title: l.item.title,
    maxScore: Number(l.a.max_score),
    passScore: l.a.pass_score === null ? null : Number(l.a.pass_score),
  });
}

export function closedError(state: "not_open" | "open" | "closed", opensAt: Date | string | null, closesAt: Date | null) {
  if (state === "not_open") return new AppError("assignments.not_open", { date: new Date(opensAt!).getTime() }, undefined, 409);
  if (state === "closed") return new AppError("assignments.closed", { date: closesAt!.getTime() }, undefined, 409);
  return null;
}
