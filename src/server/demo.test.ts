import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, testApp, type TestApp } from "../../test/helpers.ts";
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
  const mine = await t.k.db.selectFrom("session_registrations").select("course_id").where("tenant_id", "=", tenant.id).where("status", "=", "waiting").limit(1).executeTakeFirstOrThrow();
  const sessions = (await julie.get(`/api/v1/courses/${mine.course_id}/sessions`)).body.items;
  const full = sessions.find((x: { seats: number | null }) => x.seats === 3);
  expect(full.taken).toBe(3);
  expect(full.me).toMatchObject({ status: "waiting", position: 3 });
  expect((await loadDemo(t.k)).logins).toHaveLength(0);
});
