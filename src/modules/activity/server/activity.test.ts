import { afterAll, beforeAll, expect, it } from "vitest";
import { makePlatform, makeUser, PASSWORD } from "../../../../test/factories.ts";
import { Client, testApp, type TestApp } from "../../../../test/helpers.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "act");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "zoe");
});
afterAll(() => t.close());

const eventsOf = (verb: string) =>
  t.k.db.selectFrom("events").selectAll().where("tenant_id", "=", p.tenantId).where("verb", "=", verb).execute();

it("records sign-ins and page views in the event log, without query strings", async () => {
  const c = new Client(t.app, { host: p.host });
  await c.signIn("zoe", PASSWORD);
  expect((await c.post("/api/v1/events/page-view", { path: "/home?token=secret" })).status).toBe(200);
  await t.k.events.flush();
  const views = await eventsOf("viewed");
  expect(views).toHaveLength(1);
  expect(views[0].object_id).toBe("/home");
  expect(views[0].actor_id).not.toBeNull();
  expect(await eventsOf("signed-in")).toHaveLength(1);
});

it("refuses a page view that is not a path", async () => {
  const c = new Client(t.app, { host: p.host });
  expect((await c.post("/api/v1/events/page-view", { path: "javascript:alert(1)" })).status).toBe(422);
});
