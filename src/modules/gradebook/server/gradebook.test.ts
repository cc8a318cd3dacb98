import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { enrolDirect, makeCourse, makeItem, makeSection } from "../../enrolment/server/test-fixtures.ts";
import { recordGrades, upsertGradeItem } from "./index.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let school: { id: string; path: string };
const users: Record<string, string> = {};
const as = (login: string, lang = "fr") => signedIn(t.app, { host: p.host, lang }, login);

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "gbook");
  other = await makePlatform(t.k, "gbother");
  school = await makeOrg(t.k, p.tenantId, rootOf(p), "École", "school");
  users.prof = (await makeUser(t.k, p.tenantId, school.id, "gprof", "teacher")).id;
  users.assist = (await makeUser(t.k, p.tenantId, school.id, "gassist", "teacher")).id;
  for (const n of ["gana", "gbob", "gcle"]) users[n] = (await makeUser(t.k, p.tenantId, school.id, n, "learner")).id;
  users.stranger = (await makeUser(t.k, other.tenantId, other.rootOrgId, "gstranger", "teacher")).id;
});
afterAll(() => t.close());

async function course(title = "Maths") {
  const c = await makeCourse(t.k, p.tenantId, school.id, { title });
  await enrolDirect(t.k, p.tenantId, c.id, users.prof, "teacher");
  await enrolDirect(t.k, p.tenantId, c.id, users.assist, "assistant");
  for (const n of ["gana", "gbob", "gcle"]) await enrolDirect(t.k, p.tenantId, c.id, users[n]);
  const s = await makeSection(t.k, p.tenantId, c.id);
  return { ...c, sectionId: s.id };
}

/** n learners written straight to the database (two statements). */
async function bulkLearners(courseId: string, prefix: string, n: number) {
  const ids = Array.from({ length: n }, () => newId());
  await sql`insert into users (tenant_id, id, username, email, given_name, family_name, profile)
    select ${p.tenantId}::uuid, u.id, ${prefix} || lpad(u.n::text, 4, '0'), null, 'L', ${prefix} || lpad(u.n::text, 4, '0'), 'learner'
    from unnest(${ids}::uuid[]) with ordinality as u(id, n)`.execute(t.k.db);
  await sql`insert into course_members (tenant_id, id, course_id, user_id, role, source)
    select ${p.tenantId}::uuid, gen_random_uuid(), ${courseId}::uuid, u.id, 'learner', 'teacher' from unnest(${ids}::uuid[]) as u(id)`.execute(t.k.db);
  return ids;
}

describe("structure and grades", () => {
  it("categories with weights and drop-lowest, manual columns, entered grades, totals on a scale", async () => {
    const c = await course();
    const prof = await as("gprof", "en");
    const quizzes = (await prof.post(`/api/v1/courses/${c.id}/gradebook/categories`, { name: "Quizzes", weight: 1, dropLowest: 1 })).body;
    const exams = (await prof.post(`/api/v1/courses/${c.id}/gradebook/categories`, { name: "Exams", weight: 3 })).body;
    expect(quizzes).toMatchObject({ name: "Quizzes", weight: 1, dropLowest: 1, position: 0 });
    const q1 = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Q1", maxScore: 10, categoryId: quizzes.id })).body;
    const q2 = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Q2", maxScore: 10, categoryId: quizzes.id })).body;
    const exam = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Exam", maxScore: 20, categoryId: exams.id, passScore: 10 })).body;
    expect(exam).toMatchObject({ source: "manual", maxScore: 20, passScore: 10, released: false });
    const put = (itemId: string, userId: string, score: number | null, reason = "") =>
      prof.put(`/api/v1/courses/${c.id}/gradebook/items/${itemId}/grades/${userId}`, { score, reason });
    await put(q1.id, users.gana, 2);
    await put(q2.id, users.gana, 8);
    const r = await put(exam.id, users.gana, 15);
    expect(r.status).toBe(200);
    // quizzes: Q1 dropped → 80 %; exam 75 % → (80 + 3 × 75) / 4
    expect(r.body.total).toBeCloseTo(76.25);
    expect(r.body.cell).toMatchObject({ score: 15, overridden: false, released: false });
    const bad = await put(exam.id, users.gana, 21);
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.score).toMatch(/between 0 and 20/);
    expect((await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "X", maxScore: 10, categoryId: newId() })).status).toBe(422);
    expect((await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "X", maxScore: 10, passScore: 11 })).status).toBe(422);

    // the scale: A–F for the course
    expect((await prof.put(`/api/v1/courses/${c.id}/gradebook/settings`, { scale: "letters", uncategorisedWeight: 1 })).status).toBe(200);
    expect((await prof.put(`/api/v1/courses/${c.id}/gradebook/settings`, { scale: "nope", uncategorisedWeight: 1 })).status).toBe(422);
    const grid = (await prof.get(`/api/v1/courses/${c.id}/gradebook`)).body;
    expect(grid.scale.id).toBe("letters");
    expect(grid.items.map((i: { title: string }) => i.title)).toEqual(["Q1", "Q2", "Exam"]);
    const ana = grid.learners.find((l: { userId: string }) => l.userId === users.gana);
    expect(ana.totalText).toBe("C");
    expect(ana.cells.map((x: { score: number } | null) => x?.score ?? null)).toEqual([2, 8, 15]);

    // the category weight changes the total; deleting a category keeps its items uncategorised
    await prof.patch(`/api/v1/courses/${c.id}/gradebook/categories/${exams.id}`, { weight: 1 });
    const after = (await prof.get(`/api/v1/courses/${c.id}/gradebook?q=gana`)).body;
    expect(after.learners).toHaveLength(1);
    expect(after.learners[0].total).toBeCloseTo(77.5);
    await prof.del(`/api/v1/courses/${c.id}/gradebook/categories/${quizzes.id}`);
    const flat = (await prof.get(`/api/v1/courses/${c.id}/gradebook?q=gana`)).body;
    expect(flat.items.find((i: { id: string }) => i.id === q1.id).categoryId).toBeNull();
    // uncategorised (Q1, Q2: 10/20 = 50 %, nothing dropped) and exams (75 %), weight 1 each
    expect(flat.learners[0].total).toBeCloseTo(62.5);

    // an assistant grades but does not change the structure; a learner sees no gradebook at all
    const assist = await as("gassist");
    expect((await assist.put(`/api/v1/courses/${c.id}/gradebook/items/${q1.id}/grades/${users.gbob}`, { score: 5 })).status).toBe(200);
    expect((await assist.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Y", maxScore: 5 })).status).toBe(403);
    const bob = await as("gbob");
    expect((await bob.get(`/api/v1/courses/${c.id}/gradebook`)).status).toBe(404);
    expect((await bob.get(`/api/v1/courses/${c.id}/gradebook/learners/${users.gana}`)).status).toBe(404);
    expect((await bob.put(`/api/v1/courses/${c.id}/gradebook/items/${q1.id}/grades/${users.gbob}`, { score: 10 })).status).toBe(404);
    expect((await bob.get(`/api/v1/courses/${c.id}/gradebook/export.csv`)).status).toBe(404);
  });

  it("overrides of computed grades need a reason, survive recomputation, show in the history, can be reverted", async () => {
    const c = await course("Physique");
    const quiz = await makeItem(t.k, p.tenantId, c.id, c.sectionId, 0, { title: "Quiz", completion: "graded" });
    const source = { type: "quiz" as const, id: quiz.id };
    const itemId = await upsertGradeItem(t.k.db, p.tenantId, { courseId: c.id, source, courseItemId: quiz.id, title: "Quiz", maxScore: 20, passScore: 10 });
    await recordGrades(t.k, p.tenantId, source, [{ userId: users.gbob, score: 8, released: true }]);
    const prof = await as("gprof", "en");
    const url = `/api/v1/courses/${c.id}/gradebook/items/${itemId}/grades/${users.gbob}`;
    const noReason = await prof.put(url, { score: 12 });
    expect(noReason.status).toBe(422);
    expect(noReason.body.error.fields.reason).toMatch(/reason/);
    const o = await prof.put(url, { score: 12, reason: "Question 3 was ambiguous" });
    expect(o.body.cell).toMatchObject({ score: 12, computed: 8, overridden: true, released: true });
    // the override passes the item
    const bob = await as("gbob");
    expect((await bob.get(`/api/v1/courses/${c.id}/my-progress`)).body.items[0].complete).toBe(true);
    await recordGrades(t.k, p.tenantId, source, [{ userId: users.gbob, score: 5, released: true }]);
    const view = (await prof.get(`/api/v1/courses/${c.id}/gradebook/learners/${users.gbob}`)).body;
    expect(view.learner.cells[0]).toMatchObject({ score: 12, computed: 5, overridden: true });
    expect(view.history).toHaveLength(1);
    expect(view.history[0]).toMatchObject({ kind: "override", oldScore: 8, newScore: 12, reason: "Question 3 was ambiguous", actor: { id: users.prof } });
    // the quiz cannot be renamed nor deleted from the gradebook
    expect((await prof.patch(`/api/v1/courses/${c.id}/gradebook/items/${itemId}`, { title: "Other" })).status).toBe(422);
    expect((await prof.del(`/api/v1/courses/${c.id}/gradebook/items/${itemId}`)).status).toBe(422);
    const back = await prof.post(`${url}/revert`, { reason: "Regraded" });
    expect(back.body.cell).toMatchObject({ score: 5, overridden: false });
    expect((await bob.get(`/api/v1/courses/${c.id}/my-progress`)).body.items[0].complete).toBe(false);
    const item = (await prof.get(`/api/v1/courses/${c.id}/gradebook/items/${itemId}`)).body;
    expect(item.history.map((h: { kind: string }) => h.kind)).toEqual(["cleared", "override"]);
    expect(item.history[0]).toMatchObject({ oldScore: 12, newScore: 5, reason: "Regraded" });
    expect(item.stats).toMatchObject({ learners: 3, graded: 1, mean: 5, median: 5, passed: 0 });
    expect(item.learners.map((l: { username: string }) => l.username)).toEqual(["gana", "gbob", "gcle"]);
  });
});

describe("learners see their own released grades only", () => {
  it("hidden grades stay hidden (also from the total); nobody else's; another platform is 404", async () => {
    const c = await course("Chimie");
    const prof = await as("gprof");
    const oral = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Oral", maxScore: 20 })).body;
    const test = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Test", maxScore: 10, released: true })).body;
    await prof.put(`/api/v1/courses/${c.id}/gradebook/items/${oral.id}/grades/${users.gana}`, { score: 4 });
    await prof.put(`/api/v1/courses/${c.id}/gradebook/items/${test.id}/grades/${users.gana}`, { score: 9 });
    await prof.put(`/api/v1/courses/${c.id}/gradebook/items/${test.id}/grades/${users.gbob}`, { score: 3 });
    await prof.put(`/api/v1/courses/${c.id}/gradebook/settings`, { scale: "twenty", uncategorisedWeight: 1 });
    const ana = await as("gana");
    const mine = (await ana.get(`/api/v1/courses/${c.id}/my-grades`)).body;
    expect(mine.items.map((i: { title: string; score: number }) => [i.title, i.score])).toEqual([["Test", 9]]);
    expect(mine.total).toBeCloseTo(90);
    expect(mine.totalText).toBe("18/20");
    await prof.patch(`/api/v1/courses/${c.id}/gradebook/items/${oral.id}`, { released: true });
    const later = (await ana.get(`/api/v1/courses/${c.id}/my-grades`)).body;
    expect(later.items.map((i: { title: string }) => i.title)).toEqual(["Oral", "Test"]);
    // one category: points add up, (4 + 9) / (20 + 10)
    expect(later.total).toBeCloseTo(43.33);
    const bob = (await (await as("gbob")).get(`/api/v1/courses/${c.id}/my-grades`)).body;
    expect(bob.items.map((i: { score: number }) => i.score)).toEqual([3]);
    const stranger = await signedIn(t.app, { host: other.host }, "gstranger");
    expect((await stranger.get(`/api/v1/courses/${c.id}/my-grades`)).status).toBe(404);
    expect((await stranger.get(`/api/v1/courses/${c.id}/gradebook`)).status).toBe(404);
    expect((await stranger.put(`/api/v1/courses/${c.id}/gradebook/items/${oral.id}/grades/${users.gana}`, { score: 1 })).status).toBe(404);
    // the other platform's own admin gets 404 too
    const otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
    expect((await otherAdmin.get(`/api/v1/courses/${c.id}/gradebook/learners/${users.gana}`)).status).toBe(404);
  });
});

describe("grid at scale", () => {
  it("pages, sorts and searches on the server with the same number of queries for 10 and 1,000 learners", async () => {
    const c = await makeCourse(t.k, p.tenantId, school.id, { title: "Amphi" });
    await enrolDirect(t.k, p.tenantId, c.id, users.prof, "teacher");
    const prof = await as("gprof");
    const items = [];
    for (const n of [1, 2, 3]) items.push((await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: `Devoir ${n}`, maxScore: 20 })).body.id);
    const first = await bulkLearners(c.id, "a", 10);
    for (const [n, id] of first.entries()) await prof.put(`/api/v1/courses/${c.id}/gradebook/items/${items[0]}/grades/${id}`, { score: n });
    await prof.get(`/api/v1/courses/${c.id}/gradebook`);
    const r10 = await countSteady(() => prof.get(`/api/v1/courses/${c.id}/gradebook?page=1&pageSize=50`));
    expect(r10.result.body.total).toBe(10);
    await bulkLearners(c.id, "b", 990);
    await sql`insert into grades (tenant_id, grade_item_id, user_id, course_id, score)
      select m.tenant_id, i.id, m.user_id, m.course_id, (random() * 20)::int from course_members m, grade_items i
      where m.tenant_id = ${p.tenantId} and m.course_id = ${c.id} and m.role = 'learner' and i.tenant_id = m.tenant_id and i.course_id = m.course_id
      on conflict do nothing`.execute(t.k.db);
    await prof.get(`/api/v1/courses/${c.id}/gradebook?page=2`);
    const r1000 = await countSteady(() => prof.get(`/api/v1/courses/${c.id}/gradebook?page=3&pageSize=50`));
    expect(r1000.result.body.total).toBe(1000);
    expect(r1000.result.body.learners).toHaveLength(50);
    // page 3 starts at the 101st: a0001…a0010 then b0001…
    expect(r1000.result.body.learners[0].username).toBe("b0091");
    expect(r1000.count, r1000.sql.join("\n")).toBe(r10.count);
    expect(r10.count).toBeLessThanOrEqual(4);
    const byTotal = await countSteady(() => prof.get(`/api/v1/courses/${c.id}/gradebook?sort=total&dir=desc&pageSize=100`));
    expect(byTotal.count).toBe(r10.count);
    const totals = byTotal.result.body.learners.map((l: { total: number }) => l.total);
    expect(totals).toEqual([...totals].sort((x, y) => y - x));
    const byItem = (await prof.get(`/api/v1/courses/${c.id}/gradebook?sort=item&sortItem=${items[0]}&dir=asc&q=a00`)).body;
    expect(byItem.total).toBe(10);
    expect(byItem.learners.map((l: { cells: { score: number }[] }) => l.cells[0].score)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const csv = await prof.get(`/api/v1/courses/${c.id}/gradebook/export.csv`);
    expect(String(csv.body).split("\r\n").length).toBe(1002);
  }, 120_000);
});

describe("export and import", () => {
  it("CSV and XLSX exports; CSV import with a dry run, a per-row report, all or nothing", async () => {
    const c = await course("Histoire");
    const prof = await as("gprof", "en");
    const oral = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Oral", maxScore: 20 })).body;
    const essay = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Essay; part 1", maxScore: 10 })).body;
    const quiz = await makeItem(t.k, p.tenantId, c.id, c.sectionId, 0, { title: "Quiz" });
    await upsertGradeItem(t.k.db, p.tenantId, {
      courseId: c.id,
      source: { type: "quiz", id: quiz.id },
      courseItemId: quiz.id,
      title: "Quiz",
      maxScore: 5,
      passScore: null,
    });
    await prof.put(`/api/v1/courses/${c.id}/gradebook/items/${oral.id}/grades/${users.gana}`, { score: 12.5 });
    const csv = await prof.get(`/api/v1/courses/${c.id}/gradebook/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers["content-disposition"]).toMatch(/grades-.*\.csv/);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, "")
      .split("\r\n");
    expect(lines[0]).toBe('Username;Family name;Given name;Oral (/20);"Essay; part 1 (/10)";Quiz (/5);Total (%);Total (%)');
    expect(lines[1]).toBe("gana;Test;gana;12.5;;;62.5;62.5%");
    const xlsx = await t.app.inject({
      method: "GET",
      url: `/api/v1/courses/${c.id}/gradebook/export.xlsx`,
      headers: { host: p.host, cookie: [...prof.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
    // the sheet holds real numbers (12.5 as a number cell) and the header row
    const { unzipSync, strFromU8 } = await import("fflate");
    const files = unzipSync(new Uint8Array(xlsx.rawPayload));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]);
    expect(sheet).toMatch(/<c r="D2"[^>]*><v>12\.5<\/v><\/c>/);
    const strings = strFromU8(files["xl/sharedStrings.xml"] ?? new Uint8Array()) + sheet;
    expect(strings).toContain("Oral (/20)");

    const bad = ["Username;Oral (/20);Essay; part 1;Quiz (/5);Total (%)", "gana;14;7;5;99", "gbob;25;;;", "nobody;1;;;", "gbob;2;;;"].join("\n");
    // the quoted title round-trips; here a bad file
    const dry = await prof.post(`/api/v1/courses/${c.id}/gradebook/import`, { csv: bad.replace("Essay; part 1", '"Essay; part 1"'), dryRun: false });
    expect(dry.status).toBe(200);
    expect(dry.body.applied).toBe(false);
    expect(dry.body.errors).toBe(3);
    expect(dry.body.rows.map((r: { line: number; errors: unknown[] }) => [r.line, r.errors.length])).toEqual([
      [2, 0],
      [3, 1],
      [4, 1],
      [5, 1],
    ]);
    expect(dry.body.rows[1].errors[0]).toMatchObject({ column: "Oral (/20)", message: "The grade must be between 0 and 20." });
    expect(dry.body.rows[2].errors[0].message).toMatch(/“nobody” is not a learner/);
    expect(dry.body.rows[3].errors[0].message).toMatch(/already appears/);
    expect(dry.body.columns.map((x: { itemId: string | null }) => x.itemId)).toEqual([null, oral.id, essay.id, null, null]);
    const untouched = (await prof.get(`/api/v1/courses/${c.id}/gradebook?q=gana`)).body.learners[0].cells;
    expect(untouched[0].score).toBe(12.5);

    const good = 'Username,Oral (/20),"Essay; part 1"\ngana,"14,5",7\ngbob,,3\n';
    const check = await prof.post(`/api/v1/courses/${c.id}/gradebook/import`, { csv: good });
    expect(check.body).toMatchObject({ applied: false, errors: 0, changes: 3 });
    expect((await prof.get(`/api/v1/courses/${c.id}/gradebook?q=gana`)).body.learners[0].cells[0].score).toBe(12.5);
    const done = await prof.post(`/api/v1/courses/${c.id}/gradebook/import`, { csv: good, dryRun: false });
    expect(done.body).toMatchObject({ applied: true, changes: 3 });
    const grid = (await prof.get(`/api/v1/courses/${c.id}/gradebook`)).body;
    const cellsOf = (u: string) => grid.learners.find((l: { userId: string }) => l.userId === u).cells.map((x: { score: number } | null) => x?.score ?? null);
    expect(cellsOf(users.gana)).toEqual([14.5, 7, null]);
    expect(cellsOf(users.gbob)).toEqual([null, 3, null]);
    const hist = (await prof.get(`/api/v1/courses/${c.id}/gradebook/learners/${users.gana}`)).body.history;
    expect(hist[0]).toMatchObject({ kind: "imported" });
    expect((await prof.post(`/api/v1/courses/${c.id}/gradebook/import`, { csv: "Name;Oral\nx;1" })).body.error.fields.csv).toMatch(/Username/);
  });
});

describe("OpenAPI", () => {
  it("documents the gradebook operations", async () => {
    const r = await (await as("gprof")).get("/api/openapi.json");
    const paths = Object.keys(r.body.paths).filter((k) => k.includes("/gradebook") || k.includes("my-grades"));
    expect(paths.length).toBeGreaterThanOrEqual(12);
  });
});

describe("scales", () => {
  it("platform admins set the default and add letter scales; a course may add its own", async () => {
    const admin = await signedIn(t.app, { host: p.host, lang: "en" }, p.adminLogin);
    const prof = await as("gprof");
    expect((await prof.get("/api/v1/gradebook/settings")).status).toBe(403);
    const pf = (
      await admin.post("/api/v1/gradebook/scales", {
        name: "Pass/Fail",
        bands: [
          { letter: "P", min: 50 },
          { letter: "F", min: 0 },
        ],
      })
    ).body;
    expect(pf.kind).toBe("letters");
    expect(
      (
        await admin.post("/api/v1/gradebook/scales", {
          name: "Bad",
          bands: [
            { letter: "P", min: 50 },
            { letter: "F", min: 10 },
          ],
        })
      ).status,
    ).toBe(422);
    expect((await admin.put("/api/v1/gradebook/settings", { defaultScale: pf.id })).status).toBe(200);
    const c = await course("Sport");
    const item = (await prof.post(`/api/v1/courses/${c.id}/gradebook/items`, { title: "Run", maxScore: 10 })).body;
    await prof.put(`/api/v1/courses/${c.id}/gradebook/items/${item.id}/grades/${users.gcle}`, { score: 6 });
    const grid = (await prof.get(`/api/v1/courses/${c.id}/gradebook?q=gcle`)).body;
    expect(grid.scale.name).toBe("Pass/Fail");
    expect(grid.learners[0].totalText).toBe("P");
    const own = (
      await prof.post(`/api/v1/courses/${c.id}/gradebook/scales`, {
        name: "Mentions",
        bands: [
          { letter: "TB", min: 80 },
          { letter: "B", min: 60 },
          { letter: "-", min: 0 },
        ],
      })
    ).body;
    const s = (await prof.get(`/api/v1/courses/${c.id}/gradebook/settings`)).body;
    expect(s.platformDefault).toBe(pf.id);
    expect(s.scales.map((x: { name: string }) => x.name)).toEqual(["%", "A–F", "/20", "/10", "Pass/Fail", "Mentions"]);
    await prof.put(`/api/v1/courses/${c.id}/gradebook/settings`, { scale: own.id, uncategorisedWeight: 1 });
    expect((await prof.get(`/api/v1/courses/${c.id}/gradebook?q=gcle`)).body.learners[0].totalText).toBe("B");
    await admin.put("/api/v1/gradebook/settings", { defaultScale: "percent" });
  });
});

describe("demo", () => {
  it("the national demo course has a gradebook on /20 with weighted categories, grades and an override", async () => {
    const { DEMO_PASSWORD, loadDemo } = await import("../../../server/demo.ts");
    await loadDemo(t.k);
    const claire = await signedIn(t.app, { base: "/p/national" }, "claire.martin", DEMO_PASSWORD);
    const mine = await claire.get("/api/v1/my/courses");
    const courses = (mine.body.items ?? mine.body.courses ?? []) as { id: string; title: string }[];
    let found = null;
    for (const c of courses) {
      const g = await claire.get(`/api/v1/courses/${c.id}/gradebook`);
      if (g.status === 200 && g.body.categories.length) found = g.body;
    }
    expect(found).not.toBeNull();
    expect(found.scale.id).toBe("twenty");
    expect(found.categories.map((c: { name: string; weight: number }) => [c.name, c.weight])).toEqual([
      ["Travaux en ligne", 2],
      ["Oral et participation", 1],
    ]);
    expect(found.items.filter((i: { source: string }) => i.source === "manual")).toHaveLength(3);
    expect(found.learners.length).toBeGreaterThan(3);
    expect(found.learners.every((l: { total: number | null }) => l.total !== null)).toBe(true);
    expect(found.learners[0].totalText).toMatch(/\/20$/);
    // the quiz demo's grades came through the API; the lowest one was overridden with a reason
    if (found.items.some((i: { source: string }) => i.source === "quiz"))
      expect(found.learners.some((l: { cells: ({ overridden: boolean } | null)[] }) => l.cells.some((c) => c?.overridden))).toBe(true);
  }, 120_000);
});
