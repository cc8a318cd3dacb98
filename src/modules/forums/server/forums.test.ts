import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, countQueries, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { FLAGS_TO_HIDE, NEW_MEMBER_POSTS_PER_HOUR } from "../shared/contract.ts";
import { type ForumPostEvent, onForumPost } from "./api.ts";
import { loadForumDemo } from "./demo.ts";

const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const formulaDoc = (latex: string) => ({
  type: "doc",
  content: [
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Voici : " },
        { type: "inlineMath", attrs: { latex } },
      ],
    },
  ],
});

/** A multipart body with one `file` part, as a browser sends it. */
function form(name: string, data: Buffer) {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/pdf\r\n\r\n`),
    data,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.alloc(500, 0x20), Buffer.from("\n%%EOF\n")]);

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let admin: Client;
let otherAdmin: Client;
const L: Record<string, Client> = {};
const U: Record<string, string> = {};
let courseId: string;

async function trust(userId: string, floor = 1) {
  await t.k.db
    .insertInto("forum_people")
    .values({ tenant_id: p.tenantId, user_id: userId, trust_floor: floor, silenced_until: null, suspended_until: null })
    .onConflict((oc) => oc.columns(["tenant_id", "user_id"]).doUpdateSet({ trust_floor: floor }))
    .execute();
}

async function newForum(kind: string, extra: object = {}) {
  const r = await teacher.post(`/api/v1/courses/${courseId}/forums`, { kind, title: `Forum ${kind}`, ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.id as string;
}
async function thread(c: Client, forumId: string, title = "Question", body: unknown = doc("Bonjour à tous")) {
  const r = await c.post(`/api/v1/forums/${forumId}/threads`, { title, body });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { threadId: string; postId: string; status: string };
}
async function reply(c: Client, threadId: string, text: string, extra: object = {}) {
  const r = await c.post(`/api/v1/threads/${threadId}/posts`, { body: doc(text), ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { postId: string; status: string };
}

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "forum");
  other = await makePlatform(t.k, "ailleurs");
  const tu = await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  for (const n of ["alice", "bruno", "chloe", "david", "emma", "nouveau"]) U[n] = (await makeUser(t.k, p.tenantId, p.rootOrgId, n)).id;
  courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Analyse", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: tu.id, role: "teacher" as const },
      ...Object.values(U).map((u) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u, role: "learner" as const })),
    ])
    .execute();
  for (const n of ["alice", "bruno", "chloe", "david", "emma"]) await trust(U[n]!);
  const h = { host: p.host };
  teacher = await signedIn(t.app, h, "prof");
  admin = await signedIn(t.app, h, p.adminLogin);
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
  for (const n of Object.keys(U)) L[n] = await signedIn(t.app, h, n);
});
afterAll(() => t?.close());

describe("forums", () => {
  it("a teacher creates forums; a learner may not; they list with counts", async () => {
    const r = await L.alice!.post(`/api/v1/courses/${courseId}/forums`, { kind: "standard", title: "Le mien" });
    expect(r.status).toBe(403);
    const bad = await teacher.post(`/api/v1/courses/${courseId}/forums`, { kind: "weird", title: "" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields.title).toBeTruthy();
    const id = await newForum("standard");
    const list = await L.alice!.get(`/api/v1/courses/${courseId}/forums`);
    expect(list.status).toBe(200);
    expect(list.body.forums.some((f: { id: string }) => f.id === id)).toBe(true);
    expect(list.body.canManage).toBe(false);
  });

  it("a post with a formula is rendered as MathML, replies quote, react, mark the answer; the hook fires after the response", async () => {
    const seen: ForumPostEvent[] = [];
    const off = onForumPost((e) => {
      seen.push(e);
    });
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId, "Dérivée", formulaDoc("\\frac{d}{dx}x^2 = 2x"));
    expect(th.status).toBe("visible");
    const r1 = await reply(L.bruno!, th.threadId, "C'est la règle de puissance");
    const r2 = await reply(L.chloe!, th.threadId, "Je confirme", { quotePostId: r1.postId });
    await new Promise((r) => setImmediate(r));
    off();
    expect(seen.map((e) => e.postId)).toEqual([th.postId, r1.postId, r2.postId]);
    expect(seen[0]).toMatchObject({
      tenantId: p.tenantId,
      forumId,
      threadId: th.threadId,
      authorId: U.alice,
      courseId,
      orgId: null,
      title: "Dérivée",
      isThreadStart: true,
    });
    const put = await L.david!.put(`/api/v1/posts/${r1.postId}/reactions/like`);
    expect(put.status).toBe(200);
    await L.david!.put(`/api/v1/posts/${r1.postId}/reactions/like`); // idempotent
    await L.alice!.put(`/api/v1/posts/${r1.postId}/reactions/like`);
    expect((await L.bruno!.patch(`/api/v1/threads/${th.threadId}`, { answerPostId: r1.postId })).status).toBe(403);
    expect((await L.alice!.patch(`/api/v1/threads/${th.threadId}`, { answerPostId: r1.postId })).status).toBe(200);
    const page = await L.david!.get(`/api/v1/threads/${th.threadId}`);
    expect(page.status).toBe(200);
    const [first, second, third] = page.body.posts;
    expect(first.html).toContain("<math");
    expect(second.reactions).toEqual([{ reaction: "like", count: 2, mine: true }]);
    expect(second.isAnswer).toBe(true);
    expect(third.quote).toMatchObject({ postId: r1.postId, excerpt: "C'est la règle de puissance" });
    expect(first.doc).toBeNull(); // only its author or a moderator gets the document to edit
    expect((await L.alice!.get(`/api/v1/threads/${th.threadId}`)).body.posts[0].doc).toBeTruthy();
    const del = await L.david!.del(`/api/v1/posts/${r1.postId}/reactions/like`);
    expect(del.status).toBe(200);
    expect((await L.david!.get(`/api/v1/threads/${th.threadId}`)).body.posts[1].reactions).toEqual([{ reaction: "like", count: 1, mine: false }]);
    await t.k.events.flush();
    const events = await t.k.db
      .selectFrom("events")
      .select(["verb", "object_id"])
      .where("tenant_id", "=", p.tenantId)
      .where("object_type", "in", ["forum-post", "forum-thread"])
      .execute();
    expect(events.filter((e) => e.verb === "posted").map((e) => e.object_id)).toContain(th.postId);
    expect(events.filter((e) => e.verb === "replied").map((e) => e.object_id)).toContain(r2.postId);
    expect(events.some((e) => e.verb === "read" && e.object_id === th.threadId)).toBe(true);
  });

  it("edits within the window only; a moderator edits with a reason, logged", async () => {
    const forumId = await newForum("standard", { editMinutes: 30 });
    const th = await thread(L.alice!, forumId);
    expect((await L.alice!.patch(`/api/v1/posts/${th.postId}`, { body: doc("Corrigé") })).status).toBe(200);
    expect((await L.bruno!.patch(`/api/v1/posts/${th.postId}`, { body: doc("Pas à moi") })).status).toBe(403);
    await t.k.db
      .updateTable("forum_posts")
      .set({ created_at: new Date(Date.now() - 31 * 60_000) })
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", th.postId)
      .execute();
    const late = await new (L.alice!.constructor as typeof Client)(t.app, { host: p.host, lang: "en" });
    await late.signIn("alice", "correct horse battery");
    const r = await late.patch(`/api/v1/posts/${th.postId}`, { body: doc("Trop tard") });
    expect(r.status).toBe(403);
    expect(r.body.error.message).toBe("A post can only be edited within 30 minutes of posting.");
    expect((await teacher.patch(`/api/v1/posts/${th.postId}`, { body: doc("Modéré") })).status).toBe(422);
    expect((await teacher.patch(`/api/v1/posts/${th.postId}`, { body: doc("Modéré"), reason: "Coordonnées personnelles retirées" })).status).toBe(200);
    const log = await teacher.get(`/api/v1/forums/${forumId}/log`);
    expect(log.body.items[0]).toMatchObject({ action: "edit", reason: "Coordonnées personnelles retirées" });
    const page = await L.bruno!.get(`/api/v1/threads/${th.threadId}`);
    expect(page.body.posts[0].html).toContain("Modéré");
    expect(page.body.posts[0].editedAt).toBeTruthy();
  });

  it("pin and lock are for moderators; a locked thread takes no learner reply", async () => {
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId);
    expect((await L.alice!.patch(`/api/v1/threads/${th.threadId}`, { locked: true })).status).toBe(403);
    expect((await teacher.patch(`/api/v1/threads/${th.threadId}`, { locked: true, pinned: true })).status).toBe(200);
    const r = await L.bruno!.post(`/api/v1/threads/${th.threadId}/posts`, { body: doc("Encore") });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forums.thread_locked");
    await reply(teacher, th.threadId, "Sujet clos");
    const list = await L.bruno!.get(`/api/v1/forums/${forumId}`);
    expect(list.body.threads[0]).toMatchObject({ id: th.threadId, pinned: true, locked: true });
    const log = await teacher.get(`/api/v1/forums/${forumId}/log`);
    expect(log.body.items.map((e: { action: string }) => e.action).sort()).toEqual(["lock", "pin"]);
  });

  it("Q&A: a learner sees others' answers only after answering", async () => {
    const forumId = await newForum("qanda");
    const th = await thread(teacher, forumId, "Que vaut 2+2 ?", doc("Répondez"));
    await reply(L.alice!, th.threadId, "Quatre");
    const before = await L.bruno!.get(`/api/v1/threads/${th.threadId}`);
    expect(before.body.answersHidden).toBe(true);
    expect(before.body.posts.map((x: { author: { id: string } }) => x.author.id)).toEqual([before.body.thread.authorId]);
    const search = await L.bruno!.get(`/api/v1/forums/${forumId}/search?q=quatre`);
    expect(search.body.items).toEqual([]);
    await reply(L.bruno!, th.threadId, "4");
    const after = await L.bruno!.get(`/api/v1/threads/${th.threadId}`);
    expect(after.body.answersHidden).toBe(false);
    expect(after.body.posts).toHaveLength(3);
  });

  it("announcements: teachers post, learners read only", async () => {
    const forumId = await newForum("announcements");
    const r = await L.alice!.post(`/api/v1/forums/${forumId}/threads`, { title: "Moi aussi", body: doc("x") });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forums.teachers_only");
    const th = await thread(teacher, forumId, "Examen", doc("Lundi"));
    expect((await L.alice!.post(`/api/v1/threads/${th.threadId}/posts`, { body: doc("Merci") })).status).toBe(403);
    const page = await L.alice!.get(`/api/v1/threads/${th.threadId}`);
    expect(page.body.canReply).toBe(false);
    const f = await L.alice!.get(`/api/v1/forums/${forumId}`);
    expect(f.body.canStartThread).toBe(false);
  });

  it("single discussion: one thread made with the forum, no others", async () => {
    const forumId = await newForum("single", { description: "Présentez-vous" });
    const f = await L.alice!.get(`/api/v1/forums/${forumId}`);
    expect(f.body.threads).toHaveLength(1);
    expect((await L.alice!.post(`/api/v1/forums/${forumId}/threads`, { title: "Autre", body: doc("x") })).status).toBe(403);
    await reply(L.alice!, f.body.threads[0].id, "Je suis Alice");
  });

  it("a new member: no links, no files, and a localized 429 after the hourly allowance", async () => {
    const forumId = await newForum("standard");
    const link = await L.nouveau!.post(`/api/v1/forums/${forumId}/threads`, { title: "Pub", body: doc("Voir https://spam.example") });
    expect(link.status).toBe(422);
    expect(link.body.error.fields.body).toContain("liens");
    const th = await thread(L.nouveau!, forumId, "Bonjour", doc("Je débute"));
    for (let i = 1; i < NEW_MEMBER_POSTS_PER_HOUR; i++) await reply(L.nouveau!, th.threadId, `Message ${i}`);
    const r = await L.nouveau!.post(`/api/v1/threads/${th.threadId}/posts`, { body: doc("Encore un") });
    expect(r.status).toBe(429);
    expect(r.body.error.code).toBe("forums.rate_limited");
    expect(r.body.error.message).toContain(`${NEW_MEMBER_POSTS_PER_HOUR} messages par heure`);
    // a trusted member is not limited
    for (let i = 0; i < NEW_MEMBER_POSTS_PER_HOUR + 1; i++) await reply(L.emma!, th.threadId, `Réponse ${i}`);
    const me = await L.nouveau!.get(`/api/v1/threads/${th.threadId}`);
    expect(me.body.me.trust).toBe("new");
  });

  it("pre-moderation of new members: pending until approved, then announced", async () => {
    const forumId = await newForum("standard", { premoderateNew: true });
    const th = await thread(L.alice!, forumId, "Ouvert");
    await t.k.db.deleteFrom("forum_posts").where("tenant_id", "=", p.tenantId).where("author_id", "=", U.nouveau!).execute();
    await new Promise((res) => setImmediate(res)); // the thread's own announcement goes out first
    const seen: string[] = [];
    const off = onForumPost((e) => {
      seen.push(e.postId);
    });
    const r = await reply(L.nouveau!, th.threadId, "Ma première réponse");
    expect(r.status).toBe("pending");
    expect((await L.bruno!.get(`/api/v1/threads/${th.threadId}`)).body.posts).toHaveLength(1);
    expect((await L.nouveau!.get(`/api/v1/threads/${th.threadId}`)).body.posts[1]).toMatchObject({ status: "pending" });
    const q = await teacher.get(`/api/v1/forums/${forumId}/review`);
    expect(q.body.items.map((i: { postId: string }) => i.postId)).toEqual([r.postId]);
    expect((await L.bruno!.get(`/api/v1/forums/${forumId}/review`)).status).toBe(403);
    await new Promise((res) => setImmediate(res));
    expect(seen).toEqual([]);
    expect((await teacher.post(`/api/v1/posts/${r.postId}/moderation`, { action: "approve" })).status).toBe(200);
    await new Promise((res) => setImmediate(res));
    off();
    expect(seen).toEqual([r.postId]);
    expect((await L.bruno!.get(`/api/v1/threads/${th.threadId}`)).body.posts).toHaveLength(2);
    expect((await teacher.get(`/api/v1/forums/${forumId}/review`)).body.items).toEqual([]);
  });

  it(`${FLAGS_TO_HIDE} trusted flags hide a post pending review; a moderator hides it with a reason, logged`, async () => {
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId);
    const bad = await reply(L.bruno!, th.threadId, "Message douteux");
    expect((await L.bruno!.post(`/api/v1/posts/${bad.postId}/flags`, { reason: "spam" })).status).toBe(422);
    // a new member's flag is recorded but does not count towards hiding
    expect((await L.nouveau!.post(`/api/v1/posts/${bad.postId}/flags`, { reason: "spam" })).body.hidden).toBe(false);
    expect((await L.alice!.post(`/api/v1/posts/${bad.postId}/flags`, { reason: "other" })).status).toBe(422);
    expect((await L.alice!.post(`/api/v1/posts/${bad.postId}/flags`, { reason: "inappropriate" })).body.hidden).toBe(false);
    expect((await L.alice!.post(`/api/v1/posts/${bad.postId}/flags`, { reason: "spam" })).status).toBe(409);
    expect((await L.chloe!.post(`/api/v1/posts/${bad.postId}/flags`, { reason: "spam" })).body.hidden).toBe(false);
    expect((await L.david!.post(`/api/v1/posts/${bad.postId}/flags`, { reason: "off_topic" })).body.hidden).toBe(true);
    expect((await L.emma!.get(`/api/v1/threads/${th.threadId}`)).body.posts).toHaveLength(1);
    const q = await teacher.get(`/api/v1/forums/${forumId}/review`);
    expect(q.body.items[0]).toMatchObject({ postId: bad.postId, status: "hidden" });
    expect(q.body.items[0].flags).toHaveLength(4);
    const pq = await admin.get("/api/v1/moderation/review");
    expect(pq.status).toBe(200);
    expect(pq.body.items.some((i: { postId: string }) => i.postId === bad.postId)).toBe(true);
    expect((await teacher.get("/api/v1/moderation/review")).status).toBe(403);
    expect((await teacher.post(`/api/v1/posts/${bad.postId}/moderation`, { action: "hide" })).status).toBe(422);
    expect((await teacher.post(`/api/v1/posts/${bad.postId}/moderation`, { action: "hide", reason: "Publicité" })).status).toBe(200);
    expect((await teacher.get(`/api/v1/forums/${forumId}/review`)).body.items).toEqual([]);
    const log = await teacher.get(`/api/v1/forums/${forumId}/log`);
    expect(log.body.items.map((e: { action: string; moderator: string | null }) => [e.action, e.moderator === null])).toEqual([
      ["hide", false],
      ["auto_hide", true],
    ]);
    const plog = await admin.get("/api/v1/moderation/log");
    expect(plog.body.items.some((e: { action: string }) => e.action === "hide")).toBe(true);
    // deleting the opening post removes the thread
    expect((await teacher.post(`/api/v1/posts/${th.postId}/moderation`, { action: "delete", reason: "Doublon" })).status).toBe(200);
    expect((await L.alice!.get(`/api/v1/threads/${th.threadId}`)).status).toBe(404);
  });

  it("word filters block or send to review (platform admins manage them)", async () => {
    expect((await teacher.post("/api/v1/moderation/word-filters", { word: "casino", action: "block" })).status).toBe(403);
    const blk = await admin.post("/api/v1/moderation/word-filters", { word: "Casino", action: "block" });
    expect(blk.status).toBe(200);
    await admin.post("/api/v1/moderation/word-filters", { word: "arnaque", action: "flag" });
    expect((await admin.post("/api/v1/moderation/word-filters", { word: "casino", action: "flag" })).status).toBe(422);
    const forumId = await newForum("standard");
    const r = await L.alice!.post(`/api/v1/forums/${forumId}/threads`, { title: "Jeux", body: doc("Le CASINÔ en ligne") });
    expect(r.status).toBe(422);
    expect(r.body.error.fields.body).toContain("casino");
    const th = await thread(L.alice!, forumId, "Attention", doc("C'est une arnaque !"));
    expect(th.status).toBe("pending");
    const q = await teacher.get(`/api/v1/forums/${forumId}/review`);
    expect(q.body.items[0].flags[0]).toMatchObject({ reason: "word_filter", note: "arnaque", by: null });
    const list = await admin.get("/api/v1/moderation/word-filters");
    for (const f of list.body.items) expect((await admin.del(`/api/v1/moderation/word-filters/${f.id}`)).status).toBe(200);
  });

  it("silence and suspension until a date, lifted; platform admins only", async () => {
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId);
    const until = new Date(Date.now() + 86400_000).toISOString();
    expect((await teacher.post(`/api/v1/moderation/people/${U.bruno}`, { action: "silence", until, reason: "Insultes" })).status).toBe(403);
    expect(
      (await admin.post(`/api/v1/moderation/people/${U.bruno}`, { action: "silence", until: new Date(Date.now() - 1000).toISOString(), reason: "x" })).status,
    ).toBe(422);
    expect((await admin.post(`/api/v1/moderation/people/${U.bruno}`, { action: "silence", until, reason: "Insultes" })).status).toBe(200);
    const r = await L.bruno!.post(`/api/v1/threads/${th.threadId}/posts`, { body: doc("Et alors") });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("forums.silenced");
    const page = await L.bruno!.get(`/api/v1/threads/${th.threadId}`);
    expect(page.status).toBe(200);
    expect(page.body.canReply).toBe(false);
    await admin.post(`/api/v1/moderation/people/${U.bruno}`, { action: "suspend", until, reason: "Récidive" });
    // the list of restricted people, for platform admins only
    expect((await teacher.get("/api/v1/moderation/people")).status).toBe(403);
    const restricted = await admin.get("/api/v1/moderation/people");
    expect(restricted.body.items).toEqual([{ id: U.bruno, name: "bruno Test", username: "bruno", silencedUntil: until, suspendedUntil: until }]);
    const s = await L.bruno!.get(`/api/v1/forums/${forumId}`);
    expect(s.status).toBe(403);
    expect(s.body.error.code).toBe("forums.suspended");
    expect((await L.bruno!.get(`/api/v1/threads/${th.threadId}`)).status).toBe(403);
    await admin.post(`/api/v1/moderation/people/${U.bruno}`, { action: "lift", reason: "Fin de sanction" });
    await reply(L.bruno!, th.threadId, "Pardon");
    expect((await admin.get("/api/v1/moderation/people")).body.items).toEqual([]);
    const log = await admin.get("/api/v1/moderation/log");
    expect(log.body.items.slice(0, 3).map((e: { action: string }) => e.action)).toEqual(["lift", "suspend", "silence"]);
  });

  it("separate groups: learners see their group's threads and the whole class's", async () => {
    const g1 = newId();
    const g2 = newId();
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
        { tenant_id: p.tenantId, group_id: g1, user_id: U.alice!, course_id: courseId },
        { tenant_id: p.tenantId, group_id: g2, user_id: U.bruno!, course_id: courseId },
      ])
      .execute();
    const forumId = await newForum("standard", { separateGroups: true });
    const a = await thread(L.alice!, forumId, "Groupe 1 seulement");
    const all = await teacher.post(`/api/v1/forums/${forumId}/threads`, { title: "Pour tous", body: doc("Tous") });
    expect(all.status).toBe(200);
    const mine = await L.alice!.post(`/api/v1/forums/${forumId}/threads`, { title: "Autre groupe", body: doc("x"), groupId: g2 });
    expect(mine.status).toBe(422);
    const b = await L.bruno!.get(`/api/v1/forums/${forumId}`);
    expect(b.body.threads.map((x: { title: string }) => x.title)).toEqual(["Pour tous"]);
    expect((await L.bruno!.get(`/api/v1/threads/${a.threadId}`)).status).toBe(404);
    expect((await L.bruno!.post(`/api/v1/threads/${a.threadId}/posts`, { body: doc("intrus") })).status).toBe(404);
    const tl = await teacher.get(`/api/v1/forums/${forumId}`);
    expect(tl.body.threads.find((x: { id: string }) => x.id === a.threadId).groupName).toBe("Groupe 1");
  });

  it("search finds words without accents or case; unread counts fall as threads are read", async () => {
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId, "Intégrales", doc("Comment calculer une intégrale généralisée ?"));
    await reply(L.bruno!, th.threadId, "Par une primitive");
    const s = await L.chloe!.get(`/api/v1/forums/${forumId}/search?q=${encodeURIComponent("integrale GENERALISEE")}`);
    expect(s.body.items.map((i: { postId: string }) => i.postId)).toEqual([th.postId]);
    expect((await L.chloe!.get(`/api/v1/forums/${forumId}/search?q=`)).status).toBe(422);
    const unread = async () => (await L.chloe!.get(`/api/v1/courses/${courseId}/forums`)).body.forums.find((f: { id: string }) => f.id === forumId).unread;
    expect(await unread()).toBe(1);
    expect((await L.chloe!.get(`/api/v1/forums/${forumId}`)).body.threads[0].unread).toBe(true);
    await L.chloe!.get(`/api/v1/threads/${th.threadId}`);
    expect(await unread()).toBe(0);
    await reply(L.bruno!, th.threadId, "Ou par comparaison");
    expect(await unread()).toBe(1);
  });

  it("a thread of 1,000 replies pages by keyset in the same number of statements as one of 10", async () => {
    const forumId = await newForum("standard");
    const make = async (n: number) => {
      const th = await thread(L.alice!, forumId, `Long ${n}`);
      const rows = Array.from({ length: n }, (_, i) => ({
        tenant_id: p.tenantId,
        id: newId(),
        thread_id: th.threadId,
        forum_id: forumId,
        author_id: i % 2 ? U.bruno! : U.chloe!,
        quote_post_id: null,
        body_doc: JSON.stringify(doc(`Réponse ${i}`)),
        body_html: `<p>Réponse ${i}</p>`,
        body_plain: `Réponse ${i}`,
        search: "",
        edited_at: null,
      }));
      for (let i = 0; i < rows.length; i += 500)
        await t.k.db
          .insertInto("forum_posts")
          .values(rows.slice(i, i + 500))
          .execute();
      return th.threadId;
    };
    const small = await make(10);
    const big = await make(1000);
    const walk = async (id: string) => {
      let after: string | undefined;
      let n = 0;
      let pages = 0;
      do {
        const r = await L.david!.get(`/api/v1/threads/${id}?limit=100${after ? `&after=${after}` : ""}`);
        expect(r.status).toBe(200);
        n += r.body.posts.length;
        after = r.body.nextCursor ?? undefined;
        pages++;
      } while (after);
      return { n, pages };
    };
    expect(await walk(big)).toEqual({ n: 1001, pages: 11 });
    // first reads write the read mark (and may touch the session): compare steady-state reads
    await L.emma!.get(`/api/v1/threads/${small}`);
    await L.emma!.get(`/api/v1/threads/${big}`);
    const c10 = await countSteady(() => L.emma!.get(`/api/v1/threads/${small}`));
    const c1000 = await countSteady(() => L.emma!.get(`/api/v1/threads/${big}`));
    expect(c10.result.status).toBe(200);
    expect(c1000.count).toBe(c10.count);
    expect(c1000.count, c1000.sql.map((q) => q.slice(0, 80)).join("\n")).toBeLessThanOrEqual(5);
    const deep = await L.emma!.get(`/api/v1/threads/${big}`);
    await L.emma!.get("/api/v1/me"); // warms the session, not the page
    const c2 = await countQueries(() => L.emma!.get(`/api/v1/threads/${big}?after=${deep.body.nextCursor}`));
    // a page not read yet adds two writes: the read mark and the trust counters
    expect(c2.count).toBe(c1000.count + 2);
    const again = await countSteady(() => L.emma!.get(`/api/v1/threads/${big}?after=${deep.body.nextCursor}`));
    expect(again.count).toBe(c1000.count);
  });

  it("attachments: a trusted member attaches a file others of the course read; outsiders and new members cannot", async () => {
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId);
    const f = form("exercice.pdf", PDF);
    const up = await L.bruno!.request("POST", "/api/v1/files?purpose=document", f.payload, f.headers);
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    const r = await reply(L.bruno!, th.threadId, "Voici mon brouillon", { fileIds: [up.body.id] });
    const page = await L.chloe!.get(`/api/v1/threads/${th.threadId}`);
    const post = page.body.posts.find((x: { id: string }) => x.id === r.postId);
    expect(post.files).toEqual([{ id: up.body.id, name: "exercice.pdf" }]);
    expect(page.body.posts[0].files).toEqual([]);
    expect((await L.chloe!.get(`/api/v1/files/${up.body.id}`)).status).toBe(200);
    expect((await otherAdmin.get(`/api/v1/files/${up.body.id}`)).status).toBe(404);
    const f2 = form("nouveau.pdf", PDF);
    const up2 = await L.nouveau!.request("POST", "/api/v1/files?purpose=document", f2.payload, f2.headers);
    await t.k.db.deleteFrom("forum_posts").where("tenant_id", "=", p.tenantId).where("author_id", "=", U.nouveau!).execute();
    const refused = await L.nouveau!.post(`/api/v1/threads/${th.threadId}/posts`, { body: doc("Pièce jointe"), fileIds: [up2.body.id] });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.fileIds).toBeTruthy();
    // someone else's upload cannot be attached
    const stolen = await L.chloe!.post(`/api/v1/threads/${th.threadId}/posts`, { body: doc("Pas à moi"), fileIds: [up2.body.id] });
    expect(stolen.status).toBe(422);
  });

  it("the demo: a MOOC-sized course with busy forums, a review queue and ratings", async () => {
    const prof = await t.k.db.selectFrom("users").select("id").where("tenant_id", "=", p.tenantId).where("username", "=", "prof").executeTakeFirstOrThrow();
    const id = await loadForumDemo(t.k, {
      tenantId: p.tenantId,
      courseOrgId: p.rootOrgId,
      orgId: p.rootOrgId,
      teacherId: prof.id,
      learnerIds: Object.values(U),
      cohort: 450,
    });
    const list = await teacher.get(`/api/v1/courses/${id}/forums`);
    expect(list.body.forums.map((f: { kind: string }) => f.kind)).toEqual(["announcements", "qanda", "standard"]);
    const busy = list.body.forums.find((f: { kind: string }) => f.kind === "standard");
    expect(busy.threads).toBe(40);
    const queue = await teacher.get(`/api/v1/forums/${busy.id}/review`);
    expect(queue.body.items.map((i: { status: string }) => i.status).sort()).toEqual(["hidden", "pending"]);
    const forum = await L.alice!.get(`/api/v1/forums/${busy.id}`);
    const th = await L.alice!.get(`/api/v1/threads/${forum.body.threads[0].id}`);
    expect(th.status).toBe(200);
    expect(th.body.posts.length).toBeGreaterThan(10);
    const reviews = await L.alice!.get(`/api/v1/courses/${id}/reviews`);
    expect(reviews.body.count).toBe(456);
    expect(reviews.body.average).toBeGreaterThan(3.5);
  });

  it("another platform sees nothing (404); unsafe requests need the CSRF token", async () => {
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId);
    expect((await otherAdmin.get(`/api/v1/forums/${forumId}`)).status).toBe(404);
    expect((await otherAdmin.get(`/api/v1/threads/${th.threadId}`)).status).toBe(404);
    expect((await otherAdmin.post(`/api/v1/threads/${th.threadId}/posts`, { body: doc("x") })).status).toBe(404);
    expect((await otherAdmin.post(`/api/v1/posts/${th.postId}/flags`, { reason: "spam" })).status).toBe(404);
    expect((await otherAdmin.post(`/api/v1/posts/${th.postId}/moderation`, { action: "hide", reason: "x" })).status).toBe(404);
    expect((await otherAdmin.get(`/api/v1/courses/${courseId}/forums`)).status).toBe(404);
    expect((await otherAdmin.post(`/api/v1/moderation/people/${U.alice}`, { action: "lift", reason: "x" })).status).toBe(404);
    const r = await L.alice!.request("POST", `/api/v1/threads/${th.threadId}/posts`, { body: doc("sans jeton") }, { "x-csrf-token": "wrong" });
    expect(r.status).toBe(403);
    const anon = await t.app.inject({ method: "GET", url: `/api/v1/forums/${forumId}`, headers: { host: p.host } });
    expect(anon.statusCode).toBe(401);
  });

  it("people follow the forums and threads they see, nothing else", async () => {
    const forumId = await newForum("standard");
    const th = await thread(L.alice!, forumId);
    expect((await L.bruno!.put(`/api/v1/subscriptions/forum/${forumId}`)).body).toEqual({ subscribed: true });
    expect((await L.bruno!.put(`/api/v1/subscriptions/thread/${th.threadId}`)).body).toEqual({ subscribed: true });
    expect((await otherAdmin.put(`/api/v1/subscriptions/forum/${forumId}`)).status).toBe(404);
    expect((await otherAdmin.put(`/api/v1/subscriptions/thread/${th.threadId}`)).status).toBe(404);
    expect((await L.bruno!.put(`/api/v1/subscriptions/forum/${newId()}`)).status).toBe(404);
  });

  it("organisation forums: people placed under the node read and post; its admins moderate", async () => {
    const r = await admin.post(`/api/v1/orgs/${p.rootOrgId}/forums`, { kind: "standard", title: "Salle des profs" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect((await teacher.post(`/api/v1/orgs/${p.rootOrgId}/forums`, { kind: "standard", title: "Non" })).status).toBe(403);
    const th = await thread(L.emma!, r.body.id, "Réunion");
    const list = await L.alice!.get(`/api/v1/orgs/${p.rootOrgId}/forums`);
    expect(list.body.forums.map((f: { id: string }) => f.id)).toContain(r.body.id);
    expect((await admin.patch(`/api/v1/threads/${th.threadId}`, { pinned: true })).status).toBe(200);
    expect((await otherAdmin.get(`/api/v1/orgs/${p.rootOrgId}/forums`)).status).toBe(404);
  });

  it("a node's forum is read by the people placed at or under it and by its admins, not by learners or parents placed above it", async () => {
    // regression: a parent placed on the school node (as a people CSV may place them) read every class's forums
    const school = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège", "school");
    const classA = await makeOrg(t.k, p.tenantId, school, "6e A", "class");
    const f = await admin.post(`/api/v1/orgs/${classA.id}/forums`, { kind: "standard", title: "Forum de la 6e A" });
    expect(f.status, JSON.stringify(f.body)).toBe(200);
    await makeUser(t.k, p.tenantId, classA.id, "eleve-6a");
    await makeUser(t.k, p.tenantId, school.id, "parent-college", "parent");
    await makeUser(t.k, p.tenantId, school.id, "eleve-college");
    const pupil = await signedIn(t.app, { host: p.host }, "eleve-6a");
    const th = await thread(pupil, f.body.id, "Sortie au musée");
    for (const outsider of [await signedIn(t.app, { host: p.host }, "parent-college"), await signedIn(t.app, { host: p.host }, "eleve-college")]) {
      expect((await outsider.get(`/api/v1/orgs/${classA.id}/forums`)).status).toBe(404);
      expect((await outsider.get(`/api/v1/forums/${f.body.id}`)).status).toBe(404);
      expect((await outsider.get(`/api/v1/threads/${th.threadId}`)).status).toBe(404);
      // the school's own forums and those above stay theirs
      expect((await outsider.get(`/api/v1/orgs/${school.id}/forums`)).status).toBe(200);
    }
    expect((await pupil.get(`/api/v1/orgs/${classA.id}/forums`)).status).toBe(200);
    expect((await admin.get(`/api/v1/threads/${th.threadId}`)).status).toBe(200);
  });
});
