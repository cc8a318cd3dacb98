import { sql } from "kysely";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import { AppError, notFound } from "../../../kernel/errors.ts";
import { findFile, maySeeFile } from "../../../kernel/files/index.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { mailMessageNotice, notifyUsers, publishLive } from "../../notifications/server/index.ts";

/** The conversation if the actor is one of its members; 404 otherwise. */
export async function loadMembership(k: Kernel, actor: UserActor, conversationId: string) {
  const r = await k.db
    .selectFrom("conversation_members as m")
    .innerJoin("conversations as c", (j) => j.onRef("c.tenant_id", "=", "m.tenant_id").onRef("c.id", "=", "m.conversation_id"))
    .select(["c.id", "c.title", "m.last_read_at"])
    .where("m.tenant_id", "=", actor.tenant.id)
    .where("m.conversation_id", "=", conversationId)
    .where("m.user_id", "=", actor.userId)
    .executeTakeFirst();
  if (!r) throw notFound();
  return r;
}

/** Blocks between the actor and any of `others`, either way. */
export async function blockedAmong(k: Kernel, actor: UserActor, others: string[]) {
  if (others.length === 0) return [];
  const r = await sql<{ other: string }>`
    select blocked_id as other from message_blocks where tenant_id = ${actor.tenant.id} and user_id = ${actor.userId} and blocked_id = any(${others}::uuid[])
    union select user_id as other from message_blocks where tenant_id = ${actor.tenant.id} and blocked_id = ${actor.userId} and user_id = any(${others}::uuid[])`.execute(
    k.db,
  );
  return r.rows.map((x) => x.other);
}

/** Attachments must be files the actor may read (their uploads), documents or images. */
export async function checkFiles(k: Kernel, actor: UserActor, fileIds: string[]) {
  for (const [i, id] of fileIds.entries()) {
    const f = await findFile(k.db, actor.tenant.id, id);
    if (!f || !["document", "image"].includes(f.purpose) || !(await maySeeFile(k.db, actor, f))) {
      throw new AppError("validation", {}, { [`fileIds.${i}`]: { code: "files.not_usable", params: { purpose: "document" } } });
    }
  }
}

const nameOf = (p: { given_name: string; family_name: string }) => `${p.given_name} ${p.family_name}`;

/** Stores a message, moves the conversation up, and tells the other members (centre + live). */
export async function postMessage(k: Kernel, actor: UserActor, conversationId: string, body: string, fileIds: string[]) {
  const tid = actor.tenant.id;
  const id = newId();
  const now = new Date();
  await k.db
    .insertInto("messages")
    .values({ tenant_id: tid, id, conversation_id: conversationId, sender_id: actor.userId, body, file_ids: fileIds, created_at: now })
    .execute();
  await k.db.updateTable("conversations").set({ last_message_at: now }).where("tenant_id", "=", tid).where("id", "=", conversationId).execute();
  await k.db
    .updateTable("conversation_members")
    .set({ last_read_at: now })
    .where("tenant_id", "=", tid)
    .where("conversation_id", "=", conversationId)
    .where("user_id", "=", actor.userId)
    .execute();
  const members = await k.db
    .selectFrom("conversation_members")
    .select("user_id")
    .where("tenant_id", "=", tid)
    .where("conversation_id", "=", conversationId)
    .where("user_id", "<>", actor.userId)
    .execute();
  const others = members.map((m) => m.user_id);
  const me = await k.db
    .selectFrom("users")
    .select(["given_name", "family_name"])
    .where("tenant_id", "=", tid)
    .where("id", "=", actor.userId)
    .executeTakeFirstOrThrow();
  await notifyUsers(k, tid, others, { kind: "message.new", params: { sender: nameOf(me), excerpt: body.slice(0, 140) }, url: `/messages/${conversationId}` });
  await mailMessageNotice(k, tid, others, { sender: nameOf(me), url: `/messages/${conversationId}` });
  await publishLive(k, tid, [actor.userId, ...others], { type: "message", conversationId, messageId: id });
  k.record({
    tenantId: tid,
    actorId: actor.userId,
    verb: "sent",
    objectType: "message",
    objectId: id,
    context: { conversationId, recipients: others.length, files: fileIds.length },
  });
  return id;
}
