import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { hashPassword, verifyPassword } from "../../../../kernel/auth/password.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { deleteSessions, getUser, updateUserRow } from "../repo.ts";
import { sessionsEnded } from "../sessions-ended.ts";

export async function changePassword(k: Kernel, actor: Actor, current: string, next: string) {
  authorize(actor, "account.self", { userId: actor.kind === "user" ? actor.userId : undefined });
  const user = await getUser(k.db, actor.tenant.id, actor.userId);
  if (!user?.password_hash || !(await verifyPassword(user.password_hash, current))) {
    throw new AppError("validation", {}, { currentPassword: { code: "auth.wrong_password" } });
  }
  await updateUserRow(k.db, actor.tenant.id, actor.userId, { password_hash: await hashPassword(next) });
  const ended = await deleteSessions(k.db, actor.tenant.id, actor.userId, { except: actor.sessionId });
  await sessionsEnded(k, { tenantId: actor.tenant.id, userId: actor.userId, sessionIds: ended });
}
