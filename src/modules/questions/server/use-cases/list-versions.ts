import type { UserActor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadQuestion } from "../access.ts";

/** The history of a question: attempts keep pointing at the version they were given. */
export async function listVersions(k: Kernel, actor: UserActor, questionId: string) {
  await loadQuestion(k.db, actor, questionId, "view");
  const rows = await k.db
    .selectFrom("question_versions")
    .select(["id", "version", "points", "used", "created_at", "definition"])
    .where("tenant_id", "=", actor.tenant.id)
    .where("question_id", "=", questionId)
    .orderBy("version", "desc")
    .execute();
  return {
    items: rows.map((r) => ({
      id: r.id,
      version: r.version,
      points: Number(r.points),
      used: r.used,
      createdAt: new Date(r.created_at).toISOString(),
      stem: String((r.definition as { stem?: unknown } | null)?.stem ?? "").slice(0, 300),
    })),
  };
}
