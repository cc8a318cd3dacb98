import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import PDFDocument from "pdfkit";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { newId } from "../../src/kernel/ids.ts";
import { insertPerson } from "../../src/modules/accounts/server/index.ts";
import { makeOrg, makePlatform, PASSWORD, rootOf } from "../factories.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";
import { recordWebm } from "./webm.ts";

/**
 * The story of issue 3, end to end in Chromium and only through the web client: a teacher builds
 * a course (three sections; a page with an inline and a block formula typed in the formula
 * dialog; a file; a captioned video), opens it to self-enrolment, publishes it and schedules a
 * one-seat session. A learner enrols, reads, marks an item done and sees the progress; finds the
 * session full, joins the waiting list and is promoted when the seat holder withdraws. The
 * trainer takes attendance and downloads the PDF sheet, which names the learner.
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const m = (id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], fr) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k] ?? `{${k}}`));

const TITLE = "Physique : ondes et lumière";
const SECTIONS = ["Introduction", "Les ondes", "La lumière"];
const VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:03.000\nUne onde se propage\n\n00:00:03.000 --> 00:00:06.000\nsans transporter de matière\n";

let s: Served;
let browser: Browser;
let base: string;
let tenantId: string;

beforeAll(async () => {
  s = await serve();
  const p = await makePlatform(s.k, "ondes");
  tenantId = p.tenantId;
  base = `http://ondes.localhost:${s.port}`;
  const lycee = await makeOrg(s.k, p.tenantId, rootOf(p), "Lycée Marie Curie", "school");
  const hash = (
    await s.k.db.selectFrom("users").select("password_hash").where("tenant_id", "=", p.tenantId).where("username", "=", p.adminLogin).executeTakeFirstOrThrow()
  ).password_hash;
  const person = (username: string, givenName: string, familyName: string, profile: "teacher" | "learner") =>
    insertPerson(s.k.db, p.tenantId, { username, email: `${username}@example.test`, givenName, familyName, profile, orgId: lycee.id, passwordHash: hash });
  await person("c.durand", "Claire", "Durand", "teacher");
  await person("lea", "Léa", "Moreau", "learner");
  await person("tom", "Tom", "Girard", "learner");
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function open(login: string, opts: { acceptDownloads?: boolean } = {}) {
  const context = await browser.newContext({ locale: "fr-FR", ...opts });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/sign-in`);
  await page.getByLabel(m("ui.signIn.login")).fill(login);
  await page.getByLabel(m("ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: m("ui.signIn.submit") }).click();
  await page.waitForURL((u) => !u.pathname.endsWith("/sign-in"));
  await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Bonjour/);
  return { context, page };
}

const h1 = (page: Page) => page.locator("h1").textContent();
const main = (page: Page) => page.locator("main").textContent();
const progressNow = (page: Page) => page.getByRole("progressbar").first().getAttribute("aria-valuenow");
const pad = (n: number) => String(n).padStart(2, "0");
const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;

/** A one-page PDF handout, made like any PDF a teacher would upload. */
function handout(): Promise<Buffer> {
  const doc = new PDFDocument({ size: "A4" });
  const parts: Buffer[] = [];
  doc.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise<Buffer>((r) => doc.on("end", () => r(Buffer.concat(parts))));
  doc.fontSize(18).text("Fiche : longueur d’onde et fréquence");
  doc.end();
  return done;
}

/** The text a PDF shows (pdfkit's standard fonts write hex strings in deflated content streams). */
function pdfText(pdf: Buffer): string {
  const raw = pdf.toString("latin1");
  let out = "";
  for (const match of raw.matchAll(/stream\r?\n/g)) {
    const start = match.index + match[0].length;
    const end = raw.indexOf("endstream", start);
    let body = pdf.subarray(start, end);
    try {
      body = inflateSync(body);
    } catch {
      // not deflated (or not a content stream)
    }
    for (const tj of body.toString("latin1").matchAll(/\[([^\]]*)\]\s*TJ/g)) {
      out += `${[...tj[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1], "hex").toString("latin1")).join("")}\n`;
    }
  }
  return out;
}

let courseId = "";
let sessionId = "";

it("a teacher builds the course in the browser: three sections, a page with formulas, a file, a captioned video, self-enrolment and a one-seat session", async () => {
  const { context, page } = await open("c.durand");
  await page
    .getByRole("navigation", { name: m("ui.shell.mainNav") })
    .getByRole("link", { name: m("ui.nav.courses") })
    .click();
  await expect.poll(() => h1(page)).toBe(m("ui.courses.title"));
  await page.getByRole("button", { name: m("ui.courses.create") }).click();
  const create = page.getByRole("dialog");
  await create.getByLabel(m("ui.courses.fields.title")).fill(TITLE);
  await create.getByLabel(m("ui.courses.fields.summary")).fill("Comprendre la propagation des ondes");
  await create.getByRole("button", { name: m("ui.courses.create") }).click();
  await expect.poll(() => h1(page)).toBe(m("ui.courses.editTitle", { title: TITLE }));
  courseId = page.url().split("/courses/")[1].split("/")[0];

  for (const title of SECTIONS) {
    await page.getByRole("button", { name: m("ui.courses.addSection") }).click();
    await page.getByRole("dialog").getByLabel(m("ui.courses.fields.sectionTitle")).fill(title);
    await page
      .getByRole("dialog")
      .getByRole("button", { name: m("ui.courses.add") })
      .click();
    await expect.poll(() => page.getByRole("heading", { level: 3, name: new RegExp(title) }).count()).toBe(1);
  }

  // 1. a page with an inline formula (LaTeX field) and a block formula (visual input)
  await page.getByRole("button", { name: m("ui.courses.addItemTo", { title: SECTIONS[0] }) }).click();
  await page.getByRole("dialog").getByLabel(m("ui.courses.fields.itemTitle")).fill("Relation fondamentale");
  await page
    .getByRole("dialog")
    .getByRole("button", { name: m("ui.courses.add") })
    .click();
  await expect.poll(() => h1(page)).toBe(m("ui.courses.editItem", { title: "Relation fondamentale" }));
  const editor = page.getByRole("textbox", { name: m("ui.courses.fields.body") });
  await editor.click();
  await page.keyboard.type("La longueur d’onde vaut ");
  await page.getByRole("button", { name: m("ui.richtext.formula") }).click();
  const formula = page.getByRole("dialog", { name: m("ui.richtext.formula_title") });
  const latex = formula.getByLabel(m("ui.richtext.formula_latex"));
  await latex.fill("\\lambda = c \\cdot T");
  await expect.poll(() => formula.locator(".rt-formula-preview .katex").count()).toBe(1);
  await formula.getByRole("button", { name: m("ui.richtext.formula_insert") }).click();
  await formula.waitFor({ state: "detached" });
  await expect.poll(() => page.locator(".rt-content .katex").count()).toBe(1);
  await page.keyboard.type(" pour une onde.");
  await page.keyboard.press("Enter");
  await page.keyboard.type("Et la fréquence :");
  await page.keyboard.press("Control+Shift+M");
  await formula.waitFor();
  await formula.locator("label.rt-radio", { hasText: m("ui.richtext.formula_block") }).click();
  await expect.poll(() => formula.getByRole("radio", { name: m("ui.richtext.formula_block") }).isChecked()).toBe(true);
  const visual = page.locator("math-field");
  await visual.click();
  await expect.poll(() => page.evaluate(() => document.activeElement?.tagName.toLowerCase())).toBe("math-field");
  await page.keyboard.type("f=1/T", { delay: 60 });
  // the visual input fills the LaTeX field (MathLive turns "/" into a fraction)
  await expect.poll(() => latex.inputValue()).toMatch(/^f=\\frac\{1\}\{T\}$/);
  await formula.getByRole("button", { name: m("ui.richtext.formula_insert") }).click();
  await formula.waitFor({ state: "detached" });
  await expect.poll(() => page.locator(".rt-content .katex").count()).toBe(2);
  await expectAccessible(page, "page editor with formulas");
  await screenshots(page, "story-page-editor-fr");
  await page.getByRole("button", { name: m("ui.common.save"), exact: true }).click();
  await expect.poll(() => h1(page)).toBe(m("ui.courses.editTitle", { title: TITLE }));

  // 2. a file (a PDF handout), to be marked done by hand
  await page.getByRole("button", { name: m("ui.courses.addItemTo", { title: SECTIONS[1] }) }).click();
  const addFile = page.getByRole("dialog");
  await addFile.getByRole("button", { name: new RegExp(m("ui.courses.fields.kind")) }).click();
  await page.getByRole("option", { name: m("ui.courses.kinds.file") }).click();
  await addFile.getByLabel(m("ui.courses.fields.itemTitle")).fill("Fiche d’exercices");
  await addFile.locator('input[type="file"]').setInputFiles({ name: "fiche-ondes.pdf", mimeType: "application/pdf", buffer: await handout() });
  await expect.poll(() => addFile.textContent()).toContain(m("ui.files.current", { name: "fiche-ondes.pdf" }));
  await addFile.getByRole("button", { name: m("ui.courses.add") }).click();
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  await page.getByRole("button", { name: m("ui.courses.editNamed", { title: "Fiche d’exercices" }) }).click();
  await expect.poll(() => h1(page)).toBe(m("ui.courses.editItem", { title: "Fiche d’exercices" }));
  await page.getByRole("button", { name: new RegExp(m("ui.courses.fields.completion")) }).click();
  await page.getByRole("option", { name: m("ui.courses.completion.done") }).click();
  await page.getByRole("button", { name: m("ui.common.save"), exact: true }).click();
  await expect.poll(() => h1(page)).toBe(m("ui.courses.editTitle", { title: TITLE }));

  // 3. a captioned video: a WebM recorded in the page and WebVTT captions
  const webm = await recordWebm(page, 6);
  await page.getByRole("button", { name: m("ui.courses.addItemTo", { title: SECTIONS[2] }) }).click();
  const addVideo = page.getByRole("dialog");
  await addVideo.getByRole("button", { name: new RegExp(m("ui.courses.fields.kind")) }).click();
  await page.getByRole("option", { name: m("ui.courses.kinds.video") }).click();
  await addVideo.getByLabel(m("ui.courses.fields.itemTitle")).fill("Une onde à la surface de l’eau");
  const inputs = addVideo.locator('input[type="file"]');
  await expect.poll(() => inputs.count()).toBe(2);
  await inputs.nth(0).setInputFiles({ name: "onde.webm", mimeType: "video/webm", buffer: webm });
  await expect.poll(() => addVideo.textContent()).toContain(m("ui.files.current", { name: "onde.webm" }));
  await inputs.nth(1).setInputFiles({ name: "onde.fr.vtt", mimeType: "text/vtt", buffer: Buffer.from(VTT) });
  await expect.poll(() => addVideo.textContent()).toContain(m("ui.files.current", { name: "onde.fr.vtt" }));
  await addVideo.getByRole("button", { name: m("ui.courses.add") }).click();
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  for (const title of SECTIONS) {
    await expect
      .poll(() =>
        page
          .getByRole("grid", { name: m("ui.courses.itemsOf", { title }) })
          .getByRole("row")
          .count(),
      )
      .toBe(1);
  }

  await page.getByRole("button", { name: m("ui.courses.publish") }).click();
  await expect.poll(() => page.locator(".publish-bar").textContent()).toContain(m("ui.courses.statuses.published"));
  await screenshots(page, "story-course-editor-fr");

  // open to self-enrolment, from the enrolment page
  await page.goto(`${base}/courses/${courseId}`);
  await page.getByRole("link", { name: m("ui.enrolment.manage") }).click();
  await expect.poll(() => h1(page)).toBe(m("ui.enrolment.manageTitle"));
  await page.getByRole("button", { name: new RegExp(m("ui.enrolment.method")) }).click();
  await page.getByRole("option", { name: m("ui.enrolment.methods.open") }).click();
  const settings = page.getByRole("region", { name: m("ui.enrolment.settings") });
  await settings.getByRole("button", { name: m("ui.common.save") }).click();
  await expect
    .poll(
      async () =>
        (await s.k.db.selectFrom("courses").select("self_enrol").where("tenant_id", "=", tenantId).where("id", "=", courseId).executeTakeFirst())?.self_enrol,
    )
    .toBe("open");

  // a session with one seat, from the course page's sessions panel
  await page.goto(`${base}/courses/${courseId}`);
  await page.getByRole("link", { name: m("ui.sessions.schedule") }).click();
  await expect.poll(() => h1(page)).toBe(m("ui.sessions.title"));
  await page.getByRole("button", { name: m("ui.sessions.new") }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByLabel(m("ui.sessions.field.title")).fill("Travaux pratiques : la cuve à ondes");
  const start = new Date(Date.now() + 5 * 86400_000);
  start.setHours(14, 0, 0, 0);
  await dialog.getByLabel(m("ui.sessions.field.startsAt")).fill(local(start));
  await dialog.getByLabel(m("ui.sessions.field.endsAt")).fill(local(new Date(start.getTime() + 2 * 3600_000)));
  await dialog.getByLabel(m("ui.sessions.field.place")).fill("Laboratoire de physique, salle B12");
  await dialog.getByLabel(m("ui.sessions.field.seats")).fill("1");
  await dialog.getByRole("button", { name: m("ui.sessions.create") }).click();
  await expect.poll(() => page.getByRole("dialog").count()).toBe(0);
  await expect.poll(() => main(page)).toContain("Travaux pratiques : la cuve à ondes");

  const items = await s.k.db
    .selectFrom("course_items")
    .select(["kind", "completion", "file_id", "captions_file_id", "body_doc"])
    .where("tenant_id", "=", tenantId)
    .where("course_id", "=", courseId)
    .orderBy("position")
    .execute();
  expect(items.map((i) => i.kind).sort()).toEqual(["file", "page", "video"]);
  expect(items.find((i) => i.kind === "file")?.completion).toBe("done");
  expect(items.find((i) => i.kind === "video")?.captions_file_id).toBeTruthy();
  const body = JSON.stringify(items.find((i) => i.kind === "page")?.body_doc);
  expect(body).toContain('"inlineMath"');
  expect(body).toContain('"blockMath"');
  sessionId = (
    await s.k.db.selectFrom("course_sessions").select("id").where("tenant_id", "=", tenantId).where("course_id", "=", courseId).executeTakeFirstOrThrow()
  ).id;
  await context.close();
});

it("a learner enrols, reads the formulas, marks the file done, watches the captioned video and sees the progress", async () => {
  const { context, page } = await open("lea");
  await page.goto(`${base}/catalogue`);
  await page.getByRole("searchbox", { name: m("ui.catalogue.search") }).fill("ondes lumiere");
  // on a phone the other filters fold under a button, so the results come first
  await page.setViewportSize({ width: 360, height: 740 });
  const filters = page.getByRole("button", { name: m("ui.catalogue.moreFilters", { count: 0 }).replace(/\{.*$/, "") });
  const language = page.getByRole("search", { name: m("ui.catalogue.filters") }).getByRole("button", { name: new RegExp(m("ui.catalogue.language")) });
  await expect.poll(() => filters.getAttribute("aria-expanded")).toBe("false");
  expect(await language.isVisible()).toBe(false);
  await filters.click();
  await expect.poll(() => language.isVisible()).toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });
  await expect.poll(() => filters.isVisible()).toBe(false);
  await page.getByRole("link", { name: TITLE }).click();
  // the catalogue page leads to the course, where the learner enrols
  await expect.poll(() => main(page)).toContain(m("ui.catalogue.teachers"));
  await page.getByRole("link", { name: m("ui.catalogue.open") }).click();
  await expect.poll(() => page.getByRole("button", { name: m("ui.enrolment.enrol"), exact: true }).count()).toBe(1);
  expect(await h1(page)).toBe(TITLE);
  await page.getByRole("button", { name: m("ui.enrolment.enrol"), exact: true }).click();
  await expect.poll(() => main(page)).toContain(m("ui.enrolment.youAreEnrolled"));
  await expect.poll(() => progressNow(page)).toBe("0");

  // the page: formulas are MathML (inline in the paragraph, block on its own)
  await page.getByRole("link", { name: "Relation fondamentale" }).click();
  await expect.poll(() => h1(page)).toBe("Relation fondamentale");
  await expect.poll(() => page.locator("main math").count()).toBe(2);
  expect(await page.locator("main p math annotation").textContent()).toBe("\\lambda = c \\cdot T");
  expect(await page.locator("main math[display=block] annotation").textContent()).toMatch(/^f=\\frac\{1\}\{T\}$/);
  await expect.poll(() => progressNow(page)).toBe("33");
  await expectAccessible(page, "page with formulas");
  await screenshots(page, "story-page-fr");

  // the file: downloaded, then marked done by hand
  await page.getByRole("link", { name: /Fiche d’exercices/ }).click();
  await expect.poll(() => h1(page)).toBe("Fiche d’exercices");
  await expect.poll(() => main(page)).toContain("fiche-ondes.pdf");
  await page.getByRole("button", { name: m("ui.enrolment.markDone") }).click();
  await expect.poll(() => progressNow(page)).toBe("66");

  // the video with its French captions
  await page.getByRole("link", { name: /Une onde à la surface de l’eau/ }).click();
  await expect.poll(() => h1(page)).toBe("Une onde à la surface de l’eau");
  await expect
    .poll(() =>
      page.evaluate(() => {
        const tr = document.querySelector("video")?.textTracks[0];
        return tr ? { kind: tr.kind, mode: tr.mode, cues: tr.cues?.length ?? 0 } : null;
      }),
    )
    .toEqual({ kind: "captions", mode: "showing", cues: 2 });
  await expect.poll(() => progressNow(page)).toBe("100");

  // the course page says so
  await page
    .getByRole("navigation", { name: m("ui.courses.breadcrumb") })
    .getByRole("link", { name: TITLE })
    .click();
  await expect.poll(() => h1(page)).toBe(TITLE);
  await expect.poll(() => progressNow(page)).toBe("100");
  await expectAccessible(page, "course page after reading");
  await screenshots(page, "story-course-learner-fr");
  await context.close();
});

it("the session is full: the learner waits, is promoted when the seat frees; the trainer takes attendance and downloads the sheet", async () => {
  const session = "Travaux pratiques : la cuve à ondes";
  // Tom enrols and takes the only seat
  const tom = await open("tom");
  await tom.page.goto(`${base}/courses/${courseId}`);
  await tom.page.getByRole("button", { name: m("ui.enrolment.enrol"), exact: true }).click();
  await expect.poll(() => main(tom.page)).toContain(m("ui.enrolment.youAreEnrolled"));
  await tom.page.getByRole("button", { name: m("ui.sessions.registerFor", { title: session }) }).click();
  await expect.poll(() => main(tom.page)).toContain(m("ui.sessions.state.approved"));

  // Léa finds it full and joins the waiting list
  const lea = await open("lea");
  await lea.page.goto(`${base}/courses/${courseId}`);
  await lea.page.getByRole("link", { name: m("ui.sessions.all", { n: 1 }) }).click();
  await expect.poll(() => h1(lea.page)).toBe(m("ui.sessions.title"));
  await expect.poll(() => main(lea.page)).toContain(m("ui.sessions.seats.count", { taken: 1, seats: 1 }));
  await lea.page.getByRole("button", { name: m("ui.sessions.joinWaitingListFor", { title: session }) }).click();
  const waiting = m("ui.sessions.state.waiting", { position: 1 });
  await expect.poll(() => main(lea.page)).toContain(waiting);
  expect(await lea.page.getByRole("button", { name: m("ui.sessions.withdrawFrom", { title: session }) }).textContent()).toBe(m("ui.sessions.leaveWaitingList"));
  await expectAccessible(lea.page, "sessions, waiting");
  await screenshots(lea.page, "story-sessions-waiting-fr");

  // Tom withdraws: Léa has the seat and is told by mail, with the calendar invitation
  await tom.page.getByRole("button", { name: m("ui.sessions.withdrawFrom", { title: session }) }).click();
  await expect.poll(() => main(tom.page)).not.toContain(m("ui.sessions.state.approved"));
  await lea.page.reload();
  await expect.poll(() => main(lea.page)).toContain(m("ui.sessions.state.approved"));
  expect(await main(lea.page)).not.toContain(waiting);
  const mail = await s.k.db
    .selectFrom("mail_outbox")
    .select(["subject", "attachments"])
    .where("tenant_id", "=", tenantId)
    .where("to_address", "=", "lea@example.test")
    .orderBy("created_at", "desc")
    .executeTakeFirstOrThrow();
  expect(mail.subject).toContain("Une place s’est libérée");
  expect(JSON.stringify(mail.attachments)).toContain("text/calendar");

  // the trainer takes attendance: Léa present
  const trainer = await open("c.durand", { acceptDownloads: true });
  await trainer.page.goto(`${base}/courses/${courseId}/sessions/${sessionId}`);
  await expect.poll(() => main(trainer.page)).toContain("Moreau Léa");
  await trainer.page.getByRole("link", { name: m("ui.sessions.takeAttendance") }).click();
  await expect.poll(() => h1(trainer.page)).toBe(m("ui.sessions.attendanceTitle"));
  const card = trainer.page.getByRole("region", { name: "Moreau Léa" });
  const present = card.getByRole("radio", { name: m("ui.sessions.presence.present") });
  // the card may re-render with fresh data right after loading: click until the choice holds
  await expect
    .poll(async () => {
      if (!(await present.isChecked())) await present.click({ force: true });
      return present.isChecked();
    })
    .toBe(true);
  await expect
    .poll(
      async () =>
        (
          await s.k.db
            .selectFrom("session_attendance")
            .select("status")
            .where("tenant_id", "=", tenantId)
            .where("session_id", "=", sessionId)
            .executeTakeFirst()
        )?.status,
    )
    .toBe("present");
  await expectAccessible(trainer.page, "attendance");
  await screenshots(trainer.page, "story-attendance-fr");
  const [download] = await Promise.all([
    trainer.page.waitForEvent("download"),
    trainer.page.getByRole("link", { name: m("ui.sessions.downloadSheet") }).click(),
  ]);
  const pdf = readFileSync((await download.path())!);
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf);
  expect(text).toContain("Moreau Léa");
  expect(text).toContain(session);
  expect(text).toContain(TITLE);
  expect(text).not.toContain("Girard Tom");
  await Promise.all([tom.context.close(), lea.context.close(), trainer.context.close()]);
});

it("a learner who opens the course editor is told they cannot edit it; a course they may not see is not found", async () => {
  const draft = newId();
  const org = await s.k.db.selectFrom("courses").select("org_id").where("tenant_id", "=", tenantId).where("id", "=", courseId).executeTakeFirstOrThrow();
  await s.k.db.insertInto("courses").values({ tenant_id: tenantId, id: draft, org_id: org.org_id, title: "Brouillon secret", status: "draft" }).execute();
  const { context, page } = await open("lea");
  await page.goto(`${base}/courses/${courseId}/edit`);
  await expect.poll(() => h1(page)).toBe(m("ui.courses.cannotEditTitle"));
  expect(await main(page)).toContain(m("ui.courses.cannotEditBody"));
  await expectAccessible(page, "cannot edit");
  await screenshots(page, "story-cannot-edit-fr");
  await page.getByRole("link", { name: m("ui.courses.backToCourse") }).click();
  await expect.poll(() => h1(page)).toBe(TITLE);
  // an item's editor too
  const item = await s.k.db.selectFrom("course_items").select("id").where("tenant_id", "=", tenantId).where("course_id", "=", courseId).executeTakeFirstOrThrow();
  await page.goto(`${base}/courses/${courseId}/items/${item.id}/edit`);
  await expect.poll(() => h1(page)).toBe(m("ui.courses.cannotEditTitle"));
  // a draft she is not part of, and an id that does not exist: the same "not found" page, whatever the page
  for (const path of [`/courses/${draft}`, `/courses/${draft}/edit`, `/courses/${draft}/about`, `/courses/${newId()}`, `/courses/${courseId}/items/${newId()}`]) {
    await page.goto(`${base}${path}`);
    await expect.poll(() => h1(page), { message: path }).toBe(m("ui.courses.notFoundTitle"));
    expect(await main(page)).not.toContain("Brouillon secret");
  }
  await page.getByRole("link", { name: m("ui.courses.browseCatalogue") }).click();
  await expect.poll(() => h1(page)).toBe(m("ui.catalogue.title"));
  await context.close();
});
