import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser, PASSWORD } from "../../../../test/factories.ts";
import { Client, SETUP_CODE, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

let t: TestApp;
let operator: Client;
const setupBody = (code: string) => ({
  setupCode: code,
  platformName: "Réseau national",
  slug: "national",
  defaultLocale: "fr",
  admin: { username: "root.admin", email: "root@national.test", givenName: "Rose", familyName: "Admin", password: PASSWORD },
});

beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

describe("first-run setup", () => {
  it("is announced until done", async () => {
    const r = await new Client(t.app).get("/api/v1/platform");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ setupRequired: true, platform: null });
    expect(r.body.csrfToken).toEqual(expect.any(String));
  });

  it("refuses a wrong setup code with a field error", async () => {
    const r = await new Client(t.app, { lang: "en" }).post("/api/v1/setup", setupBody("WRONG-CODE1"));
    expect(r.status).toBe(422);
    expect(r.body.error.fields).toEqual({ setupCode: expect.stringContaining("setup code") });
    expect((await new Client(t.app).post("/api/v1/setup", { ...setupBody(SETUP_CODE), slug: "Not A Slug!" })).status).toBe(422);
  });

  it("limits guesses of the setup code to 10 a minute per address", async () => {
    const guesser = new Client(t.app);
    for (let i = 0; i < 10; i++) expect((await guesser.post("/api/v1/setup", setupBody(`GUESS-${i}`))).status).toBe(422);
    expect((await guesser.post("/api/v1/setup", setupBody(SETUP_CODE))).status).toBe(429);
  });

  it("works once with the setup code and creates the deployment admin and the platform's admin", async () => {
    const c = new Client(t.app);
    const r = await c.post("/api/v1/setup", setupBody(SETUP_CODE.toLowerCase()));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ slug: "national" });
    const info = await c.get("/api/v1/platform");
    expect(info.body).toMatchObject({ setupRequired: false, platform: { slug: "national", branding: { platformName: "Réseau national" } } });
    operator = await signedIn(t.app, {}, "root.admin");
    const me = await operator.get("/api/v1/me");
    expect(me.body).toMatchObject({ isOperator: true, isAdmin: true });
    // reachable by path too, and on 127.0.0.1
    expect((await new Client(t.app, { base: "/p/national" }).get("/api/v1/platform")).body.platform.slug).toBe("national");
    expect((await new Client(t.app, { host: "127.0.0.1:3000" }).get("/api/v1/platform")).body.platform.slug).toBe("national");
  });

  it("answers a second setup with 409, whatever the code", async () => {
    const r = await new Client(t.app).post("/api/v1/setup", { ...setupBody(SETUP_CODE), slug: "other" });
    expect(r.status).toBe(409);
    expect((await new Client(t.app).post("/api/v1/setup", { ...setupBody("WRONG-CODE1"), slug: "other" })).status).toBe(409);
    expect((await operator.get("/api/v1/platforms")).body.items).toHaveLength(1);
  });
});

describe("platforms", () => {
  let ecole: { id: string };
  const newPlatform = {
    name: "École Jean Jaurès",
    slug: "ecole",
    hostnames: ["ecole.example", "WWW.ecole.example"],
    defaultLocale: "en",
    primaryColor: "#B91C1C",
    admin: { username: "ecole.admin", email: "admin@ecole.example", givenName: "Eva", familyName: "Ecole", password: PASSWORD },
  };

  it("are listed and created by the deployment admin only", async () => {
    const other = await makePlatform(t.k, "other");
    await makeUser(t.k, other.tenantId, other.rootOrgId, "other.learner");
    for (const login of [other.adminLogin, "other.learner"]) {
      const c = await signedIn(t.app, { host: other.host }, login);
      expect((await c.get("/api/v1/platforms")).status).toBe(403);
      expect((await c.get("/api/v1/outbox")).status).toBe(403);
      expect((await c.post("/api/v1/platforms", { ...newPlatform, slug: "sneaky", hostnames: [] })).status).toBe(403);
      expect((await c.patch(`/api/v1/platforms/${other.tenantId}`, { status: "suspended" })).status).toBe(403);
    }
    const anon = new Client(t.app);
    expect((await anon.get("/api/v1/platforms")).status).toBe(401);
    expect((await anon.get("/api/v1/outbox")).status).toBe(401);
  });

  it("are created with hostnames, reachable there and at /p/<slug> with their branding", async () => {
    // someone tried the address before the platform existed
    expect((await new Client(t.app, { host: "ecole.example" }).get("/api/v1/platform")).body.platform).toBeNull();
    const r = await operator.post("/api/v1/platforms", newPlatform);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      slug: "ecole",
      name: "École Jean Jaurès",
      status: "active",
      hostnames: ["ecole.example", "www.ecole.example"],
      primaryColor: "#b91c1c",
      users: 1,
      activePeople: 0,
      courses: 0,
      storageBytes: 0,
    });
    ecole = r.body;
    for (const opts of [
      { host: "ecole.example" },
      { host: "www.ecole.example" },
      { host: "ECOLE.example:8080" },
      { base: "/p/ecole" },
      { host: "other.localhost", base: "/p/ecole" },
    ]) {
      const info = await new Client(t.app, opts).get("/api/v1/platform");
      expect(info.body.platform, JSON.stringify(opts)).toMatchObject({
        slug: "ecole",
        defaultLocale: "en",
        branding: { platformName: "École Jean Jaurès", primaryColor: "#b91c1c" },
      });
    }
    expect((await new Client(t.app, { base: "/p/ecole" }).get("/api/v1/platform")).body.basePath).toBe("/p/ecole");
    // its first admin signs in there
    const admin = await signedIn(t.app, { host: "ecole.example" }, "ecole.admin");
    expect((await admin.get("/api/v1/me")).body).toMatchObject({ isAdmin: true, isOperator: false });
    expect((await operator.get("/api/v1/platforms")).body.items.map((x: { slug: string }) => x.slug)).toContain("ecole");
    // the operator sees usage figures (counts only): the admin who just signed in is active
    const listed = (await operator.get("/api/v1/platforms")).body.items.find((x: { slug: string }) => x.slug === "ecole");
    expect(listed).toMatchObject({ users: 1, activePeople: 1, courses: 0, storageBytes: 0 });
  });

  it("refuses a taken slug or hostname with field errors", async () => {
    const r = await operator.post("/api/v1/platforms", { ...newPlatform, hostnames: ["fresh.example", "www.ecole.example"] });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["hostnames", "slug"]);
    expect(r.body.error.fields.hostnames).toContain("www.ecole.example");
    const host = await operator.post("/api/v1/platforms", { ...newPlatform, slug: "ecole2", hostnames: ["ecole.example"] });
    expect(host.status).toBe(422);
    expect(Object.keys(host.body.error.fields)).toEqual(["hostnames"]);
    const slug = await operator.post("/api/v1/platforms", { ...newPlatform, hostnames: [] });
    expect(Object.keys(slug.body.error.fields)).toEqual(["slug"]);
    const bad = await operator.post("/api/v1/platforms", { ...newPlatform, slug: "x", hostnames: ["not a host"] });
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["hostnames.0", "slug"]);
    expect((await operator.patch(`/api/v1/platforms/${ecole.id}`, { hostnames: ["localhost"] })).status).toBe(422);
  });

  it("are unreachable while suspended, and reachable again once reactivated", async () => {
    const admin = await signedIn(t.app, { host: "ecole.example" }, "ecole.admin");
    const r = await operator.patch(`/api/v1/platforms/${ecole.id}`, { status: "suspended" });
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("suspended");
    for (const opts of [{ host: "ecole.example" }, { base: "/p/ecole" }]) {
      const c = new Client(t.app, opts);
      expect((await c.get("/api/v1/platform")).body.platform).toBeNull();
      const signIn = await c.post("/api/v1/auth/sign-in", { login: "ecole.admin", password: PASSWORD });
      expect(signIn.status).toBe(404);
      expect(signIn.body.error.code).toBe("platforms.not_found");
    }
    expect((await admin.get("/api/v1/me")).status).toBe(401);
    expect((await operator.patch(`/api/v1/platforms/${ecole.id}`, { status: "active" })).status).toBe(200);
    expect((await new Client(t.app, { host: "ecole.example" }).get("/api/v1/platform")).body.platform.slug).toBe("ecole");
    expect((await admin.get("/api/v1/me")).status).toBe(200);
  });

  it("move to new hostnames: the old ones stop serving the platform", async () => {
    expect((await operator.patch(`/api/v1/platforms/${ecole.id}`, { hostnames: ["jaures.example"] })).body.hostnames).toEqual(["jaures.example"]);
    expect((await new Client(t.app, { host: "ecole.example" }).get("/api/v1/platform")).body.platform).toBeNull();
    expect((await new Client(t.app, { host: "jaures.example" }).get("/api/v1/platform")).body.platform.slug).toBe("ecole");
    await operator.patch(`/api/v1/platforms/${ecole.id}`, { hostnames: newPlatform.hostnames });
  });

  it("the deployment admin cannot suspend their own platform", async () => {
    const own = (await operator.get("/api/v1/me")).body;
    const list = (await operator.get("/api/v1/platforms")).body.items as { id: string; slug: string }[];
    const national = list.find((x) => x.slug === "national")!;
    expect(own.isOperator).toBe(true);
    const r = await operator.patch(`/api/v1/platforms/${national.id}`, { status: "suspended" });
    expect(r.status).toBe(422);
    expect((await operator.get("/api/v1/me")).status).toBe(200);
  });
});

describe("networks of platforms", () => {
  type Listed = { id: string; slug: string; parentId: string | null; users: number; logoUrl: string | null };
  const list = async () => (await operator.get("/api/v1/platforms")).body as { items: Listed[]; networks: { id: string; platforms: number; users: number }[] };
  const region = (slug: string, parentId?: string | null) => ({
    name: `Région ${slug}`,
    slug,
    hostnames: [],
    defaultLocale: "fr",
    parentId,
    logoUrl: "https://example.org/logo.svg",
    admin: { username: `${slug}.admin`, email: `admin@${slug}.example`, givenName: "Rémi", familyName: "Region", password: PASSWORD },
  });
  let national: Listed;

  it("a platform is created under a network's head, with its logo, and listed after it", async () => {
    national = (await list()).items.find((x) => x.slug === "national")!;
    const r = await operator.post("/api/v1/platforms", region("alsace", national.id));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ slug: "alsace", parentId: national.id, logoUrl: "https://example.org/logo.svg" });
    expect((await new Client(t.app, { base: "/p/alsace" }).get("/api/v1/platform")).body.platform.branding.logoUrl).toBe("https://example.org/logo.svg");
    const { items, networks } = await list();
    const slugs = items.map((x) => x.slug);
    expect(slugs.indexOf("alsace")).toBe(slugs.indexOf("national") + 1);
    // each network's usage is added up: the head and the platforms under it
    const net = networks.find((n) => n.id === national.id)!;
    const members = items.filter((x) => x.id === national.id || x.parentId === national.id);
    expect(net).toMatchObject({ platforms: 2, users: members.reduce((a, x) => a + x.users, 0) });
    expect(networks.reduce((a, n) => a + n.platforms, 0)).toBe(items.length);
  });

  it("has one level: no parent under a member, none that is unknown or itself, no head moved under another", async () => {
    const alsace = (await list()).items.find((x) => x.slug === "alsace")!;
    const under = await operator.post("/api/v1/platforms", region("strasbourg", alsace.id));
    expect(under.status).toBe(422);
    expect(under.body.error.fields.parentId).toBeTruthy();
    const unknown = await operator.post("/api/v1/platforms", region("nulle-part", "01900000-0000-7000-8000-000000000000"));
    expect(unknown.status).toBe(422);
    expect(unknown.body.error.fields.parentId).toBeTruthy();
    expect((await operator.post("/api/v1/platforms", { ...region("mauvais"), parentId: "pas-un-id" })).status).toBe(422);
    const self = await operator.patch(`/api/v1/platforms/${alsace.id}`, { parentId: alsace.id });
    expect(self.status).toBe(422);
    const ecole = (await list()).items.find((x) => x.slug === "ecole")!;
    const head = await operator.patch(`/api/v1/platforms/${national.id}`, { parentId: ecole.id });
    expect(head.status).toBe(422);
    expect(head.body.error.fields.parentId).toMatch(/.+/);
    expect((await list()).items.find((x) => x.slug === "national")!.parentId).toBeNull();
  });

  it("a platform moves to another network and out of it; only the deployment admin may", async () => {
    const ecole = (await list()).items.find((x) => x.slug === "ecole")!;
    const admin = await signedIn(t.app, { host: "ecole.example" }, "ecole.admin");
    expect((await admin.patch(`/api/v1/platforms/${ecole.id}`, { parentId: national.id })).status).toBe(403);
    expect((await operator.patch(`/api/v1/platforms/${ecole.id}`, { parentId: national.id })).body.parentId).toBe(national.id);
    expect((await list()).networks.find((n) => n.id === national.id)!.platforms).toBe(3);
    expect((await operator.patch(`/api/v1/platforms/${ecole.id}`, { parentId: null })).body.parentId).toBeNull();
    expect((await list()).networks.find((n) => n.id === ecole.id)!.platforms).toBe(1);
  });
});

describe("password reset", () => {
  const outbox = async (to: string) => (await operator.get(`/api/v1/outbox?to=${encodeURIComponent(to)}`)).body;
  beforeAll(async () => {
    // the operator reads ecole's mails only under a support grant from ecole's admin (federation module)
    const admin = await signedIn(t.app, { host: "ecole.example" }, "ecole.admin");
    const [op] = (await admin.get("/api/v1/federation/operators")).body.items;
    expect((await admin.post("/api/v1/federation/support-grants", { operatorId: op.id, hours: 1 })).status).toBe(200);
  });

  it("mails a link to the outbox (no SMTP), readable by the deployment admin; the token works once and ends every session", async () => {
    const admin = await signedIn(t.app, { host: "ecole.example" }, "ecole.admin");
    await admin.post("/api/v1/users", {
      username: "paul",
      email: "paul@parents.test",
      givenName: "Paul",
      familyName: "Parent",
      profile: "parent",
      orgId: (await admin.get("/api/v1/me")).body.grants[0].orgId,
      password: PASSWORD,
    });
    const s1 = await signedIn(t.app, { host: "ecole.example" }, "paul");
    const s2 = await signedIn(t.app, { base: "/p/ecole" }, "paul");

    const anon = new Client(t.app, { host: "ecole.example", lang: "en" });
    expect((await anon.post("/api/v1/auth/password-reset", { login: "paul@parents.test" })).body).toEqual({ ok: true });
    // the same answer for nobody, and no mail
    expect((await anon.post("/api/v1/auth/password-reset", { login: "nobody@parents.test" })).body).toEqual({ ok: true });
    expect((await outbox("nobody@parents.test")).items).toEqual([]);

    const mails = await outbox("paul@parents.test");
    expect(mails.total).toBe(1);
    const [mail] = mails.items;
    expect(mail).toMatchObject({ platform: "ecole", to: "paul@parents.test", status: "kept", error: null });
    expect(mail.subject).toContain("École Jean Jaurès");
    expect(mail.html).toContain("<a href=");
    const link = /http:\/\/ecole\.example\/reset-password\?token=([\w-]+)/.exec(mail.text);
    expect(link, mail.text).not.toBeNull();
    const token = decodeURIComponent(link![1]);

    const confirm = await anon.post("/api/v1/auth/password-reset/confirm", { token, password: "a brand new password" });
    expect(confirm.status).toBe(200);
    expect((await s1.get("/api/v1/me")).status).toBe(401);
    expect((await s2.get("/api/v1/me")).status).toBe(401);
    expect((await new Client(t.app, { host: "ecole.example" }).post("/api/v1/auth/sign-in", { login: "paul", password: PASSWORD })).status).toBe(401);
    await signedIn(t.app, { host: "ecole.example" }, "paul", "a brand new password");

    const again = await anon.post("/api/v1/auth/password-reset/confirm", { token, password: "yet another password" });
    expect(again.status).toBe(422);
    expect(again.body.error.fields).toEqual({ token: "This link is no longer valid: ask for a new one." });
    await signedIn(t.app, { host: "ecole.example" }, "paul", "a brand new password");
  });

  it("a token of one platform is worthless on another", async () => {
    const anon = new Client(t.app, { base: "/p/ecole" });
    await anon.post("/api/v1/auth/password-reset", { login: "paul" });
    const [mail] = (await outbox("paul@parents.test")).items;
    const token = decodeURIComponent(/token=([\w-]+)/.exec(mail.text)![1]);
    expect(mail.text).toContain("/p/ecole/reset-password?token=");
    const elsewhere = await new Client(t.app, { host: "other.localhost" }).post("/api/v1/auth/password-reset/confirm", {
      token,
      password: "hijacked password",
    });
    expect(elsewhere.status).toBe(422);
    expect((await anon.post("/api/v1/auth/password-reset/confirm", { token, password: "the right password" })).status).toBe(200);
  });
});
