import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { adminPaths, requireBrowser } from "../access.ts";
import { presentImport } from "../present.ts";
import { importsOf } from "../repo.ts";

/** The platform's courses made from the library that the person edits, with the latest version of each: one query. */
export async function listImports(k: Kernel, actor: Actor) {
  requireBrowser(actor);
  return { items: (await importsOf(k.db, actor.tenant.id, actor.userId, adminPaths(actor))).map(presentImport) };
}
