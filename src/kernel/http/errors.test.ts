import { readdirSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser, PASSWORD } from "../../../test/factories.ts";
import { Client, signedIn, type TestApp, testApp } from "../../../test/helpers.ts";
import type { Contract } from "../contract.ts";
import { newId } from "../ids.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;

/** Every contract of every module, so the OpenAPI document can be checked against what they declare. */
async function allContracts(): Promise<Contract[]> {
  const modules = join(import.meta.dirname, "../../modules");
  const out: Contract[] = [];
  for (const m of readdirSync(modules)) {
    let mod: Record<string, unknown>;
    try {
      mod = await import(join(modules, m, "shared/contract.ts"));
    } catch {
      continue;
    }
    for (const v of Object.values(mod)) if (v && typeof v === "object" && "method" in v && "path" in v && "response" in v) out.push(v as Contract);
  }
  return out;
}

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "errs");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "ines", "learner");
});
afterAll(() => t.close());

describe("without a session", () => {
  it.each([
    ["by hostname", { host: "errs.localhost" }],
    ["by path prefix", { base: "/p/errs" }],
    ["at an address no platform serves", { host: "nowhere.example" }],
  ])("every authenticated route of the OpenAPI document answers 401, never 500 (%s)", async (_, opts) => {
    const doc = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const contracts = await allContracts();
    const isPublic = (method: string, path: string) =>
      contracts.some((c) => c.auth === false && c.method === method.toUpperCase() && c.path.replace(/:(\w+)/g, "{$1}") === path);
    const checked: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const method of Object.keys(ops)) {
        if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
        const url = path.replace(/\{\w+\}/g, () => newId());
        const c = new Client(t.app, opts);
        const r = await c.request(method.toUpperCase(), url, method === "get" || method === "delete" ? undefined : {});
        expect(r.status, `${method} ${path}`).toBeLessThan(500);
        expect(r.body, `${method} ${path}`).toEqual(expect.any(Object));
        if (isPublic(method, path)) continue;
        expect(r.status, `${method} ${path}: ${JSON.stringify(r.body)}`).toBe(401);
        expect(r.body.error.code).toBe("unauthenticated");
        checked.push(`${method} ${path}`);
      }
    }
    // the document lists the routes this suite knows about
    expect(checked).toEqual(
      expect.arrayContaining([
        "get /api/v1/me",
        "get /api/v1/users",
        "patch /api/v1/users/{id}",
        "post /api/v1/orgs/{id}/move",
        "delete /api/v1/account/sessions/{id}",
        "get /api/v1/platforms",
        "get /api/v1/outbox",
      ]),
    );
    expect(checked.length).toBeGreaterThanOrEqual(20);
  });

  it("a bad session cookie is no session", async () => {
    const c = new Client(t.app, { host: p.host });
    c.cookies.set("__Host-archipel-errs", "forged-token");
    expect((await c.get("/api/v1/me")).status).toBe(401);
  });
});

describe("bad requests", () => {
  it("answers bad input with 422 and field errors in the request's language", async () => {
    const body = { login: "", password: 42, extra: true };
    const en = await new Client(t.app, { host: p.host, lang: "en-GB,en;q=0.9" }).post("/api/v1/auth/sign-in", body);
    const fr = await new Client(t.app, { host: p.host, lang: "fr-FR" }).post("/api/v1/auth/sign-in", body);
    expect(en.status).toBe(422);
    expect(fr.status).toBe(422);
    expect(en.body.error).toEqual({
      code: "validation",
      message: "Some fields need correcting.",
      fields: { login: "Too short or too small (minimum 1).", password: "Unexpected kind of value." },
    });
    expect(fr.body.error.code).toBe("validation");
    expect(Object.keys(fr.body.error.fields).sort()).toEqual(["login", "password"]);
    expect(fr.body.error.message).not.toBe(en.body.error.message);
    expect(fr.body.error.fields.login).not.toBe(en.body.error.fields.login);
    // a language the platform does not speak falls back to the platform's default (fr)
    const ja = await new Client(t.app, { host: p.host, lang: "ja" }).post("/api/v1/auth/sign-in", body);
    expect(ja.body.error.message).toBe(fr.body.error.message);
    // missing fields say so
    const missing = await new Client(t.app, { host: p.host, lang: "en" }).post("/api/v1/auth/sign-in", {});
    expect(missing.body.error.fields).toEqual({ login: "This field is required.", password: "This field is required." });
  });

  it("answers bad input of a signed-in person in their language, with nested field paths", async () => {
    const admin = await signedIn(t.app, { host: p.host, lang: "en" }, p.adminLogin);
    await admin.put("/api/v1/account/locale", { locale: "en" });
    const r = await admin.post("/api/v1/users", { username: "Not valid!", email: "nope", givenName: "", familyName: "X", profile: "wizard", orgId: "x" });
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toMatchObject({ email: "Invalid email address.", orgId: "Invalid identifier.", profile: "Value not allowed." });
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["email", "givenName", "orgId", "profile", "username"]);
    const q = await admin.get("/api/v1/users?pageSize=0&orgId=nope");
    expect(q.status).toBe(422);
    expect(Object.keys(q.body.error.fields).sort()).toEqual(["query.orgId", "query.pageSize"]);
    // a malformed id in the path names nothing: 404
    expect((await admin.get("/api/v1/users/not-a-uuid")).status).toBe(404);
    await admin.put("/api/v1/account/locale", { locale: "fr" });
  });

  it("never answers 500 to empty or odd bodies", async () => {
    const admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
    const me = (await admin.get("/api/v1/me")).body;
    for (const [method, url] of [
      ["PATCH", `/api/v1/users/${me.id}`],
      ["PATCH", `/api/v1/orgs/${p.rootOrgId}`],
      ["PATCH", `/api/v1/platforms/${p.tenantId}`],
      ["POST", "/api/v1/orgs"],
      ["POST", "/api/v1/users"],
    ]) {
      for (const body of [{}, [], "null", "42", '"text"']) {
        const r = await admin.request(
          method,
          url,
          typeof body === "string" ? body : body,
          typeof body === "string" ? { "content-type": "application/json" } : {},
        );
        expect(r.status, `${method} ${url} ${JSON.stringify(body)}: ${JSON.stringify(r.body)}`).toBeLessThan(500);
      }
    }
  });

  it("answers malformed JSON with 400", async () => {
    const c = new Client(t.app, { host: p.host, lang: "en" });
    const r = await c.request("POST", "/api/v1/auth/sign-in", '{"login": "ines", ', { "content-type": "application/json" });
    expect(r.status).toBe(400);
    expect(r.body.error).toEqual({ code: "bad_request", message: "The request is malformed." });
    const admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
    expect((await admin.request("PATCH", `/api/v1/orgs/${p.rootOrgId}`, "{oops", { "content-type": "application/json" })).status).toBe(400);
  });

  it("answers an unknown API route with a JSON 404", async () => {
    for (const opts of [{ host: p.host }, { base: "/p/errs" }, { host: "nowhere.example" }]) {
      const c = new Client(t.app, { ...opts, lang: "en" });
      for (const url of ["/api/v1/nope", "/api/v2/users", "/api/v1/users/x/y/z"]) {
        const r = await c.get(url);
        expect(r.status, url).toBe(404);
        expect(r.headers["content-type"]).toMatch(/application\/json/);
        expect(r.body.error.code).toBe("not_found");
      }
    }
  });
});

describe("abuse", () => {
  it("limits sign-ins from one address per minute (429), without slowing other addresses", async () => {
    const limit = (t.k.config as { SIGNIN_RATE_LIMIT_PER_MINUTE?: number }).SIGNIN_RATE_LIMIT_PER_MINUTE ?? 20;
    const c = new Client(t.app, { host: p.host, lang: "en" });
    await c.get("/api/v1/platform");
    const statuses: number[] = [];
    for (let i = 0; i < limit; i++) statuses.push((await c.post("/api/v1/auth/sign-in", { login: `nobody${i}`, password: "wrong" })).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    const limited = await c.post("/api/v1/auth/sign-in", { login: "ines", password: PASSWORD });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toEqual({ code: "rate_limited", message: "Too many requests: wait a minute and try again." });
    expect(Number(limited.headers["retry-after"])).toBeGreaterThan(0);
    // another address is not affected
    await signedIn(t.app, { host: p.host }, "ines");
    // password reset requests have the same limit
    const resets: number[] = [];
    for (let i = 0; i <= limit; i++) resets.push((await c.post("/api/v1/auth/password-reset", { login: `nobody${i}` })).status);
    expect(resets.slice(0, limit).every((s) => s === 200)).toBe(true);
    expect(resets[limit]).toBe(429);
  });

  it("a deactivated person cannot sign in, and their sessions end at once", async () => {
    await makeUser(t.k, p.tenantId, p.rootOrgId, "leaving", "teacher");
    const s1 = await signedIn(t.app, { host: p.host }, "leaving");
    const s2 = await signedIn(t.app, { base: "/p/errs" }, "leaving");
    const admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
    const id = (await s1.get("/api/v1/me")).body.id;
    const r = await admin.patch(`/api/v1/users/${id}`, { status: "disabled" });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("disabled");
    expect((await s1.get("/api/v1/me")).status).toBe(401);
    expect((await s2.get("/api/v1/home")).status).toBe(401);
    const again = await new Client(t.app, { host: p.host, lang: "en" }).post("/api/v1/auth/sign-in", { login: "leaving", password: PASSWORD });
    expect(again.status).toBe(401);
    expect(again.body.error.code).toBe("auth.invalid_credentials");
    // no reset mail either
    await new Client(t.app, { host: p.host }).post("/api/v1/auth/password-reset", { login: "leaving" });
    const mails = await t.k.db
      .selectFrom("mail_outbox")
      .select("id")
      .where("tenant_id", "=", p.tenantId)
      .where("to_address", "=", "leaving@example.test")
      .execute();
    expect(mails).toEqual([]);
    // nobody deactivates themselves
    expect((await admin.patch(`/api/v1/users/${p.adminId}`, { status: "disabled" })).status).toBe(422);
    // reactivated, they sign in again
    expect((await admin.patch(`/api/v1/users/${id}`, { status: "active" })).status).toBe(200);
    await signedIn(t.app, { host: p.host }, "leaving");
  });
});
