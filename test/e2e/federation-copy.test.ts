import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { storeUpload } from "../../src/kernel/files/index.ts";
import { makeCourse, makeItems, makeOrg, makePlatform, rootOf } from "../factories.ts";
import { expectAccessible, screenshots, servedWithBrowser } from "./browser.ts";
import { catalog, main, msg, signedInPage } from "./person.ts";

/**
 * The copy right in the browser: A's admin grants B the copy of one course; B's admin accepts,
 * finds it on the partner courses page, copies it onto a node of B, opens the copy and reads its
 * content there, with the note of where it came from; A's admin sees the copy in A's log.
 */
const fr = catalog("fr");
const en = catalog("en");

let a: Awaited<ReturnType<typeof makePlatform>>;
let b: Awaited<ReturnType<typeof makePlatform>>;
const COURSE = "Taille des arbres fruitiers";
const PAGE = "Quand tailler";
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.alloc(2000, 0x20), Buffer.from("\n%%EOF\n")]);

const t = servedWithBrowser(async (s) => {
  a = await makePlatform(s.k, "anjou");
  b = await makePlatform(s.k, "touraine");
  await makeOrg(s.k, b.tenantId, rootOf(b), "Lycée agricole");
  const course = { org_id: a.rootOrgId, title: COURSE, summary: "Les gestes du verger, saison par saison.", status: "published" } as const;
  const { id: courseId, sectionIds } = await makeCourse(s.k, a.tenantId, course, { sections: ["L'hiver", "L'été"] });
  const file = await storeUpload(s.k.db, {
    tenantId: a.tenantId,
    ownerId: a.adminId,
    purpose: "document",
    clientName: "calendrier.pdf",
    stream: (async function* () {
      yield PDF;
    })(),
    maxBytes: 1024 * 1024,
  });
  await makeItems(s.k, a.tenantId, { courseId, sectionId: sectionIds[0] }, [
    { kind: "page", title: PAGE, completion: "done", body_html: "<p>Hors gel, quand la sève dort.</p>" },
    { kind: "file", title: "Calendrier de taille", completion: "done", file_id: file.id },
  ]);
  await makeItems(s.k, a.tenantId, { courseId, sectionId: sectionIds[1] }, [
    { kind: "link", title: "Guide du verger", completion: "done", url: "https://example.org/verger" },
  ]);
});

const open = (host: string, login: string, locale = "fr-FR") => signedInPage(t.browser, `http://${host}:${t.s.port}`, login, { locale, timeout: 20_000 });
const go = (page: Page, host: string, path: string) => page.goto(`http://${host}:${t.s.port}${path}`);

it("A grants the copy of a course; B's admin accepts, copies it onto a node of B, opens the copy and reads it; both logs say so", async () => {
  // A's admin proposes the copy right on the course
  const adminA = await open(a.host, a.adminLogin);
  await go(adminA, a.host, "/admin/federation");
  await expect.poll(() => main(adminA)).toContain(msg(fr, "ui.federation.admin.none"));
  await adminA.getByRole("button", { name: msg(fr, "ui.federation.admin.propose") }).click();
  const propose = adminA.getByRole("dialog");
  await propose.getByRole("button", { name: new RegExp(msg(fr, "ui.federation.admin.partner")) }).click();
  await adminA.getByRole("option", { name: "Plateforme touraine" }).click();
  await propose
    .getByRole("group", { name: msg(fr, "ui.federation.rights.copy") })
    .getByText(COURSE)
    .click();
  await propose.getByRole("button", { name: msg(fr, "ui.federation.admin.send") }).click();
  await expect.poll(() => main(adminA)).toContain(msg(fr, "ui.federation.admin.grantsTo", { platform: "Plateforme touraine" }));

  // B's admin accepts
  const adminB = await open(b.host, b.adminLogin);
  await go(adminB, b.host, "/admin/federation");
  await adminB.getByRole("button", { name: msg(fr, "ui.federation.admin.accept") }).click();
  await expect.poll(() => main(adminB)).toContain(msg(fr, "ui.federation.statuses.accepted"));

  // the agreement leads to the partner courses page, which lists the course to copy
  await adminB.getByRole("link", { name: msg(fr, "ui.federation.copy.goCopyFrom", { platform: "Plateforme anjou" }) }).click();
  await expect.poll(() => main(adminB)).toContain(msg(fr, "ui.federation.copy.title"));
  const card = adminB.locator("li.card", { has: adminB.getByRole("heading", { name: COURSE }) });
  await expect.poll(() => card.textContent()).toContain("2 sections · 3 éléments");
  await expectAccessible(adminB, "partner courses with courses to copy");
  await screenshots(adminB, "federation-copy-list-fr");

  // the dialog: title and node, then the copy
  await adminB.getByRole("button", { name: msg(fr, "ui.federation.copy.copyNamed", { title: COURSE }) }).click();
  const dialog = adminB.getByRole("dialog");
  await expect.poll(() => dialog.getByLabel(msg(fr, "ui.federation.copy.titleField")).inputValue()).toBe(COURSE);
  await dialog.getByLabel(msg(fr, "ui.federation.copy.titleField")).fill(`${COURSE} (Touraine)`);
  await dialog.getByRole("button", { name: new RegExp(msg(fr, "ui.federation.copy.node")) }).click();
  await adminB.getByRole("option", { name: "Lycée agricole" }).click();
  await expectAccessible(adminB, "copy dialog");
  await screenshots(adminB, "federation-copy-dialog-fr");
  await dialog.getByRole("button", { name: msg(fr, "ui.federation.copy.submit") }).click();
  await expect.poll(() => dialog.textContent()).toContain(msg(fr, "ui.federation.copy.done", { title: `${COURSE} (Touraine)` }));
  expect(await dialog.textContent()).toContain("1 fichier copié sur cette plateforme.");
  await expectAccessible(adminB, "copy done");
  await screenshots(adminB, "federation-copy-done-fr");

  // the copy: B's own draft, on the chosen node, with the content and the note of its origin
  await dialog.getByRole("link", { name: msg(fr, "ui.federation.copy.openCopy") }).click();
  await expect.poll(() => adminB.locator("h1").textContent()).toBe(`${COURSE} (Touraine)`);
  await expect.poll(() => main(adminB)).toContain("Lycée agricole");
  await expect.poll(() => main(adminB)).toContain(`Copié de « ${COURSE} » (Plateforme anjou)`);
  for (const text of ["L'hiver", "L'été", PAGE, "Calendrier de taille", "Guide du verger"]) expect(await main(adminB)).toContain(text);
  await expectAccessible(adminB, "the copy's page");
  await screenshots(adminB, "federation-copy-course-fr");
  await adminB.getByRole("link", { name: PAGE }).click();
  await expect.poll(() => main(adminB)).toContain("Hors gel, quand la sève dort.");

  // back on the list, the course shows the copy made
  await go(adminB, b.host, "/partner-courses");
  await expect.poll(() => card.textContent()).toContain(msg(fr, "ui.federation.copy.copies"));
  expect(await card.getByRole("link", { name: `${COURSE} (Touraine)` }).count()).toBe(1);

  // A's admin reads the copy in A's log
  await go(adminA, a.host, "/admin/federation");
  await expect.poll(() => main(adminA)).toContain(msg(fr, "ui.federation.audit.actions.copied", { course: COURSE, copy: `${COURSE} (Touraine)` }));
  await screenshots(adminA, "federation-copy-log-fr");
}, 240_000);

it("in English, the copy list and dialog read as finished", async () => {
  const adminB = await open(b.host, b.adminLogin, "en-GB");
  await go(adminB, b.host, "/partner-courses");
  await expect.poll(() => main(adminB)).toContain(msg(en, "ui.federation.copy.title"));
  await expect.poll(() => main(adminB)).toContain("copied on");
  await expectAccessible(adminB, "partner courses (en)");
  await screenshots(adminB, "federation-copy-list-en");
}, 120_000);
