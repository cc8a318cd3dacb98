import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ImportReport } from "../../shared/contract.ts";
import { prepareImport, type Upload } from "../prepare.ts";
import type { ImportRunner } from "../runner.ts";

/** The dry run: what an import of this file would do, and every row it would refuse. Writes nothing. */
export async function checkUserImport(k: Kernel, runner: ImportRunner, actor: Actor, upload: Upload, locale: Locale): Promise<ImportReport> {
  const prepared = await prepareImport(k, runner, actor, upload, locale);
  return prepared.report;
}
