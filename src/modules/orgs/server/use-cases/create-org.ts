import type { Kysely } from "kysely";
import { type Actor, authorize } from "../../../../kernel/auth/actor.ts";
import type { DB } from "../../../../kernel/db/schema.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import { presentOrg } from "../present.ts";
import { findByCode, insertOrg } from "../repo.ts";
import { visibleOrg } from "../visible.ts";

export type NewOrg = { parentId: string; name: string; kind: string; code?: string | null; primaryColor?: string | null; logoUrl?: string | null };

export async function createOrg(db: Kysely<DB>, actor: Actor, input: NewOrg) {
  const parent = await visibleOrg(db, actor, input.parentId);
  authorize(actor, "org.manage", { orgPath: parent.path });
  if (parent.archived_at) throw new AppError("validation", {}, { parentId: { code: "orgs.parent_archived" } });
  if (input.code && (await findByCode(db, actor.tenant.id, input.code))) throw new AppError("validation", {}, { code: { code: "orgs.code_taken" } });
  const id = newId();
  const row = await insertOrg(db, actor.tenant.id, {
    id,
    parent_id: parent.id,
    path: `${parent.path}${id}/`,
    name: input.name,
    kind: input.kind,
    code: input.code ?? null,
    primary_color: input.primaryColor ?? null,
    logo_url: input.logoUrl ?? null,
  });
  return presentOrg(actor, row);
}
