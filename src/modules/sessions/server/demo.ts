import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { insertRegistration, insertSession } from "./repo.ts";

/**
 * Demo: an in-person session in two weeks with three seats, taken by the first three learners;
 * the others wait in line (withdrawing one promotes the next), and an online session next month.
 */
export async function loadSessionDemo(k: Kernel, opts: { tenantId: string; courseId: string; createdBy: string | null; learnerIds: string[] }) {
  const tid = opts.tenantId;
  if (opts.learnerIds.length) {
    await k.db
      .insertInto("course_members")
      .values(opts.learnerIds.map((user_id) => ({ tenant_id: tid, id: newId(), course_id: opts.courseId, user_id, role: "learner" as const, source: "teacher" as const })))
      .onConflict((oc) => oc.columns(["tenant_id", "course_id", "user_id", "role"]).doNothing())
      .execute();
  }
  const day = 86400_000;
  const at = (days: number, hour: number) => {
    const d = new Date(Date.now() + days * day);
    d.setUTCHours(hour, 0, 0, 0);
    return d;
  };
  const inPerson = newId();
  await insertSession(k.db, tid, {
    id: inPerson,
    course_id: opts.courseId,
    title: "Atelier en présentiel",
    kind: "in-person",
    starts_at: at(14, 8),
    ends_at: at(14, 15),
    place: "Salle 2, 12 rue des Écoles, Rennes",
    video_url: null,
    seats: 3,
    approval: false,
    registration_opens_at: null,
    registration_closes_at: null,
    created_by: opts.createdBy,
  });
  for (const [i, user_id] of opts.learnerIds.entries()) {
    await insertRegistration(k.db, tid, { id: newId(), session_id: inPerson, course_id: opts.courseId, user_id, status: i < 3 ? "approved" : "waiting" });
  }
  await insertSession(k.db, tid, {
    id: newId(),
    course_id: opts.courseId,
    title: "Classe virtuelle",
    kind: "online",
    starts_at: at(30, 16),
    ends_at: at(30, 17),
    place: null,
    video_url: "https://visio.example.org/archipel-demo",
    seats: 20,
    approval: true,
    registration_opens_at: null,
    registration_closes_at: null,
    created_by: opts.createdBy,
  });
}
