import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, countQueries, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { loadCourseDemo } from "./demo.ts";

const para = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let dept: { id: string; path: string };
let otherDept: { id: string; path: string };
let teacher: Client;
let learner: Client;
let outsider: Client;
let admin: Client;
let foreignAdmin: Client;
let learnerId: string;
let colleagueId: string;

/** Adds a member straight in the database (learners come through the enrolment module). */
async function enrol(courseId: string, userId: string, role: "learner" | "observer" = "learner") {
  await t.k.db.insertInto("course_members").values({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: userId, role, source: "teacher" }).execute();
}

async function newCourse(body: Record<string, unknown> = {}, c: Client = teacher) {
  const r = await c.post("/api/v1/courses", { orgId: dept.id, title: "Cours", ...body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string; status: string };
}

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "cours");
  other = await makePlatform(t.k, "ailleurs");
  dept = await makeOrg(t.k, p.tenantId, rootOf(p), "Finistère");
  otherDept = await makeOrg(t.k, p.tenantId, rootOf(p), "Morbihan");
  await makeUser(t.k, p.tenantId, dept.id, "prof", "teacher");
  colleagueId = (await makeUser(t.k, p.tenantId, dept.id, "collegue", "teacher")).id;
  learnerId = (await makeUser(t.k, p.tenantId, dept.id, "eleve", "learner")).id;
  await makeUser(t.k, p.tenantId, otherDept.id, "loin", "learner");
  await makeUser(t.k, other.tenantId, other.rootOrgId, "etranger", "teacher");
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  learner = await signedIn(t.app, { host: p.host }, "eleve");
  outsider = await signedIn(t.app, { host: p.host }, "loin");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  foreignAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(() => t.close());

describe("courses", () => {
  it("a teacher creates a draft course on their node and becomes its manager", async () => {
    const c = await newCourse({ title: "Algèbre", summary: "Les bases", description: para("Équations du premier degré"), tags: ["Maths", "maths", "algèbre"] });
    expect(c.status).toBe("draft");
    const r = await teacher.get(`/api/v1/courses/${c.id}`);
    expect(r.status).toBe(200);
    expect(r.body.roles).toEqual(["manager"]);
    expect(r.body.capabilities).toMatchObject({ edit: true, teach: true, team: true });
    expect(r.body.course.descriptionHtml).toContain("Équations");
    expect(r.body.course.tags).toEqual(["maths", "algèbre"]);
    const mine = await teacher.get("/api/v1/my/courses");
    expect(mine.body.items.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it("refuses a learner creating a course (403), a node of another branch for a teacher (403), bad input (422)", async () => {
    expect((await learner.post("/api/v1/courses", { orgId: dept.id, title: "X" })).status).toBe(403);
    expect((await teacher.post("/api/v1/courses", { orgId: otherDept.id, title: "X" })).status).toBe(404);
    const r = await teacher.post("/api/v1/courses", { orgId: dept.id, title: "", language: "xx" });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields)).toEqual(expect.arrayContaining(["title", "language"]));
    const bad = await teacher.post("/api/v1/courses", { orgId: dept.id, title: "X", description: { type: "doc", content: [{ type: "script" }] } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.description).toBeTruthy();
    const dates = await teacher.post("/api/v1/courses", { orgId: dept.id, title: "X", visibleFrom: "2030-01-02T00:00:00Z", visibleUntil: "2030-01-01T00:00:00Z" });
    expect(dates.status).toBe(422);
    expect(dates.body.error.fields.visibleUntil).toBeTruthy();
  });

  it("an org admin creates a course anywhere in their branch", async () => {
    const r = await admin.post("/api/v1/courses", { orgId: otherDept.id, title: "Admin" });
    expect(r.status).toBe(200);
  });

  it("hides drafts from learners (404), shows published ones; 404 across platforms; 403 for learners editing", async () => {
    const c = await newCourse({ title: "Brouillon" });
    expect((await learner.get(`/api/v1/courses/${c.id}`)).status).toBe(404);
    await enrol(c.id, learnerId);
    expect((await learner.get(`/api/v1/courses/${c.id}`)).status).toBe(404);
    const pub = await teacher.patch(`/api/v1/courses/${c.id}`, { status: "published" });
    expect(pub.body.status).toBe("published");
    const seen = await learner.get(`/api/v1/courses/${c.id}`);
    expect(seen.status).toBe(200);
    expect(seen.body.capabilities).toMatchObject({ edit: false, learner: true });
    expect((await learner.patch(`/api/v1/courses/${c.id}`, { title: "Pirate" })).status).toBe(403);
    expect((await learner.post(`/api/v1/courses/${c.id}/sections`, { title: "S" })).status).toBe(403);
    expect((await foreignAdmin.get(`/api/v1/courses/${c.id}`)).status).toBe(404);
    expect((await foreignAdmin.patch(`/api/v1/courses/${c.id}`, { title: "X" })).status).toBe(404);
    // someone of another branch of the same platform does not see it either
    expect((await outsider.get(`/api/v1/courses/${c.id}`)).status).toBe(404);
    // archive, restore
    expect((await teacher.patch(`/api/v1/courses/${c.id}`, { status: "archived" })).body.status).toBe("archived");
    expect((await learner.get(`/api/v1/courses/${c.id}`)).status).toBe(404);
    expect((await teacher.patch(`/api/v1/courses/${c.id}`, { status: "draft" })).body.status).toBe("draft");
    // visibility dates
    await teacher.patch(`/api/v1/courses/${c.id}`, { status: "published", visibleFrom: "2099-01-01T00:00:00Z" });
    expect((await learner.get(`/api/v1/courses/${c.id}`)).status).toBe(404);
    await teacher.patch(`/api/v1/courses/${c.id}`, { visibleFrom: null });
    expect((await learner.get(`/api/v1/courses/${c.id}`)).status).toBe(200);
  });
});

/** A course's sections and items as stored: [title, position, ["item@position"]], in order. */
async function stored(courseId: string) {
  const sections = await t.k.db.selectFrom("course_sections").select(["id", "title", "position"]).where("tenant_id", "=", p.tenantId).where("course_id", "=", courseId).orderBy("position").execute();
  const items = await t.k.db.selectFrom("course_items").select(["section_id", "title", "position"]).where("tenant_id", "=", p.tenantId).where("course_id", "=", courseId).orderBy("position").execute();
  return sections.map((s) => [s.title, s.position, items.filter((i) => i.section_id === s.id).map((i) => `${i.title}@${i.position}`)]);
}

describe("sections and items", () => {
  it("adds, renames, deletes sections and items with dense positions", async () => {
    const c = await newCourse({ title: "Structure" });
    const s1 = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "Un" })).body;
    const s2 = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "Deux" })).body;
    const s3 = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "Trois" })).body;
    expect(await stored(c.id)).toEqual([
      ["Un", 0, []],
      ["Deux", 1, []],
      ["Trois", 2, []],
    ]);
    expect((await teacher.patch(`/api/v1/courses/${c.id}/sections/${s2.id}`, { title: "Deux bis" })).body.title).toBe("Deux bis");
    const page = await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s1.id, kind: "page", title: "Page", body: para("Bonjour <script>") });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    expect(page.body.bodyHtml).toContain("Bonjour &lt;script&gt;");
    const link = await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s1.id, kind: "link", title: "Lien", url: "https://example.org/a" });
    expect(link.body.position).toBe(1);
    expect(link.body.url).toBe("https://example.org/a");
    const js = await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s1.id, kind: "link", title: "Lien", url: "javascript:alert(1)" });
    expect(js.status).toBe(422);
    expect(js.body.error.fields.url).toBeTruthy();
    const noBody = await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s1.id, kind: "page", title: "Vide" });
    expect(noBody.status).toBe(422);
    const file = await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s1.id, kind: "file", title: "F", fileId: newId() });
    expect(file.status).toBe(422);
    const elsewhere = await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: newId(), kind: "link", title: "L", url: "https://a.b" });
    expect(elsewhere.status).toBe(422);
    const edited = await teacher.patch(`/api/v1/courses/${c.id}/items/${page.body.id}`, { title: "Page 2", body: para("Nouveau") });
    expect(edited.body.bodyHtml).toContain("Nouveau");
    expect((await teacher.del(`/api/v1/courses/${c.id}/items/${page.body.id}`)).status).toBe(200);
    expect((await teacher.del(`/api/v1/courses/${c.id}/sections/${s2.id}`)).status).toBe(200);
    const r = await teacher.get(`/api/v1/courses/${c.id}`);
    // the page lists them in order; the stored positions stay dense
    expect(r.body.sections.map((s: { title: string; items: { title: string }[] }) => [s.title, s.items.map((i) => i.title)])).toEqual([
      ["Un", ["Lien"]],
      ["Trois", []],
    ]);
    expect(await stored(c.id)).toEqual([
      ["Un", 0, ["Lien@0"]],
      ["Trois", 1, []],
    ]);
  });

  it("reorders sections and items (moving an item across sections) with one PUT; refuses a stale order", async () => {
    const c = await newCourse({ title: "Ordre" });
    const a = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "A" })).body;
    const b = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "B" })).body;
    const item = async (s: string, title: string) => (await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s, kind: "link", title, url: "https://x.org" })).body.id;
    const a1 = await item(a.id, "a1");
    const a2 = await item(a.id, "a2");
    const b1 = await item(b.id, "b1");
    const r = await teacher.put(`/api/v1/courses/${c.id}/structure`, { sections: [{ id: b.id, items: [a2, b1] }, { id: a.id, items: [a1] }] });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const got = (await teacher.get(`/api/v1/courses/${c.id}`)).body;
    expect(got.sections.map((s: { title: string; items: { title: string }[] }) => [s.title, s.items.map((i) => i.title)])).toEqual([
      ["B", ["a2", "b1"]],
      ["A", ["a1"]],
    ]);
    expect(await stored(c.id)).toEqual([
      ["B", 0, ["a2@0", "b1@1"]],
      ["A", 1, ["a1@0"]],
    ]);
    const stale = await teacher.put(`/api/v1/courses/${c.id}/structure`, { sections: [{ id: b.id, items: [a2] }, { id: a.id, items: [a1] }] });
    expect(stale.status).toBe(422);
    const dup = await teacher.put(`/api/v1/courses/${c.id}/structure`, { sections: [{ id: b.id, items: [a2, b1, a1] }, { id: a.id, items: [a1] }] });
    expect(dup.status).toBe(422);
    expect((await learner.put(`/api/v1/courses/${c.id}/structure`, { sections: [] })).status).toBe(404);
  });

  it("viewing an item records progress and an event for a learner", async () => {
    const c = await newCourse({ title: "Vue" });
    const s = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "S" })).body;
    const it1 = (await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s.id, kind: "page", title: "P", body: para("x") })).body;
    await teacher.patch(`/api/v1/courses/${c.id}`, { status: "published" });
    await enrol(c.id, learnerId);
    const v = await learner.get(`/api/v1/courses/${c.id}/items/${it1.id}`);
    expect(v.status).toBe(200);
    expect(v.body.progress.viewedAt).toBeTruthy();
    expect(v.body.bodyDoc).toBeNull();
    const page = await learner.get(`/api/v1/courses/${c.id}`);
    expect(page.body.progress).toEqual([expect.objectContaining({ itemId: it1.id, viewedAt: v.body.progress.viewedAt })]);
    await t.k.events.flush();
    const ev = await t.k.db.selectFrom("events").selectAll().where("tenant_id", "=", p.tenantId).where("object_id", "=", it1.id).execute();
    // one view recorded (the enrolment module may add "completed" when the rule is "viewed")
    expect(ev.filter((e) => e.verb === "viewed")).toHaveLength(1);
    const asTeacher = await teacher.get(`/api/v1/courses/${c.id}/items/${it1.id}`);
    expect(asTeacher.body.bodyDoc).toEqual(para("x"));
  });

  it("the course page issues the same number of queries for 10 and for 1,000 items", async () => {
    const make = async (n: number) => {
      const c = await newCourse({ title: `Taille ${n}` });
      const sections = Array.from({ length: 10 }, (_, i) => ({ tenant_id: p.tenantId, id: newId(), course_id: c.id, position: i, title: `S${i}` }));
      await t.k.db.insertInto("course_sections").values(sections).execute();
      const items = Array.from({ length: n }, (_, i) => ({
        tenant_id: p.tenantId,
        id: newId(),
        course_id: c.id,
        section_id: sections[i % 10].id,
        position: Math.floor(i / 10),
        kind: "page" as const,
        title: `Page ${i}`,
        body_html: "<p>x</p>",
      }));
      for (let i = 0; i < items.length; i += 500) await t.k.db.insertInto("course_items").values(items.slice(i, i + 500)).execute();
      return c.id;
    };
    const small = await make(10);
    const big = await make(1000);
    const a = await countSteady(() => teacher.get(`/api/v1/courses/${small}`));
    const b = await countSteady(() => teacher.get(`/api/v1/courses/${big}`));
    expect(a.result.status).toBe(200);
    expect(b.result.body.sections.reduce((n: number, s: { items: unknown[] }) => n + s.items.length, 0)).toBe(1000);
    expect(b.count).toBe(a.count);
    expect(a.count).toBeLessThanOrEqual(3);
  });

  it("serves the outline from its cache until any section or item of the course changes, whoever changes it", async () => {
    const c = await newCourse({ title: "Cache" });
    const s1 = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "Un" })).body;
    const first = await countQueries(() => teacher.get(`/api/v1/courses/${c.id}`));
    const again = await countQueries(() => teacher.get(`/api/v1/courses/${c.id}`));
    expect(again.result.body).toEqual(first.result.body);
    expect(again.count).toBe(first.count - 1);
    // a write that bypasses the courses module (another module, a script) still shows at once
    await t.k.db
      .insertInto("course_items")
      .values({ tenant_id: p.tenantId, id: newId(), course_id: c.id, section_id: s1.id, position: 0, kind: "link", title: "Ajouté en SQL", url: "https://example.org" })
      .execute();
    const after = (await teacher.get(`/api/v1/courses/${c.id}`)).body;
    expect(after.sections[0].items.map((i: { title: string }) => i.title)).toEqual(["Ajouté en SQL"]);
    await t.k.db.updateTable("course_sections").set({ title: "Un bis" }).where("tenant_id", "=", p.tenantId).where("id", "=", s1.id).execute();
    expect((await teacher.get(`/api/v1/courses/${c.id}`)).body.sections[0].title).toBe("Un bis");
  });
});

describe("members", () => {
  it("lists by role, adds and removes teachers from the branch, keeps the last manager", async () => {
    const c = await newCourse({ title: "Équipe" });
    const found = await teacher.get(`/api/v1/courses/${c.id}/team/candidates?q=collegue`);
    expect(found.body.items.map((u: { username: string }) => u.username)).toEqual(["collegue"]);
    const far = await teacher.get(`/api/v1/courses/${c.id}/team/candidates?q=loin`);
    expect(far.body.items).toEqual([]);
    const added = await teacher.post(`/api/v1/courses/${c.id}/team`, { userId: colleagueId, role: "teacher" });
    expect(added.status).toBe(200);
    const list = await teacher.get(`/api/v1/courses/${c.id}/team`);
    expect(list.body.items.map((m: { username: string; role: string }) => `${m.role}:${m.username}`)).toEqual(["manager:prof", "teacher:collegue"]);
    const onlyTeachers = await teacher.get(`/api/v1/courses/${c.id}/team?role=teacher`);
    expect(onlyTeachers.body.items).toHaveLength(1);
    const stranger = await teacher.post(`/api/v1/courses/${c.id}/team`, { userId: newId(), role: "teacher" });
    expect(stranger.status).toBe(422);
    const manager = list.body.items.find((m: { role: string }) => m.role === "manager");
    expect((await teacher.del(`/api/v1/courses/${c.id}/team/${manager.id}`)).status).toBe(422);
    expect((await teacher.del(`/api/v1/courses/${c.id}/team/${added.body.id}`)).status).toBe(200);
    // a teacher (not manager) cannot name managers
    await teacher.post(`/api/v1/courses/${c.id}/team`, { userId: colleagueId, role: "teacher" });
    const colleague = await signedIn(t.app, { host: p.host }, "collegue");
    expect((await colleague.post(`/api/v1/courses/${c.id}/team`, { userId: colleagueId, role: "manager" })).status).toBe(403);
    expect((await colleague.post(`/api/v1/courses/${c.id}/team`, { userId: learnerId, role: "observer" })).status).toBe(200);
  });
});

describe("catalogue", () => {
  let teacher2: Client;
  beforeAll(async () => {
    const mk = async (title: string, body: Record<string, unknown> = {}, publish = true) => {
      const c = await newCourse({ title, ...body });
      if (publish) await teacher.patch(`/api/v1/courses/${c.id}`, { status: "published" });
      return c.id;
    };
    await mk("Mathématiques pour tous", { tags: ["maths"], language: "fr" });
    await mk("mathematiques sans accents", { format: "blended" });
    await mk("Histoire de la Bretagne", { summary: "Des origines à nos jours", description: para("Les ducs et la mer"), tags: ["histoire"] });
    await mk("Mathématiques brouillon", {}, false);
    await mk("English grammar", { language: "en", description: para("Running and runs") });
    teacher2 = teacher;
  });
  const titles = async (c: Client, qs: string) => {
    const r = await c.get(`/api/v1/catalogue?${qs}`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items.map((x: { title: string }) => x.title) as string[];
  };

  it("finds with the language's stemming, without accents, and hides drafts", async () => {
    const found = await titles(learner, "q=mathématique");
    expect(found).toEqual(expect.arrayContaining(["Mathématiques pour tous", "mathematiques sans accents"]));
    expect(found).not.toContain("Mathématiques brouillon");
    expect(await titles(learner, "q=MATHEMATIQUE")).toEqual(expect.arrayContaining(["Mathématiques pour tous", "mathematiques sans accents"]));
    expect(await titles(learner, "q=duc")).toEqual(["Histoire de la Bretagne"]);
    expect(await titles(learner, "q=run")).toEqual(["English grammar"]);
  });

  it("filters by language, format, tags and organisation; ranks title matches first", async () => {
    expect(await titles(learner, "language=en")).toEqual(["English grammar"]);
    expect(await titles(learner, "format=blended")).toEqual(["mathematiques sans accents"]);
    expect(await titles(learner, "tags=histoire")).toEqual(["Histoire de la Bretagne"]);
    expect((await titles(learner, `orgId=${otherDept.id}`)).length).toBe(0);
    expect((await titles(learner, `orgId=${dept.id}`)).length).toBeGreaterThan(3);
    const ranked = await titles(learner, "q=bretagne histoire");
    expect(ranked[0]).toBe("Histoire de la Bretagne");
  });

  it("shows nothing of another branch, nor of another platform; a fixed number of queries", async () => {
    expect(await titles(outsider, "q=mathématiques")).toEqual([]);
    const foreign = await foreignAdmin.get("/api/v1/catalogue?q=mathematiques");
    expect(foreign.body.items).toEqual([]);
    const a = await countSteady(() => learner.get("/api/v1/catalogue?q=math"));
    const b = await countSteady(() => learner.get("/api/v1/catalogue"));
    // the search itself (the session comes from the node's cache)
    expect(a.count).toBe(1);
    expect(b.count).toBe(1);
    expect(teacher2).toBeTruthy();
  });

  it("writes search entries straight into the index: no pending list for searches to scan (PGlite has no autovacuum to empty it)", async () => {
    await newCourse({ title: "Océanographie côtière" });
    const r = await sql<{ n: number }>`select gin_clean_pending_list('courses_search'::regclass) as n`.execute(t.k.db);
    expect(Number(r.rows[0].n)).toBe(0);
  });

  it("the course's catalogue page lists teachers and an empty sessions list", async () => {
    const r = await learner.get("/api/v1/catalogue?q=histoire");
    const about = await learner.get(`/api/v1/courses/${r.body.items[0].id}/about`);
    expect(about.status).toBe(200);
    expect(about.body.teachers.map((x: { givenName: string }) => x.givenName)).toEqual(["prof"]);
    expect(about.body.sessions).toEqual([]);
    expect(about.body.course.descriptionHtml).toContain("ducs");
  });
});

describe("copy and templates", () => {
  it("copies structure and content without learners; the copier manages the copy", async () => {
    const c = await newCourse({ title: "Original" });
    const s = (await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "S" })).body;
    await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s.id, kind: "page", title: "P", body: para("contenu") });
    await teacher.post(`/api/v1/courses/${c.id}/items`, { sectionId: s.id, kind: "link", title: "L", url: "https://example.org" });
    await teacher.patch(`/api/v1/courses/${c.id}`, { status: "published" });
    await enrol(c.id, learnerId);
    expect((await learner.post(`/api/v1/courses/${c.id}/copy`, {})).status).toBe(403);
    const copy = await teacher.post(`/api/v1/courses/${c.id}/copy`, { title: "Copie" });
    expect(copy.status, JSON.stringify(copy.body)).toBe(200);
    expect(copy.body).toMatchObject({ title: "Copie", status: "draft", isTemplate: false });
    const page = (await teacher.get(`/api/v1/courses/${copy.body.id}`)).body;
    expect(page.sections[0].items.map((i: { title: string; bodyHtml: string }) => i.title)).toEqual(["P", "L"]);
    const first = (await teacher.get(`/api/v1/courses/${copy.body.id}/items/${page.sections[0].items[0].id}`)).body;
    expect(first.bodyHtml).toContain("contenu");
    const members = (await teacher.get(`/api/v1/courses/${copy.body.id}/team`)).body.items;
    expect(members.map((m: { role: string }) => m.role)).toEqual(["manager"]);
  });

  it("saves as template, lists templates separately, starts a new course from one", async () => {
    const c = await newCourse({ title: "Modèle source" });
    await teacher.post(`/api/v1/courses/${c.id}/sections`, { title: "Introduction" });
    const tpl = await teacher.post(`/api/v1/courses/${c.id}/copy`, { title: "Modèle de cours", template: true });
    expect(tpl.body.isTemplate).toBe(true);
    const colleague = await signedIn(t.app, { host: p.host }, "collegue");
    const list = await colleague.get("/api/v1/course-templates");
    expect(list.body.items.map((x: { title: string }) => x.title)).toContain("Modèle de cours");
    expect((await learner.get("/api/v1/course-templates")).body.items).toEqual([]);
    const fresh = await colleague.post(`/api/v1/courses/${tpl.body.id}/copy`, { title: "Mon cours" });
    expect(fresh.status, JSON.stringify(fresh.body)).toBe(200);
    expect(fresh.body.isTemplate).toBe(false);
    const page = (await colleague.get(`/api/v1/courses/${fresh.body.id}`)).body;
    expect(page.roles).toEqual(["manager"]);
    expect(page.sections.map((s: { title: string }) => s.title)).toEqual(["Introduction"]);
    // templates never show in the catalogue
    await teacher.patch(`/api/v1/courses/${tpl.body.id}`, { status: "published" });
    expect((await learner.get("/api/v1/catalogue?q=modele")).body.items).toEqual([]);
  });
});

describe("demo", () => {
  it("loads published courses with sections, pages rendered with MathML, and members", async () => {
    const d = await makePlatform(t.k, "demo-cours");
    await makeUser(t.k, d.tenantId, d.rootOrgId, "demo.prof", "teacher");
    await makeUser(t.k, d.tenantId, d.rootOrgId, "demo.eleve", "learner");
    const ids = await loadCourseDemo(t.k, { tenantId: d.tenantId, orgId: d.rootOrgId, teacher: "demo.prof", learners: ["demo.eleve"], set: "national" });
    expect(ids).toHaveLength(3);
    const c = await signedIn(t.app, { host: d.host }, "demo.eleve");
    const found = await c.get("/api/v1/catalogue?q=fonction");
    expect(found.body.items.map((x: { title: string }) => x.title)).toEqual(["Mathématiques : fonctions et équations"]);
    const page = (await c.get(`/api/v1/courses/${ids[0]}`)).body;
    expect(page.roles).toEqual(["learner"]);
    expect(page.sections[1].items[0].bodyHtml).toBeUndefined(); // the outline carries no page bodies
    const formulas = (await c.get(`/api/v1/courses/${ids[0]}/items/${page.sections[1].items[0].id}`)).body;
    expect(formulas.bodyHtml).toContain("<math");
    expect(formulas.bodyHtml).toContain('display="block"');
  });
});
