import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { enrolDirect, makeCourse } from "../../src/modules/enrolment/server/test-fixtures.ts";
import { makeOrg, makePlatform, makeUser, rootOf } from "../factories.ts";
import { expectAccessible, launchBrowser, type Served, serve } from "./browser.ts";
import { type Catalog, catalog, main, msg, poll, signIn } from "./person.ts";

/**
 * A teacher's dialogs on a course, in the browser: people enrolled from a CSV file (a wrong line
 * listed) and by search; groups imported from pasted CSV, created by hand and automatically, a
 * grouping with self-selection; an admin adds a portal service. What each dialog did shows on the page.
 */
let s: Served;
let browser: Browser;
let base: string;
let courseId: string;
const en: Catalog = catalog("en");

beforeAll(async () => {
  s = await serve();
  const p = await makePlatform(s.k, "dialogs");
  const school = await makeOrg(s.k, p.tenantId, rootOf(p), "Lycée Victor Hugo", "school");
  const teacher = await makeUser(s.k, p.tenantId, school.id, "t.durand", "teacher");
  const alice = await makeUser(s.k, p.tenantId, school.id, "alice", "learner");
  await makeUser(s.k, p.tenantId, school.id, "bruno", "learner");
  await makeUser(s.k, p.tenantId, school.id, "chloe", "learner");
  courseId = (await makeCourse(s.k, p.tenantId, school.id, { title: "Physique" })).id;
  await enrolDirect(s.k, p.tenantId, courseId, teacher.id, "teacher");
  await enrolDirect(s.k, p.tenantId, courseId, alice.id, "learner");
  base = `http://dialogs.localhost:${s.port}`;
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

const dialog = (page: Page) => page.getByRole("dialog");
const button = (page: Page, id: string, values?: Record<string, string | number>) => page.getByRole("button", { name: msg(en, id, values), exact: true });

it("the teacher enrols people from a CSV file and by search", async () => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, base, "t.durand", en);
  await page.goto(`${base}/courses/${courseId}/enrolment`);
  await poll(() => main(page)).toContain("alice");

  await button(page, "ui.enrolment.csv").click();
  await button(page, "ui.enrolment.chooseFile").waitFor();
  await expect(button(page, "ui.enrolment.check").isDisabled()).resolves.toBe(true);
  const chooser = page.waitForEvent("filechooser");
  await button(page, "ui.enrolment.chooseFile").click();
  await (await chooser).setFiles({ name: "people.csv", mimeType: "text/csv", buffer: Buffer.from("username;role\nbruno;learner\nnobody;learner\n") });
  await poll(() => dialog(page).textContent()).toContain("people.csv");
  await button(page, "ui.enrolment.check").click();
  await poll(() => dialog(page).getByRole("status").textContent()).toContain("To enrol: 1;");
  await expect(
    dialog(page)
      .getByRole("grid", { name: msg(en, "ui.enrolment.csvErrors") })
      .textContent(),
  ).resolves.toContain("nobody");
  await expectAccessible(page, "enrolment CSV dialog");
  await page.getByRole("button", { name: "Enrol 1 person" }).click();
  await poll(() => dialog(page).getByRole("status").textContent()).toContain("Done: 1 enrolled");
  await expect(button(page, "ui.enrolment.check").count()).resolves.toBe(0);
  await button(page, "ui.common.close").last().click();
  await poll(() => main(page)).toContain("bruno");

  await button(page, "ui.enrolment.addPeople").click();
  await dialog(page).getByLabel(msg(en, "ui.enrolment.searchPeople")).fill("chloe");
  await dialog(page).getByText("chloe", { exact: false }).first().click();
  await page.getByRole("button", { name: "Enrol 1 person" }).click();
  await poll(() => dialog(page).count()).toBe(0);
  await poll(() => main(page)).toContain("chloe");
  await context.close();
});

it("the teacher imports groups from pasted CSV, creates a group, a grouping and groups automatically", async () => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, base, "t.durand", en);
  await page.goto(`${base}/courses/${courseId}/groups`);
  await poll(() => page.locator("h1").textContent()).toBe(msg(en, "ui.groups.title"));

  await button(page, "ui.groups.csv").click();
  await dialog(page).getByLabel(msg(en, "ui.groups.csvText")).fill("group;username\nTeam 1;alice\nTeam 1;nobody\n");
  await button(page, "ui.groups.check").click();
  await poll(() => dialog(page).getByRole("status").textContent()).toContain("1 addition, 1 new group");
  await expect(
    dialog(page)
      .getByRole("grid", { name: msg(en, "ui.groups.csvErrors") })
      .textContent(),
  ).resolves.toContain("nobody");
  await expectAccessible(page, "groups CSV dialog");
  await page.getByRole("button", { name: "Apply (1 addition)" }).click();
  await poll(() => dialog(page).getByRole("status").textContent()).toContain("Done: 1 addition");
  await button(page, "ui.common.close").last().click();
  await poll(() => main(page)).toContain("Team 1");

  await button(page, "ui.groups.new").click();
  await dialog(page).getByLabel(msg(en, "ui.groups.name")).fill("Team 2");
  await dialog(page).getByText("bruno", { exact: false }).click();
  await button(page, "ui.groups.create").click();
  await poll(() => dialog(page).count()).toBe(0);
  await poll(() => page.getByRole("list", { name: msg(en, "ui.groups.membersOf", { name: "Team 2" }) }).textContent()).toContain("bruno");

  await button(page, "ui.groups.newGrouping").click();
  await dialog(page).getByLabel(msg(en, "ui.groups.groupingName")).fill("Projects");
  await dialog(page).getByText(msg(en, "ui.groups.selfSelect")).click();
  await dialog(page).getByLabel(msg(en, "ui.groups.maxMembersLabel")).fill("3");
  await button(page, "ui.groups.create").click();
  await poll(() => dialog(page).count()).toBe(0);
  await poll(() => page.getByRole("heading", { name: "Projects" }).count()).toBe(1);

  await button(page, "ui.groups.auto").click();
  await dialog(page).getByText(msg(en, "ui.groups.modeSize")).click();
  await dialog(page).getByLabel(msg(en, "ui.groups.howManyMembers")).fill("2");
  await button(page, "ui.groups.autoRun").click();
  await poll(() => dialog(page).count()).toBe(0);
  await poll(() => page.locator(".toast").textContent()).toMatch(/group/);
  await context.close();
});

it("an admin adds a service of the school's own for learners; a setting needs a profile", async () => {
  const context = await browser.newContext({ locale: "en-GB" });
  const page = await context.newPage();
  await signIn(page, base, "dialogs-admin", en);
  await page.goto(`${base}/admin/services`);
  await button(page, "ui.portal.admin.add").click();
  await dialog(page).getByLabel(msg(en, "ui.portal.form.name")).fill("Cloud");
  await dialog(page).getByLabel(msg(en, "ui.portal.form.url")).fill("https://cloud.example.org");
  await dialog(page)
    .getByRole("checkbox", { name: msg(en, "ui.profiles.teacher") })
    .uncheck({ force: true });
  await dialog(page)
    .getByRole("button", { name: msg(en, "ui.portal.admin.add") })
    .click();
  await poll(() => dialog(page).count()).toBe(0);
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Cloud" }) });
  await poll(() => card.textContent()).toContain(msg(en, "ui.portal.signOn.oidc"));
  await poll(() => card.textContent()).toContain(msg(en, "ui.profiles.learner"));
  expect(await card.textContent()).not.toContain(msg(en, "ui.profiles.teacher"));

  await page.getByRole("button", { name: msg(en, "ui.portal.admin.changeLabel", { name: "Cloud" }) }).click();
  await dialog(page)
    .getByRole("checkbox", { name: msg(en, "ui.profiles.learner") })
    .uncheck({ force: true });
  await expect(button(page, "ui.common.save").isDisabled()).resolves.toBe(true);
  await button(page, "ui.common.cancel").click();
  await poll(() => dialog(page).count()).toBe(0);
  await context.close();
});
