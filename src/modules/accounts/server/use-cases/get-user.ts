import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { presentUsers } from "../people.ts";
import { visibleUser } from "../visible-user.ts";

export async function getUser(k: Kernel, actor: Actor, id: string) {
  const { user } = await visibleUser(k, actor, id);
  return (await presentUsers(k.db, user.tenant_id, [user]))[0];
}
