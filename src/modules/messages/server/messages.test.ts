import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { runJobs } from "../../notifications/server/index.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
const u: Record<string, { id: string }> = {};
let pupilA: Client;
let teacherA: Client;
let pupilA2: Client;
let admin: Client;

/** School with two classes: pupils and a teacher in each; a pupil also takes a course with the teacher of class B. */
beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "ecole");
  const school = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège Jean Moulin", "school");
  const a = await makeOrg(t.k, p.tenantId, school, "5e A", "class");
  const b = await makeOrg(t.k, p.tenantId, school, "5e B", "class");
  u.pupilA = await makeUser(t.k, p.tenantId, a.id, "lea", "learner");
  u.pupilA2 = await makeUser(t.k, p.tenantId, a.id, "hugo", "learner");
  u.pupilB = await makeUser(t.k, p.tenantId, b.id, "zoe", "learner");
  u.teacherA = await makeUser(t.k, p.tenantId, a.id, "mme-martin", "teacher");
  u.teacherB = await makeUser(t.k, p.tenantId, b.id, "m-durand", "teacher");
  u.parent = await makeUser(t.k, p.tenantId, school.id, "parent", "parent");
  pupilA = await signedIn(t.app, { host: p.host }, "lea");
  pupilA2 = await signedIn(t.app, { host: p.host }, "hugo");
  teacherA = await signedIn(t.app, { host: p.host }, "mme-martin");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
});
afterAll(async () => t?.close());

describe("private messages under communication rules", () => {
  it("a pupil cannot write to a pupil of another class, but can write to their teacher and classmates", async () => {
    const refused = await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.pupilB.id], body: "Salut !" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("messages.not_allowed");
    expect(refused.body.error.message).toBe("Les règles de communication ne vous permettent pas d'écrire à zoe Test.");
    const toTeacher = await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.teacherA.id], body: "Bonjour Madame, j'ai une question." });
    expect(toTeacher.status, JSON.stringify(toTeacher.body)).toBe(200);
    expect((await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.pupilA2.id], body: "On révise ensemble ?" })).status).toBe(200);
    // nor the teacher of another class, nor a group including someone out of reach
    expect((await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.teacherB.id], body: "?" })).status).toBe(403);
    expect((await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.teacherA.id, u.pupilB.id], body: "?" })).status).toBe(403);
    // an id of nobody is refused the same way (no hint of who exists)
    expect((await pupilA.post("/api/v1/messages/conversations", { recipientIds: [newId()], body: "?" })).status).toBe(403);
  });

  it("the recipient search offers only people the rules allow", async () => {
    const r = await pupilA.get("/api/v1/messages/recipients?q=");
    const names = r.body.items.map((i: { name: string }) => i.name).sort();
    expect(names).toEqual(["Ada ECOLE", "hugo Test", "mme-martin Test"]); // the platform admin is staff above the class
    expect((await pupilA.get("/api/v1/messages/recipients?q=zoe")).body.items).toEqual([]);
    // a course shared with the teacher of class B makes her reachable (course teachers)
    const courseId = newId();
    await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Latin", status: "published" }).execute();
    await t.k.db
      .insertInto("course_members")
      .values([
        { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u.teacherB.id, role: "teacher" },
        { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u.pupilA.id, role: "learner" },
      ])
      .execute();
    expect((await pupilA.get("/api/v1/messages/recipients?q=durand")).body.items.map((i: { id: string }) => i.id)).toEqual([u.teacherB.id]);
  });

  it("a teacher's message is read, replied to, counted unread and notified", async () => {
    const list = await teacherA.get("/api/v1/messages/conversations");
    expect(list.body.unread).toBe(1);
    const conv = list.body.items[0];
    expect(conv.members.map((m: { name: string }) => m.name)).toEqual(["lea Test"]);
    expect((await teacherA.get("/api/v1/notifications")).body.items[0]).toMatchObject({ kind: "message.new", url: `/messages/${conv.id}` });
    const reply = await teacherA.post(`/api/v1/messages/conversations/${conv.id}/messages`, { body: "Bonjour Léa, je t'écoute." });
    expect(reply.status).toBe(200);
    const seen = await pupilA.get(`/api/v1/messages/conversations/${conv.id}`);
    expect(seen.body.messages.map((m: { body: string }) => m.body)).toEqual(["Bonjour Madame, j'ai une question.", "Bonjour Léa, je t'écoute."]);
    expect(seen.body.messages[0]).toMatchObject({ mine: true, readBy: 1 });
    expect(seen.body.messages[1]).toMatchObject({ mine: false, readBy: 0 });
    expect((await pupilA.post(`/api/v1/messages/conversations/${conv.id}/read`)).status).toBe(200);
    expect((await teacherA.get(`/api/v1/messages/conversations/${conv.id}`)).body.messages[1].readBy).toBe(1);
    // a stranger to the conversation gets 404
    expect((await pupilA2.get(`/api/v1/messages/conversations/${conv.id}`)).status).toBe(404);
    // a second direct message continues the same conversation
    const again = await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.teacherA.id], body: "Merci !" });
    expect(again.body.conversationId).toBe(conv.id);
  });

  it("blocks stop messages both ways; reports reach the admins", async () => {
    const convs = (await pupilA2.get("/api/v1/messages/conversations")).body.items;
    const conv = convs[0];
    const msg = (await pupilA2.get(`/api/v1/messages/conversations/${conv.id}`)).body.messages[0];
    expect((await pupilA2.post(`/api/v1/messages/${msg.id}/report`, { reason: "Ce n'est pas gentil" })).body).toEqual({ reported: true });
    expect((await pupilA.post(`/api/v1/messages/${msg.id}/report`, { reason: "moi-même" })).status).toBe(422);
    expect((await admin.get("/api/v1/notifications")).body.items[0]).toMatchObject({ kind: "message.reported" });
    expect((await pupilA2.put(`/api/v1/messages/blocks/${u.pupilA.id}`)).body).toEqual({ blocked: true });
    const r = await pupilA.post(`/api/v1/messages/conversations/${conv.id}/messages`, { body: "Réponds !" });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("messages.blocked");
    expect((await pupilA2.post("/api/v1/messages/conversations", { recipientIds: [u.pupilA.id], body: "x" })).body.error.code).toBe("messages.blocked");
    await pupilA2.del(`/api/v1/messages/blocks/${u.pupilA.id}`);
    expect((await pupilA.post(`/api/v1/messages/conversations/${conv.id}/messages`, { body: "Pardon." })).status).toBe(200);
  });

  it("rules are set per node by its admins; the nearest node wins", async () => {
    const school = await t.k.db
      .selectFrom("orgs")
      .select("id")
      .where("tenant_id", "=", p.tenantId)
      .where("name", "=", "Collège Jean Moulin")
      .executeTakeFirstOrThrow();
    expect((await teacherA.put(`/api/v1/messages/rules/${school.id}/learner`, { relations: ["anyone"] })).status).toBe(403);
    expect((await admin.put(`/api/v1/messages/rules/${school.id}/learner`, { relations: ["class_teachers"] })).body).toEqual({
      profile: "learner",
      relations: ["class_teachers"],
    });
    const r = await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.pupilA2.id], body: "encore ?" });
    expect(r.status).toBe(403);
    const view = (await admin.get(`/api/v1/messages/rules/${school.id}`)).body;
    expect(view.rules).toEqual([{ profile: "learner", relations: ["class_teachers"] }]);
    expect(view.org).toEqual({ id: school.id, name: "Collège Jean Moulin" });
    expect(view.effective.find((e: { profile: string }) => e.profile === "learner")).toEqual({
      profile: "learner",
      relations: ["class_teachers"],
      source: { orgId: school.id, name: "Collège Jean Moulin" },
    });
    expect(view.effective.find((e: { profile: string }) => e.profile === "teacher")).toEqual({ profile: "teacher", relations: ["anyone"], source: null });
    // a class below the school inherits its rule
    const classA = await t.k.db.selectFrom("orgs").select("id").where("tenant_id", "=", p.tenantId).where("name", "=", "5e A").executeTakeFirstOrThrow();
    const below = (await admin.get(`/api/v1/messages/rules/${classA.id}`)).body;
    expect(below.rules).toEqual([]);
    expect(below.effective.find((e: { profile: string }) => e.profile === "learner").source).toEqual({ orgId: school.id, name: "Collège Jean Moulin" });
    expect((await teacherA.get(`/api/v1/messages/rules/${school.id}`)).status).toBe(403);
    expect((await teacherA.del(`/api/v1/messages/rules/${school.id}/learner`)).status).toBe(403);
    // another platform's admin: the node does not exist for them
    const other = await makePlatform(t.k, "ecole-autre");
    const otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
    expect((await otherAdmin.get(`/api/v1/messages/rules/${school.id}`)).status).toBe(404);
    expect((await otherAdmin.del(`/api/v1/messages/rules/${school.id}/learner`)).status).toBe(404);
    // removing the school's rule: the defaults apply again and the pupil may write to a classmate
    expect((await admin.del(`/api/v1/messages/rules/${school.id}/learner`)).body).toEqual({ ok: true });
    expect((await admin.get(`/api/v1/messages/rules/${school.id}`)).body.effective.find((e: { profile: string }) => e.profile === "learner")).toMatchObject({
      source: null,
    });
    expect((await pupilA.post("/api/v1/messages/conversations", { recipientIds: [u.pupilA2.id], body: "de nouveau" })).status).toBe(200);
    await admin.put(`/api/v1/messages/rules/${school.id}/learner`, { relations: ["class_teachers"] });
    expect((await admin.put(`/api/v1/messages/rules/${school.id}/learner`, { relations: ["everyone"] })).status).toBe(422);
    // parents: their children's teachers need parent links, which do not exist yet; staff are reachable
    const parent = await signedIn(t.app, { host: p.host }, "parent");
    expect((await parent.post("/api/v1/messages/conversations", { recipientIds: [u.teacherA.id], body: "Bonjour" })).status).toBe(403);
  });
});

describe("mail for private messages, by the recipient's preferences", () => {
  it("immediate-by-email recipients get a localized mail without the message's text; digest or no-email recipients get none", async () => {
    const q = await makePlatform(t.k, "ecole-mails");
    const root = rootOf(q);
    await makeUser(t.k, q.tenantId, root.id, "prof-mail", "teacher");
    const nowMail = await makeUser(t.k, q.tenantId, root.id, "tout-de-suite");
    const digest = await makeUser(t.k, q.tenantId, root.id, "resume");
    const quiet = await makeUser(t.k, q.tenantId, root.id, "sans-mail");
    const set = async (login: string, prefs: Record<string, unknown>) =>
      expect((await (await signedIn(t.app, { host: q.host }, login)).put("/api/v1/notifications/preferences", prefs)).status).toBe(200);
    await set("tout-de-suite", { delivery: "immediate", byEmail: true });
    await set("resume", { delivery: "daily", byEmail: true });
    await t.k.db.updateTable("users").set({ locale: "en" }).where("tenant_id", "=", q.tenantId).where("id", "=", nowMail.id).execute();
    const profC = await signedIn(t.app, { host: q.host }, "prof-mail");
    const r = await profC.post("/api/v1/messages/conversations", {
      recipientIds: [nowMail.id, digest.id, quiet.id],
      body: "Réunion parents-professeurs jeudi.",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    await runJobs(t.k);
    const mails = await t.k.db.selectFrom("mail_outbox").select(["to_address", "subject", "text_body"]).where("tenant_id", "=", q.tenantId).execute();
    expect(mails.map((m) => m.to_address)).toEqual(["tout-de-suite@example.test"]);
    expect(mails[0]!.subject).toBe("prof-mail Test wrote to you on Plateforme ecole-mails");
    expect(mails[0]!.text_body).toContain(`/messages/${r.body.conversationId}`);
    expect(mails[0]!.text_body).not.toContain("Réunion");
    // everyone still has the in-app notification
    for (const u of [nowMail, digest, quiet])
      expect(await t.k.db.selectFrom("notifications").select("kind").where("tenant_id", "=", q.tenantId).where("user_id", "=", u.id).execute()).toEqual([
        { kind: "message.new" },
      ]);
  });
});
