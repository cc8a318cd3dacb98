import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { makeCollege, teachMaths } from "./test-fixtures.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let q: Awaited<ReturnType<typeof makePlatform>>;
let classA: { id: string };
let classB: { id: string };
const u: Record<string, { id: string }> = {};
const c: Record<string, Client> = {};
let math: string;

const doc = (text: string, latex?: string) => ({
  type: "doc",
  content: [{ type: "paragraph", content: [{ type: "text", text }, ...(latex ? [{ type: "inlineMath", attrs: { latex } }] : [])] }],
});
const homework = (over: Record<string, unknown> = {}) => ({
  kind: "homework",
  subjectId: math,
  day: "2026-11-23",
  dueDate: "2026-11-26",
  title: "Exercices 3 à 5 page 42",
  content: doc("Résoudre ", "x^2 = 4"),
  workloadMinutes: 60,
  ...over,
});
const MONDAY = "2026-11-23";

/** Classes 5e A (Léa, taught maths by Mme Martin) and 5e B (Zoé, taught maths by M. Durand); Léa's parent; another platform. */
beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "college");
  q = await makePlatform(t.k, "autre");
  const { school, ...classes } = await makeCollege(t.k, p);
  ({ classA, classB } = classes);
  u.lea = await makeUser(t.k, p.tenantId, classA.id, "lea", "learner");
  u.zoe = await makeUser(t.k, p.tenantId, classB.id, "zoe", "learner");
  u.martin = await makeUser(t.k, p.tenantId, school.id, "martin", "teacher");
  u.durand = await makeUser(t.k, p.tenantId, school.id, "durand", "teacher");
  u.parent = await makeUser(t.k, p.tenantId, school.id, "parent-lea", "parent");
  await makeUser(t.k, q.tenantId, q.rootOrgId, "eve", "teacher");
  c.admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  math = await teachMaths(c.admin, [
    [classA.id, u.martin.id],
    [classB.id, u.durand.id],
  ]);
  await t.k.db.insertInto("school_guardians").values({ tenant_id: p.tenantId, id: newId(), parent_id: u.parent.id, child_id: u.lea.id }).execute();
  for (const login of ["lea", "zoe", "martin", "durand", "parent-lea"]) c[login] = await signedIn(t.app, { host: p.host }, login);
  c.other = await signedIn(t.app, { host: q.host }, q.adminLogin);
});
afterAll(async () => t?.close());

describe("homework diary", () => {
  let entryId: string;

  it("only the class's teacher of the subject (or its admin) writes in it", async () => {
    const r = await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ kind: "homework", dueDate: "2026-11-26", workloadMinutes: 60, className: "5e A", canEdit: true });
    expect(r.body.contentHtml).toContain("<math");
    entryId = r.body.id;
    expect((await c.durand.post(`/api/v1/school/classes/${classA.id}/diary`, homework())).status).toBe(403);
    expect((await c.lea.post(`/api/v1/school/classes/${classA.id}/diary`, homework())).status).toBe(403);
    expect((await c.other.post(`/api/v1/school/classes/${classA.id}/diary`, homework())).status).toBe(404);
    const lesson = await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, {
      kind: "lesson",
      subjectId: math,
      day: "2026-11-24",
      title: "Équations du second degré",
      content: doc("Cours : ", "\\Delta = b^2 - 4ac"),
    });
    expect(lesson.status, JSON.stringify(lesson.body)).toBe(200);
  });

  it("refuses bad input with field errors, never a 500", async () => {
    const noDue = await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ dueDate: null }));
    expect(noDue.status).toBe(422);
    expect(Object.keys(noDue.body.error.fields)).toEqual(["dueDate"]);
    const before = await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ dueDate: "2026-11-20" }));
    expect(before.body.error.fields.dueDate).toBe("L’échéance ne peut pas précéder le jour où le travail est donné.");
    const quiz = await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ quizId: newId() }));
    expect(quiz.body.error.fields.quizId).toBe("Choisissez un contenu d’un cours auquel la classe est inscrite.");
    const xss = doc("x");
    (xss.content[0].content as unknown[]).push({ type: "text", text: "clic", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] });
    expect((await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ content: xss }))).status).toBe(422);
    expect((await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ workloadMinutes: 9999 }))).status).toBe(422);
  });

  it("a pupil sees only their class's diary; a parent only their children's; other platforms 404", async () => {
    const mine = await c.lea.get(`/api/v1/school/diary/week?start=${MONDAY}`);
    expect(mine.body.items.map((e: { title: string }) => e.title)).toEqual(["Équations du second degré", "Exercices 3 à 5 page 42"]);
    expect(mine.body.items[0].canEdit).toBe(false);
    expect((await c.lea.get(`/api/v1/school/classes/${classA.id}/diary?start=${MONDAY}`)).body.items).toHaveLength(2);
    expect((await c.zoe.get(`/api/v1/school/diary/week?start=${MONDAY}`)).body.items).toEqual([]);
    expect((await c.zoe.get(`/api/v1/school/classes/${classA.id}/diary?start=${MONDAY}`)).status).toBe(404);
    const parent = await c["parent-lea"].get(`/api/v1/school/diary/week?start=${MONDAY}`);
    expect(parent.body.items.map((e: { className: string }) => e.className)).toEqual(["5e A", "5e A"]);
    expect((await c["parent-lea"].get(`/api/v1/school/classes/${classB.id}/diary?start=${MONDAY}`)).status).toBe(404);
    expect((await c.other.get(`/api/v1/school/classes/${classA.id}/diary?start=${MONDAY}`)).status).toBe(404);
    expect((await c.other.get(`/api/v1/school/diary/week?start=${MONDAY}`)).body.items).toEqual([]);
    // another week is empty
    expect((await c.lea.get("/api/v1/school/diary/week?start=2026-11-30")).body.items).toEqual([]);
    expect((await c.lea.get("/api/v1/school/diary/week?start=lundi")).status).toBe(422);
  });

  it("the teacher's planning holds their classes' entries, not their colleagues'", async () => {
    expect((await c.martin.get(`/api/v1/school/diary/week?start=${MONDAY}`)).body.items).toHaveLength(2);
    expect((await c.durand.get(`/api/v1/school/diary/week?start=${MONDAY}`)).body.items).toEqual([]);
  });

  it("warns when a day's homework passes the platform's threshold, which admins set", async () => {
    await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ title: "Rédaction", workloadMinutes: 45 }));
    const w = await c.lea.get(`/api/v1/school/classes/${classA.id}/workload?start=${MONDAY}`);
    expect(w.status).toBe(200);
    expect(w.body.threshold).toBe(90);
    expect(w.body.days).toHaveLength(7);
    expect(w.body.days[3]).toEqual({ date: "2026-11-26", minutes: 105, homework: 2, overloaded: true });
    expect(w.body.days[0]).toEqual({ date: MONDAY, minutes: 0, homework: 0, overloaded: false });
    expect((await c.martin.put("/api/v1/school/settings", { overloadMinutes: 120 })).status).toBe(403);
    expect((await c.admin.put("/api/v1/school/settings", { overloadMinutes: 120 })).body.overloadMinutes).toBe(120);
    expect((await c.lea.get(`/api/v1/school/classes/${classA.id}/workload?start=${MONDAY}`)).body.days[3].overloaded).toBe(false);
    expect((await c.zoe.get(`/api/v1/school/classes/${classA.id}/workload?start=${MONDAY}`)).status).toBe(404);
    // the setting is per platform
    expect((await c.other.get("/api/v1/school/settings")).body.overloadMinutes).toBe(90);
  });

  it("reads a week in a fixed number of statements, whatever its number of entries", async () => {
    const measure = async (client: Client, url: string) => {
      const r = await countQueries(() => client.get(url));
      expect(r.result.status).toBe(200);
      return r.sql.filter((s) => !s.includes('from "hostnames"')).length;
    };
    const before = [
      await measure(c["parent-lea"], `/api/v1/school/diary/week?start=${MONDAY}`),
      await measure(c.lea, `/api/v1/school/classes/${classA.id}/diary?start=${MONDAY}`),
    ];
    for (let i = 0; i < 5; i++) await c.martin.post(`/api/v1/school/classes/${classA.id}/diary`, homework({ title: `Fiche ${i}`, workloadMinutes: 5 }));
    const after = [
      await measure(c["parent-lea"], `/api/v1/school/diary/week?start=${MONDAY}`),
      await measure(c.lea, `/api/v1/school/classes/${classA.id}/diary?start=${MONDAY}`),
    ];
    expect(after).toEqual(before);
    expect(after[0]).toBeLessThanOrEqual(2); // session, entries
    expect(after[1]).toBeLessThanOrEqual(4); // session, class, entries, teaching
  });

  it("only the author or the class's admin changes or deletes an entry", async () => {
    expect((await c.durand.del(`/api/v1/school/diary/${entryId}`)).status).toBe(403);
    expect((await c.zoe.del(`/api/v1/school/diary/${entryId}`)).status).toBe(404);
    expect((await c.other.del(`/api/v1/school/diary/${entryId}`)).status).toBe(404);
    const r = await c.martin.patch(`/api/v1/school/diary/${entryId}`, homework({ title: "Exercices 3 à 6 page 42", workloadMinutes: 50 }));
    expect(r.body).toMatchObject({ title: "Exercices 3 à 6 page 42", workloadMinutes: 50 });
    expect((await c.admin.del(`/api/v1/school/diary/${entryId}`)).status).toBe(200);
    expect((await c.lea.get(`/api/v1/school/diary/week?start=${MONDAY}`)).body.items.map((e: { id: string }) => e.id)).not.toContain(entryId);
  });
});
