import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { Profile } from "../../../../kernel/db/schema.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import { insertPerson, presentUsers } from "../people.ts";
import { findUserByLogin, getUser } from "../repo.ts";
import { requestPasswordReset } from "./request-password-reset.ts";

export type NewUserInput = { username: string; email?: string | null; givenName: string; familyName: string; profile: Profile; orgId: string; password?: string | null };

/** An admin creates a person on a node of their branch. Without a password, the person is mailed a link to choose one. */
export async function createUser(k: Kernel, actor: Actor, input: NewUserInput, ctx: { base: string; locale: Locale }) {
  const org = await visibleOrg(k.db, actor, input.orgId);
  authorize(actor, "user.manage", { orgPaths: [org.path] });
  if (await findUserByLogin(k.db, actor.tenant.id, input.username)) throw new AppError("validation", {}, { username: { code: "people.username_taken" } });
  if (input.email && (await findUserByLogin(k.db, actor.tenant.id, input.email))) throw new AppError("validation", {}, { email: { code: "people.email_taken" } });
  const id = await k.db.transaction().execute(async (trx) =>
    insertPerson(trx, actor.tenant.id, { ...input, passwordHash: input.password ? await hashPassword(input.password) : null }),
  );
  if (!input.password && input.email) await requestPasswordReset(k, actor.tenant, input.username, ctx.base, ctx.locale);
  const user = await getUser(k.db, actor.tenant.id, id);
  return (await presentUsers(k.db, actor.tenant.id, [user!]))[0];
}
