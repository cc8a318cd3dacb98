import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ImportStatus } from "../../shared/contract.ts";
import { prepareImport, type Upload } from "../prepare.ts";
import { presentImport } from "../present.ts";
import { insertImport } from "../repo.ts";
import type { ImportRunner } from "../runner.ts";

/**
 * Checks the file again (authorization first, inside prepareImport); refuses it whole, with the
 * report in `error.details`, if any row is bad; else records the import and answers at once
 * while the people are created in the background (follow it with getUserImport).
 */
export async function startUserImport(k: Kernel, runner: ImportRunner, actor: Actor, upload: Upload, locale: Locale): Promise<ImportStatus> {
  const p = await prepareImport(k, runner, actor, upload, locale);
  if (p.report.errors.length) throw new AppError("import.has_errors", { count: p.report.errors.length }, undefined, 422, p.report);
  const tenantId = p.actor.tenant.id;
  const userId = p.actor.userId;
  const row = await insertImport(k.db, tenantId, { id: newId(), actor_id: userId, org_id: p.org.id, file_name: upload.fileName, total: p.rows.length });
  runner.start({
    tenantId,
    importId: row.id,
    actorId: userId,
    org: { id: p.org.id, path: p.org.path },
    rows: p.rows,
    existingClasses: p.existingClasses,
    newClasses: p.newClasses,
  });
  return presentImport(row, locale);
}
