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
  expect((await loadDemo(t.k)).logins).toHaveLength(0);
});
