import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";

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
    expect((await admin.get(`/api/v1/messages/rules/${school.id}`)).body.rules).toEqual([{ profile: "learner", relations: ["class_teachers"] }]);
    expect((await admin.put(`/api/v1/messages/rules/${school.id}/learner`, { relations: ["everyone"] })).status).toBe(422);
    // parents: their children's teachers need parent links, which do not exist yet; staff are reachable
    const parent = await signedIn(t.app, { host: p.host }, "parent");
    expect((await parent.post("/api/v1/messages/conversations", { recipientIds: [u.teacherA.id], body: "Bonjour" })).status).toBe(403);
  });
});
