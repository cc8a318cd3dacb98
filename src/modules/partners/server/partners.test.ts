import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let q: Awaited<ReturnType<typeof makePlatform>>;
let north: { id: string; path: string };
let south: { id: string; path: string };
let admin: Client;
let southAdmin: Client;
let teacher: Client;
const course: Record<string, string> = {};
const PW = "partner password 1";

/** A multipart/form-data body with one CSV file, as a browser's FormData sends it. */
function csvForm(csv: string) {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="people.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

async function newCourse(orgId: string, title: string) {
  const r = await teacher.post("/api/v1/courses", { orgId, title });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  await t.k.db
    .updateTable("courses")
    .set({ status: "published", self_enrol: "open" })
    .where("tenant_id", "=", p.tenantId)
    .where("id", "=", r.body.id)
    .execute();
  return r.body.id as string;
}

async function tokenOf(to: string) {
  const mail = await t.k.db
    .selectFrom("mail_outbox")
    .selectAll()
    .where("tenant_id", "=", p.tenantId)
    .where("to_address", "=", to)
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  return { token: decodeURIComponent(/token=([^\s"&]+)/.exec(mail.text_body)![1]!), mail };
}

/** Invites a partner, accepts as its contact, and returns the manager's client and the partner's id. */
async function partner(name: string, scopes: Partial<Record<"teachCourseIds" | "enrolCourseIds" | "enrolOrgIds", string[]>>) {
  const email = `${name.toLowerCase().replace(/\W+/g, "-")}@partner.test`;
  const r = await admin.post("/api/v1/partners", {
    name,
    contactEmail: email,
    orgId: p.rootOrgId,
    teachCourseIds: [],
    enrolCourseIds: [],
    enrolOrgIds: [],
    startsAt: null,
    endsAt: null,
    ...scopes,
  });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  const { token } = await tokenOf(email);
  const username = `${name.toLowerCase().replace(/\W+/g, "-")}-boss`;
  const ok = await new Client(t.app, { host: p.host }).post(`/api/v1/partner-invitations/${token}/accept`, {
    account: { username, givenName: "Max", familyName: name, password: PW },
  });
  expect(ok.status, JSON.stringify(ok.body)).toBe(200);
  return { id: r.body.id as string, manager: await signedIn(t.app, { host: p.host }, username, PW) };
}

async function person(manager: Client, username: string, role: "trainer" | "learner") {
  const r = await manager.post("/api/v1/partner/people", { username, givenName: "Pat", familyName: username, email: null, role, password: PW });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return signedIn(t.app, { host: p.host }, username, PW);
}

/** A platform with two departments, a course in each plus one on the root; another platform. */
beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "hote");
  q = await makePlatform(t.k, "voisin");
  north = await makeOrg(t.k, p.tenantId, rootOf(p), "Nord");
  south = await makeOrg(t.k, p.tenantId, rootOf(p), "Sud");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  await makeUser(t.k, p.tenantId, north.id, "nord-eleve", "learner");
  await makeUser(t.k, p.tenantId, south.id, "sud-admin", "admin");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  southAdmin = await signedIn(t.app, { host: p.host }, "sud-admin");
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  course.shared = await newCourse(north.id, "Soudure");
  course.other = await newCourse(north.id, "Comptabilité");
  course.southA = await newCourse(south.id, "Irrigation");
  course.root = await newCourse(p.rootOrgId, "Accueil");
});
afterAll(async () => t?.close());

describe("invitation", () => {
  it("mails a signed link; the contact creates their account once and manages the partner", async () => {
    const r = await admin.post("/api/v1/partners", {
      name: "Forma+",
      contactEmail: "Contact@FormaPlus.test",
      orgId: p.rootOrgId,
      teachCourseIds: [course.shared],
      enrolCourseIds: [],
      enrolOrgIds: [],
      startsAt: null,
      endsAt: null,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { token, mail } = await tokenOf("contact@formaplus.test");
    expect(mail.subject).toContain("Forma+");
    const anon = new Client(t.app, { host: p.host });
    expect((await anon.get(`/api/v1/partner-invitations/${token}`)).body).toMatchObject({
      status: "valid",
      partnerName: "Forma+",
      email: "contact@formaplus.test",
    });
    expect((await anon.get(`/api/v1/partner-invitations/${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await new Client(t.app, { host: q.host }).get(`/api/v1/partner-invitations/${token}`)).status).toBe(404);
    const account = { username: "forma-boss", givenName: "Léa", familyName: "Forma", password: PW };
    const taken = await anon.post(`/api/v1/partner-invitations/${token}/accept`, { account: { ...account, username: "prof" } });
    expect(taken.status).toBe(422);
    expect(taken.body.error.fields["account.username"]).toBe("Cet identifiant est déjà pris sur la plateforme.");
    expect((await anon.post(`/api/v1/partner-invitations/${token}/accept`, { account })).status).toBe(200);
    const again = await anon.post(`/api/v1/partner-invitations/${token}/accept`, { account: { ...account, username: "forma-boss2" } });
    expect(again.body.error.code).toBe("partners.invitation_used");
    const boss = await signedIn(t.app, { host: p.host }, "forma-boss", PW);
    const mine = await boss.get("/api/v1/partner");
    expect(mine.body).toMatchObject({ name: "Forma+", role: "manager", teach: [{ id: course.shared, name: "Soudure" }] });
    await t.k.events.flush();
    const verbs = (await t.k.db.selectFrom("events").select("verb").where("tenant_id", "=", p.tenantId).where("object_id", "=", r.body.id).execute()).map(
      (e) => e.verb,
    );
    expect(verbs.sort()).toEqual(["accepted", "invited"]);
  });

  it("shares only what lies in the inviting admin's branch", async () => {
    const body = {
      name: "Hors champ",
      contactEmail: "x@y.test",
      orgId: south.id,
      teachCourseIds: [course.shared],
      enrolCourseIds: [],
      enrolOrgIds: [north.id],
      startsAt: null,
      endsAt: null,
    };
    const r = await southAdmin.post("/api/v1/partners", body);
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["enrolOrgIds", "teachCourseIds"]);
    expect((await southAdmin.post("/api/v1/partners", { ...body, orgId: north.id, teachCourseIds: [], enrolOrgIds: [] })).status).toBe(403);
    expect((await teacher.post("/api/v1/partners", { ...body, orgId: p.rootOrgId, teachCourseIds: [], enrolOrgIds: [] })).status).toBe(403);
  });
});

describe("limits", () => {
  it("a partner trainer edits exactly the chosen courses and cannot browse the platform's people", async () => {
    const { manager } = await partner("Atelier", { teachCourseIds: [course.shared] });
    const trainer = await person(manager, "atelier-trainer", "trainer");
    expect((await trainer.patch(`/api/v1/courses/${course.shared}`, { title: "Soudure avancée" })).status).toBe(200);
    const page = await trainer.get(`/api/v1/courses/${course.shared}`);
    expect(page.body.capabilities, JSON.stringify(page.body).slice(0, 300)).toMatchObject({ edit: true, teach: true, team: false });
    expect((await trainer.patch(`/api/v1/courses/${course.other}`, { title: "Pris" })).status).toBe(404);
    expect((await trainer.get(`/api/v1/courses/${course.root}`)).status).toBe(404);
    expect((await trainer.get(`/api/v1/courses/${course.shared}/team/candidates?q=a`)).status).toBe(403);
    expect((await trainer.get(`/api/v1/courses/${course.shared}/candidates?q=a`)).status).toBe(403);
    expect((await trainer.get("/api/v1/users")).body.items).toEqual([]);
    const me = await trainer.get("/api/v1/me");
    expect(me.body).toMatchObject({ grants: [], isAdmin: false, partner: { name: "Atelier", role: "trainer" } });
    expect((await trainer.get("/api/v1/home")).status).toBe(200);
    expect((await manager.patch(`/api/v1/courses/${course.shared}`, { title: "Non" })).status).toBe(404);
  });

  it("a partner learner sees and enrols in exactly the chosen part of the catalogue, and no people", async () => {
    const { manager } = await partner("Asso", { enrolCourseIds: [course.root], enrolOrgIds: [south.id] });
    const learner = await person(manager, "asso-learner", "learner");
    const cat = await learner.get("/api/v1/catalogue");
    expect(cat.status).toBe(200);
    expect(cat.body.items.map((c: { id: string }) => c.id).sort()).toEqual([course.root, course.southA].sort());
    expect((await learner.post(`/api/v1/courses/${course.southA}/enrolment`, {})).status).toBe(200);
    expect((await learner.get(`/api/v1/courses/${course.southA}`)).status).toBe(200);
    expect((await learner.post(`/api/v1/courses/${course.shared}/enrolment`, {})).status).toBe(404);
    expect((await learner.get(`/api/v1/courses/${course.other}`)).status).toBe(404);
    expect((await learner.get("/api/v1/users")).body.items).toEqual([]);
    expect((await learner.get("/api/v1/orgs")).body.items ?? []).toEqual([]);
    expect((await learner.get("/api/v1/partner/people")).status).toBe(404);
    expect(
      (await learner.post("/api/v1/partner/people", { username: "x-y", givenName: "X", familyName: "Y", email: null, role: "learner", password: PW })).status,
    ).toBe(403);
    // a platform learner's catalogue is untouched by partnerships
    const platformLearner = await signedIn(t.app, { host: p.host }, "nord-eleve");
    const theirs = (await platformLearner.get("/api/v1/catalogue")).body.items.map((c: { id: string }) => c.id);
    expect(theirs).toContain(course.shared);
    expect(theirs).not.toContain(course.southA);
  });

  it("suspending stops access at once and resuming restores it; ending is final and keeps the work", async () => {
    const { id, manager } = await partner("Passage", { teachCourseIds: [course.shared], enrolCourseIds: [course.root] });
    const trainer = await person(manager, "passage-trainer", "trainer");
    const learner = await person(manager, "passage-learner", "learner");
    expect((await learner.post(`/api/v1/courses/${course.root}/enrolment`, {})).status).toBe(200);
    expect((await admin.post(`/api/v1/partners/${id}/status`, { status: "suspended" })).status).toBe(200);
    expect((await trainer.get(`/api/v1/courses/${course.shared}`)).status).toBe(401);
    expect((await learner.get(`/api/v1/courses/${course.root}`)).status).toBe(401);
    expect((await admin.post(`/api/v1/partners/${id}/status`, { status: "active" })).status).toBe(200);
    expect((await trainer.get(`/api/v1/courses/${course.shared}`)).status).toBe(200);
    // narrowing the scope applies at once too
    const narrow = await admin.put(`/api/v1/partners/${id}/scopes`, {
      teachCourseIds: [],
      enrolCourseIds: [course.root],
      enrolOrgIds: [],
      startsAt: null,
      endsAt: null,
    });
    expect(narrow.status, JSON.stringify(narrow.body)).toBe(200);
    expect((await trainer.get(`/api/v1/courses/${course.shared}`)).status).toBe(404);
    expect((await admin.post(`/api/v1/partners/${id}/status`, { status: "ended" })).status).toBe(200);
    expect((await learner.get(`/api/v1/courses/${course.root}`)).status).toBe(401);
    const sessionCount = async () =>
      (await t.k.db.selectFrom("sessions as s").innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "s.tenant_id").onRef("u.id", "=", "s.user_id")).select("s.id").where("s.tenant_id", "=", p.tenantId).where("u.username", "=", "passage-learner").execute()).length;
    const before = await sessionCount();
    const refused = await new Client(t.app, { host: p.host }).post("/api/v1/auth/sign-in", { login: "passage-learner", password: PW });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("auth.partnership_inactive");
    expect(await sessionCount()).toBe(before); // the session its statement opened is gone
    expect((await admin.post(`/api/v1/partners/${id}/status`, { status: "active" })).body.error.code).toBe("partners.ended");
    const detail = await admin.get(`/api/v1/partners/${id}`);
    expect(detail.body.status).toBe("ended");
    expect(detail.body.activity).toMatchObject([{ course: { id: course.root }, role: "learner" }]);
    await t.k.events.flush();
    const verbs = (await t.k.db.selectFrom("events").select("verb").where("tenant_id", "=", p.tenantId).where("object_id", "=", id).execute()).map(
      (e) => e.verb,
    );
    expect(verbs).toEqual(expect.arrayContaining(["invited", "accepted", "suspended", "resumed", "rescoped", "ended"]));
  });

  it("partnerships outside its dates give no access", async () => {
    const { id, manager } = await partner("Futur", { teachCourseIds: [course.shared] });
    const trainer = await person(manager, "futur-trainer", "trainer");
    const later = new Date(Date.now() + 86400_000).toISOString();
    expect(
      (
        await admin.put(`/api/v1/partners/${id}/scopes`, {
          teachCourseIds: [course.shared],
          enrolCourseIds: [],
          enrolOrgIds: [],
          startsAt: later,
          endsAt: null,
        })
      ).status,
    ).toBe(200);
    expect((await trainer.get(`/api/v1/courses/${course.shared}`)).status).toBe(401);
  });
});

describe("host administration", () => {
  it("others' partners are 404; a department admin sees only their branch's", async () => {
    const list = await southAdmin.get("/api/v1/partners");
    expect(list.status).toBe(200);
    expect(list.body.items).toEqual([]);
    const any = (await admin.get("/api/v1/partners")).body.items[0];
    expect((await southAdmin.get(`/api/v1/partners/${any.id}`)).status).toBe(404);
    expect((await signedIn(t.app, { host: q.host }, q.adminLogin).then((c) => c.get(`/api/v1/partners/${any.id}`))).status).toBe(404);
  });

  it("the manager adds people from a CSV, all or nothing, with row errors", async () => {
    const { id, manager } = await partner("Import", {});
    const bad = csvForm(
      "username;prénom;nom;rôle;mot de passe\nimp-a;Ana;A;formateur;long enough pw\nprof;Bo;B;apprenant;long enough pw\nimp-c;Cy;C;chef;court\n",
    );
    const r1 = await manager.request("POST", "/api/v1/partner/people/import", bad.body, bad.headers);
    expect(r1.status).toBe(422);
    expect(r1.body.error.details.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual([
      "3:partners.import.username_taken",
      "4:partners.import.role",
      "4:partners.import.password_short",
    ]);
    expect((await admin.get(`/api/v1/partners/${id}`)).body.people).toHaveLength(1);
    const good = csvForm("username;prénom;nom;rôle;mot de passe\nimp-a;Ana;A;formateur;long enough pw\nimp-b;Bo;B;apprenant;long enough pw\n");
    const r2 = await manager.request("POST", "/api/v1/partner/people/import", good.body, good.headers);
    expect(r2.status, JSON.stringify(r2.body)).toBe(200);
    expect(r2.body.created).toBe(2);
    const people = (await admin.get(`/api/v1/partners/${id}`)).body.people.map((x: { username: string; role: string }) => `${x.username}:${x.role}`);
    expect(people.sort()).toEqual(["imp-a:trainer", "imp-b:learner", "import-boss:manager"]);
  });

  it("lists partners in a bounded number of queries, whatever their number", async () => {
    const few = await countSteady(() => admin.get("/api/v1/partners"));
    await partner("Encore1", {});
    await partner("Encore2", {});
    const more = await countSteady(() => admin.get("/api/v1/partners"));
    expect(more.result.body.items.length).toBeGreaterThan(few.result.body.items.length);
    expect(more.count).toBe(few.count);
    expect(more.count).toBeLessThanOrEqual(2);
  });
});
