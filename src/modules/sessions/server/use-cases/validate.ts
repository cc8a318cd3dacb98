import { type FieldErrors, invalid } from "../../../../kernel/errors.ts";

type Fields = {
  kind: "in-person" | "online";
  starts_at: Date;
  ends_at: Date;
  place: string | null;
  video_url: string | null;
  registration_opens_at: Date | null;
  registration_closes_at: Date | null;
};

/** Rules across fields (the contract checks each field alone): 422 with the fields to fix. */
export function checkSession(s: Fields) {
  const f: FieldErrors = {};
  if (s.ends_at.getTime() <= s.starts_at.getTime()) f.endsAt = { code: "sessions.end_before_start" };
  if (s.kind === "in-person" && !s.place) f.place = { code: "field.required" };
  if (s.kind === "online" && !s.video_url) f.videoUrl = { code: "field.required" };
  if (s.registration_opens_at && s.registration_closes_at && s.registration_closes_at <= s.registration_opens_at)
    f.registrationClosesAt = { code: "sessions.closes_before_opens" };
  if (s.registration_closes_at && s.registration_closes_at > s.ends_at) f.registrationClosesAt = { code: "sessions.closes_after_end" };
  if (Object.keys(f).length) throw invalid(f);
}

export const dateOrNull = (s: string | null | undefined) => (s ? new Date(s) : null);
