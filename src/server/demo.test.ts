import { afterAll, beforeAll, expect, it } from "vitest";
import { Client, type TestApp, testApp } from "../../test/helpers.ts";
import { DEMO_PASSWORD, loadDemo } from "./demo.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(() => t.close());

it("loads a demo network whose printed logins work, and a second run changes nothing", async () => {
  const { logins, firstRun } = await loadDemo(t.k);
  expect(firstRun).toBe(true);
  expect(new Set(logins.map((l) => l.platform))).toEqual(new Set(["national", "bretagne", "occitanie", "college"]));
  for (const l of logins) {
    const c = new Client(t.app, { base: `/p/${l.platform}` });
    const me = await c.signIn(l.login, DEMO_PASSWORD);
    expect(me.username).toBe(l.login);
  }
  const national = new Client(t.app, { host: "localhost" });
  expect((await national.signIn("admin.national", DEMO_PASSWORD)).isOperator).toBe(true);
  const platforms = (await national.get("/api/v1/platforms")).body;
  expect(platforms.items).toHaveLength(4);
  // one network of the national platform and its two regions, and the collège on its own
  const idOf = (slug: string) => platforms.items.find((p: { slug: string }) => p.slug === slug).id;
  expect(platforms.items.map((p: { slug: string; parentId: string | null }) => [p.slug, p.parentId])).toEqual([
    ["national", null],
    ["bretagne", idOf("national")],
    ["occitanie", idOf("national")],
    ["college", null],
  ]);
  expect(platforms.networks.map((n: { id: string; platforms: number }) => [n.id, n.platforms])).toEqual([
    [idOf("national"), 3],
    [idOf("college"), 1],
  ]);
  // the national library: two courses, imported by both regions; Bretagne's linked copy waits for version 2
  const bzhAdmin = new Client(t.app, { base: "/p/bretagne" });
  await bzhAdmin.signIn("admin.bretagne", DEMO_PASSWORD);
  const library = (await bzhAdmin.get("/api/v1/library")).body;
  expect(library.items.map((e: { title: string }) => e.title).sort()).toEqual(["Animer une formation hybride", "English for trainers"]);
  const hybrid = library.items.find((e: { title: string }) => e.title === "Animer une formation hybride");
  expect(hybrid).toMatchObject({ latestVersion: 2 });
  const entry = (await national.get(`/api/v1/library/entries/${hybrid.id}`)).body;
  expect(entry.versions.map((v: { number: number; changeNotes: string }) => v.number)).toEqual([2, 1]);
  expect(entry.versions[0].changeNotes).toContain("Évaluer");
  expect(entry.usage.map((u: { platform: string }) => u.platform).sort()).toEqual(["Région Bretagne", "Région Occitanie"]);
  const bzhImports = (await bzhAdmin.get("/api/v1/library/imports")).body.items;
  const waiting = bzhImports.find((i: { entryId: string }) => i.entryId === hybrid.id);
  expect(waiting).toMatchObject({ linked: true, version: 1, latestVersion: 2 });
  expect((await bzhAdmin.get(`/api/v1/library/imports/${waiting.courseId}`)).body.newer).toHaveLength(1);
  const occAdmin = new Client(t.app, { base: "/p/occitanie" });
  await occAdmin.signIn("admin.occitanie", DEMO_PASSWORD);
  expect((await occAdmin.get("/api/v1/library/imports")).body.items.map((i: { linked: boolean }) => i.linked).sort()).toEqual([false, true]);
  // the collège is another network: it sees none of the national library
  const collegeAdmin = new Client(t.app, { base: "/p/college" });
  await collegeAdmin.signIn("admin.college", DEMO_PASSWORD);
  expect((await collegeAdmin.get("/api/v1/library")).body.total).toBe(0);
  // the interregional course: Bretagne grants Occitanie enrol + co-teach (in force); learners of both regions progress
  const agreements = (await occAdmin.get("/api/v1/federation/agreements")).body.items;
  expect(agreements).toEqual([expect.objectContaining({ side: "grantee", inForce: true, partner: { id: idOf("bretagne"), name: "Région Bretagne" } })]);
  const occLearner = new Client(t.app, { base: "/p/occitanie" });
  expect((await occLearner.signIn("stagiaire.occitanie", DEMO_PASSWORD)).partnerCourses).toBe(true);
  const record = (await occLearner.get("/api/v1/federation/record")).body.items;
  expect(record).toEqual([expect.objectContaining({ title: "Sécurité en mer — parcours interrégional", platform: "Région Bretagne", open: true })]);
  expect(record[0].items.length).toBeGreaterThan(0);
  const bzhTrainer = new Client(t.app, { base: "/p/bretagne" });
  await bzhTrainer.signIn("formateur.bretagne", DEMO_PASSWORD);
  const progress = (await bzhTrainer.get(`/api/v1/courses/${record[0].courseId}/progress`)).body;
  const learnersIn = progress.learners.map((l: { username: string }) => l.username);
  expect(learnersIn).toContain("stagiaire.bretagne");
  expect(learnersIn).toContain("stagiaire.occitanie@occitanie");
  const occTrainer = new Client(t.app, { base: "/p/occitanie" });
  await occTrainer.signIn("formateur.occitanie", DEMO_PASSWORD);
  expect((await occTrainer.get(`/api/v1/federation/courses/${record[0].agreementId}/${record[0].courseId}/progress`)).status).toBe(200);
  // a learner of Bretagne has no partner courses: their own platform is the host
  const bzhLearner = new Client(t.app, { base: "/p/bretagne" });
  expect((await bzhLearner.signIn("stagiaire.bretagne", DEMO_PASSWORD)).partnerCourses).toBe(false);
  // a partner organisation on Occitanie: its manager sees its trainer and learners
  const contact = new Client(t.app, { base: "/p/occitanie" });
  await contact.signIn("contact.formapro", DEMO_PASSWORD);
  const partner = (await contact.get("/api/v1/partner")).body;
  expect(partner).toMatchObject({ name: "Formapro Sud", role: "manager", teach: [{ name: "English for trainers" }] });
  expect(partner.people.map((p: { role: string }) => p.role).sort()).toEqual(["learner", "learner", "learner", "manager", "trainer"]);
  // its trainer teaches the course it was given (a reach, not a membership); its learners enrolled in it
  const trainer = new Client(t.app, { base: "/p/occitanie" });
  await trainer.signIn("formatrice.formapro", DEMO_PASSWORD);
  expect((await trainer.get("/api/v1/partner")).body.teach.map((c: { name: string }) => c.name)).toEqual(["English for trainers"]);
  const partnerLearner = new Client(t.app, { base: "/p/occitanie" });
  await partnerLearner.signIn("apprenant.formapro", DEMO_PASSWORD);
  expect((await partnerLearner.get("/api/v1/my/courses")).body.items.map((x: { title: string }) => x.title)).toEqual(["English for trainers"]);
  // julie.petit waits third in line for the demo's full in-person session
  const julie = new Client(t.app, { base: "/p/national" });
  await julie.signIn("julie.petit", DEMO_PASSWORD);
  const tenant = await t.k.db.selectFrom("tenants").select("id").where("slug", "=", "national").executeTakeFirstOrThrow();
  const mine = await t.k.db
    .selectFrom("session_registrations")
    .select("course_id")
    .where("tenant_id", "=", tenant.id)
    .where("status", "=", "waiting")
    .limit(1)
    .executeTakeFirstOrThrow();
  const sessions = (await julie.get(`/api/v1/courses/${mine.course_id}/sessions`)).body.items;
  const full = sessions.find((x: { seats: number | null }) => x.seats === 3);
  expect(full.taken).toBe(3);
  expect(full.me).toMatchObject({ status: "waiting", position: 3 });
  // the maths course has a captioned video, served like an upload (ranges for seeking)
  const video = await t.k.db
    .selectFrom("course_items as i")
    .innerJoin("courses as c", (j) => j.onRef("c.tenant_id", "=", "i.tenant_id").onRef("c.id", "=", "i.course_id"))
    .select(["i.course_id", "i.file_id", "i.captions_file_id"])
    .where("i.tenant_id", "=", tenant.id)
    .where("i.kind", "=", "video")
    .where("c.title", "=", "Mathématiques : fonctions et équations")
    .executeTakeFirstOrThrow();
  const info = (await julie.get(`/api/v1/files/${video.file_id}/info`)).body;
  expect(info).toMatchObject({ name: "affine.webm", mime: "video/webm", purpose: "video" });
  expect(info.size).toBeLessThan(300 * 1024);
  const head = await julie.request("GET", `/api/v1/files/${video.file_id}`, undefined, { range: "bytes=0-3" });
  expect(head.status).toBe(206);
  expect(head.headers["content-range"]).toBe(`bytes 0-3/${info.size}`);
  const vtt = await julie.get(`/api/v1/files/${video.captions_file_id}`);
  expect(vtt.status).toBe(200);
  expect(vtt.body).toMatch(/^WEBVTT/);
  expect(vtt.body).toContain("coefficient directeur");
  // the collège's parent sees their child's week and last week's absence waiting for the office
  const parent = new Client(t.app, { base: "/p/college" });
  await parent.signIn("parent.college", DEMO_PASSWORD);
  const absences = (await parent.get("/api/v1/attendance/absences")).body.items;
  expect(absences.map((a: { justification: string; justifiedBy: string | null }) => a.justification)).toEqual(["pending", "pending"]);
  expect(absences[0].justifiedBy).not.toBeNull();
  const week = (await parent.get(`/api/v1/attendance/week?pupilId=${absences[0].pupil.id}`)).body.items;
  expect(week.length).toBeGreaterThanOrEqual(14);
  // the first class's homework diary, seen by the parent on the entry page, and the collège's portal
  const day = (await parent.get("/api/v1/school/day")).body;
  expect(day.pupils[0].due.map((d: { entry?: { title: string } }) => d.entry?.title)).toContain("Exercices 12 à 15 page 48");
  expect((await parent.get("/api/v1/portal")).body.items.map((s: { name: string }) => s.name).sort()).toEqual(["Lumni", "Wikipédia"]);
  expect((await loadDemo(t.k)).logins).toHaveLength(0);
}, 180_000); // the whole demo network, loaded twice: over half a minute on a busy CI machine
