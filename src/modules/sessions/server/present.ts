import type { CourseSession, Registration } from "../shared/contract.ts";
import type { RegistrationRow, SessionWithCounts } from "./repo.ts";

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** Registration is open between its opening and closing dates, and never after the session started. */
export function registrationOpen(s: Pick<SessionWithCounts, "registration_opens_at" | "registration_closes_at" | "starts_at">, now = new Date()) {
  if (s.registration_opens_at && new Date(s.registration_opens_at) > now) return false;
  if (s.registration_closes_at && new Date(s.registration_closes_at) <= now) return false;
  return new Date(s.starts_at) > now;
}

export function presentSession(s: SessionWithCounts, now = new Date()): CourseSession {
  return {
    id: s.id,
    courseId: s.course_id,
    title: s.title,
    kind: s.kind,
    startsAt: iso(s.starts_at)!,
    endsAt: iso(s.ends_at)!,
    place: s.place,
    videoUrl: s.video_url,
    seats: s.seats,
    approval: s.approval,
    registrationOpensAt: iso(s.registration_opens_at),
    registrationClosesAt: iso(s.registration_closes_at),
    taken: Number(s.taken),
    waiting: Number(s.waiting),
    pending: Number(s.pending),
    registrationOpen: registrationOpen(s, now),
    me: s.me_id && s.me_status ? { id: s.me_id, status: s.me_status, position: s.me_position === null ? null : Number(s.me_position) } : null,
  };
}

export function presentRegistration(r: RegistrationRow): Registration {
  return {
    id: r.id,
    userId: r.user_id,
    givenName: r.given_name,
    familyName: r.family_name,
    email: r.email,
    status: r.status,
    position: r.position === null ? null : Number(r.position),
    queuedAt: iso(r.queued_at)!,
    attendance: r.a_status ? { status: r.a_status, signature: r.a_signature, signedOnPaper: !!r.a_signed_on_paper, takenAt: iso(r.a_taken_at)! } : null,
  };
}
