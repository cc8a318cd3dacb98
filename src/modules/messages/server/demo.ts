import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";

/** Demo: a teacher and a learner talk about homework; a group conversation of the teachers. */
export async function loadMessagesDemo(k: Kernel, opts: { tenantId: string; teacherId: string; learnerId: string; colleagueIds: string[] }) {
  const tid = opts.tenantId;
  const talk = async (title: string | null, members: string[], lines: [string, string][]) => {
    const id = newId();
    const start = Date.now() - lines.length * 3600_000;
    await k.db.insertInto("conversations").values({ tenant_id: tid, id, title, created_by: members[0]!, last_message_at: new Date() }).execute();
    await k.db
      .insertInto("conversation_members")
      .values(members.map((user_id) => ({ tenant_id: tid, conversation_id: id, user_id, last_read_at: user_id === members[0] ? new Date() : null })))
      .execute();
    for (const [i, [sender, body]] of lines.entries()) {
      await k.db
        .insertInto("messages")
        .values({ tenant_id: tid, id: newId(), conversation_id: id, sender_id: sender, body, created_at: new Date(start + i * 3600_000) })
        .execute();
    }
  };
  await talk(
    null,
    [opts.teacherId, opts.learnerId],
    [
      [opts.learnerId, "Bonjour, je n'ai pas compris l'exercice 3 sur les fonctions affines."],
      [opts.teacherId, "Bonjour ! Commence par calculer le coefficient directeur a = (y2 − y1) / (x2 − x1)."],
      [opts.learnerId, "Merci, je trouve a = 2. C'est bien ça ?"],
    ],
  );
  if (opts.colleagueIds.length) {
    await talk(
      "Équipe pédagogique",
      [opts.teacherId, ...opts.colleagueIds],
      [[opts.teacherId, "Réunion de l'équipe jeudi à 17 h en salle 12 : ordre du jour dans le forum."]],
    );
  }
}
