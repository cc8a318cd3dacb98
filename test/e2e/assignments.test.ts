import { expect, it } from "vitest";
import { makeCourse, makePlatform, makeUser } from "../factories.ts";
import { type Client, signedIn } from "../helpers.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, main, msg, signedInPage } from "./person.ts";

/**
 * Group work in the browser: two learners of a team write one submission together (one saves the
 * draft, the other submits it and gets a receipt); the teacher grades it with the rubric using
 * the keyboard, writes feedback and releases the grades; both members see the grade and the
 * feedback, a learner of another team does not.
 */
const fr = catalog("fr");
const en = catalog("en");

let base: string;
let courseId: string;
let itemId: string;
let teacherApi: Client;
let tenantId: string;

const t = servedWithBrowser(async (s) => {
  const p = await makePlatform(s.k, "teams");
  tenantId = p.tenantId;
  base = `http://teams.localhost:${s.port}`;
  const teacher = (await makeUser(s.k, p.tenantId, p.rootOrgId, "prof", "teacher")).id;
  const learners = [];
  for (const n of ["alice", "bruno", "chloe"]) learners.push((await makeUser(s.k, p.tenantId, p.rootOrgId, n)).id);
  const course = { org_id: p.rootOrgId, title: "Physique-chimie", status: "published" } as const;
  const { id, sectionIds } = await makeCourse(s.k, p.tenantId, course, { teachers: [teacher], learners, sections: ["Travaux pratiques"] });
  courseId = id;
  const sectionId = sectionIds[0];
  teacherApi = await signedIn(s.app, { host: p.host }, "prof");
  const grouping = (await teacherApi.post(`/api/v1/courses/${courseId}/groupings`, { name: "Équipes de TP" })).body;
  await teacherApi.post(`/api/v1/courses/${courseId}/groups`, { name: "Équipe A", groupingId: grouping.id, userIds: [learners[0], learners[1]] });
  await teacherApi.post(`/api/v1/courses/${courseId}/groups`, { name: "Équipe B", groupingId: grouping.id, userIds: [learners[2]] });
  const created = await teacherApi.post(`/api/v1/courses/${courseId}/assignments`, {
    sectionId,
    title: "Compte rendu : le pendule simple",
    instructions: {
      type: "doc",
      content: [{ type: "paragraph", content: [{ type: "text", text: "Mesurez la période pour trois longueurs et comparez à la formule." }] }],
    },
    groupMode: true,
    groupingId: grouping.id,
    dueAt: new Date(Date.now() + 3 * 86400_000).toISOString(),
    maxScore: 20,
    rubric: {
      kind: "rubric",
      criteria: [
        {
          id: "method",
          description: "Démarche expérimentale",
          levels: [
            { id: "m0", points: 0, description: "Absente" },
            { id: "m1", points: 5, description: "Partielle" },
            { id: "m2", points: 10, description: "Complète" },
          ],
        },
        {
          id: "result",
          description: "Exploitation des mesures",
          levels: [
            { id: "r0", points: 0, description: "Erronée" },
            { id: "r1", points: 10, description: "Juste" },
          ],
        },
      ],
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  itemId = created.body.item.id;
});

const open = (login: string, locale = "fr-FR") => signedInPage(t.browser, base, login, { locale, timeout: 20_000 });

it("a team submits one assignment, the teacher grades it with the rubric and releases, every member sees the feedback", async () => {
  // the teacher's groups page
  const teacher = await open("prof");
  await teacher.goto(`${base}/courses/${courseId}`);
  await teacher.getByRole("link", { name: msg(fr, "ui.groups.title") }).click();
  await expect.poll(() => teacher.locator("h1").textContent()).toBe(msg(fr, "ui.groups.title"));
  await expect.poll(() => main(teacher)).toContain("Équipe A");
  await expectAccessible(teacher, "groups (teacher)");
  await screenshots(teacher, "groups-teacher-fr");

  // alice opens the assignment from the course page and saves a draft with a formula
  const alice = await open("alice");
  await alice.goto(`${base}/courses/${courseId}`);
  await alice.getByRole("link", { name: "Compte rendu : le pendule simple" }).click();
  await expect.poll(() => alice.locator("h1").textContent()).toBe("Compte rendu : le pendule simple");
  await expect.poll(() => main(alice)).toContain(msg(fr, "ui.assignments.groupWork", { name: "Équipe A" }));
  const editor = alice.getByRole("textbox", { name: msg(fr, "ui.assignments.onlineText") });
  await editor.click();
  await alice.keyboard.type("Pour l = 50 cm nous mesurons T = 1,42 s, proche de 2π√(l/g).");
  await alice.getByRole("button", { name: msg(fr, "ui.assignments.saveDraft") }).click();
  await expect.poll(() => main(alice)).toContain(msg(fr, "ui.assignments.status.draft"));
  await expectAccessible(alice, "assignment draft");
  await screenshots(alice, "assignment-draft-fr");

  // bruno, in the same team, finds the draft and submits it for the team
  const bruno = await open("bruno");
  await bruno.goto(`${base}/courses/${courseId}/assignments/${itemId}`);
  await expect.poll(() => main(bruno)).toContain("T = 1,42 s");
  await bruno.getByRole("button", { name: msg(fr, "ui.assignments.submit") }).click();
  await bruno
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.assignments.submitNow") })
    .click();
  await expect.poll(() => main(bruno)).toContain(msg(fr, "ui.assignments.receipt"));
  const receipt = (await bruno.locator(".assignment-receipt code").textContent()) ?? "";
  expect(receipt).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
  await expectAccessible(bruno, "assignment submitted");
  await screenshots(bruno, "assignment-submitted-fr");
  // the receipt went to both members
  const mails = await t.s.k.db.selectFrom("mail_outbox").select(["to_address", "text_body"]).where("tenant_id", "=", tenantId).execute();
  expect(
    mails
      .filter((m) => m.text_body.includes(receipt))
      .map((m) => m.to_address)
      .sort(),
  ).toEqual(["alice@example.test", "bruno@example.test"]);

  // the teacher grades with the rubric, by keyboard, and releases
  await teacher.goto(`${base}/courses/${courseId}/assignments/${itemId}`);
  await teacher.getByRole("link", { name: msg(fr, "ui.assignments.marking") }).click();
  await expect.poll(() => main(teacher)).toContain("Équipe A");
  await expectAccessible(teacher, "marking list");
  await teacher.getByRole("row", { name: /Équipe A/ }).click();
  await expect.poll(() => main(teacher)).toContain("T = 1,42 s");
  const method = teacher.getByRole("radiogroup", { name: "Démarche expérimentale" });
  await method.getByRole("radio").first().focus();
  await teacher.keyboard.press("ArrowDown");
  await expect.poll(() => method.getByRole("radio", { name: /Partielle/ }).isChecked()).toBe(true);
  const result = teacher.getByRole("radiogroup", { name: "Exploitation des mesures" });
  await result.getByRole("radio").first().focus();
  await teacher.keyboard.press("ArrowDown");
  await expect.poll(() => result.getByRole("radio", { name: /Juste/ }).isChecked()).toBe(true);
  await expect.poll(() => teacher.locator(".rubric-total").textContent()).toContain("15");
  await teacher
    .getByRole("textbox", { name: msg(fr, "ui.rubrics.remarkFor", { criterion: "Démarche expérimentale" }) })
    .fill("Il manque l’incertitude de mesure.");
  await teacher.getByRole("textbox", { name: msg(fr, "ui.assignments.feedbackText") }).click();
  await teacher.keyboard.type("Bon travail d’équipe, mesures soignées.");
  await teacher.getByRole("button", { name: msg(fr, "ui.assignments.saveGrade") }).click();
  await expect.poll(() => teacher.getByRole("row", { name: /Équipe A/ }).textContent()).toContain("15 / 20");
  await expectAccessible(teacher, "grader with rubric");
  await screenshots(teacher, "assignment-marking-fr");
  await teacher
    .getByRole("button", { name: msg(fr, "ui.assignments.release") })
    .first()
    .click();
  await teacher
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.assignments.releaseNow") })
    .click();
  await expect.poll(() => main(teacher)).toContain(msg(fr, "ui.assignments.releasedOn"));

  // both members see the grade, the rubric and the feedback
  for (const page of [alice, bruno]) {
    await page.reload();
    await expect.poll(() => main(page)).toContain(msg(fr, "ui.assignments.feedback"));
    expect(await page.locator(".assignment-score").textContent()).toBe("15 / 20");
    expect(await main(page)).toContain("Bon travail d’équipe");
    expect(await main(page)).toContain("Il manque l’incertitude de mesure.");
    await expect.poll(() => page.getByRole("radiogroup", { name: "Exploitation des mesures" }).getByRole("radio", { name: /Juste/ }).isChecked()).toBe(true);
  }
  await expectAccessible(alice, "feedback released");
  await screenshots(alice, "assignment-feedback-fr");

  // chloe, of another team, sees her own empty submission, not Équipe A's work
  const chloe = await open("chloe", "en-GB");
  await chloe.goto(`${base}/courses/${courseId}/assignments/${itemId}`);
  await expect.poll(() => main(chloe)).toContain(msg(en, "ui.assignments.groupWork", { name: "Équipe B" }));
  expect(await main(chloe)).not.toContain("1,42");
  expect(await main(chloe)).not.toContain("Bon travail");
  await expectAccessible(chloe, "assignment, other team (en)");
  await screenshots(chloe, "assignment-other-team-en");
  await chloe.goto(`${base}/courses/${courseId}/groups`);
  await expect.poll(() => main(chloe)).toContain("Équipe B");
  expect(await main(chloe)).not.toContain("alice");
  await expectAccessible(chloe, "groups (learner, en)");
  await screenshots(chloe, "groups-learner-en");
});

it("groups: the teacher makes a self-selection grouping and shares learners automatically; a learner chooses a group", async () => {
  const teacher = await open("prof");
  await teacher.goto(`${base}/courses/${courseId}/groups`);
  await expect.poll(() => teacher.locator("h1").textContent()).toBe(msg(fr, "ui.groups.title"));
  // a grouping where learners choose, two places per group
  await teacher.getByRole("button", { name: msg(fr, "ui.groups.newGrouping") }).click();
  let dialog = teacher.getByRole("dialog");
  await dialog.getByRole("textbox", { name: msg(fr, "ui.groups.groupingName") }).fill("Projets");
  await dialog
    .locator("label")
    .filter({ hasText: msg(fr, "ui.groups.selfSelect") })
    .click();
  await expect.poll(() => dialog.getByRole("checkbox", { name: msg(fr, "ui.groups.selfSelect") }).isChecked()).toBe(true);
  await dialog.getByRole("textbox", { name: msg(fr, "ui.groups.maxMembersLabel") }).fill("2");
  await expectAccessible(teacher, "grouping dialog");
  await dialog.getByRole("button", { name: msg(fr, "ui.groups.create") }).click();
  await expect.poll(() => main(teacher)).toContain("Projets");
  // an empty group in it
  await teacher.getByRole("button", { name: msg(fr, "ui.groups.new"), exact: true }).click();
  dialog = teacher.getByRole("dialog");
  await dialog.getByRole("textbox", { name: msg(fr, "ui.groups.name") }).fill("Projet éolien");
  await dialog.getByRole("button", { name: msg(fr, "ui.groups.grouping") }).click();
  await teacher.getByRole("option", { name: "Projets" }).click();
  await dialog.getByRole("button", { name: msg(fr, "ui.groups.create") }).click();
  await expect.poll(() => main(teacher)).toContain("Projet éolien");
  // pairs in alphabetical order, in a new grouping
  await teacher.getByRole("button", { name: msg(fr, "ui.groups.auto") }).click();
  dialog = teacher.getByRole("dialog");
  await dialog
    .locator("label")
    .filter({ hasText: msg(fr, "ui.groups.modeSize") })
    .click();
  await dialog.getByRole("textbox", { name: msg(fr, "ui.groups.howManyMembers") }).fill("2");
  await dialog
    .locator("label")
    .filter({ hasText: msg(fr, "ui.groups.orderName") })
    .click();
  await dialog.getByRole("textbox", { name: msg(fr, "ui.groups.prefix") }).fill("Binôme");
  await dialog.getByRole("textbox", { name: msg(fr, "ui.groups.autoGrouping") }).fill("Binômes");
  await expectAccessible(teacher, "automatic groups dialog");
  await dialog.getByRole("button", { name: msg(fr, "ui.groups.autoRun") }).click();
  await expect.poll(() => main(teacher)).toContain("Binôme 2");
  const pair1 = teacher.getByRole("listitem").filter({ has: teacher.getByRole("heading", { name: "Binôme 1" }) });
  expect(await pair1.textContent()).toContain("alice Test");
  expect(await pair1.textContent()).toContain("bruno Test");
  await screenshots(teacher, "groups-auto-fr");

  // chloe chooses the group
  const chloe = await open("chloe");
  await chloe.goto(`${base}/courses/${courseId}`);
  await chloe.getByRole("link", { name: msg(fr, "ui.groups.title") }).click();
  await expect.poll(() => main(chloe)).toContain("Projet éolien");
  await chloe.getByRole("button", { name: msg(fr, "ui.groups.joinNamed", { name: "Projet éolien" }) }).click();
  await expect.poll(() => main(chloe)).toContain(msg(fr, "ui.groups.mine"));
  expect(await main(chloe)).toContain("chloe Test");
  await expectAccessible(chloe, "groups after choosing (learner)");
  await screenshots(chloe, "groups-choose-fr");
});

it("the teacher adds an assignment in the course editor and sets it up with a marking guide", async () => {
  const teacher = await open("prof");
  await teacher.goto(`${base}/courses/${courseId}/edit`);
  await teacher.getByRole("button", { name: msg(fr, "ui.courses.addItemTo", { title: "Travaux pratiques" }) }).click();
  const dialog = teacher.getByRole("dialog");
  await dialog.getByRole("button", { name: msg(fr, "ui.courses.fields.kind") }).click();
  await teacher.getByRole("option", { name: msg(fr, "ui.courses.kinds.assignment") }).click();
  await dialog.getByRole("textbox", { name: msg(fr, "ui.courses.fields.itemTitle") }).fill("Exposé oral");
  await dialog.getByRole("button", { name: msg(fr, "ui.courses.add") }).click();
  // straight to its settings
  await expect.poll(() => teacher.locator("h1").textContent()).toBe(msg(fr, "ui.assignments.settingsTitle"));
  await teacher
    .locator("label")
    .filter({ hasText: msg(fr, "ui.assignments.files") })
    .first()
    .click();
  await teacher
    .locator("label")
    .filter({ hasText: msg(fr, "ui.rubrics.kinds.guide") })
    .click();
  await teacher.getByRole("textbox", { name: msg(fr, "ui.rubrics.criterion") }).fill("Qualité de l’argumentation");
  await teacher.getByRole("textbox", { name: msg(fr, "ui.assignments.dueAt") }).fill("2030-06-15T18:00");
  await teacher.getByRole("textbox", { name: msg(fr, "ui.assignments.cutoffAt") }).fill("2030-06-10T18:00");
  await teacher.getByRole("button", { name: msg(fr, "ui.common.save") }).click();
  // a cut-off before the due date is refused next to the field
  await expect.poll(() => main(teacher)).toContain(msg(fr, "errors.assignments.cutoff_before_due"));
  await expectAccessible(teacher, "assignment settings with an error");
  await screenshots(teacher, "assignment-settings-fr");
  await teacher.getByRole("textbox", { name: msg(fr, "ui.assignments.cutoffAt") }).fill("2030-06-20T18:00");
  await teacher.getByRole("button", { name: msg(fr, "ui.common.save") }).click();
  await expect.poll(() => teacher.locator("h1").textContent()).toBe("Exposé oral");
  expect(await main(teacher)).toContain("2030");
  const v = (await teacherApi.get(`/api/v1/courses/${courseId}/assignments/${teacher.url().split("/").pop()}`)).body;
  expect(v.settings).toMatchObject({ fileSubmissions: true, rubric: { kind: "guide", criteria: [{ title: "Qualité de l’argumentation", maxPoints: 5 }] } });
});

it("anonymous marking: the marker sees participant numbers until identities are revealed", async () => {
  const sectionId = (await teacherApi.get(`/api/v1/courses/${courseId}`)).body.sections[0].id;
  const created = await teacherApi.post(`/api/v1/courses/${courseId}/assignments`, { sectionId, title: "Dissertation", anonymous: true, maxScore: 20 });
  const id = created.body.item.id;
  const alice = await signedIn(t.s.app, { host: "teams.localhost" }, "alice");
  await alice.put(`/api/v1/courses/${courseId}/assignments/${id}/submission`, {
    text: { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Ma dissertation." }] }] },
    revision: 0,
  });
  await alice.post(`/api/v1/courses/${courseId}/assignments/${id}/submission/submit`, { revision: 1 });
  const teacher = await open("prof", "en-GB");
  await teacher.goto(`${base}/courses/${courseId}/assignments/${id}/marking`);
  await expect.poll(() => main(teacher)).toContain(msg(en, "ui.assignments.participant", { n: 1 }));
  expect(await main(teacher)).not.toContain("alice");
  expect(await main(teacher)).toContain(msg(en, "ui.assignments.anonymousOn"));
  const submittedRow = teacher
    .getByRole("row")
    .filter({ hasText: "Participant" })
    .filter({ hasText: msg(en, "ui.assignments.status.submitted") });
  await submittedRow.click();
  await expect.poll(() => main(teacher)).toContain("Ma dissertation.");
  await teacher.getByRole("textbox", { name: msg(en, "ui.assignments.scoreLabel", { max: 20 }) }).fill("13");
  await teacher.getByRole("button", { name: msg(en, "ui.assignments.saveGrade") }).click();
  await expect.poll(() => submittedRow.textContent()).toContain("13 / 20");
  expect(await main(teacher)).not.toContain("alice");
  await expectAccessible(teacher, "anonymous marking (en)");
  await screenshots(teacher, "assignment-anonymous-en");
  await teacher.getByRole("button", { name: msg(en, "ui.assignments.reveal") }).click();
  await teacher
    .getByRole("dialog")
    .getByRole("button", { name: msg(en, "ui.assignments.reveal") })
    .click();
  await expect.poll(() => main(teacher)).toContain("alice Test");
});
