import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentCard } from "../present.ts";
import { templatesIn } from "../repo.ts";

/** Ids of the nodes on the paths from the platform root to each of the person's nodes. */
export const nodesAtOrAbove = (paths: string[]) => [...new Set(paths.flatMap((p) => p.split("/").filter(Boolean)))];

/** Templates on nodes at, above or below the nodes where the person teaches or administers. */
export async function listTemplates(k: Kernel, actor: Actor) {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  const paths = actor.grants.filter((g) => g.role === "teacher" || g.role === "admin").map((g) => g.path);
  const rows = await templatesIn(k.db, actor.tenant.id, nodesAtOrAbove(paths), paths, actor.userId);
  return rows.map(presentCard);
}
