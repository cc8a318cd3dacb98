import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser } from "../../../../test/factories.ts";
import { Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { makeCollege } from "./test-fixtures.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let q: Awaited<ReturnType<typeof makePlatform>>;
let school: { id: string; path: string };
let classA: { id: string; path: string };
let classB: { id: string; path: string };
const u: Record<string, { id: string }> = {};
let admin: Client;
let teacher: Client;
let lea: Client;
let zoe: Client;
let otherAdmin: Client;
let math: { id: string };

/** A multipart/form-data body, as a browser's FormData would send it. */
function form(orgId: string, csv: string) {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="orgId"\r\n\r\n${orgId}\r\n`),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="import.csv"\r\nContent-Type: text/csv\r\n\r\n`),
    Buffer.from(csv),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
const upload = (c: Client, url: string, orgId: string, csv: string) => {
  const f = form(orgId, csv);
  return c.request("POST", url, f.body, f.headers);
};

/** Collège with classes 5e A and 5e B (a pupil each), two teachers on the school, a parent; another platform. */
beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "college");
  q = await makePlatform(t.k, "autre");
  ({ school, classA, classB } = await makeCollege(t.k, p, "Collège Jean Moulin"));
  u.lea = await makeUser(t.k, p.tenantId, classA.id, "lea", "learner");
  u.zoe = await makeUser(t.k, p.tenantId, classB.id, "zoe", "learner");
  u.martin = await makeUser(t.k, p.tenantId, school.id, "mme-martin", "teacher");
  u.durand = await makeUser(t.k, p.tenantId, school.id, "m-durand", "teacher");
  u.parent = await makeUser(t.k, p.tenantId, school.id, "parent-lea", "parent", "parent.lea@example.test");
  u.otherParent = await makeUser(t.k, q.tenantId, q.rootOrgId, "parent-autre", "parent");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  teacher = await signedIn(t.app, { host: p.host }, "mme-martin");
  lea = await signedIn(t.app, { host: p.host }, "lea");
  zoe = await signedIn(t.app, { host: p.host }, "zoe");
  otherAdmin = await signedIn(t.app, { host: q.host }, q.adminLogin);
});
afterAll(async () => t?.close());

describe("subjects", () => {
  it("platform admins manage them; everyone reads them; a taken code is a field error", async () => {
    const r = await admin.post("/api/v1/school/subjects", { code: "MATH", name: "Mathématiques", color: "#2563EB" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ code: "MATH", name: "Mathématiques", color: "#2563eb", archived: false });
    math = r.body;
    const dup = await admin.post("/api/v1/school/subjects", { code: "math", name: "Maths", color: "#000000" });
    expect(dup.status).toBe(422);
    expect(dup.body.error.fields.code).toBe("Ce code de matière est déjà utilisé sur la plateforme.");
    expect((await admin.post("/api/v1/school/subjects", { code: "a b", name: "", color: "red" })).status).toBe(422);
    expect((await teacher.post("/api/v1/school/subjects", { code: "HIST", name: "Histoire", color: "#dc2626" })).status).toBe(403);
    expect((await admin.post("/api/v1/school/subjects", { code: "HG", name: "Histoire-géographie", color: "#dc2626" })).status).toBe(200);
    const list = await lea.get("/api/v1/school/subjects");
    expect(list.body.items.map((s: { code: string }) => s.code)).toEqual(["HG", "MATH"]);
    expect(list.body.canManage).toBe(false);
    // another platform's admin cannot reach this platform's subject
    expect((await otherAdmin.patch(`/api/v1/school/subjects/${math.id}`, { name: "X" })).status).toBe(404);
    expect((await admin.patch(`/api/v1/school/subjects/${math.id}`, { name: "Maths" })).body.name).toBe("Maths");
  });
});

describe("classes and teachers", () => {
  it("an admin assigns a teacher to a subject in a class; the teacher then sees the class", async () => {
    expect((await teacher.get("/api/v1/school/classes")).body.items).toEqual([]);
    const r = await admin.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: math.id, teacherId: u.martin.id });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ subject: { code: "MATH" }, teacher: { id: u.martin.id, name: "mme-martin Test" } });
    expect((await admin.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: math.id, teacherId: u.martin.id })).status).toBe(409);
    const mine = await teacher.get("/api/v1/school/classes");
    expect(mine.body.items.map((c: { name: string }) => c.name)).toEqual(["5e A"]);
    expect(mine.body.items[0]).toMatchObject({ pupils: 1, canManage: false, parentName: "Collège Jean Moulin" });
    // the teacher sees the pupils of their class
    const detail = await teacher.get(`/api/v1/school/classes/${classA.id}`);
    expect(detail.status, JSON.stringify(detail.body)).toBe(200);
    expect(detail.body.pupilList.map((x: { name: string }) => x.name)).toEqual(["lea Test"]);
  });

  it("refuses teachers who are not, and people of other platforms", async () => {
    const pupil = await admin.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: math.id, teacherId: u.lea.id });
    expect(pupil.status).toBe(422);
    expect(pupil.body.error.fields.teacherId).toBe("Cette personne n’a pas un profil d’enseignant.");
    const stranger = await admin.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: math.id, teacherId: u.otherParent.id });
    expect(stranger.body.error.fields.teacherId).toBe("Choisissez un enseignant des branches que vous administrez.");
    // a teacher cannot assign; another platform's admin does not even find the class
    expect((await teacher.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: math.id, teacherId: u.durand.id })).status).toBe(403);
    expect((await otherAdmin.post(`/api/v1/school/classes/${classA.id}/teachings`, { subjectId: math.id, teacherId: u.durand.id })).status).toBe(404);
  });

  it("a pupil sees only their own class, without the list of pupils; other platforms get 404", async () => {
    const mine = await lea.get("/api/v1/school/classes");
    expect(mine.body.items.map((c: { name: string }) => c.name)).toEqual(["5e A"]);
    expect(mine.body.items[0].teachings.map((x: { teacher: { name: string } }) => x.teacher.name)).toEqual(["mme-martin Test"]);
    expect((await lea.get(`/api/v1/school/classes/${classA.id}`)).body.pupilList).toBeNull();
    expect((await zoe.get(`/api/v1/school/classes/${classA.id}`)).status).toBe(404);
    expect((await otherAdmin.get(`/api/v1/school/classes/${classA.id}`)).status).toBe(404);
    expect((await otherAdmin.get("/api/v1/school/classes")).body.items).toEqual([]);
  });

  it("lists classes in a fixed number of statements, whatever their number", async () => {
    const measure = async () => {
      const r = await countQueries(() => admin.get("/api/v1/school/classes"));
      expect(r.result.status).toBe(200);
      return { n: r.sql.filter((s) => !s.includes('from "hostnames"')).length, classes: r.result.body.items.length };
    };
    const before = await measure();
    for (const name of ["6e A", "6e B", "4e A"]) {
      const c = await makeOrg(t.k, p.tenantId, school, name, "class");
      await admin.post(`/api/v1/school/classes/${c.id}/teachings`, { subjectId: math.id, teacherId: u.durand.id });
    }
    const after = await measure();
    expect(after.classes).toBe(before.classes + 3);
    expect(after.n).toBe(before.n);
    expect(after.n).toBeLessThanOrEqual(3); // session, classes, teachings
  });
});

describe("CSV import of classes, subjects and teachers", () => {
  it("the dry run reports every bad row; the import refuses the file whole", async () => {
    const csv = ["classe;matière;libellé;couleur;enseignant", "5e A;HG;;;mme-martin", "3e C;PHY;;;nobody", "3e C;MATH;;bleu;lea", "5e A;HG;;;mme-martin"].join(
      "\n",
    );
    const r = await upload(admin, "/api/v1/school/imports/teachings/check", school.id, csv);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual([
      "3:school.import.subject_unknown",
      "3:school.import.teacher_unknown",
      "4:school.import.color",
      "4:school.import.not_a_teacher",
      "5:school.import.duplicate_row",
    ]);
    expect(r.body.errors[0].message).toBe("Matière inconnue « PHY » : créez-la d’abord, ou donnez son nom dans la colonne du libellé.");
    const refused = await upload(admin, "/api/v1/school/imports/teachings", school.id, csv);
    expect(refused.status).toBe(422);
    expect(refused.body.error.code).toBe("school.import_has_errors");
    expect(refused.body.error.details.errors).toHaveLength(5);
    const classes = await t.k.db.selectFrom("orgs").select("name").where("tenant_id", "=", p.tenantId).where("name", "=", "3e C").execute();
    expect(classes).toEqual([]);
  });

  it("creates missing classes and subjects and assigns teachers, all at once", async () => {
    const csv = [
      "class,subject,subject_name,colour,teacher",
      "3e C,PHY,Physique-chimie,#0891B2,m-durand",
      "3e C,MATH,,,mme-martin",
      "5e B,PHY,,,m-durand@example.test",
    ].join("\n");
    const dry = await upload(admin, "/api/v1/school/imports/teachings/check", school.id, csv);
    expect(dry.body.errors).toEqual([]);
    expect(dry.body).toMatchObject({ newClasses: ["3e C"], newSubjects: ["PHY — Physique-chimie"], created: 0 });
    const r = await upload(admin, "/api/v1/school/imports/teachings", school.id, csv);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.created).toBe(3);
    const durand = await signedIn(t.app, { host: p.host }, "m-durand");
    const names = (await durand.get("/api/v1/school/classes")).body.items.map((c: { name: string }) => c.name);
    expect(names).toEqual(expect.arrayContaining(["3e C", "5e B"]));
    // a teacher may not import; another platform's admin does not find the node
    expect((await upload(teacher, "/api/v1/school/imports/teachings/check", school.id, csv)).status).toBe(403);
    expect((await upload(otherAdmin, "/api/v1/school/imports/teachings/check", school.id, csv)).status).toBe(404);
  });
});

describe("parents and children", () => {
  it("a parent may write to their child's class teacher, not to another class's teacher", async () => {
    const r = await upload(admin, "/api/v1/school/imports/guardians", school.id, "responsable;élève\nparent-lea;lea\n");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.created).toBe(1);
    const parent = await signedIn(t.app, { host: p.host }, "parent-lea");
    const ok = await parent.post("/api/v1/messages/conversations", { recipientIds: [u.martin.id], body: "Bonjour, Léa était malade hier." });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    // m-durand teaches 3e C and 5e B, not Léa's class
    const refused = await parent.post("/api/v1/messages/conversations", { recipientIds: [u.durand.id], body: "Bonjour" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("messages.not_allowed");
    const names = (await parent.get("/api/v1/messages/recipients?q=")).body.items.map((i: { name: string }) => i.name);
    expect(names).toContain("mme-martin Test");
    expect(names).not.toContain("m-durand Test");
  });

  it("several children per parent: the import reports bad rows, then the parent sees both children", async () => {
    const bad = await upload(
      admin,
      "/api/v1/school/imports/guardians/check",
      school.id,
      "parent;child\nparent-lea;zoe\nlea;zoe\nparent-lea;parent-autre\nparent-lea;zoe\n",
    );
    expect(bad.body.errors.map((e: { line: number; code: string }) => `${e.line}:${e.code}`)).toEqual([
      "3:school.import.not_a_parent",
      "4:school.import.person_unknown",
      "5:school.import.duplicate_row",
    ]);
    expect((await upload(admin, "/api/v1/school/imports/guardians", school.id, "parent;child\nparent-lea;zoe\nlea;zoe\n")).status).toBe(422);
    const r = await upload(admin, "/api/v1/school/imports/guardians", school.id, "parent;child\nparent.lea@example.test;zoe\nparent-lea;lea\n");
    expect(r.body.created).toBe(1); // the link to Léa existed already
    const parent = await signedIn(t.app, { host: p.host }, "parent-lea");
    const kids = (await parent.get("/api/v1/school/children")).body.items;
    expect(kids.map((k: { name: string; classes: { name: string }[] }) => `${k.name} (${k.classes.map((c) => c.name).join(", ")})`)).toEqual([
      "lea Test (5e A)",
      "zoe Test (5e B)",
    ]);
    expect(kids[0].classes[0].teachings[0]).toMatchObject({ subject: { code: "MATH" }, teacher: { name: "mme-martin Test" } });
    // a parent sees their children's classes, and only those
    const classes = (await parent.get("/api/v1/school/classes")).body.items.map((c: { name: string }) => c.name);
    expect(classes).toEqual(["5e A", "5e B"]);
    expect((await parent.get(`/api/v1/school/classes/${classA.id}`)).body.pupilList).toBeNull();
    // the class detail shows the admin each pupil's parents
    const detail = await admin.get(`/api/v1/school/classes/${classB.id}`);
    expect(detail.body.pupilList[0].parents.map((x: { name: string }) => x.name)).toEqual(["parent-lea Test"]);
    // another platform's parent has no children here
    const other = await signedIn(t.app, { host: q.host }, "parent-autre");
    expect((await other.get("/api/v1/school/children")).body.items).toEqual([]);
  });

  it("lists a parent's children in a fixed number of statements", async () => {
    const parent = await signedIn(t.app, { host: p.host }, "parent-lea");
    const r = await countQueries(() => parent.get("/api/v1/school/children"));
    expect(r.result.status).toBe(200);
    expect(r.sql.filter((s) => !s.includes('from "hostnames"')).length).toBeLessThanOrEqual(3);
  });
});

describe("parent invitations", () => {
  const tokenOf = async (to: string) => {
    const mail = await t.k.db
      .selectFrom("mail_outbox")
      .selectAll()
      .where("tenant_id", "=", p.tenantId)
      .where("to_address", "=", to)
      .orderBy("created_at", "desc")
      .executeTakeFirstOrThrow();
    const m = /token=([^\s"&]+)/.exec(mail.text_body);
    return { token: decodeURIComponent(m![1]!), mail };
  };

  it("mails a signed link with which the parent creates an account, once", async () => {
    const r = await admin.post(`/api/v1/school/pupils/${u.zoe.id}/invitations`, { email: "Maman.Zoe@example.test", givenName: "Claire", familyName: "Zoe" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const { token, mail } = await tokenOf("maman.zoe@example.test");
    expect(mail.subject).toBe("Invitation à suivre la scolarité de zoe Test sur Plateforme college");
    expect(mail.text_body).toContain("14 jours");
    const anon = new Client(t.app, { host: p.host });
    const seen = await anon.get(`/api/v1/school/invitations/${token}`);
    expect(seen.body).toMatchObject({ status: "valid", childName: "zoe Test", email: "maman.zoe@example.test", accountExists: false });
    // an altered link, or the link on another platform, is unknown
    expect((await anon.get(`/api/v1/school/invitations/${token.slice(0, -2)}xx`)).status).toBe(404);
    expect((await new Client(t.app, { host: q.host }).get(`/api/v1/school/invitations/${token}`)).status).toBe(404);
    // no CSRF token, no acceptance
    const noCsrf = await anon.request("POST", `/api/v1/school/invitations/${token}/accept`, {}, { "x-csrf-token": "forged" });
    expect(noCsrf.status).toBe(403);
    const account = { username: "claire.zoe", givenName: "Claire", familyName: "Zoe", password: "un mot de passe sûr" };
    const ok = await anon.post(`/api/v1/school/invitations/${token}/accept`, { account });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body).toEqual({ created: true, username: "claire.zoe", childName: "zoe Test" });
    const again = await anon.post(`/api/v1/school/invitations/${token}/accept`, { account: { ...account, username: "claire2" } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe("school.invitation_used");
    const claire = await signedIn(t.app, { host: p.host }, "claire.zoe", account.password);
    expect((await claire.get("/api/v1/school/children")).body.items.map((c: { name: string }) => c.name)).toEqual(["zoe Test"]);
  });

  it("a signed-in parent links their account; expired links and non-parents are refused", async () => {
    await admin.post(`/api/v1/school/pupils/${u.lea.id}/invitations`, { email: "claire.zoe@example.test", givenName: "Claire", familyName: "Zoe" });
    const { token } = await tokenOf("claire.zoe@example.test");
    expect((await teacher.post(`/api/v1/school/invitations/${token}/accept`, {})).status).toBe(403);
    const claire = await signedIn(t.app, { host: p.host }, "claire.zoe", "un mot de passe sûr");
    expect((await claire.get(`/api/v1/school/invitations/${token}`)).body.accountExists).toBe(false);
    const r = await claire.post(`/api/v1/school/invitations/${token}/accept`, {});
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.created).toBe(false);
    expect((await claire.get("/api/v1/school/children")).body.items.map((c: { name: string }) => c.name)).toEqual(["lea Test", "zoe Test"]);

    await admin.post(`/api/v1/school/pupils/${u.lea.id}/invitations`, { email: "late@example.test", givenName: "Paul", familyName: "Tard" });
    const late = await tokenOf("late@example.test");
    await t.k.db
      .updateTable("school_invitations")
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where("tenant_id", "=", p.tenantId)
      .where("email", "=", "late@example.test")
      .execute();
    const anon = new Client(t.app, { host: p.host });
    expect((await anon.get(`/api/v1/school/invitations/${late.token}`)).body.status).toBe("expired");
    const refused = await anon.post(`/api/v1/school/invitations/${late.token}/accept`, {
      account: { username: "paul", givenName: "Paul", familyName: "Tard", password: "un mot de passe sûr" },
    });
    expect(refused.status).toBe(410);
    expect(refused.body.error.message).toBe("Cette invitation a expiré : demandez à l’établissement de vous en envoyer une nouvelle.");
  });

  it("only admins over the pupil invite; other platforms get 404", async () => {
    const body = { email: "x@example.test", givenName: "X", familyName: "Y" };
    expect((await teacher.post(`/api/v1/school/pupils/${u.lea.id}/invitations`, body)).status).toBe(404);
    expect((await otherAdmin.post(`/api/v1/school/pupils/${u.lea.id}/invitations`, body)).status).toBe(404);
    expect((await admin.post(`/api/v1/school/pupils/${u.martin.id}/invitations`, body)).status).toBe(422);
  });
});

describe("a pupil changing class", () => {
  it("takes their parent's access along: the new class is open to the parent, the old one closed", async () => {
    const tom = await makeUser(t.k, p.tenantId, classA.id, "tom", "learner");
    await makeUser(t.k, p.tenantId, school.id, "parent-tom", "parent");
    expect((await upload(admin, "/api/v1/school/imports/guardians", school.id, "parent;child\nparent-tom;tom\n")).status).toBe(200);
    const parent = await signedIn(t.app, { host: p.host }, "parent-tom");
    const names = async () => (await parent.get("/api/v1/school/classes")).body.items.map((c: { name: string }) => c.name);
    const placed = async () =>
      (await parent.get("/api/v1/me")).body.grants.filter((g: { role: string }) => g.role === "parent").map((g: { orgId: string }) => g.orgId);
    expect(await names()).toEqual(["5e A"]);
    expect(await placed()).toContain(classA.id);

    // the admin moves Tom from 5e A to 5e B: a place in B, then A's withdrawn
    const granted = await admin.post(`/api/v1/users/${tom.id}/roles`, { orgId: classB.id, role: "learner" });
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const oldRole = granted.body.roles.find((r: { orgId: string }) => r.orgId === classA.id);
    expect((await admin.del(`/api/v1/users/${tom.id}/roles/${oldRole.id}`)).status).toBe(200);

    expect(await names()).toEqual(["5e B"]);
    expect(await placed()).toContain(classB.id);
    expect(await placed()).not.toContain(classA.id);
    expect((await parent.get(`/api/v1/school/classes/${classA.id}`)).status).toBe(404);
    expect((await parent.get(`/api/v1/school/classes/${classA.id}/diary?start=2026-11-23`)).status).toBe(404);
    expect((await parent.get(`/api/v1/school/classes/${classB.id}/diary?start=2026-11-23`)).status).toBe(200);

    // unlinking the parent from Tom closes 5e B as well
    const detail = await admin.get(`/api/v1/school/classes/${classB.id}`);
    const link = detail.body.pupilList.find((x: { id: string }) => x.id === tom.id).parents[0];
    expect((await admin.del(`/api/v1/school/guardians/${link.linkId}`)).status).toBe(200);
    expect(await names()).toEqual([]);
    expect((await parent.get(`/api/v1/school/classes/${classB.id}`)).status).toBe(404);
  });
});
