import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { startSmtp } from "../../../../test/smtp.ts";
import { newId } from "../../../kernel/ids.ts";
import { runJobs } from "../../notifications/server/index.ts";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let p: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let admin: Client;
let courseId: string;
const learners: { id: string; username: string }[] = [];

beforeAll(async () => {
  smtp = await startSmtp({ refuse: (to) => to.startsWith("parti") });
  t = await testApp({ SMTP_URL: smtp.url });
  p = await makePlatform(t.k, "annonces");
  const root = rootOf(p);
  const tch = await makeUser(t.k, p.tenantId, root.id, "prof", "teacher");
  for (const name of ["alice", "bruno", "parti", "chloe", "denis"]) learners.push(await makeUser(t.k, p.tenantId, root.id, name));
  courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Histoire", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: tch.id, role: "teacher" },
      ...learners.map((l, i) => ({
        tenant_id: p.tenantId,
        id: newId(),
        course_id: courseId,
        user_id: l.id,
        role: "learner" as const,
        completed_at: i === 0 ? new Date() : null,
      })),
    ])
    .execute();
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("mailings", () => {
  it("a teacher writes to the learners who have not completed; the report says who got it and who bounced", async () => {
    const audience = { kind: "course", courseId, completion: "not_completed" };
    expect((await teacher.get("/api/v1/mailings/audiences")).body.courses.map((c: { title: string }) => c.title)).toEqual(["Histoire"]);
    expect((await teacher.post("/api/v1/mailings/preview", { audience })).body.count).toBe(4);
    // chloe unsubscribed from announcements; denis' address is known to bounce
    const chloe = await signedIn(t.app, { host: p.host }, "chloe");
    await chloe.put("/api/v1/notifications/preferences", { mailingOptOut: true });
    expect((await admin.post("/api/v1/mail-bounces", { address: "DENIS@example.test", reason: "550 user unknown" })).status).toBe(200);
    expect((await teacher.post("/api/v1/mail-bounces", { address: "x@example.test" })).status).toBe(403);
    const r = await teacher.post("/api/v1/mailings", {
      audience,
      subject: "Devoir à rendre vendredi",
      body: "Bonjour,\n\nN'oubliez pas le devoir.\n\nBonne semaine",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.total).toBe(4);
    const before = smtp.received;
    await runJobs(t.k);
    await smtp.waitFor(before + 1);
    const report = (await teacher.get(`/api/v1/mailings/${r.body.id}`)).body;
    expect(report.status).toBe("done");
    // parti's server refused at send time (550): bounced, and remembered
    expect(report.counts).toEqual({ queued: 0, sent: 1, failed: 0, bounced: 2, skipped: 1 });
    expect(report.problems.map((x: { name: string; status: string }) => `${x.name}:${x.status}`).sort()).toEqual([
      "chloe Test:skipped",
      "denis Test:bounced",
      "parti Test:bounced",
    ]);
    const mail = smtp.mails.find((m) => m.subject === "Devoir à rendre vendredi")!;
    expect(mail.to).toBe("bruno@example.test");
    expect(mail.text).toContain("N'oubliez pas le devoir.");
    expect(mail.raw.headerLines.some((h) => h.key === "list-unsubscribe")).toBe(true);
    const remembered = await t.k.db.selectFrom("mail_bounces").select("address").where("tenant_id", "=", p.tenantId).orderBy("address").execute();
    expect(remembered.map((b) => b.address)).toEqual(["denis@example.test", "parti@example.test"]);
    // everyone also finds it in their notification centre
    const bruno = await signedIn(t.app, { host: p.host }, "bruno");
    expect((await bruno.get("/api/v1/notifications")).body.items[0]).toMatchObject({ kind: "mailing.new", params: { subject: "Devoir à rendre vendredi" } });
    expect((await teacher.get("/api/v1/mailings")).body.items[0].counts.sent).toBe(1);
  });

  it("refuses audiences the author does not run, and empty ones", async () => {
    const learner = await signedIn(t.app, { host: p.host }, "alice");
    expect((await learner.post("/api/v1/mailings", { audience: { kind: "course", courseId }, subject: "x", body: "y" })).status).toBe(403);
    expect((await teacher.post("/api/v1/mailings", { audience: { kind: "org", orgId: p.rootOrgId }, subject: "x", body: "y" })).status).toBe(403);
    const empty = await teacher.post("/api/v1/mailings", { audience: { kind: "course", courseId, enrolledAfter: "2999-01-01" }, subject: "x", body: "y" });
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe("mailing.empty_audience");
    expect((await teacher.post("/api/v1/mailings", { audience: { kind: "course", courseId }, subject: "", body: "y" })).status).toBe(422);
    // an admin writes to an organisation node: everyone placed under it
    const site = await makeOrg(t.k, p.tenantId, rootOf(p), "Site de Brest", "site");
    await makeUser(t.k, p.tenantId, site.id, "eve");
    const r = await admin.post("/api/v1/mailings", { audience: { kind: "org", orgId: site.id }, subject: "Fermeture du site", body: "Le site ferme lundi." });
    expect(r.body.total).toBe(1);
    const other = await signedIn(t.app, { host: p.host }, "alice");
    expect((await other.get(`/api/v1/mailings/${r.body.id}`)).status).toBe(404);
  });
});
