import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { hashPassword, verifyPassword } from "../../../../kernel/auth/password.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { getUser, updateUserRow } from "../repo.ts";
import { endSessionsOf } from "../session.ts";

export async function changePassword(k: Kernel, actor: Actor, current: string, next: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const user = await getUser(k.db, actor.tenant.id, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
    throw new AppError("validation", {}, { currentPassword: { code: "auth.wrong_password" } });
  }
  await updateUserRow(k.db, actor.tenant.id, actor.userId, { password_hash: await hashPassword(next) });
  await endSessionsOf(k, actor.tenant.id, actor.userId, { except: actor.sessionId });
}
