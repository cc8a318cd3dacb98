import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { networkTotals, presentPlatform } from "../present.ts";
import { listTenants } from "../repo.ts";

export async function listPlatforms(k: Kernel, actor: Actor) {
  authorize(actor, "platform.list");
  const items = (await listTenants(k.db)).map(presentPlatform);
  return { items, networks: networkTotals(items) };
}
