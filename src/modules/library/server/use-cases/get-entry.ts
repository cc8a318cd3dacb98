import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Entry } from "../../shared/contract.ts";
import { isPlatformAdmin, requireBrowser } from "../access.ts";
import { presentCard, presentVersion } from "../present.ts";
import { type EntryRow, entryById, usageOf, versionContent, versionsOf } from "../repo.ts";
import { countsOf, outlineOf } from "../snapshot.ts";

/** An entry with its versions and the outline of one of them; a withdrawn entry only for its publisher. */
export async function getEntry(k: Kernel, actor: Actor, id: string, version?: number): Promise<Entry> {
  requireBrowser(actor);
  const e = await entryById(k.db, id, actor.tenant.id);
  if (!e) throw notFound();
  const mine = e.publisher_tenant_id === actor.tenant.id;
  if (e.withdrawn_at && !mine && !actor.isOperator) throw notFound();
  return fullEntry(k, actor, e, version);
}

export async function fullEntry(k: Kernel, actor: UserActor, e: EntryRow, version?: number): Promise<Entry> {
  const mine = e.publisher_tenant_id === actor.tenant.id;
  const n = version ?? e.latest_version;
  const seesUsage = (mine && isPlatformAdmin(actor)) || actor.isOperator;
  const [versions, content, usage] = await Promise.all([versionsOf(k.db, e.id), versionContent(k.db, e.id, n), seesUsage ? usageOf(k.db, e.id) : null]);
  if (!content) throw notFound();
  return {
    ...presentCard(e),
    versions: versions.map(presentVersion),
    preview: { version: n, sections: outlineOf(content), counts: countsOf(content), notCarried: content.notCarried },
    usage,
    mine,
    canImport: !e.withdrawn_at && actor.grants.some((g) => g.role === "teacher" || g.role === "admin"),
  };
}
