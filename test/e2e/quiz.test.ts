import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { insertQuiz } from "../../src/modules/quizzes/server/sample-questions.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, msg, signIn } from "./person.ts";
import { quizCourse } from "./quiz-course.ts";

/**
 * A learner takes a timed quiz with one question of each type. The network is cut in the middle:
 * the answers given before the cut are on the server, those given during it stay in the browser
 * (a reload while saves still fail shows them) and reach the server once the connection is back.
 * The teacher grades the essay and the file; the grade reaches the gradebook.
 */
const fr = catalog("fr");

let base: string;
let courseId: string;
let quizId: string;
let learnerId: string;
let tenantId: string;
const PDF = Buffer.from("%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n");

const t = servedWithBrowser(async (s) => {
  const made = await quizCourse(s, "exam");
  ({ base, courseId, learnerId } = made);
  const { p, sectionId, bank } = made;
  tenantId = p.tenantId;
  quizId = await insertQuiz(s.k.db, p.tenantId, courseId, sectionId, "Examen blanc", bank.questions, {
    time_limit_s: 45 * 60,
    attempts_allowed: 1,
    review_marks: "immediately",
    review_answers: "immediately",
    intro: "Onze questions, une de chaque type.",
  });
});

/** the page of the attempt on screen (the others are rendered, hidden) */
const cur = (page: Page) => page.locator(".attempt-questions:not([hidden])");
const saveState = (page: Page) => page.locator(".save-state").getAttribute("data-state");
const choose = async (page: Page, trigger: RegExp, option: string) => {
  await cur(page).getByRole("button", { name: trigger }).click();
  await page.getByRole("option", { name: option, exact: true }).click();
};

it("a timed quiz of every type survives a network cut and a reload, and its grade reaches the gradebook", async () => {
  const ctx = await t.browser.newContext({ locale: "fr-FR" });
  const page = await ctx.newPage();
  page.setDefaultTimeout(10_000);
  page.on("pageerror", (e) => console.log("PAGEERROR", e.message));
  page.on("console", (m) => m.type() === "error" && console.log("CONSOLE", m.text()));
  await signIn(page, base, "lea", fr);

  // from the course page to the quiz
  await page.goto(`${base}/courses/${courseId}`);
  await page.getByRole("link", { name: "Examen blanc" }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe("Examen blanc");
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.quizzes.minutes", { n: 45 }));
  await expectAccessible(page, "quiz page");
  await screenshots(page, "quiz-page");
  await page.getByRole("button", { name: msg(fr, "ui.quizzes.start") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toBe(msg(fr, "ui.quizzes.attemptTitle", { title: "Examen blanc", n: 1 }));
  await expect.poll(() => page.getByRole("timer").textContent()).toMatch(/^4[45]:\d\d$/);

  // page 1, online: single, multiple, true/false, short answer
  await cur(page).getByText("Rennes", { exact: true }).click();
  await cur(page).getByText("2", { exact: true }).click();
  await cur(page).getByText("7", { exact: true }).click();
  await cur(page).getByText(msg(fr, "ui.questions.view.true"), { exact: true }).click();
  await cur(page).getByLabel(msg(fr, "ui.questions.view.yourAnswer"), { exact: true }).fill("CO2");
  await expect.poll(() => saveState(page)).toBe("saved");
  await expectAccessible(page, "attempt");

  // the network is cut: page 2 and part of page 3 answered offline
  await ctx.setOffline(true);
  await page.getByRole("button", { name: msg(fr, "ui.quizzes.next") }).click();
  await expect.poll(() => cur(page).locator(".q-number").first().textContent()).toBe(msg(fr, "ui.questions.view.number", { n: 5 }));
  await cur(page).getByLabel(msg(fr, "ui.questions.view.yourAnswer"), { exact: true }).fill("144");
  await cur(page).getByLabel(msg(fr, "ui.questions.view.mathLatex")).fill("x^2+2x+1");
  await choose(page, /France/, "Paris");
  await choose(page, /Espagne/, "Madrid");
  await choose(page, /Italie/, "Rome");
  // ordering: move items until the order is Atome, Cellule, Organe
  for (const [i, item] of ["Atome", "Cellule", "Organe"].entries()) {
    for (let guard = 0; guard < 3; guard++) {
      const order = await cur(page).locator(".q-order-item").allTextContents();
      const at = order.findIndex((t) => t.includes(item));
      if (at <= i) break;
      await cur(page)
        .getByRole("button", { name: msg(fr, "ui.questions.view.moveUp", { item }) })
        .click();
    }
  }
  await expect.poll(() => saveState(page)).toBe("offline");
  await expect.poll(() => page.locator(".save-state").textContent()).toContain("Hors ligne");
  await expectAccessible(page, "attempt offline");
  await screenshots(page, "quiz-offline");
  // (after the screenshots' viewport changes, the page list rather than "next")
  await page.getByRole("button", { name: msg(fr, "ui.quizzes.pageN", { n: 3 }) }).click();
  await cur(page)
    .getByLabel(msg(fr, "ui.questions.view.gap", { n: 1 }))
    .fill("est");
  await choose(page, new RegExp(msg(fr, "ui.questions.view.gap", { n: 2 })), "ouest");
  await page.locator(".q-essay [contenteditable=true]").click();
  await page.keyboard.type("Évaporation, condensation, précipitations.");
  await expect.poll(() => saveState(page)).toBe("offline");

  // the connection is back but saves still fail: a reload shows what this browser kept
  await page.route("**/answers/**", (route) => route.abort("internetdisconnected"));
  await ctx.setOffline(false);
  await page.reload();
  await expect.poll(() => saveState(page)).toBe("offline");
  await page.getByRole("button", { name: msg(fr, "ui.quizzes.pageN", { n: 2 }) }).click();
  await expect(cur(page).getByLabel(msg(fr, "ui.questions.view.yourAnswer"), { exact: true }).inputValue()).resolves.toBe("144");
  // saves go through again: everything reaches the server
  await page.unroute("**/answers/**");
  await expect.poll(() => saveState(page), { timeout: 15_000 }).toBe("saved");

  // a reload with an empty browser store: every answer comes from the server
  await page.evaluate(() => localStorage.clear());
  await page.reload();
  await expect.poll(() => saveState(page)).toBe("saved");
  await expect(cur(page).getByLabel(msg(fr, "ui.questions.view.yourAnswer"), { exact: true }).inputValue()).resolves.toBe("CO2");
  await page.getByRole("button", { name: msg(fr, "ui.quizzes.pageN", { n: 2 }) }).click();
  await expect(cur(page).getByLabel(msg(fr, "ui.questions.view.yourAnswer"), { exact: true }).inputValue()).resolves.toBe("144");
  await expect(cur(page).getByLabel(msg(fr, "ui.questions.view.mathLatex")).inputValue()).resolves.toBe("x^2+2x+1");
  await page.getByRole("button", { name: msg(fr, "ui.quizzes.pageN", { n: 3 }) }).click();
  await expect(
    cur(page)
      .getByLabel(msg(fr, "ui.questions.view.gap", { n: 1 }))
      .inputValue(),
  ).resolves.toBe("est");
  await expect.poll(() => page.locator(".q-view.q-essay").textContent()).toContain("précipitations");

  // the file question, then submit
  await page.locator(".q-file input[type=file]").setInputFiles({ name: "schema.pdf", mimeType: "application/pdf", buffer: PDF });
  await expect.poll(() => page.locator(".q-file").textContent(), { timeout: 15_000 }).toContain("schema.pdf");
  await expect.poll(() => saveState(page)).toBe("saved");
  await page.getByRole("button", { name: msg(fr, "ui.quizzes.submit") }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.quizzes.submitNow") })
    .click();
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.quizzes.awaitingGrading"));
  await expectAccessible(page, "attempt review");
  await screenshots(page, "quiz-review");
  const stored = await t.s.k.db
    .selectFrom("quiz_answers as a")
    .innerJoin("quiz_attempts as t", (j) => j.onRef("t.tenant_id", "=", "a.tenant_id").onRef("t.id", "=", "a.attempt_id"))
    .select(["a.slot", "a.auto_fraction"])
    .where("a.tenant_id", "=", tenantId)
    .where("t.user_id", "=", learnerId)
    .execute();
  expect(stored).toHaveLength(11);
  expect(stored.filter((a) => a.auto_fraction === 1)).toHaveLength(9);

  // the teacher grades the essay and the file
  const tctx = await t.browser.newContext({ locale: "fr-FR" });
  const teacher = await tctx.newPage();
  teacher.setDefaultTimeout(20_000);
  await signIn(teacher, base, "prof", fr);
  await teacher.goto(`${base}/courses/${courseId}/quizzes/${quizId}/results`);
  await expect.poll(() => teacher.locator("h2#grading-h").textContent()).toBe(msg(fr, "ui.quizzes.toGrade", { n: 2 }));
  await expectAccessible(teacher, "results and grading");
  await screenshots(teacher, "quiz-results");
  await teacher.getByLabel(msg(fr, "ui.quizzes.gradePoints", { max: 4 })).fill("3");
  await teacher.getByLabel(msg(fr, "ui.quizzes.comment")).first().fill("Bien, il manque l'infiltration.");
  await teacher
    .getByRole("button", { name: msg(fr, "ui.quizzes.saveGrade") })
    .first()
    .click();
  await expect.poll(() => teacher.locator("h2#grading-h").textContent()).toBe(msg(fr, "ui.quizzes.toGrade", { n: 1 }));
  await teacher.getByLabel(msg(fr, "ui.quizzes.gradePoints", { max: 2 })).fill("2");
  await teacher.getByRole("button", { name: msg(fr, "ui.quizzes.saveGrade") }).click();
  await expect.poll(() => teacher.locator("h2#grading-h").textContent()).toBe(msg(fr, "ui.quizzes.toGrade", { n: 0 }));
  await expect.poll(() => teacher.locator("table").textContent()).toContain("17");

  // the quiz editor: settings and the questions with their pages and points
  await teacher.goto(`${base}/courses/${courseId}/quizzes/${quizId}/edit`);
  await expect.poll(() => teacher.locator("h1").textContent()).toBe(msg(fr, "ui.quizzes.editTitle", { title: "Examen blanc" }));
  await expect.poll(() => teacher.locator(".slot").count()).toBe(11);
  await teacher.getByLabel(msg(fr, "ui.quizzes.fields.attempts")).fill("2");
  await teacher.getByRole("button", { name: msg(fr, "ui.quizzes.saveSettings") }).click();
  await expect
    .poll(
      async () =>
        (
          await t.s.k.db
            .selectFrom("quizzes")
            .select("attempts_allowed")
            .where("tenant_id", "=", tenantId)
            .where("item_id", "=", quizId)
            .executeTakeFirstOrThrow()
        ).attempts_allowed,
    )
    .toBe(2);
  await expectAccessible(teacher, "quiz editor");
  await screenshots(teacher, "quiz-editor");

  // the grade in the gradebook: the learner's own grades (gradebook API) and the learner's review
  const mine = await page.evaluate(async (url) => {
    const r = await fetch(url);
    return { status: r.status, text: await r.text() };
  }, `/api/v1/courses/${courseId}/my-grades`);
  expect(mine.status).toBe(200);
  expect(mine.text).toContain("17");
  await page.reload();
  await expect.poll(() => page.locator("main").textContent()).toContain(msg(fr, "ui.quizzes.scoreOf", { score: "17", max: "18" }));
  await expect.poll(() => page.locator("main").textContent()).toContain("il manque l'infiltration");
  await ctx.close();
  await tctx.close();
}, 120_000);
