/**
 * Calendar arithmetic on ISO days ("2026-11-23"), shared by server and client. Days are computed
 * at noon UTC so no time zone or daylight-saving change moves them.
 */
const at = (day: string) => new Date(`${day}T12:00:00Z`);
const iso = (d: Date) => d.toISOString().slice(0, 10);

export const addDays = (day: string, n: number) => iso(new Date(at(day).getTime() + n * 86_400_000));

/** 1 = Monday … 7 = Sunday. */
export const weekdayOf = (day: string) => ((at(day).getUTCDay() + 6) % 7) + 1;

/** The Monday of the day's week. */
export const mondayOf = (day: string) => addDays(day, 1 - weekdayOf(day));

/** ISO 8601 week number. */
export function isoWeek(day: string) {
  const thursday = at(addDays(day, 4 - weekdayOf(day)));
  const jan1 = Date.UTC(thursday.getUTCFullYear(), 0, 1, 12);
  return Math.floor((thursday.getTime() - jan1) / 86_400_000 / 7) + 1;
}

/** Week A is an odd ISO week, week B an even one (the usual alternation of French timetables). */
export const weekLetter = (day: string): "A" | "B" => (isoWeek(day) % 2 === 1 ? "A" : "B");

export type Slot = { weekday: number; weeks: "all" | "A" | "B"; firstDay: string | null; lastDay: string | null };

/** Whether a weekly lesson takes place on a day. */
export const occursOn = (s: Slot, day: string) =>
  weekdayOf(day) === s.weekday &&
  (s.firstDay === null || s.firstDay <= day) &&
  (s.lastDay === null || day <= s.lastDay) &&
  (s.weeks === "all" || s.weeks === weekLetter(day));

/** Today in a time zone, as an ISO day. */
export const todayIn = (timeZone: string, now = new Date()) => new Intl.DateTimeFormat("en-CA", { timeZone }).format(now);
