import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { makeCollege, teachMaths } from "./test-fixtures.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let school: { id: string; path: string };
let classA: { id: string; path: string };
let classB: { id: string; path: string };
const u: Record<string, { id: string }> = {};
const c: Record<string, Client> = {};
let math: string;
let courseId: string;
let quizId: string;
let pageId: string;
let entryId: string;
const TODAY = "2026-11-23";

const doc = (text: string, latex: string) => ({
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text },
        { type: "inlineMath", attrs: { latex } },
      ],
    },
  ],
});
const homework = (over: Record<string, unknown> = {}) => ({
  kind: "homework",
  subjectId: math,
  day: TODAY,
  dueDate: "2026-11-25",
  title: "Quiz sur les équations",
  content: doc("Résoudre ", "x^2 = 4"),
  workloadMinutes: 30,
  ...over,
});
const ok = async (r: Promise<{ status: number; body: any }>) => {
  const x = await r;
  expect(x.status, JSON.stringify(x.body)).toBe(200);
  return x.body;
};

/**
 * Collège: 5e A (Léa, Tom) and 5e B (Zoé); Mme Martin teaches maths in 5e A, M. Durand in 5e B.
 * Léa's and Zoé's parent; Tom's parent; an inspector placed elsewhere. A maths course enrolling
 * 5e A, with a page and a quiz closing this week.
 */
beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "college-day");
  ({ school, classA, classB } = await makeCollege(t.k, p));
  const elsewhere = await makeOrg(t.k, p.tenantId, rootOf(p), "Inspection", "department");
  u.lea = await makeUser(t.k, p.tenantId, classA.id, "lea", "learner");
  u.tom = await makeUser(t.k, p.tenantId, classA.id, "tom", "learner");
  u.zoe = await makeUser(t.k, p.tenantId, classB.id, "zoe", "learner");
  u.martin = await makeUser(t.k, p.tenantId, school.id, "martin", "teacher");
  u.durand = await makeUser(t.k, p.tenantId, school.id, "durand", "teacher");
  u.parent = await makeUser(t.k, p.tenantId, school.id, "parent-lea", "parent");
  u.parentTom = await makeUser(t.k, p.tenantId, school.id, "parent-tom", "parent");
  u.head = await makeUser(t.k, p.tenantId, school.id, "principale", "admin");
  u.inspector = await makeUser(t.k, p.tenantId, elsewhere.id, "inspecteur", "teacher");
  c.admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  math = await teachMaths(c.admin, [
    [classA.id, u.martin.id],
    [classB.id, u.durand.id],
  ]);
  for (const [parent, child] of [
    [u.parent, u.lea],
    [u.parent, u.zoe],
    [u.parentTom, u.tom],
  ])
    await t.k.db.insertInto("school_guardians").values({ tenant_id: p.tenantId, id: newId(), parent_id: parent.id, child_id: child.id }).execute();
  for (const login of ["lea", "tom", "zoe", "martin", "durand", "parent-lea", "parent-tom", "principale", "inspecteur"])
    c[login] = await signedIn(t.app, { host: p.host }, login);
  // the maths course, built through the API by Mme Martin, enrolling 5e A
  courseId = (await ok(c.martin.post("/api/v1/courses", { orgId: school.id, title: "Maths 5e" }))).id;
  const section = await ok(c.martin.post(`/api/v1/courses/${courseId}/sections`, { title: "Équations" }));
  const sectionId = section.id ?? section.sections?.at(-1)?.id;
  pageId = (await ok(c.martin.post(`/api/v1/courses/${courseId}/items`, { sectionId, kind: "page", title: "Cours", body: doc("Cours ", "a^2") }))).id;
  quizId = (await ok(c.martin.post(`/api/v1/courses/${courseId}/quizzes`, { sectionId, title: "Quiz équations", closesAt: "2026-11-26T16:00:00Z" }))).itemId;
  await ok(c.martin.patch(`/api/v1/courses/${courseId}`, { status: "published" }));
  await ok(c.admin.post(`/api/v1/courses/${courseId}/enrolment/rules`, { orgId: classA.id }));
});
afterAll(async () => t?.close());

describe("homework linked to a course", () => {
  it("offers the items of the courses enrolling the class, to its writers only", async () => {
    const r = await ok(c.martin.get(`/api/v1/school/classes/${classA.id}/linkable`));
    expect(r.items).toHaveLength(1);
    expect(r.items[0]).toMatchObject({ id: courseId, title: "Maths 5e" });
    expect(r.items[0].items.map((i: { id: string; kind: string }) => [i.id, i.kind])).toEqual([
      [pageId, "page"],
      [quizId, "quiz"],
    ]);
    expect((await c.durand.get(`/api/v1/school/classes/${classB.id}/linkable`)).body.items).toEqual([]);
    expect((await c.lea.get(`/api/v1/school/classes/${classA.id}/linkable`)).status).toBe(403);
    expect((await c["parent-lea"].get(`/api/v1/school/classes/${classA.id}/linkable`)).status).toBe(403);
  });

  it("links homework to a quiz of such a course; a course not enrolling the class is a field error", async () => {
    const e = await ok(c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ quizId })));
    expect(e.link).toEqual({ courseId, itemId: quizId, title: "Quiz équations", kind: "quiz" });
    expect(e.contentHtml).toContain("<math");
    entryId = e.id;
    const wrong = await c.durand.post(`/api/v1/school/classes/${classB.id}/diary`, homework({ quizId }));
    expect(wrong.status).toBe(422);
    expect(wrong.body.error.fields.quizId).toBe("Choisissez un contenu d’un cours auquel la classe est inscrite.");
    // a page is not a quiz
    expect((await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ quizId: pageId }))).status).toBe(422);
    const page = await ok(c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ courseItemId: pageId, title: "Relire le cours" })));
    expect(page.link).toMatchObject({ itemId: pageId, kind: "page" });
    // the teacher edits and deletes their entry
    const edited = await ok(c.martin.patch(`/api/v1/school/diary/${page.id}`, homework({ courseItemId: pageId, title: "Relire le cours, page 12" })));
    expect(edited.title).toBe("Relire le cours, page 12");
    expect((await c.durand.del(`/api/v1/school/diary/${page.id}`)).status).toBe(403); // a teacher of the school, not its author
    await ok(c.martin.del(`/api/v1/school/diary/${page.id}`));
  });
});

describe("the school day", () => {
  it("a pupil sees the homework due (with its quiz), the quiz deadline and the latest entries", async () => {
    const day = await ok(c.lea.get(`/api/v1/school/day?today=${TODAY}`));
    expect(day.pupils).toHaveLength(1);
    const lea = day.pupils[0];
    expect(lea).toMatchObject({ id: u.lea.id, classes: [{ id: classA.id, name: "5e A" }] });
    expect(lea.due.map((d: { kind: string; title: string }) => [d.kind, d.title])).toEqual([
      ["homework", "Quiz sur les équations"],
      ["quiz", "Quiz équations"],
    ]);
    expect(lea.due[0].entry.link.itemId).toBe(quizId);
    expect(lea.due[1]).toMatchObject({ courseId, itemId: quizId, courseTitle: "Maths 5e" });
    expect(lea.latest.map((e: { id: string }) => e.id)).toEqual([entryId]);
    expect(day.teaching).toBeNull();
    expect(day.unreadMessages).toBe(0);
  });

  it("a parent sees each child's day, and only their own children's", async () => {
    const day = await ok(c["parent-lea"].get(`/api/v1/school/day?today=${TODAY}`));
    expect(day.pupils.map((x: { name: string }) => x.name)).toEqual(["lea Test", "zoe Test"]);
    expect(day.pupils[0].due).toHaveLength(2);
    expect(day.pupils[1].due).toEqual([]);
    const tom = await ok(c["parent-tom"].get(`/api/v1/school/day?today=${TODAY}`));
    expect(tom.pupils.map((x: { id: string }) => x.id)).toEqual([u.tom.id]);
  });

  it("a teacher sees their classes, the entries to write this week and the work to grade", async () => {
    const martin = await ok(c.martin.get(`/api/v1/school/day?today=${TODAY}`));
    expect(martin.pupils).toEqual([]);
    expect(martin.teaching.classes).toMatchObject([{ id: classA.id, name: "5e A", subjects: [{ id: math }] }]);
    expect(martin.teaching.toWrite).toEqual([]); // written this week
    const durand = await ok(c.durand.get(`/api/v1/school/day?today=${TODAY}`));
    expect(durand.teaching.toWrite).toMatchObject([{ classId: classB.id, className: "5e B", subject: { id: math } }]);
    expect(durand.teaching.toGrade).toEqual([]);
  });

  it("costs the same small number of statements for one child or two, and for a teacher", async () => {
    const cost = async (x: Client) => {
      await x.get(`/api/v1/school/day?today=${TODAY}`);
      const r = await countQueries(() => x.get(`/api/v1/school/day?today=${TODAY}`));
      expect(r.result.status).toBe(200);
      return r.sql.filter((s) => !s.includes('from "hostnames"')).length;
    };
    const one = await cost(c["parent-tom"]);
    expect(await cost(c["parent-lea"])).toBe(one);
    expect(await cost(c.lea)).toBe(one);
    expect(one).toBeLessThanOrEqual(3); // session, the day, the diary entries
    expect(await cost(c.martin)).toBeLessThanOrEqual(3);
  });
});

describe("reading the diary from above", () => {
  it("the head of school (admin of its node) reads every class's diary, read-only for others' entries", async () => {
    const d = await ok(c.principale.get(`/api/v1/school/classes/${classA.id}/diary?start=${TODAY}`));
    expect(d.items.map((e: { id: string }) => e.id)).toContain(entryId);
  });

  it("an inspector reads the diary of a node's classes once granted, writes nothing, sees no pupils", async () => {
    const url = `/api/v1/school/classes/${classA.id}/diary?start=${TODAY}`;
    expect((await c.inspecteur.get(url)).status).toBe(404);
    expect((await c.martin.post("/api/v1/school/diary-readers", { orgId: school.id, login: "inspecteur" })).status).toBe(404);
    const bad = await c.admin.post("/api/v1/school/diary-readers", { orgId: school.id, login: "personne" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.login).toBe("Personne inconnue : vérifiez l’identifiant ou l’adresse e-mail.");
    const grant = await ok(c.admin.post("/api/v1/school/diary-readers", { orgId: school.id, login: "inspecteur" }));
    expect(grant).toMatchObject({ org: { id: school.id }, person: { id: u.inspector.id } });
    expect((await ok(c.admin.get("/api/v1/school/diary-readers"))).items).toHaveLength(1);
    const d = await ok(c.inspecteur.get(url));
    expect(d.canWrite).toBe(false);
    expect(d.items.map((e: { id: string; canEdit: boolean }) => [e.id, e.canEdit])).toEqual([[entryId, false]]);
    expect((await ok(c.inspecteur.get(`/api/v1/school/classes/${classB.id}/workload?start=${TODAY}`))).days).toHaveLength(7);
    expect((await ok(c.inspecteur.get(`/api/v1/school/classes/${classA.id}`))).pupilList).toBeNull();
    expect((await c.inspecteur.post(`/api/v1/school/classes/${classA.id}/diary`, homework())).status).toBe(403);
    expect((await c.inspecteur.del(`/api/v1/school/diary/${entryId}`)).status).toBe(403);
    expect((await ok(c.inspecteur.get("/api/v1/school/classes"))).items.map((x: { name: string }) => x.name)).toEqual(["5e A", "5e B"]);
    await ok(c.admin.del(`/api/v1/school/diary-readers/${grant.id}`));
    expect((await c.inspecteur.get(url)).status).toBe(404);
  });
});
