import { type Actor, allowed } from "../../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ImportStatus } from "../../shared/contract.ts";
import { presentImport } from "../present.ts";
import { getImport } from "../repo.ts";
import { type ImportRunner, STALE_MS } from "../runner.ts";

/**
 * Progress of an import, for the person who started it or an admin over its node; anyone else,
 * and any other platform, gets 404.
 */
export async function getUserImport(k: Kernel, runner: ImportRunner, actor: Actor, id: string, locale: Locale): Promise<ImportStatus> {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  let row = await getImport(k.db, actor.tenant.id, id);
  if (!row || (row.actor_id !== actor.userId && !allowed(actor, "import.run", { orgPath: row.org_path }))) throw notFound();
  if (row.status === "running" && !runner.runsHere(id) && Date.now() - new Date(row.updated_at).getTime() > STALE_MS) {
    await runner.sweep(actor.tenant.id);
    row = (await getImport(k.db, actor.tenant.id, id))!;
  }
  return presentImport(row, locale);
}
