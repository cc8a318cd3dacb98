import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCategory } from "../../../questions/server/access.ts";
import { latestVersions } from "../../../questions/server/api.ts";
import { packageQuestions } from "../export-package.ts";

export const zipName = (title: string) =>
  `${
    title
      .normalize("NFKD")
      .replace(/[^\w.-]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 60) || "qti"
  }-qti3.zip`;

/** The latest version of the questions of a category (all, or the selected ones) as a QTI 3.0 package. */
export async function exportQuestions(k: Kernel, actor: Actor, categoryId: string, ids: string[] | null) {
  const { cat, actor: a } = await loadCategory(k.db, actor, categoryId, "view");
  let q = k.db
    .selectFrom("questions")
    .select(["id", "name"])
    .where("tenant_id", "=", a.tenant.id)
    .where("category_id", "=", categoryId)
    .where("deleted_at", "is", null);
  if (ids) q = q.where("id", "in", ids.length ? ids : ["00000000-0000-0000-0000-000000000000"]);
  const rows = await q.orderBy("created_at").orderBy("id").execute();
  if (rows.length === 0) throw new AppError("qti.nothing_to_export", {}, undefined, 422);
  const versions = await latestVersions(
    k.db,
    a.tenant.id,
    rows.map((r) => r.id),
  );
  const questions = rows.flatMap((r) => {
    const v = versions.get(r.id);
    return v ? [{ versionId: v.id, name: r.name, points: v.points, definition: v.definition }] : [];
  });
  k.record({
    tenantId: a.tenant.id,
    actorId: a.userId,
    verb: "exported",
    objectType: "question_category",
    objectId: categoryId,
    context: { format: "qti3", questions: questions.length, selection: ids !== null },
  });
  return { filename: zipName(cat.name), body: Buffer.from(packageQuestions(cat.name, questions)) };
}
