import ICAL from "ical.js";

export type IcsLesson = { index: number; summary: string; location: string; organizer: string; day: string; startsAt: string; endsAt: string };
export type IcsProblem = { index: number; code: string; params?: Record<string, unknown> };

/** Occurrences of a recurring event further than this from its start are not expanded (a school year fits). */
const HORIZON_DAYS = 400;
const MAX_PER_EVENT = 400;

const pad = (n: number) => String(n).padStart(2, "0");

/**
 * Wall-clock day and time of an iCalendar time in the platform's zone: times in UTC or in a zone the
 * file defines are converted; floating times (and zones the file names without defining them) are
 * taken as written, which is what timetable exports mean by them.
 */
function wallClock(t: ICAL.Time, timeZone: string) {
  const tzid = t.zone?.tzid;
  if (tzid && tzid !== "floating") {
    const parts = new Intl.DateTimeFormat("en-CA", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    }).formatToParts(t.toJSDate());
    const v = (type: string) => parts.find((p) => p.type === type)!.value;
    return { day: `${v("year")}-${v("month")}-${v("day")}`, time: `${v("hour")}:${v("minute")}` };
  }
  return { day: `${t.year}-${pad(t.month)}-${pad(t.day)}`, time: `${pad(t.hour)}:${pad(t.minute)}` };
}

/**
 * The events of a calendar file as one-day lessons, recurring events expanded (RRULE, RDATE,
 * EXDATE and moved occurrences, by ical.js). Events are numbered from 1 in the file's order, so a
 * report can point at them. All-day events and events over several days are refused.
 */
export function readIcs(data: Buffer, timeZone: string): { lessons: IcsLesson[]; problems: IcsProblem[]; events: number } {
  let root: ICAL.Component;
  try {
    root = new ICAL.Component(ICAL.parse(data.toString("utf8")));
  } catch {
    return { lessons: [], problems: [{ index: 1, code: "attendance.import.ics_invalid" }], events: 0 };
  }
  // the file's zones are registered while it is read (synchronously) and removed after: ical.js
  // keeps them process-wide, and one platform's file must not define zones for another's
  const zones = root.getAllSubcomponents("vtimezone").map((tz) => String(tz.getFirstPropertyValue("tzid")));
  const before = new Map(zones.map((z) => [z, ICAL.TimezoneService.has(z) ? ICAL.TimezoneService.get(z) : null]));
  try {
    for (const tz of root.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
    return expand(root, timeZone);
  } catch {
    // a zone or a rule ical.js cannot read
    return { lessons: [], problems: [{ index: 1, code: "attendance.import.ics_invalid" }], events: 0 };
  } finally {
    for (const [z, old] of before) {
      ICAL.TimezoneService.remove(z);
      if (old) ICAL.TimezoneService.register(old);
    }
  }
}

function expand(root: ICAL.Component, timeZone: string) {
  const all = root.getAllSubcomponents("vevent");
  // occurrences moved by RECURRENCE-ID belong to their master event
  const masters = all.filter((c) => !c.hasProperty("recurrence-id"));
  const lessons: IcsLesson[] = [];
  const problems: IcsProblem[] = [];
  for (const [i, comp] of masters.entries()) {
    const index = i + 1;
    const event = new ICAL.Event(comp, { exceptions: all.filter((c) => c !== comp && c.getFirstPropertyValue("uid") === comp.getFirstPropertyValue("uid")) });
    if (!event.startDate) {
      problems.push({ index, code: "attendance.import.ics_no_start" });
      continue;
    }
    if (event.startDate.isDate) {
      problems.push({ index, code: "attendance.import.ics_all_day", params: { summary: event.summary ?? "" } });
      continue;
    }
    const organizer = String(comp.getFirstPropertyValue("organizer") ?? "").replace(/^mailto:/i, "");
    const base = { index, summary: (event.summary ?? "").trim(), location: (event.location ?? "").trim(), organizer };
    /** false when the occurrence is refused (the rest of the event then is not read) */
    const push = (start: ICAL.Time, end: ICAL.Time) => {
      const s = wallClock(start, timeZone);
      const e = wallClock(end, timeZone);
      if (s.day !== e.day || e.time <= s.time) {
        problems.push({ index, code: "attendance.import.ics_span", params: { summary: base.summary } });
        return false;
      }
      lessons.push({ ...base, day: s.day, startsAt: s.time, endsAt: e.time });
      return true;
    };
    if (!event.isRecurring()) {
      push(event.startDate, event.endDate);
      continue;
    }
    const it = event.iterator();
    const limit = event.startDate.toJSDate().getTime() + HORIZON_DAYS * 86_400_000;
    for (let n = 0, next = it.next(); next && n < MAX_PER_EVENT; n++, next = it.next()) {
      if (next.toJSDate().getTime() > limit) break;
      const o = event.getOccurrenceDetails(next);
      if (!push(o.startDate, o.endDate)) break;
    }
  }
  return { lessons, problems, events: masters.length };
}
