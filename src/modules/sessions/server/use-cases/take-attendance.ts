import type { Actor } from "../../../../kernel/auth/actor.ts";
import { invalid, notFound } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { SIGNATURE_MAX_BYTES } from "../../shared/contract.ts";
import { presentRegistration } from "../present.ts";
import { findCourseSession, findRegistration, listRegistrationRows, upsertAttendance } from "../repo.ts";
import { NOBODY } from "./list-sessions.ts";

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A signature is a PNG image in a data URL, under 100 KB once decoded. */
export function checkSignature(dataUrl: string) {
  const bytes = Buffer.from(dataUrl.slice(dataUrl.indexOf(",") + 1), "base64");
  if (bytes.length > SIGNATURE_MAX_BYTES) throw invalid({ signature: { code: "sessions.signature_too_large" } });
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(PNG)) throw invalid({ signature: { code: "sessions.signature_not_png" } });
}

/**
 * A teacher marks one registered person present, absent or excused, with a signature drawn on
 * screen or "signed on paper". A person marked present is recorded as having attended.
 */
export async function takeAttendance(
  k: Kernel,
  actor: Actor,
  courseId: string,
  sessionId: string,
  userId: string,
  input: { status: "present" | "absent" | "excused"; signature?: string | null; signedOnPaper: boolean },
) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  const tenantId = actor.tenant!.id;
  if (input.signature) checkSignature(input.signature);
  const s = await findCourseSession(k.db, tenantId, courseId, sessionId, NOBODY);
  if (!s) throw notFound();
  const reg = await findRegistration(k.db, tenantId, sessionId, userId);
  if (reg?.status !== "approved") throw notFound();
  const signed = input.status === "present";
  const prev = await upsertAttendance(k.db, tenantId, {
    session_id: sessionId,
    user_id: userId,
    status: input.status,
    signature: signed ? (input.signature ?? null) : null,
    signed_on_paper: signed && input.signedOnPaper,
    taken_by: actor.kind === "user" ? actor.userId : "",
  });
  if (input.status === "present" && prev !== "present")
    k.record({
      tenantId,
      actorId: userId,
      verb: "attended",
      objectType: "course-session",
      objectId: sessionId,
      context: { courseId, takenBy: actor.kind === "user" ? actor.userId : null },
    });
  const rows = await listRegistrationRows(k.db, tenantId, sessionId);
  return presentRegistration(rows.find((r) => r.user_id === userId)!);
}
