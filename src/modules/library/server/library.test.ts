import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";

const para = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });

let t: TestApp;
let A: Awaited<ReturnType<typeof makePlatform>>;
let B: Awaited<ReturnType<typeof makePlatform>>;
let adminA: Client;
let teacherA: Client;
let adminB: Client;
let teacherB: Client;
let learnerB: Client;
let courseA: string;
const ids: Record<string, string> = {};

const publishBody = (extra: object = {}) => ({
  title: "Premiers secours",
  description: "Les gestes qui sauvent, en quatre séquences.",
  language: "fr",
  level: "beginner",
  licence: "cc-by-sa",
  subjects: ["Santé", "secourisme"],
  changeNotes: "Première version",
  ...extra,
});

/** B's copy as sections with their items' titles, in order. */
async function outline(c: Client, courseId: string) {
  const r = await c.get(`/api/v1/courses/${courseId}`);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return (r.body.sections as { id: string; title: string; items: { id: string; title: string }[] }[]).map((s) => ({
    id: s.id,
    title: s.title,
    items: s.items,
  }));
}

beforeAll(async () => {
  t = await testApp();
  A = await makePlatform(t.k, "nationale");
  B = await makePlatform(t.k, "bretagne", { parentId: A.tenantId });
  await makeUser(t.k, A.tenantId, A.rootOrgId, "prof-a", "teacher");
  await makeUser(t.k, B.tenantId, B.rootOrgId, "prof-b", "teacher");
  await makeUser(t.k, B.tenantId, B.rootOrgId, "eleve-b", "learner");
  adminA = await signedIn(t.app, { host: A.host }, A.adminLogin);
  teacherA = await signedIn(t.app, { host: A.host }, "prof-a");
  adminB = await signedIn(t.app, { host: B.host }, B.adminLogin);
  teacherB = await signedIn(t.app, { host: B.host }, "prof-b");
  learnerB = await signedIn(t.app, { host: B.host }, "eleve-b");
  const c = await teacherA.post("/api/v1/courses", { orgId: A.rootOrgId, title: "Premiers secours" });
  courseA = c.body.id;
  const s1 = (await teacherA.post(`/api/v1/courses/${courseA}/sections`, { title: "Alerter" })).body;
  const s2 = (await teacherA.post(`/api/v1/courses/${courseA}/sections`, { title: "Protéger" })).body;
  ids.s1 = s1.id;
  ids.s2 = s2.id;
  for (const [key, section, title] of [
    ["x", s1.id, "Appeler le 15"],
    ["y", s1.id, "Le message d'alerte"],
    ["w", s2.id, "Baliser"],
    ["v", s2.id, "Dégager une victime"],
  ] as const) {
    const r = await teacherA.post(`/api/v1/courses/${courseA}/items`, { sectionId: section, kind: "page", title, body: para(`${title} : contenu`) });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids[key] = r.body.id;
  }
  await teacherA.post(`/api/v1/courses/${courseA}/items`, { sectionId: s2.id, kind: "link", title: "Fiche SAMU", url: "https://example.org/samu" });
  // a file item whose file is gone has no bytes to carry: the library leaves it out and says so
  await t.k.db
    .insertInto("course_items")
    .values({
      tenant_id: A.tenantId,
      id: newId(),
      course_id: courseA,
      section_id: s2.id,
      position: 9,
      kind: "file",
      title: "Affiche perdue",
      completion: "none",
      file_id: newId(),
    })
    .execute();
});
afterAll(() => t.close());

describe("publishing", () => {
  it("keeps publishing to platform admins unless they let course editors do it", async () => {
    const r = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody());
    expect(r.status).toBe(403);
    const page = await teacherA.get(`/api/v1/library/courses/${courseA}`);
    expect(page.body).toMatchObject({ canPublish: false, entry: null });
    expect(page.body.notCarried).toEqual([{ kind: "file", title: "Affiche perdue" }]);
    expect((await teacherA.put("/api/v1/library/settings", { teachersMayPublish: true })).status).toBe(403);
    expect((await adminA.put("/api/v1/library/settings", { teachersMayPublish: true })).body).toEqual({ teachersMayPublish: true, canChange: true });
    expect((await teacherA.get(`/api/v1/library/courses/${courseA}`)).body.canPublish).toBe(true);
  });

  it("refuses bad input with field errors and another platform's course with 404", async () => {
    const bad = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody({ title: "", licence: "gpl", level: "expert" }));
    expect(bad.status).toBe(422);
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["level", "licence", "title"]);
    expect((await adminB.post(`/api/v1/library/courses/${courseA}/versions`, publishBody())).status).toBe(404);
  });

  it("publishes v1: an immutable snapshot of sections and pages, without the file that has no bytes", async () => {
    const r = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.entry = r.body.id;
    expect(r.body).toMatchObject({ latestVersion: 1, subjects: ["santé", "secourisme"], publisher: "Plateforme nationale", mine: true, imports: 0 });
    expect(r.body.versions).toEqual([expect.objectContaining({ number: 1, changeNotes: "Première version", sections: 2, items: 5 })]);
    expect(r.body.preview.sections).toEqual([
      {
        title: "Alerter",
        items: [
          { kind: "page", title: "Appeler le 15" },
          { kind: "page", title: "Le message d'alerte" },
        ],
      },
      {
        title: "Protéger",
        items: [
          { kind: "page", title: "Baliser" },
          { kind: "page", title: "Dégager une victime" },
          { kind: "link", title: "Fiche SAMU" },
        ],
      },
    ]);
    expect(r.body.preview.notCarried).toEqual([{ kind: "file", title: "Affiche perdue" }]);
    expect(r.body.preview.counts).toEqual([
      { kind: "page", count: 4 },
      { kind: "link", count: 1 },
    ]);
  });
});

describe("browsing", () => {
  it("is for teachers and admins: a learner gets 403", async () => {
    expect((await learnerB.get("/api/v1/library")).status).toBe(403);
    expect((await learnerB.get(`/api/v1/library/entries/${ids.entry}`)).status).toBe(403);
  });

  it("searches and filters by language, level, licence and subject", async () => {
    const all = await teacherB.get("/api/v1/library");
    expect(all.body).toMatchObject({ total: 1, subjects: ["santé", "secourisme"], languages: ["fr"] });
    expect(all.body.items[0]).toMatchObject({ id: ids.entry, title: "Premiers secours", publisher: "Plateforme nationale", licence: "cc-by-sa" });
    const hit = async (q: string) => (await teacherB.get(`/api/v1/library?${q}`)).body.total;
    expect(await hit("q=gestes")).toBe(1);
    expect(await hit("q=chimie")).toBe(0);
    expect(await hit("language=fr&level=beginner&licence=cc-by-sa&subject=secourisme")).toBe(1);
    expect(await hit("level=advanced")).toBe(0);
    expect(await hit("licence=cc0")).toBe(0);
    expect(await hit("subject=maths")).toBe(0);
    expect((await teacherB.get("/api/v1/library?level=expert")).status).toBe(422);
  });

  it("shows the outline of a version; usage per platform only to the publisher", async () => {
    const e = await teacherB.get(`/api/v1/library/entries/${ids.entry}`);
    expect(e.body).toMatchObject({ mine: false, canImport: true, usage: null });
    expect(e.body.preview.sections).toHaveLength(2);
    expect((await teacherB.get(`/api/v1/library/entries/${newId()}`)).status).toBe(404);
  });

  it("is shared within a network: a platform of another network sees none of it, and cannot import by id", async () => {
    const C = await makePlatform(t.k, "autre-reseau");
    const adminC = await signedIn(t.app, { host: C.host }, C.adminLogin);
    expect((await adminC.get("/api/v1/library")).body).toMatchObject({ total: 0, items: [], subjects: [], languages: [] });
    expect((await adminC.get(`/api/v1/library/entries/${ids.entry}`)).status).toBe(404);
    expect((await adminC.post(`/api/v1/library/entries/${ids.entry}/import`, { linked: true })).status).toBe(404);
    // once under the national platform, it shares its library
    const Op = await makePlatform(t.k, "exploitant", { operator: true });
    const operator = await signedIn(t.app, { host: Op.host }, Op.adminLogin);
    expect((await operator.patch(`/api/v1/platforms/${C.tenantId}`, { parentId: A.tenantId })).status).toBe(200);
    expect((await adminC.get("/api/v1/library")).body.total).toBe(1);
    expect((await operator.patch(`/api/v1/platforms/${C.tenantId}`, { parentId: null })).status).toBe(200);
    expect((await adminC.get("/api/v1/library")).body.total).toBe(0);
  });

  it("reads the library in the same few queries, however many entries", async () => {
    const one = await countSteady(() => teacherB.get("/api/v1/library"));
    for (let i = 0; i < 3; i++) {
      const c = await adminA.post("/api/v1/courses", { orgId: A.rootOrgId, title: `Cours ${i}` });
      await adminA.post(`/api/v1/courses/${c.body.id}/sections`, { title: "S" });
      expect(
        (await adminA.post(`/api/v1/library/courses/${c.body.id}/versions`, publishBody({ title: `Cours ${i}`, level: "advanced", subjects: ["maths"] })))
          .status,
      ).toBe(200);
      await teacherB.post(`/api/v1/library/entries/${(await adminA.get(`/api/v1/library/courses/${c.body.id}`)).body.entry.id}/import`, { linked: false });
    }
    const four = await countSteady(() => teacherB.get("/api/v1/library"));
    expect(four.result.body.total).toBe(4);
    expect(four.count).toBe(one.count);
    expect(one.count).toBeLessThanOrEqual(6);
  });
});

describe("a linked copy", () => {
  it("imports v1 as a draft of B, then B adds a section, edits one page and deletes another", async () => {
    const r = await teacherB.post(`/api/v1/library/entries/${ids.entry}/import`, { linked: true });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    ids.copy = r.body.courseId;
    const o = await outline(teacherB, ids.copy);
    expect(o.map((s) => [s.title, s.items.map((i) => i.title)])).toEqual([
      ["Alerter", ["Appeler le 15", "Le message d'alerte"]],
      ["Protéger", ["Baliser", "Dégager une victime", "Fiche SAMU"]],
    ]);
    // A cannot see B's copy
    expect((await adminA.get(`/api/v1/courses/${ids.copy}`)).status).toBe(404);
    expect((await adminA.get(`/api/v1/library/imports/${ids.copy}`)).status).toBe(404);
    const local = await teacherB.post(`/api/v1/courses/${ids.copy}/sections`, { title: "Contacts bretons" });
    await teacherB.post(`/api/v1/courses/${ids.copy}/items`, { sectionId: local.body.id, kind: "page", title: "Numéros utiles", body: para("02 98 …") });
    const y = o[0].items[1];
    expect((await teacherB.patch(`/api/v1/courses/${ids.copy}/items/${y.id}`, { title: "Le message d'alerte (Bretagne)" })).status).toBe(200);
    expect((await teacherB.del(`/api/v1/courses/${ids.copy}/items/${o[1].items[1].id}`)).status).toBe(200);
  });

  it("A publishes v2: one page changed, one edited both sides, one new, one removed", async () => {
    await teacherA.patch(`/api/v1/courses/${courseA}/items/${ids.x}`, { title: "Appeler le 15 ou le 112", body: para("Nouveau contenu") });
    await teacherA.patch(`/api/v1/courses/${courseA}/items/${ids.y}`, { body: para("Message révisé") });
    await teacherA.post(`/api/v1/courses/${courseA}/items`, { sectionId: ids.s1, kind: "page", title: "Rester en ligne", body: para("…") });
    await teacherA.del(`/api/v1/courses/${courseA}/items/${ids.w}`);
    await teacherA.patch(`/api/v1/courses/${courseA}/items/${ids.v}`, { title: "Dégager d'urgence" });
    const r = await teacherA.post(`/api/v1/library/courses/${courseA}/versions`, publishBody({ changeNotes: "Numéro 112, nouvelle page" }));
    expect(r.body.latestVersion).toBe(2);
    // v1 stays as it was
    const v1 = await teacherB.get(`/api/v1/library/entries/${ids.entry}?version=1`);
    expect(v1.body.preview.sections[0].items[0].title).toBe("Appeler le 15");
  });

  it("B sees version 2 with its notes and what applying it would do", async () => {
    const list = await teacherB.get("/api/v1/library/imports");
    expect(list.body.items.find((i: { courseId: string }) => i.courseId === ids.copy)).toMatchObject({ linked: true, version: 1, latestVersion: 2 });
    const link = await teacherB.get(`/api/v1/library/imports/${ids.copy}`);
    expect(link.body.newer).toEqual([expect.objectContaining({ number: 2, changeNotes: "Numéro 112, nouvelle page" })]);
    expect(link.body.plan).toEqual({
      from: 1,
      to: 2,
      added: 1,
      updated: 1,
      removed: 1,
      conflicts: [{ kind: "item", title: "Le message d'alerte (Bretagne)", upstream: "changed" }],
    });
  });

  it("applies it: upstream changes in, local section and local edit kept, local deletion respected", async () => {
    expect((await teacherB.post(`/api/v1/library/imports/${ids.copy}/update`, { version: 3 })).status).toBe(409);
    const r = await teacherB.post(`/api/v1/library/imports/${ids.copy}/update`, { version: 2 });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ added: 1, updated: 1, removed: 1 });
    const o = await outline(teacherB, ids.copy);
    expect(o.map((s) => [s.title, s.items.map((i) => i.title)])).toEqual([
      ["Alerter", ["Appeler le 15 ou le 112", "Le message d'alerte (Bretagne)", "Rester en ligne"]],
      ["Protéger", ["Fiche SAMU"]],
      ["Contacts bretons", ["Numéros utiles"]],
    ]);
    const again = await teacherB.post(`/api/v1/library/imports/${ids.copy}/update`, { version: 2 });
    expect(again.status).toBe(409);
    expect((await teacherB.get(`/api/v1/library/imports/${ids.copy}`)).body).toMatchObject({ version: 2, newer: [], plan: null });
  });

  it("an independent copy is told nothing and cannot be updated", async () => {
    const r = await teacherB.post(`/api/v1/library/entries/${ids.entry}/import`, { linked: false, version: 1, title: "Ma copie" });
    const link = await teacherB.get(`/api/v1/library/imports/${r.body.courseId}`);
    expect(link.body).toMatchObject({ linked: false, version: 1, latestVersion: 2, newer: [] });
    expect((await teacherB.post(`/api/v1/library/imports/${r.body.courseId}/update`, { version: 2 })).status).toBe(400);
  });

  it("counts usage per platform for the publisher only", async () => {
    const mine = await adminA.get(`/api/v1/library/entries/${ids.entry}`);
    expect(mine.body).toMatchObject({ imports: 2, platforms: 1, usage: [{ platform: "Plateforme bretagne", imports: 2 }] });
    expect((await teacherA.get(`/api/v1/library/entries/${ids.entry}`)).body.usage).toBeNull();
    expect((await adminB.get(`/api/v1/library/entries/${ids.entry}`)).body.usage).toBeNull();
  });

  it("a withdrawn entry leaves the library; copies stay", async () => {
    expect((await adminB.del(`/api/v1/library/entries/${ids.entry}`)).status).toBe(404);
    expect((await teacherA.del(`/api/v1/library/entries/${ids.entry}`)).status).toBe(403);
    expect((await adminA.del(`/api/v1/library/entries/${ids.entry}`)).status).toBe(200);
    expect((await teacherB.get(`/api/v1/library/entries/${ids.entry}`)).status).toBe(404);
    expect((await teacherB.get("/api/v1/library")).body.total).toBe(3);
    expect((await teacherB.post(`/api/v1/library/entries/${ids.entry}/import`, { linked: true })).status).toBe(404);
    expect((await teacherB.get(`/api/v1/courses/${ids.copy}`)).status).toBe(200);
  });
});
