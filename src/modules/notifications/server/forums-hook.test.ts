import { afterAll, beforeAll, expect, it } from "vitest";
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
