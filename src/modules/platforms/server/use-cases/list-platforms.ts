import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentPlatform } from "../present.ts";
import { listTenants } from "../repo.ts";

export async function listPlatforms(k: Kernel, actor: Actor) {
  authorize(actor, "platform.list");
  return (await listTenants(k.db)).map(presentPlatform);
}
