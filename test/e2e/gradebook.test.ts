import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { recordGrades, upsertGradeItem } from "../../src/modules/gradebook/server/index.ts";
import { makePlatform, makeUser } from "../factories.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, main, msg, signedInPage } from "./person.ts";

/**
 * The gradebook in the browser: a teacher adds a column by hand, enters a grade from the
 * keyboard in the virtualised grid, overrides a quiz grade with a reason, exports CSV; the
 * learner sees their released grades and nobody else's.
 */
const fr = catalog("fr");
const en = catalog("en");

let base: string;
let courseId: string;
let quizItemId: string;
const ids: Record<string, string> = {};
const t = servedWithBrowser(async (s) => {
  const p = await makePlatform(s.k, "grades");
  base = `http://grades.localhost:${s.port}`;
  ids.prof = (await makeUser(s.k, p.tenantId, p.rootOrgId, "prof", "teacher")).id;
  ids.lina = (await makeUser(s.k, p.tenantId, p.rootOrgId, "lina")).id;
  ids.marc = (await makeUser(s.k, p.tenantId, p.rootOrgId, "marc")).id;
  courseId = newId();
  await s.k.db
    .insertInto("courses")
    .values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Mathématiques 3e", status: "published" })
    .execute();
  await s.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: ids.prof, role: "teacher" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: ids.lina, role: "learner" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: ids.marc, role: "learner" },
    ])
    .execute();
  // 400 more learners: the grid renders only the rows in view
  const many = Array.from({ length: 400 }, () => newId());
  await sql`insert into users (tenant_id, id, username, given_name, family_name, profile)
    select ${p.tenantId}::uuid, u.id, 'eleve' || lpad(u.n::text, 3, '0'), 'Élève', 'Zed ' || lpad(u.n::text, 3, '0'), 'learner'
    from unnest(${many}::uuid[]) with ordinality as u(id, n)`.execute(s.k.db);
  await sql`insert into course_members (tenant_id, id, course_id, user_id, role, source)
    select ${p.tenantId}::uuid, gen_random_uuid(), ${courseId}::uuid, u.id, 'learner', 'teacher' from unnest(${many}::uuid[]) as u(id)`.execute(s.k.db);
  // a quiz (the quizzes module would do this through the gradebook API)
  const sectionId = newId();
  await s.k.db.insertInto("course_sections").values({ tenant_id: p.tenantId, id: sectionId, course_id: courseId, position: 0, title: "Chapitre 1" }).execute();
  quizItemId = newId();
  await s.k.db
    .insertInto("course_items")
    .values({
      tenant_id: p.tenantId,
      id: quizItemId,
      course_id: courseId,
      section_id: sectionId,
      position: 0,
      kind: "page",
      title: "Quiz fractions",
      completion: "graded",
    })
    .execute();
  const source = { type: "quiz" as const, id: quizItemId };
  await upsertGradeItem(s.k.db, p.tenantId, { courseId, source, courseItemId: quizItemId, title: "Quiz fractions", maxScore: 10, passScore: 5 });
  await recordGrades(s.k, p.tenantId, source, [
    { userId: ids.lina, score: 4, released: true },
    { userId: ids.marc, score: 9, released: true },
    ...many.slice(0, 200).map((userId, n) => ({ userId, score: n % 11, released: true })),
  ]);
});

it("teacher enters and overrides grades, exports CSV; the learner sees their released grades", async () => {
  const prof = await signedInPage(t.browser, base, "prof", { acceptDownloads: true, timeout: 10_000 });

  // a column by hand, visible to learners, from the set-up page
  await prof.goto(`${base}/courses/${courseId}/gradebook`);
  await expect.poll(() => prof.locator("h1").textContent()).toBe(msg(fr, "ui.gradebook.title"));
  await prof.getByRole("link", { name: msg(fr, "ui.gradebook.setup.title") }).click();
  await expect.poll(() => prof.locator("h1").textContent()).toBe(msg(fr, "ui.gradebook.setup.title"));
  await prof.getByRole("button", { name: msg(fr, "ui.gradebook.setup.newItem") }).click();
  const dialog = prof.getByRole("dialog");
  await dialog.getByLabel(msg(fr, "ui.gradebook.fields.title")).fill("Oral");
  await dialog.getByLabel(msg(fr, "ui.gradebook.fields.maxScore")).fill("20");
  await dialog.getByText(msg(fr, "ui.gradebook.releaseSwitch")).click();
  await expectAccessible(prof, "new column");
  await dialog.getByRole("button", { name: msg(fr, "ui.gradebook.save") }).click();
  await expect.poll(() => prof.getByRole("dialog").count()).toBe(0);
  await expectAccessible(prof, "set-up");
  await screenshots(prof, "gradebook-setup-fr");

  // the grid: 402 learners, only a window of rows in the page
  await prof.goto(`${base}/courses/${courseId}/gradebook`);
  const grid = prof.getByRole("grid");
  await expect.poll(() => grid.getAttribute("aria-rowcount")).toBe("403");
  const rendered = await grid.locator('[role="row"]').count();
  expect(rendered).toBeGreaterThan(5);
  expect(rendered).toBeLessThan(80);
  await expect.poll(() => grid.textContent()).toContain("Test lina");
  await expectAccessible(prof, "gradebook grid");

  // keyboard: from the first cell, down to lina (first by name), right to "Oral", Enter, type, Enter
  await grid.locator('[role="columnheader"]').first().focus();
  await prof.keyboard.press("ArrowDown");
  for (let n = 0; n < 3; n++) await prof.keyboard.press("ArrowRight");
  await prof.keyboard.press("Enter");
  const input = prof.getByLabel(msg(fr, "ui.gradebook.cellLabel", { item: "Oral", name: "lina Test", max: "20" }));
  await input.fill("15,5");
  await prof.keyboard.press("Enter");
  await expect.poll(() => prof.locator("body").textContent()).toContain(msg(fr, "ui.gradebook.saved", { name: "lina Test" }));
  const linaRow = grid.locator('[role="row"]').filter({ hasText: "Test lina" });
  await expect.poll(() => linaRow.locator('[role="gridcell"]').nth(2).textContent()).toBe("15,5");
  // focus moved down to marc's cell, spreadsheet-like
  await expect.poll(() => prof.evaluate(() => document.activeElement?.closest('[role="row"]')?.textContent ?? "")).toContain("Test marc");

  // override lina's quiz grade (4 → 6) with a reason
  await linaRow.locator('[role="gridcell"]').nth(1).click();
  await prof.keyboard.press("Enter");
  const o = prof.getByRole("dialog");
  await o.getByLabel(msg(fr, "ui.gradebook.scoreOutOf", { max: "10" })).fill("6");
  await o.getByRole("button", { name: msg(fr, "ui.gradebook.override") }).click();
  await expect.poll(() => o.textContent()).toContain(msg(fr, "errors.gradebook.reason_required"));
  await o.getByRole("textbox", { name: msg(fr, "ui.gradebook.reason") }).fill("Question 4 mal posée");
  await expectAccessible(prof, "override dialog");
  await o.getByRole("button", { name: msg(fr, "ui.gradebook.override") }).click();
  await expect.poll(() => prof.getByRole("dialog").count()).toBe(0);
  await expect.poll(() => linaRow.locator('[role="gridcell"]').nth(1).textContent()).toContain("6");
  await expect.poll(() => linaRow.locator('[role="gridcell"]').nth(1).textContent()).toContain(msg(fr, "ui.gradebook.overridden"));
  await screenshots(prof, "gradebook-grid-fr");

  // the learner's page for teachers shows the history: who, old → new, why
  await linaRow.getByRole("link", { name: "Test lina" }).click();
  await expect.poll(() => prof.locator("h1").textContent()).toBe(msg(fr, "ui.gradebook.learnerTitle", { name: "lina Test" }));
  await expect.poll(() => main(prof)).toContain("Question 4 mal posée");
  await expectAccessible(prof, "learner grades (teacher)");
  await screenshots(prof, "gradebook-learner-fr");

  // export CSV
  await prof.goto(`${base}/courses/${courseId}/gradebook`);
  const [download] = await Promise.all([prof.waitForEvent("download"), prof.getByRole("link", { name: msg(fr, "ui.gradebook.exportCsv") }).click()]);
  const csv = readFileSync((await download.path())!, "utf8");
  const lines = csv.replace(/^\uFEFF/, "").split("\r\n");
  expect(lines[0]).toBe("Identifiant;Nom;Prénom;Quiz fractions (/10);Oral (/20);Total (%);Total (%)");
  // (6 + 15.5) / (10 + 20); French numbers, the percent sign after a narrow space
  expect(lines.find((l) => l.startsWith("lina;"))).toMatch(/^lina;Test;lina;6;15,5;71,67;71,7\s%$/);
  expect(lines).toHaveLength(404);
  await prof.context().close();

  // the learner: released grades, own only; then the English page at phone width
  const lina = await signedInPage(t.browser, base, "lina", { timeout: 10_000 });
  await lina.goto(`${base}/courses/${courseId}`);
  await lina.getByRole("link", { name: msg(fr, "ui.gradebook.mine.title") }).click();
  await expect.poll(() => lina.locator("h1").textContent()).toBe(msg(fr, "ui.gradebook.mine.title"));
  await expect.poll(() => main(lina)).toContain("15,5 / 20");
  const page = (await main(lina)) ?? "";
  expect(page).toContain("6 / 10");
  expect(page).not.toContain("marc");
  expect(page).not.toContain("9 / 10");
  await expectAccessible(lina, "my grades");
  await screenshots(lina, "gradebook-mine-fr");
  // the teacher's grid is not there for her
  await lina.goto(`${base}/courses/${courseId}/gradebook`);
  await expect.poll(() => main(lina)).toContain(msg(fr, "errors.not_found"));
  await lina.context().close();

  const e = await signedInPage(t.browser, base, "lina", { locale: "en-GB", timeout: 10_000 });
  await e.waitForURL(`${base}/`);
  await e.goto(`${base}/courses/${courseId}/grades`);
  await e.setViewportSize({ width: 360, height: 740 });
  await expect.poll(() => e.locator("h1").textContent()).toBe(msg(en, "ui.gradebook.mine.title"));
  await expect.poll(() => main(e)).toContain("15.5 / 20");
  await expectAccessible(e, "my grades at 360 px");
  await screenshots(e, "gradebook-mine-en");
  await e.context().close();

  // the platform's admin sets the default scale for every course: A–F
  const admin = await signedInPage(t.browser, base, "grades-admin", { timeout: 10_000 });
  await admin.goto(`${base}/courses/${courseId}/gradebook/setup`);
  await expect.poll(() => main(admin)).toContain(msg(fr, "ui.gradebook.setup.platform"));
  await admin.getByRole("button", { name: new RegExp(msg(fr, "ui.gradebook.setup.platformScale")) }).click();
  await admin.getByRole("option", { name: "A–F" }).click();
  await expect.poll(() => admin.locator("body").textContent()).toContain(msg(fr, "ui.gradebook.savedChanges"));
  await expectAccessible(admin, "set-up with the platform scale");
  await admin.goto(`${base}/courses/${courseId}/gradebook`);
  await admin.getByRole("searchbox", { name: msg(fr, "ui.gradebook.search") }).fill("lina");
  await expect.poll(() => admin.getByRole("grid").getAttribute("aria-rowcount")).toBe("2");
  const row = admin.getByRole("grid").locator('[role="row"]').filter({ hasText: "Test lina" });
  // 71.7 % on A–F is C
  await expect.poll(() => row.locator('[role="gridcell"]').first().textContent()).toBe("C");
  await admin.context().close();
});
