import { describe, expect, it } from "vitest";
import { isoWeek, mondayOf, occursOn, todayIn, weekdayOf, weekLetter } from "./week.ts";

describe("calendar arithmetic", () => {
  it("numbers ISO weeks across year ends", () => {
    expect(isoWeek("2026-11-23")).toBe(48);
    expect(isoWeek("2027-01-01")).toBe(53); // a Friday: still 2026's last week
    expect(isoWeek("2027-01-04")).toBe(1);
    expect(isoWeek("2024-12-30")).toBe(1); // a Monday: already 2025's first week
    expect(weekLetter("2026-11-23")).toBe("B");
    expect(weekLetter("2026-11-30")).toBe("A");
  });

  it("finds the weekday and the Monday of a day", () => {
    expect(weekdayOf("2026-11-23")).toBe(1);
    expect(weekdayOf("2026-11-29")).toBe(7);
    expect(mondayOf("2026-11-29")).toBe("2026-11-23");
    expect(mondayOf("2026-03-01")).toBe("2026-02-23");
  });

  it("places a lesson on its weekday, its weeks and within its dates", () => {
    const slot = { weekday: 1, weeks: "A" as const, firstDay: "2026-09-01", lastDay: "2027-07-04" };
    expect(occursOn(slot, "2026-11-30")).toBe(true);
    expect(occursOn(slot, "2026-11-23")).toBe(false); // week B
    expect(occursOn(slot, "2026-12-01")).toBe(false); // a Tuesday
    expect(occursOn(slot, "2027-07-05")).toBe(false); // after the last day
    expect(occursOn({ ...slot, weeks: "all", firstDay: null, lastDay: null }, "2026-11-23")).toBe(true);
  });

  it("takes today in the platform's time zone", () => {
    const lateSunday = new Date("2026-11-22T23:30:00Z");
    expect(todayIn("Europe/Paris", lateSunday)).toBe("2026-11-23");
    expect(todayIn("UTC", lateSunday)).toBe("2026-11-22");
  });
});
