import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../test/helpers.ts";
import { DEMO_PASSWORD, loadDemo } from "./demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it("loads a demo network whose printed logins work, and a second run changes nothing", async () => {
  const { logins, firstRun } = await loadDemo(t.k);
  expect(firstRun).toBe(true);
  expect(new Set(logins.map((l) => l.platform))).toEqual(new Set(["national", "bretagne", "occitanie", "college"]));
  for (const l of logins) {
    const c = new Client(t.app, { base: `/p/${l.platform}` });
    const me = await c.signIn(l.login, DEMO_PASSWORD);
    expect(me.username).toBe(l.login);
  }
  const national = new Client(t.app, { host: "localhost" });
  expect((await national.signIn("admin.national", DEMO_PASSWORD)).isOperator).toBe(true);
  expect((await national.get("/api/v1/platforms")).body.items).toHaveLength(4);
  // julie.petit waits third in line for the demo's full in-person session
  const julie = new Client(t.app, { base: "/p/national" });
  await julie.signIn("julie.petit", DEMO_PASSWORD);
  const tenant = await t.k.db.selectFrom("tenants").select("id").where("slug", "=", "national").executeTakeFirstOrThrow();
  const mine = await t.k.db
    .selectFrom("session_registrations")
    .select("course_id")
    .where("tenant_id", "=", tenant.id)
    .where("status", "=", "waiting")
    .limit(1)
    .executeTakeFirstOrThrow();
  const sessions = (await julie.get(`/api/v1/courses/${mine.course_id}/sessions`)).body.items;
  const full = sessions.find((x: { seats: number | null }) => x.seats === 3);
  expect(full.taken).toBe(3);
  expect(full.me).toMatchObject({ status: "waiting", position: 3 });
  // the maths course has a captioned video, served like an upload (ranges for seeking)
  const video = await t.k.db
    .selectFrom("course_items as i")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "i.tenant_id").onRef("c.id", "=", "i.course_id"))
    .select(["i.course_id", "i.file_id", "i.captions_file_id"])
    .where("i.tenant_id", "=", tenant.id)
    .where("i.kind", "=", "video")
    .where("c.title", "=", "Mathématiques : fonctions et équations")
    .executeTakeFirstOrThrow();
  const info = (await julie.get(`/api/v1/files/${video.file_id}/info`)).body;
  expect(info).toMatchObject({ name: "affine.webm", mime: "video/webm", purpose: "video" });
  expect(info.size).toBeLessThan(300 * 1024);
  const head = await julie.request("GET", `/api/v1/files/${video.file_id}`, undefined, { range: "bytes=0-3" });
  expect(head.status).toBe(206);
  expect(head.headers["content-range"]).toBe(`bytes 0-3/${info.size}`);
  const vtt = await julie.get(`/api/v1/files/${video.captions_file_id}`);
  expect(vtt.status).toBe(200);
  expect(vtt.body).toMatch(/^WEBVTT/);
  expect(vtt.body).toContain("coefficient directeur");
  // the collège's parent sees their child's week and last week's absence waiting for the office
  const parent = new Client(t.app, { base: "/p/college" });
  await parent.signIn("parent.college", DEMO_PASSWORD);
  const absences = (await parent.get("/api/v1/attendance/absences")).body.items;
  expect(absences.map((a: { justification: string; justifiedBy: string | null }) => a.justification)).toEqual(["pending", "pending"]);
  expect(absences[0].justifiedBy).not.toBeNull();
  const week = (await parent.get(`/api/v1/attendance/week?pupilId=${absences[0].pupil.id}`)).body.items;
  expect(week.length).toBeGreaterThanOrEqual(14);
  // the first class's homework diary, seen by the parent on the entry page, and the collège's portal
  const day = (await parent.get("/api/v1/school/day")).body;
  expect(day.pupils[0].due.map((d: { entry?: { title: string } }) => d.entry?.title)).toContain("Exercices 12 à 15 page 48");
  expect((await parent.get("/api/v1/portal")).body.items.map((s: { name: string }) => s.name).sort()).toEqual(["Lumni", "Wikipédia"]);
  expect((await loadDemo(t.k)).logins).toHaveLength(0);
}, 180_000); // the whole demo network, loaded twice: over half a minute on a busy CI machine
