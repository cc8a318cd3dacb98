import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCategory } from "../../../questions/server/access.ts";
import { insertQuestion } from "../../../questions/server/repo.ts";
import type { ImportReport } from "../../shared/contract.ts";
import { readUpload, UnreadableUpload } from "../import-package.ts";
import { finalise } from "../report.ts";

/**
 * Imports a QTI package or item into a category. A dry run reads and checks everything and
 * returns the report; the real run imports every question that passed (items and interactions
 * that did not are in the report with their reason) in one transaction.
 */
export async function importQti(
  k: Kernel,
  actor: Actor,
  categoryId: string,
  upload: { name: string; data: Uint8Array },
  dryRun: boolean,
  locale: Locale,
): Promise<ImportReport> {
  const { actor: a } = await loadCategory(k.db, actor, categoryId, "edit");
  let pkg: ReturnType<typeof readUpload>;
  try {
    pkg = readUpload(upload.name, upload.data);
  } catch (e) {
    if (e instanceof UnreadableUpload) throw new AppError("qti.unreadable", {}, { file: { code: "qti.unreadable" } }, 422);
    throw e;
  }
  const { report, ready } = finalise(pkg, locale, dryRun);
  if (dryRun) return report;
  if (ready.length === 0) throw new AppError("qti.nothing_to_import", {}, undefined, 422, report);
  await k.db.transaction().execute(async (tx) => {
    for (const q of ready)
      await insertQuestion(tx, a.tenant.id, { categoryId, name: q.name, points: q.points, tags: ["qti"], definition: q.definition, createdBy: a.userId });
  });
  k.record({
    tenantId: a.tenant.id,
    actorId: a.userId,
    verb: "imported",
    objectType: "question_category",
    objectId: categoryId,
    context: { format: "qti", file: upload.name.slice(0, 200), items: report.found, imported: ready.length },
  });
  return report;
}
