import { afterAll, beforeAll, expect, it } from "vitest";
import WebSocket from "ws";
import { makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { runJobs, subscribeUsers } from "./index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp();
});
afterAll(async () => t?.close());

it("a new thread in a course forum notifies the forum's subscribers (through onForumPost and the fan-out job)", async () => {
  const p = await makePlatform(t.k, "forumnotif");
  const teacher = await makeUser(t.k, p.tenantId, rootOf(p).id, "prof", "teacher");
  const learner = await makeUser(t.k, p.tenantId, rootOf(p).id, "eleve");
  const courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Histoire", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: teacher.id, role: "teacher" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: learner.id, role: "learner" },
    ])
    .execute();
  const prof = await signedIn(t.app, { host: p.host }, "prof");
  const forum = await prof.post(`/api/v1/courses/${courseId}/forums`, { kind: "standard", title: "Forum d'histoire" });
  expect(forum.status, JSON.stringify(forum.body)).toBe(200);
  await subscribeUsers(t.k, p.tenantId, "forum", forum.body.id, [learner.id, teacher.id]);
  const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Lisez le chapitre 4 pour jeudi." }] }] };
  const thread = await prof.post(`/api/v1/forums/${forum.body.id}/threads`, { title: "Travail pour jeudi", body: doc });
  expect(thread.status, JSON.stringify(thread.body)).toBe(200);
  await expect
    .poll(async () => (await t.k.db.selectFrom("notification_feed").select("post_id").where("tenant_id", "=", p.tenantId).execute()).map((r) => r.post_id), {
      timeout: 5000,
    })
    .toEqual([thread.body.postId]);
  await runJobs(t.k);
  const eleve = await signedIn(t.app, { host: p.host }, "eleve");
  const list = await eleve.get("/api/v1/notifications");
  expect(list.body.items[0]).toMatchObject({
    kind: "forum.post",
    url: `/threads/${thread.body.threadId}`,
    params: { author: "prof Test", thread: "Travail pour jeudi", forum: "Forum d'histoire" },
  });
  // the author is not notified of their own post
  expect((await prof.get("/api/v1/notifications/unread")).body.unread).toBe(0);
});

it("a post's immediate notifications go only to subscribers who may still read it (unenrolled, other group, hidden post)", async () => {
  const p = await makePlatform(t.k, "forumreaders");
  const root = rootOf(p).id;
  const teacher = await makeUser(t.k, p.tenantId, root, "prof-g", "teacher");
  const [g1Learner, g2Learner, gone] = await Promise.all(["groupe-un", "groupe-deux", "parti"].map((u) => makeUser(t.k, p.tenantId, root, u)));
  const courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Physique", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values(
      [teacher, g1Learner, g2Learner, gone].map((u, i) => ({
        tenant_id: p.tenantId,
        id: newId(),
        course_id: courseId,
        user_id: u!.id,
        role: i ? "learner" : "teacher",
      })),
    )
    .execute();
  const [g1, g2] = [newId(), newId()];
  await t.k.db
    .insertInto("course_groups")
    .values([
      { tenant_id: p.tenantId, id: g1, course_id: courseId, name: "Groupe 1", grouping_id: null },
      { tenant_id: p.tenantId, id: g2, course_id: courseId, name: "Groupe 2", grouping_id: null },
    ])
    .execute();
  await t.k.db
    .insertInto("group_members")
    .values([
      { tenant_id: p.tenantId, group_id: g1, user_id: g1Learner!.id, course_id: courseId },
      { tenant_id: p.tenantId, group_id: g1, user_id: gone!.id, course_id: courseId },
      { tenant_id: p.tenantId, group_id: g2, user_id: g2Learner!.id, course_id: courseId },
    ])
    .execute();
  const prof = await signedIn(t.app, { host: p.host }, "prof-g");
  const forum = await prof.post(`/api/v1/courses/${courseId}/forums`, { kind: "standard", title: "Forum de physique", separateGroups: true });
  expect(forum.status, JSON.stringify(forum.body)).toBe(200);
  await subscribeUsers(t.k, p.tenantId, "forum", forum.body.id, [g1Learner!.id, g2Learner!.id, gone!.id]);
  // "parti" left the course after subscribing
  await t.k.db.updateTable("course_members").set({ status: "unenrolled" }).where("tenant_id", "=", p.tenantId).where("user_id", "=", gone!.id).execute();
  const feedOf = async (postId: string) =>
    expect
      .poll(async () => (await t.k.db.selectFrom("notification_feed").select("post_id").where("tenant_id", "=", p.tenantId).execute()).map((r) => r.post_id), {
        timeout: 5000,
      })
      .toContain(postId);
  const centres = await Promise.all(["groupe-un", "groupe-deux", "parti"].map(async (u) => [u, await signedIn(t.app, { host: p.host }, u)] as const));
  const notified = async () => {
    const shown: string[] = [];
    for (const [u, c] of centres) for (const n of (await c.get("/api/v1/notifications")).body.items) shown.push(`${u}: ${n.params.thread}`);
    return shown;
  };

  const doc = (s: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: s }] }] });
  const th = await prof.post(`/api/v1/forums/${forum.body.id}/threads`, { title: "TP du groupe 1", body: doc("Salle 12 à 14 h."), groupId: g1 });
  expect(th.status, JSON.stringify(th.body)).toBe(200);
  await feedOf(th.body.postId);
  await runJobs(t.k);
  // the group-1 learner only: not the other group's, not the unenrolled one
  expect(await notified()).toEqual(["groupe-un: TP du groupe 1"]);

  // a post hidden by a moderator, even after it was shown, leaves every centre
  const hiddenThread = await prof.post(`/api/v1/forums/${forum.body.id}/threads`, { title: "Brouillon", body: doc("Erreur de salle.") });
  await feedOf(hiddenThread.body.postId);
  expect((await prof.post(`/api/v1/posts/${hiddenThread.body.postId}/moderation`, { action: "hide", reason: "Publié par erreur" })).status).toBe(200);
  await runJobs(t.k);
  expect(await notified()).toEqual(["groupe-un: TP du groupe 1"]);
});

it("a thread's open page follows its new replies live, for those who may read it only", async () => {
  const p = await makePlatform(t.k, "forumlive");
  const root = rootOf(p).id;
  const teacher = await makeUser(t.k, p.tenantId, root, "prof-l", "teacher");
  const [inGroup, otherGroup] = await Promise.all(["dans-groupe", "autre-groupe"].map((u) => makeUser(t.k, p.tenantId, root, u)));
  const courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Chimie", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([teacher, inGroup!, otherGroup!].map((u, i) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u.id, role: i ? "learner" : "teacher" })))
    .execute();
  const [g1, g2] = [newId(), newId()];
  await t.k.db
    .insertInto("course_groups")
    .values([g1, g2].map((id, i) => ({ tenant_id: p.tenantId, id, course_id: courseId, name: `Groupe ${i + 1}`, grouping_id: null })))
    .execute();
  await t.k.db
    .insertInto("group_members")
    .values([
      { tenant_id: p.tenantId, group_id: g1, user_id: inGroup!.id, course_id: courseId },
      { tenant_id: p.tenantId, group_id: g2, user_id: otherGroup!.id, course_id: courseId },
    ])
    .execute();
  const prof = await signedIn(t.app, { host: p.host }, "prof-l");
  const forum = await prof.post(`/api/v1/courses/${courseId}/forums`, { kind: "standard", title: "Forum de chimie", separateGroups: true });
  const doc = (s: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: s }] }] });
  const th = await prof.post(`/api/v1/forums/${forum.body.id}/threads`, { title: "TP 1", body: doc("Blouse obligatoire."), groupId: g1 });
  expect(th.status, JSON.stringify(th.body)).toBe(200);

  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const port = (t.app.server.address() as { port: number }).port;
  const watch = async (login: string, topics: string[]) => {
    const c = await signedIn(t.app, { host: p.host }, login);
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api/v1/notifications/live`, {
      headers: { host: p.host, cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; "), origin: `http://${p.host}` },
    });
    const got: { type: string; topic?: string; id?: string; by?: string }[] = [];
    await new Promise<void>((r) => ws.on("message", (m) => got.push(JSON.parse(String(m))) === 1 && r()));
    ws.send(JSON.stringify({ type: "watch", topics }));
    return { ws, got };
  };
  const topic = `thread:${th.body.threadId}`;
  const member = await watch("dans-groupe", [topic]);
  const outsider = await watch("autre-groupe", [topic]);
  // the watch requests are checked before the reply is made
  await new Promise((r) => setTimeout(r, 300));
  const reply = await prof.post(`/api/v1/threads/${th.body.threadId}/posts`, { body: doc("Et des lunettes.") });
  expect(reply.status, JSON.stringify(reply.body)).toBe(200);
  await expect.poll(() => member.got.length, { timeout: 5000 }).toBe(2);
  expect(member.got[1]).toEqual({ type: "topic", topic, event: "post", id: reply.body.postId, by: teacher.id });
  await new Promise((r) => setTimeout(r, 300));
  expect(outsider.got).toEqual([{ type: "hello" }]);
  member.ws.close();
  outsider.ws.close();
});
