import { createEvent } from "ics";
import type { SessionRow } from "./repo.ts";

/**
 * An invitation (METHOD:REQUEST) for one person to one session. Times are written in UTC, so
 * every calendar shows them in its own zone; the UID is stable per session and person, so a
 * reminder or a changed session updates the same calendar entry (SEQUENCE grows with each change).
 * `cancel`: the cancellation (METHOD:CANCEL, STATUS:CANCELLED) of that entry, one sequence later
 * than any update it may have had.
 */
export function sessionIcs(
  s: Pick<SessionRow, "id" | "title" | "kind" | "starts_at" | "ends_at" | "place" | "video_url" | "created_at" | "updated_at">,
  p: { id: string; name: string; email: string },
  o: { courseTitle: string; organizerName: string; organizerEmail: string; url: string; host: string; cancel?: boolean },
): string {
  const since = (d: Date | string) => Math.max(0, Math.floor((new Date(d).getTime() - new Date(s.created_at).getTime()) / 1000));
  const sequence = o.cancel ? Math.max(since(s.updated_at), since(new Date())) + 1 : since(s.updated_at);
  const r = createEvent({
    productId: "archipel/sessions",
    method: o.cancel ? "CANCEL" : "REQUEST",
    uid: `session-${s.id}-${p.id}@${o.host}`,
    sequence,
    title: `${o.courseTitle} · ${s.title}`,
    start: new Date(s.starts_at).getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: new Date(s.ends_at).getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    ...(s.kind === "in-person" && s.place ? { location: s.place } : {}),
    ...(s.kind === "online" && s.video_url ? { location: s.video_url } : {}),
    url: s.kind === "online" && s.video_url ? s.video_url : o.url,
    description: s.kind === "online" && s.video_url ? `${s.video_url}\n${o.url}` : o.url,
    status: o.cancel ? "CANCELLED" : "CONFIRMED",
    organizer: { name: o.organizerName, email: o.organizerEmail },
    attendees: [{ name: p.name, email: p.email, rsvp: false, partstat: "ACCEPTED", role: "REQ-PARTICIPANT" }],
  });
  if (r.error || !r.value) throw r.error ?? new Error("ics");
  return r.value;
}

/** The address part of a From header ("Name <a@b>" or "a@b"). */
export const addressOf = (from: string) => /<([^>]+)>/.exec(from)?.[1] ?? from.trim();
