import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { enrolDirect, makeCourse, makeItem, makeSection } from "../../enrolment/server/test-fixtures.ts";
import { recordGrades, upsertGradeItem } from "./index.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let school: { id: string; path: string };
const users: Record<string, string> = {};
const as = (login: string, lang = "fr") => signedIn(t.app, { host: p.host, lang }, login);

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "gbapi");
  school = await makeOrg(t.k, p.tenantId, rootOf(p), "École", "school");
  users.teacher = (await makeUser(t.k, p.tenantId, school.id, "gb-prof", "teacher")).id;
  for (const n of ["gb-lea", "gb-max"]) users[n] = (await makeUser(t.k, p.tenantId, school.id, n, "learner")).id;
});
afterAll(() => t.close());

async function setup(completion: "graded" | "done" = "graded") {
  const c = await makeCourse(t.k, p.tenantId, school.id);
  const s = await makeSection(t.k, p.tenantId, c.id);
  const quiz = await makeItem(t.k, p.tenantId, c.id, s.id, 0, { title: "Quiz 1", completion });
  await enrolDirect(t.k, p.tenantId, c.id, users.teacher, "teacher");
  for (const n of ["gb-lea", "gb-max"]) await enrolDirect(t.k, p.tenantId, c.id, users[n]);
  return { course: c, quiz };
}

const gradeRow = (itemId: string, userId: string) =>
  t.k.db
    .selectFrom("grades")
    .selectAll()
    .where("tenant_id", "=", p.tenantId)
    .where("grade_item_id", "=", itemId)
    .where("user_id", "=", userId)
    .executeTakeFirst();

describe("gradebook api", () => {
  it("upsertGradeItem creates once per source and updates title and scores", async () => {
    const { course, quiz } = await setup();
    const source = { type: "quiz" as const, id: quiz.id };
    const id = await upsertGradeItem(t.k.db, p.tenantId, { courseId: course.id, source, courseItemId: quiz.id, title: "Quiz", maxScore: 10, passScore: 5 });
    const again = await upsertGradeItem(t.k.db, p.tenantId, {
      courseId: course.id,
      source,
      courseItemId: quiz.id,
      title: "Quiz renamed",
      maxScore: 20,
      passScore: 10,
    });
    expect(again).toBe(id);
    const row = await t.k.db.selectFrom("grade_items").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", id).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ title: "Quiz renamed", max_score: 20, pass_score: 10, source_type: "quiz", course_item_id: quiz.id });
    await expect(
      upsertGradeItem(t.k.db, p.tenantId, { courseId: course.id, source, courseItemId: null, title: "x", maxScore: 0, passScore: null }),
    ).rejects.toMatchObject({
      code: "validation",
    });
    await expect(
      upsertGradeItem(t.k.db, p.tenantId, { courseId: course.id, source, courseItemId: null, title: "x", maxScore: 10, passScore: 11 }),
    ).rejects.toMatchObject({
      code: "validation",
    });
  });

  it("recordGrades stores grades, keeps an override, and refuses scores out of range", async () => {
    const { course, quiz } = await setup("done");
    const source = { type: "quiz" as const, id: quiz.id };
    const id = await upsertGradeItem(t.k.db, p.tenantId, { courseId: course.id, source, courseItemId: quiz.id, title: "Quiz", maxScore: 10, passScore: null });
    await recordGrades(t.k, p.tenantId, source, [
      { userId: users["gb-lea"], score: 7, released: false },
      { userId: users["gb-max"], score: null, released: true, gradedBy: users.teacher },
    ]);
    expect(await gradeRow(id, users["gb-lea"])).toMatchObject({ score: 7, released: false, overridden: false });
    expect(await gradeRow(id, users["gb-max"])).toMatchObject({ score: null, released: true, graded_by: users.teacher });
    // a teacher overrode lea's grade: a recomputation updates the computed score only
    await t.k.db
      .updateTable("grades")
      .set({ overridden: true, override_score: 9.5 })
      .where("tenant_id", "=", p.tenantId)
      .where("grade_item_id", "=", id)
      .where("user_id", "=", users["gb-lea"])
      .execute();
    await recordGrades(t.k, p.tenantId, source, [{ userId: users["gb-lea"], score: 3, released: true }]);
    expect(await gradeRow(id, users["gb-lea"])).toMatchObject({ score: 3, overridden: true, override_score: 9.5, released: true });
    await expect(recordGrades(t.k, p.tenantId, source, [{ userId: users["gb-lea"], score: 11, released: true }])).rejects.toMatchObject({ code: "validation" });
    await expect(
      recordGrades(t.k, p.tenantId, { type: "assignment", id: quiz.id }, [{ userId: users["gb-lea"], score: 1, released: true }]),
    ).rejects.toMatchObject({
      code: "gradebook.no_grade_item",
    });
    await t.k.events.flush();
    const ev = await t.k.db
      .selectFrom("events")
      .select(["verb", "object_id"])
      .where("tenant_id", "=", p.tenantId)
      .where("verb", "=", "graded")
      .where("object_id", "=", id)
      .execute();
    expect(ev.length).toBe(3);
  });
});

describe("completion rule 'graded'", () => {
  it("completes the item (and the course) when the grade reaches the pass score; never by hand", async () => {
    const { course, quiz } = await setup("graded");
    const source = { type: "quiz" as const, id: quiz.id };
    await upsertGradeItem(t.k.db, p.tenantId, { courseId: course.id, source, courseItemId: quiz.id, title: "Quiz", maxScore: 20, passScore: 10 });
    const lea = await as("gb-lea", "en");
    const before = await lea.get(`/api/v1/courses/${course.id}/my-progress`);
    expect(before.body.items[0]).toMatchObject({ completion: "graded", complete: false });
    const next = await lea.get("/api/v1/me/next");
    expect(next.body.items.find((i: { courseId: string }) => i.courseId === course.id).item.id).toBe(quiz.id);
    const byHand = await lea.post(`/api/v1/courses/${course.id}/items/${quiz.id}/done`);
    expect(byHand.status).toBe(422);
    expect(byHand.body.error.message).toMatch(/completed by the grade/);
    expect((await lea.del(`/api/v1/courses/${course.id}/items/${quiz.id}/done`)).status).toBe(422);

    await recordGrades(t.k, p.tenantId, source, [
      { userId: users["gb-lea"], score: 9.99, released: true },
      { userId: users["gb-max"], score: 10, released: true },
    ]);
    expect((await lea.get(`/api/v1/courses/${course.id}/my-progress`)).body).toMatchObject({ percent: 0, items: [{ complete: false }] });
    const max = await as("gb-max");
    const mp = await max.get(`/api/v1/courses/${course.id}/my-progress`);
    expect(mp.body).toMatchObject({ percent: 100, items: [{ complete: true }] });
    expect(mp.body.completedAt).not.toBeNull();
    const teacher = await as("gb-prof");
    const table = await teacher.get(`/api/v1/courses/${course.id}/progress`);
    expect(table.body.items[0].completion).toBe("graded");
    const maxRow = table.body.learners.find((l: { userId: string }) => l.userId === users["gb-max"]);
    expect(maxRow.cells[0]).not.toBeNull();

    // lea's grade raised: complete; a later lower grade takes it back
    await recordGrades(t.k, p.tenantId, source, [{ userId: users["gb-lea"], score: 15, released: true }]);
    expect((await lea.get(`/api/v1/courses/${course.id}/my-progress`)).body.items[0].complete).toBe(true);
    await recordGrades(t.k, p.tenantId, source, [{ userId: users["gb-lea"], score: 2, released: true }]);
    expect((await lea.get(`/api/v1/courses/${course.id}/my-progress`)).body.items[0].complete).toBe(false);
    await t.k.events.flush();
    const completed = await t.k.db
      .selectFrom("events")
      .select(["actor_id", "object_type"])
      .where("tenant_id", "=", p.tenantId)
      .where("verb", "=", "completed")
      .where("object_id", "in", [quiz.id, course.id])
      .execute();
    expect(
      completed
        .filter((e) => e.actor_id === users["gb-max"])
        .map((e) => e.object_type)
        .sort(),
    ).toEqual(["course", "item"]);
  });
});

describe("columns follow their course items", () => {
  it("deleting a quiz's course item deletes its column; a column by hand forgets a deleted item", async () => {
    const { course, quiz } = await setup("graded");
    const source = { type: "quiz" as const, id: quiz.id };
    const id = await upsertGradeItem(t.k.db, p.tenantId, { courseId: course.id, source, courseItemId: quiz.id, title: "Quiz", maxScore: 10, passScore: 5 });
    await recordGrades(t.k, p.tenantId, source, [{ userId: users["gb-lea"], score: 6, released: true }]);
    const s2 = await makeSection(t.k, p.tenantId, course.id, 1);
    const page = await makeItem(t.k, p.tenantId, course.id, s2.id, 0, { title: "Exposé", completion: "graded" });
    const prof = await as("gb-prof");
    const manual = await prof.post(`/api/v1/courses/${course.id}/gradebook/items`, { title: "Exposé", maxScore: 20, passScore: 10, courseItemId: page.id });
    expect(manual.status).toBe(200);
    await t.k.db.deleteFrom("course_items").where("tenant_id", "=", p.tenantId).where("id", "in", [quiz.id, page.id]).execute();
    const left = await t.k.db
      .selectFrom("grade_items")
      .select(["id", "course_item_id"])
      .where("tenant_id", "=", p.tenantId)
      .where("course_id", "=", course.id)
      .execute();
    expect(left).toEqual([{ id: manual.body.id, course_item_id: null }]);
    expect(await gradeRow(id, users["gb-lea"])).toBeUndefined();
  });
});
