import type { Client } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";

/** Records and requests that the course and programme report tests both use. */

/** An in-person session of a course ("Atelier", in Brest); its id. */
export async function addSession(k: Kernel, tenantId: string, courseId: string, starts: string, ends: string) {
  const id = newId();
  await k.db
    .insertInto("course_sessions")
    .values({
      tenant_id: tenantId,
      id,
      course_id: courseId,
      title: "Atelier",
      kind: "in-person",
      starts_at: new Date(starts),
      ends_at: new Date(ends),
      place: "Brest",
    })
    .execute();
  return id;
}

/** A learner's approved seat at a session. */
export const seat = (tenantId: string, sessionId: string, courseId: string, userId: string) => ({
  tenant_id: tenantId,
  id: newId(),
  session_id: sessionId,
  course_id: courseId,
  user_id: userId,
  status: "approved" as const,
});

/** A manual grade item of a course with a learner's score on it, both released or not. */
export async function addGrade(
  k: Kernel,
  tenantId: string,
  courseId: string,
  userId: string,
  g: { title: string; score: number; max: number; released: boolean; position: number },
) {
  const id = newId();
  await k.db
    .insertInto("grade_items")
    .values({
      tenant_id: tenantId,
      id,
      course_id: courseId,
      source_type: "manual",
      title: g.title,
      max_score: g.max,
      released: g.released,
      position: g.position,
    })
    .execute();
  await k.db
    .insertInto("grades")
    .values({ tenant_id: tenantId, grade_item_id: id, user_id: userId, course_id: courseId, score: g.score, released: g.released })
    .execute();
}

/** A download (CSV, PDF) by the client, in French, as the raw answer. */
export const download = (c: Client, url: string) =>
  c.app.inject({
    method: "GET",
    url,
    headers: { host: c.opts.host ?? "localhost", "accept-language": "fr", cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
