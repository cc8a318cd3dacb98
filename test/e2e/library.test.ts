import { readFileSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { insertSampleQuestions } from "../../src/modules/quizzes/server/sample-questions.ts";
import { makePlatform, makeUser, PASSWORD } from "../factories.ts";
import { multipart, signedIn } from "../helpers.ts";
import { expectAccessible, launchBrowser, type Served, screenshots, serve } from "./browser.ts";

/**
 * The shared library in the browser: platform A publishes v1 of a course; a teacher of platform B
 * imports a linked copy and adds a local section; A publishes v2; B sees "version 2 available"
 * with the notes, applies it, and the local section is still there. The course also has a file,
 * a captioned video, a quiz and an assignment: the entry page counts them and the copy has them.
 * Pages checked with axe and photographed (French, and English for B's update page).
 */
type Tree = { [k: string]: string | Tree };
const fr = JSON.parse(readFileSync("locales/fr.json", "utf8")) as Tree;
const en = JSON.parse(readFileSync("locales/en.json", "utf8")) as Tree;
const msg = (cat: Tree, id: string, values: Record<string, string | number> = {}) =>
  (id.split(".").reduce<string | Tree>((v, k) => (v as Tree)[k], cat) as string).replace(/\{(\w+)\}/g, (_, k) => String(values[k]));
const para = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

let s: Served;
let browser: Browser;
let A: Awaited<ReturnType<typeof makePlatform>>;
let B: Awaited<ReturnType<typeof makePlatform>>;
let courseA: string;
const url = (p: { slug: string }, path: string) => `http://${p.slug}.localhost:${s.port}${path}`;

beforeAll(async () => {
  s = await serve();
  A = await makePlatform(s.k, "nationale");
  B = await makePlatform(s.k, "bretagne", { color: "#0b6e4f", parentId: A.tenantId });
  await makeUser(s.k, A.tenantId, A.rootOrgId, "auteur", "teacher");
  await makeUser(s.k, B.tenantId, B.rootOrgId, "prof-b", "teacher");
  // A's course, written through the API (the course editor has its own browser tests)
  const author = await signedIn(s.app, { host: A.host }, "auteur");
  courseA = (await author.post("/api/v1/courses", { orgId: A.rootOrgId, title: "Premiers secours", summary: "Les gestes qui sauvent." })).body.id;
  for (const [section, pages] of [
    ["Alerter", ["Appeler les secours", "Le message d’alerte"]],
    ["Protéger", ["Baliser la zone"]],
  ] as const) {
    const sec = (await author.post(`/api/v1/courses/${courseA}/sections`, { title: section })).body;
    for (const title of pages) await author.post(`/api/v1/courses/${courseA}/items`, { sectionId: sec.id, kind: "page", title, body: para(`${title}.`) });
  }
  // a file, a captioned video, a quiz and an assignment: the library carries them too
  const sectionId = (await author.get(`/api/v1/courses/${courseA}`)).body.sections[1].id as string;
  const upload = async (purpose: string, name: string, type: string, data: Buffer | string) => {
    const m = multipart({}, { name, type, data });
    const r = await author.request("POST", `/api/v1/files?purpose=${purpose}`, m.body, m.headers);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.id as string;
  };
  const pdf = Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.alloc(2000, 0x20), Buffer.from("\n%%EOF\n")]);
  const mp4 = Buffer.alloc(50_000);
  Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex").copy(mp4);
  const add = async (body: object) => expect((await author.post(`/api/v1/courses/${courseA}/items`, { sectionId, ...body })).status).toBe(200);
  await add({ kind: "file", title: "Fiche réflexe", fileId: await upload("document", "fiche.pdf", "application/pdf", pdf) });
  await add({
    kind: "video",
    title: "La position latérale de sécurité",
    fileId: await upload("video", "pls.mp4", "video/mp4", mp4),
    captionsFileId: await upload("captions", "pls.vtt", "text/vtt", "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBonjour\n"),
  });
  const bank = await insertSampleQuestions(s.k.db, A.tenantId, courseA, { types: ["single", "truefalse"] });
  const quiz = await author.post(`/api/v1/courses/${courseA}/quizzes`, { sectionId, title: "Quiz des gestes" });
  await author.put(`/api/v1/courses/${courseA}/quizzes/${quiz.body.itemId}/slots`, { slots: bank.questions.map((q) => ({ versionId: q.versionId })) });
  expect((await author.post(`/api/v1/courses/${courseA}/assignments`, { sectionId, title: "Récit d’une intervention" })).status).toBe(200);
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await s?.close();
});

async function signIn(page: Page, p: { slug: string }, login: string, cat = fr) {
  await page.goto(url(p, "/sign-in"));
  await page.getByLabel(msg(cat, "ui.signIn.login")).fill(login);
  await page.getByLabel(msg(cat, "ui.signIn.password")).fill(PASSWORD);
  await page.getByRole("button", { name: msg(cat, "ui.signIn.submit") }).click();
  await expect.poll(() => page.locator("h1").textContent()).toMatch(/^Bonjour|^Hello/);
}
const h1 = (page: Page) => page.locator("h1").textContent();
const main = (page: Page) => page.locator("main").textContent();

async function publish(page: Page, notes: string, n: number) {
  if (!page.url().endsWith(`/courses/${courseA}/library`)) await page.goto(url(A, `/courses/${courseA}/library`));
  await expect.poll(() => h1(page)).toBe(msg(fr, "ui.library.publish.title"));
  await page.getByLabel(msg(fr, "ui.library.publish.changeNotes")).fill(notes);
  await page.getByRole("button", { name: n === 1 ? msg(fr, "ui.library.publish.submit") : msg(fr, "ui.library.publish.submitNext", { n }) }).click();
  await expect.poll(() => page.getByRole("heading", { name: msg(fr, "ui.library.publish.inLibrary"), exact: true }).count()).toBe(1);
  await expect.poll(() => main(page)).toContain(notes);
}

it("publish v1, import a linked copy and add a section, publish v2, apply it: the local section stays", async () => {
  // A's admin publishes version 1 with its licence and subjects
  const aCtx = await browser.newContext({ locale: "fr-FR" });
  const a = await aCtx.newPage();
  a.setDefaultTimeout(10_000);
  await signIn(a, A, A.adminLogin);
  await a.goto(url(A, `/courses/${courseA}`));
  await a.getByRole("link", { name: msg(fr, "ui.library.courseLink") }).click();
  await expect.poll(() => h1(a)).toBe(msg(fr, "ui.library.publish.title"));
  await a.getByLabel(msg(fr, "ui.library.publish.subjects")).fill("secourisme, santé");
  await a.getByRole("button", { name: msg(fr, "ui.library.licence") }).click();
  await a.getByRole("option", { name: msg(fr, "ui.library.licences.cc-by-sa") }).click();
  await expectAccessible(a, "publish form");
  await screenshots(a, "library-publish-fr");
  await publish(a, "Première version", 1);

  // B's teacher finds it in the library and imports a linked copy
  const bCtx = await browser.newContext({ locale: "fr-FR" });
  const b = await bCtx.newPage();
  b.setDefaultTimeout(10_000);
  await signIn(b, B, "prof-b");
  await b
    .getByRole("link", { name: msg(fr, "ui.library.nav") })
    .first()
    .click();
  await expect.poll(() => h1(b)).toBe(msg(fr, "ui.library.title"));
  await b.getByRole("searchbox", { name: msg(fr, "ui.library.search") }).fill("secours");
  await expect.poll(() => b.getByRole("status").filter({ hasText: "1 contenu" }).count()).toBe(1);
  await expectAccessible(b, "library");
  await screenshots(b, "library-browse-fr");
  await b.getByRole("link", { name: "Premiers secours" }).click();
  await expect.poll(() => h1(b)).toBe("Premiers secours");
  await expect.poll(() => main(b)).toContain("Le message d’alerte");
  // what the version contains, by kind; nothing is left out
  const counts = b.getByRole("list", { name: msg(fr, "ui.library.contains") });
  await expect.poll(() => counts.getByRole("listitem").allTextContents()).toEqual(["3 pages", "1 fichier", "1 vidéo", "1 quiz", "1 devoir"]);
  expect(await main(b)).not.toContain("ne sont pas repris");
  await expectAccessible(b, "library entry");
  await screenshots(b, "library-entry-fr");
  await b.getByRole("button", { name: msg(fr, "ui.library.import.submit") }).click();
  await expect.poll(() => b.url()).toMatch(/\/courses\/[0-9a-f-]{36}$/);
  const copyId = b.url().split("/courses/")[1];

  // …and adds a section of its own
  await b.goto(url(B, `/courses/${copyId}/edit`));
  await b.getByRole("button", { name: msg(fr, "ui.courses.addSection") }).click();
  await b.getByRole("dialog").getByLabel(msg(fr, "ui.courses.fields.sectionTitle")).fill("Contacts bretons");
  await b
    .getByRole("dialog")
    .getByRole("button", { name: msg(fr, "ui.courses.add") })
    .click();
  await expect.poll(() => b.getByRole("heading", { level: 3, name: /Contacts bretons/ }).count()).toBe(1);

  // A changes a page, adds one, and publishes version 2 with notes
  const author = await signedIn(s.app, { host: A.host }, "auteur");
  const outline = (await author.get(`/api/v1/courses/${courseA}`)).body.sections as { id: string; items: { id: string }[] }[];
  await author.patch(`/api/v1/courses/${courseA}/items/${outline[0].items[0].id}`, { title: "Appeler le 15 ou le 112" });
  await author.post(`/api/v1/courses/${courseA}/items`, {
    sectionId: outline[1].id,
    kind: "page",
    title: "Dégager d’urgence",
    body: para("Seulement en cas de danger."),
  });
  await publish(a, "Numéro 112 et une nouvelle page", 2);

  // B sees version 2 available on the course page and in the imports list, with the notes, and applies it
  await b.goto(url(B, `/courses/${copyId}`));
  await expect.poll(() => main(b)).toContain(msg(fr, "ui.library.notice", { n: 2, entry: "Premiers secours" }));
  await b.goto(url(B, "/library/imports"));
  await expect.poll(() => h1(b)).toBe(msg(fr, "ui.library.imports.title"));
  await b.getByRole("link", { name: msg(fr, "ui.library.imports.available", { n: 2 }) }).click();
  await expect.poll(() => main(b)).toContain("Numéro 112 et une nouvelle page");
  await expect.poll(() => main(b)).toContain(msg(fr, "ui.library.link.ruleLocal"));
  await expectAccessible(b, "linked copy update");
  await screenshots(b, "library-update-fr");
  await b.getByRole("button", { name: msg(fr, "ui.library.link.apply", { n: 2 }) }).click();
  await expect.poll(() => b.getByRole("heading", { name: msg(fr, "ui.library.link.applied", { n: 2 }) }).count()).toBe(1);
  await expect.poll(() => main(b)).toContain(msg(fr, "ui.library.link.upToDate"));

  // the copy has A's changes and still has its own section
  await b.getByRole("link", { name: msg(fr, "ui.library.link.openCourse") }).click();
  await expect.poll(() => main(b)).toContain("Appeler le 15 ou le 112");
  const text = (await main(b)) ?? "";
  expect(text).toContain("Dégager d’urgence");
  expect(text).toContain("Contacts bretons");
  expect(text).not.toContain("Appeler les secours");
  for (const title of ["Fiche réflexe", "La position latérale de sécurité", "Quiz des gestes", "Récit d’une intervention"]) expect(text).toContain(title);

  // the publisher sees the usage; English pages for the record
  await a.goto(url(A, "/library"));
  await a.getByRole("link", { name: "Premiers secours" }).click();
  await expect.poll(() => main(a)).toContain("Plateforme bretagne");
  await screenshots(a, "library-entry-publisher-fr");
  const enCtx = await browser.newContext({ locale: "en-GB" });
  const e = await enCtx.newPage();
  e.setDefaultTimeout(10_000);
  await signIn(e, B, "prof-b", en);
  await e.goto(url(B, "/library/imports"));
  await expect.poll(() => h1(e)).toBe(msg(en, "ui.library.imports.title"));
  await expectAccessible(e, "imports (en)");
  await screenshots(e, "library-imports-en");
});
