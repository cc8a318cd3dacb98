import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Module } from "../../../kernel/module.ts";
import { insertSampleQuestions } from "../../quizzes/server/sample-questions.ts";

/**
 * "A parent sees only their own children", proved over every route the server registers. Two
 * families are built the same way (a class with its teacher and subject, a child in it, their
 * parent, a diary entry with an attachment, a course enrolling the class with a page and a quiz,
 * the child's quiz attempt, a conversation between the parent and the teacher). Parent 1 then
 * calls every route with family 2's ids in the path, the query and the body: each answer must be
 * 403 or 404. With family 1's ids, the reads a parent is meant to have succeed.
 */

type Route = { method: string; url: string; schema?: { params?: z.ZodType; querystring?: z.ZodType; body?: z.ZodType } };
const routes: Route[] = [];
/** Registered before every other module: sees each route as it is added. */
const census: Module = {
  name: "route-census",
  migrations: {},
  register(app) {
    app.addHook("onRoute", (r) => {
      for (const method of [r.method].flat())
        if (method !== "HEAD" && method !== "OPTIONS") routes.push({ method, url: r.url, schema: r.schema as Route["schema"] });
    });
  },
};

const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;

/**
 * Routes that take no id of anything (no path parameter, no id in the query or body): their
 * answer is the caller's own (their account, their lists, their inbox) or the platform's public
 * facts, so there is no other family's id to try. Each is named with why.
 */
const NO_IDS: Record<string, string> = {
  "GET /api/v1/attendance/counts.csv": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/federation/courses": "the platform's public facts, the same for everyone",
  "GET /api/v1/federation/copyable-courses": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/federation/agreements": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/federation/audit": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/federation/operators": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/federation/own-courses": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/federation/platforms": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/federation/record": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/federation/support-grants": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/account/sessions": "the caller's own account, session or preferences",
  "GET /api/v1/me": "the caller's own account, session or preferences",
  "GET /api/v1/home": "the caller's own account, session or preferences",
  "POST /api/v1/account/password": "the caller's own account, session or preferences",
  "POST /api/v1/account/sessions/sign-out-others": "the caller's own account, session or preferences",
  "POST /api/v1/auth/sign-out": "the caller's own account, session or preferences",
  "PUT /api/v1/account/locale": "the caller's own account, session or preferences",
  "GET /api/v1/notifications/preferences": "the caller's own account, session or preferences",
  "PUT /api/v1/notifications/preferences": "the caller's own account, session or preferences",
  "GET /api/v1/notifications/unread": "the caller's own account, session or preferences",
  "POST /api/v1/notifications/read-all": "the caller's own account, session or preferences",
  "GET /api/v1/notifications/live": "the caller's own account, session or preferences",
  "GET /api/v1/subscriptions": "the caller's own account, session or preferences",
  "POST /api/v1/events/page-view": "the caller's own account, session or preferences",
  "GET /api/v1/me/next": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/me/programmes": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/my/courses": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/messages/conversations": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/messages/recipients": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/orgs": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/school/children": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/school/classes": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/school/day": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/school/diary/week": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/school/diary-readers": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/programmes": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/funder-reports": "lists scoped by the server to what the caller may see (no id to choose)",
  "GET /api/v1/platform": "the platform's public facts, the same for everyone",
  "GET /api/v1/files/limits": "the platform's public facts, the same for everyone",
  "GET /api/v1/school/settings": "the platform's public facts, the same for everyone",
  "GET /api/v1/school/subjects": "the platform's public facts, the same for everyone",
  "GET /api/v1/course-templates": "the platform's public facts, the same for everyone",
  "GET /api/v1/programmes/open": "the platform's public facts, the same for everyone",
  "GET /api/v1/gradebook/settings": "the platform's public facts, the same for everyone",
  "GET /api/v1/sso/sign-in-providers": "the platform's public facts, the same for everyone",
  "GET /api/v1/portal": "the caller's own services, chosen by the server from their places and profile",
  "GET /api/v1/partner": "the caller's own partnership (managers, trainers and learners of a partner organisation)",
  "POST /api/v1/partner/people": "a partner's manager adds people to their own partnership only",
  "POST /api/v1/partner/people/import": "a partner's manager adds people to their own partnership only",
  "GET /api/v1/partners": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/partners/choices": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/library": "the network library, the same for every platform's admins and teachers (no family's data)",
  "GET /api/v1/library/imports": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/library/settings": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "PUT /api/v1/library/settings": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/portal/catalog": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/portal/catalog/usage": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/portal/usage": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/portal/catalog": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/auth/sign-in": "doors for signed-out people (sign-in, password reset, first setup)",
  "POST /api/v1/auth/password-reset": "doors for signed-out people (sign-in, password reset, first setup)",
  "POST /api/v1/auth/password-reset/confirm": "doors for signed-out people (sign-in, password reset, first setup)",
  "POST /api/v1/setup": "doors for signed-out people (sign-in, password reset, first setup)",
  "POST /api/v1/files": "the caller's own new content (an upload, a preview of their text)",
  "POST /api/v1/richtext/preview": "the caller's own new content (an upload, a preview of their text)",
  "GET /api/v1/mailings": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/mailings/audiences": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/moderation/log": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/moderation/people": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/moderation/review": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/moderation/word-filters": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/moderation/word-filters": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/outbox": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/platforms": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "GET /api/v1/sso/providers": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/sso/providers": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/imports/users": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/imports/users/check": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/mail-bounces": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/gradebook/scales": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "PUT /api/v1/gradebook/settings": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "POST /api/v1/school/subjects": "admins, moderators or operators only, over the whole platform (no family's id involved)",
  "PUT /api/v1/school/settings": "admins, moderators or operators only, over the whole platform (no family's id involved)",
};

/**
 * Routes whose inputs this test does not manage to make valid (the answer is a 400/422 before any
 * use case runs, so nothing is read or changed): listed so that they are seen, not forgotten.
 */
const NOT_REACHED: Record<string, string> = {
  "POST /api/v1/attendance/classes/:id/lessons": "a lesson's day, times and weeks with their own constraints",
  "PUT /api/v1/portal/orgs/:orgId/settings": "a service's state and profiles with their own constraints",
  "PATCH /api/v1/orgs/:id": "node settings with constrained fields (code, branding)",
  "PATCH /api/v1/posts/:postId": "a rich-text document (ProseMirror JSON) the generator does not build",
  "PATCH /api/v1/school/diary/:id": "a rich-text document: proved below with a real entry",
  "PATCH /api/v1/school/subjects/:id": "a colour and a code with their own patterns",
  "POST /api/v1/forums/:forumId/threads": "a rich-text document (ProseMirror JSON) the generator does not build",
  "POST /api/v1/orgs": "a node's kind and code with their own patterns",
  "POST /api/v1/question-categories": "a category's owner (a course or a node, exactly one)",
  "POST /api/v1/question-categories/:categoryId/qti-import": "a multipart upload (a QTI package)",
  "POST /api/v1/school/classes/:id/diary": "a rich-text document: proved below with a real entry",
  "POST /api/v1/school/imports/:kind": "a multipart upload (a CSV file)",
  "POST /api/v1/school/imports/:kind/check": "a multipart upload (a CSV file)",
  "POST /api/v1/school/invitations/:token/accept": "a signed token (no id: a forged one is refused before anything is read)",
  "POST /api/v1/partner-invitations/:token/accept": "a signed token (no id: a forged one is refused before anything is read)",
  "POST /api/v1/platforms": "a new platform's short name, hostnames and first admin with their own patterns (deployment admin only; its one id names a parent platform)",
  "POST /api/v1/threads/:threadId/posts": "a rich-text document (ProseMirror JSON) the generator does not build",
  "POST /api/v1/users": "a new person's username and password with their own patterns",
  "PUT /api/v1/courses/:courseId/sessions/:sessionId/attendance/:userId": "an attendance status with its own constraints",
};

/** Routes that succeed with another family's ids yet give nothing of theirs: public facts, or the caller's own settings. */
const HARMLESS: Record<string, string> = {
  "PUT /api/v1/messages/blocks/:userId": "the caller's own block list: blocking someone shows nothing of them",
  "DELETE /api/v1/messages/blocks/:userId": "the caller's own block list: unblocking someone shows nothing of them",
  "GET /api/v1/catalogue": "the course catalogue, open to everyone on the platform",
  "GET /api/v1/orgs/:id": "a node of the school's organisation tree (name, kind, parent): no person's data",
  "GET /api/v1/orgs/:id/branding": "a node's name, colours and logo, shown to anyone on the platform",
};

type Family = Record<
  "class" | "child" | "parent" | "link" | "teaching" | "entry" | "file" | "course" | "section" | "item" | "quiz" | "attempt" | "conversation",
  string
>;

let t: TestApp;
let host: string;
const fam: Family[] = [];
let parent1: Client;

const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(500, 0x20), Buffer.from("\n%%EOF\n")]);
function upload(c: Client) {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="fiche.pdf"\r\nContent-Type: application/pdf\r\n\r\n`),
    PDF,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return c.request("POST", "/api/v1/files?purpose=document", payload, { "content-type": `multipart/form-data; boundary=${boundary}` });
}
const ok = async (r: Promise<{ status: number; body: any }>) => {
  const x = await r;
  expect(x.status, JSON.stringify(x.body)).toBe(200);
  return x.body;
};

beforeAll(async () => {
  // hundreds of requests from one address: above the per-address rate limit
  t = await testApp({ RATE_LIMIT_PER_MINUTE: "1000000" }, { before: [census] });
  const p = await makePlatform(t.k, "isolation");
  host = p.host;
  const school = await makeOrg(t.k, p.tenantId, rootOf(p), "Collège", "school");
  const admin = await signedIn(t.app, { host }, p.adminLogin);
  const subject = (await ok(admin.post("/api/v1/school/subjects", { code: "MATH", name: "Mathématiques", color: "#2563eb" }))).id;
  for (const n of [1, 2]) {
    const cls = await makeOrg(t.k, p.tenantId, school, `5e ${n}`, "class");
    const child = await makeUser(t.k, p.tenantId, cls.id, `child${n}`, "learner");
    const teacherUser = await makeUser(t.k, p.tenantId, cls.id, `teacher${n}`, "teacher");
    // placed on their child's class, as accepting an invitation does
    const parentUser = await makeUser(t.k, p.tenantId, cls.id, `parent${n}`, "parent");
    const teaching = (await ok(admin.post(`/api/v1/school/classes/${cls.id}/teachings`, { subjectId: subject, teacherId: teacherUser.id }))).id;
    const link = newId();
    await t.k.db.insertInto("school_guardians").values({ tenant_id: p.tenantId, id: link, parent_id: parentUser.id, child_id: child.id }).execute();
    const teacher = await signedIn(t.app, { host }, `teacher${n}`);
    const course = (await ok(teacher.post("/api/v1/courses", { orgId: cls.id, title: `Maths ${n}` }))).id;
    const section = (await ok(teacher.post(`/api/v1/courses/${course}/sections`, { title: "Équations" }))).id;
    const doc = { type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text: "Cours" }] }] };
    const item = (await ok(teacher.post(`/api/v1/courses/${course}/items`, { sectionId: section, kind: "page", title: "Cours", body: doc }))).id;
    const quiz = (await ok(teacher.post(`/api/v1/courses/${course}/quizzes`, { sectionId: section, title: "Quiz" }))).itemId;
    const bank = await insertSampleQuestions(t.k.db, p.tenantId, course, { types: ["truefalse"] });
    await ok(teacher.put(`/api/v1/courses/${course}/quizzes/${quiz}/slots`, { slots: bank.questions.map((x) => ({ versionId: x.versionId, page: 1 })) }));
    await ok(teacher.patch(`/api/v1/courses/${course}`, { status: "published" }));
    await ok(admin.post(`/api/v1/courses/${course}/enrolment/rules`, { orgId: cls.id }));
    const file = (await ok(upload(teacher))).id;
    const entry = (
      await ok(
        teacher.post(`/api/v1/school/classes/${cls.id}/diary`, {
          kind: "homework",
          subjectId: subject,
          day: "2026-11-23",
          dueDate: "2026-11-25",
          title: "Exercices",
          content: doc,
          fileIds: [file],
          quizId: quiz,
        }),
      )
    ).id;
    const pupil = await signedIn(t.app, { host }, `child${n}`);
    const attempt = (await ok(pupil.post(`/api/v1/courses/${course}/quizzes/${quiz}/attempts`))).id;
    const parent = await signedIn(t.app, { host }, `parent${n}`);
    const conversation = (await ok(parent.post("/api/v1/messages/conversations", { recipientIds: [teacherUser.id], body: "Bonjour" }))).conversationId;
    if (n === 1) parent1 = parent;
    const family: Family = {
      class: cls.id,
      child: child.id,
      parent: parentUser.id,
      link,
      teaching,
      entry,
      file,
      course,
      section,
      item,
      quiz,
      attempt,
      conversation,
    };
    expect(Object.values(family).every((id) => typeof id === "string" && id.length === 36)).toBe(true);
    fam.push(family);
  }
}, 120_000);
afterAll(async () => t?.close());

/** Which of a family's objects an id parameter or field names, from the path segment before it or the field's name. */
function kindOf(name: string, segment: string): keyof Family | null {
  const bySegment: Record<string, keyof Family> = {
    courses: "course",
    quizzes: "quiz",
    items: "item",
    sections: "section",
    classes: "class",
    orgs: "class",
    rules: "class",
    users: "child",
    people: "child",
    pupils: "child",
    members: "child",
    learners: "child",
    grades: "child",
    blocks: "child",
    accommodations: "child",
    attendance: "child",
    "quiz-attempts": "attempt",
    conversations: "conversation",
    diary: "entry",
    files: "file",
    guardians: "link",
    teachings: "teaching",
  };
  const byName: Record<string, keyof Family> = {
    courseId: "course",
    quizId: "quiz",
    itemId: "item",
    courseItemId: "item",
    sectionId: "section",
    classId: "class",
    orgId: "class",
    userId: "child",
    childId: "child",
    recipientIds: "child",
    teacherId: "child",
    fileIds: "file",
    fileId: "file",
    attemptId: "attempt",
  };
  if (name !== "id" && byName[name]) return byName[name];
  return bySegment[segment] ?? null;
}

/** A value the schema accepts, with every id taken from the family (or `fallback` where the kind is unknown). */
function sample(schema: unknown, f: Family, fallback: string, name = ""): unknown {
  const s = schema as Record<string, any>;
  if (!s || typeof s !== "object") return undefined;
  if (s.anyOf || s.oneOf) return sample((s.anyOf ?? s.oneOf).find((x: { type?: string }) => x.type !== "null") ?? (s.anyOf ?? s.oneOf)[0], f, fallback, name);
  if ("const" in s) return s.const;
  if (s.enum) return s.enum[0];
  if (s.default !== undefined) return s.default;
  switch (s.type) {
    case "object": {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {})) out[k] = sample(v, f, fallback, k);
      return out;
    }
    case "array":
      return Array.from({ length: Math.max(1, s.minItems ?? 0) }, () => sample(s.items, f, fallback, name));
    case "integer":
    case "number":
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case "boolean":
      return false;
    case "string": {
      if (s.format === "uuid") {
        const k = kindOf(name, "");
        return k ? f[k] : fallback;
      }
      if (s.format === "email") return "someone@example.test";
      if (s.format === "date") return "2026-11-23";
      if (s.format === "date-time") return "2026-11-23T10:00:00Z";
      if (s.format === "uri") return "https://example.test/";
      return "a".repeat(Math.max(1, Math.min(s.minLength ?? 1, 12)));
    }
  }
  return undefined;
}

const jsonOf = (schema: z.ZodType | undefined) => (schema ? z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) : undefined);
const hasIds = (json: unknown) => JSON.stringify(json ?? {}).includes('"format":"uuid"');

/** The request a route gets with a family's ids: one per candidate for an id whose kind is unknown. */
function requests(r: Route, f: Family): { url: string; body?: unknown }[] {
  const segments = r.url.split("/");
  const unknownAt = segments.findIndex((seg, i) => seg.startsWith(":") && !kindOf(seg.slice(1), segments[i - 1]) && /id$/i.test(seg));
  const candidates = unknownAt >= 0 ? Object.values(f) : [f.class];
  return candidates.map((fallback) => {
    const path = segments
      .map((seg, i) => {
        if (!seg.startsWith(":") && seg !== "*") return seg;
        const name = seg.slice(1);
        const k = kindOf(name, segments[i - 1]);
        if (k) return f[k];
        if (/id$/i.test(name)) return fallback;
        return { token: "a".repeat(40), kind: "guardians", targetType: "course", reaction: "like", slot: "1", address: "x@example.test" }[name] ?? "x";
      })
      .join("/");
    const query = sample(jsonOf(r.schema?.querystring), f, fallback) as Record<string, unknown> | undefined;
    const qs = query
      ? new URLSearchParams(
          Object.entries(query)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => [k, String(v)]),
        ).toString()
      : "";
    return { url: qs ? `${path}?${qs}` : path, body: r.schema?.body ? sample(jsonOf(r.schema.body), f, fallback) : undefined };
  });
}

const send = (c: Client, method: string, req: { url: string; body?: unknown }) =>
  c.request(
    method,
    req.url,
    req.body === undefined ? undefined : JSON.stringify(req.body),
    req.body === undefined ? {} : { "content-type": "application/json" },
  );

describe("a parent sees only their own children", () => {
  it("every route refuses another family's ids (403/404); routes without ids are listed with a reason", async () => {
    const api = routes.filter((r) => r.url.startsWith("/api/"));
    expect(api.length).toBeGreaterThan(200);
    const withoutIds = api.filter((r) => !r.url.includes(":") && !hasIds(jsonOf(r.schema?.querystring)) && !hasIds(jsonOf(r.schema?.body)));
    expect(withoutIds.map(key).sort()).toEqual(Object.keys(NO_IDS).sort());
    const leaks: string[] = [];
    const notReached: string[] = [];
    for (const r of api) {
      if (withoutIds.includes(r) || HARMLESS[key(r)]) continue;
      for (const req of requests(r, fam[1])) {
        const res = await send(parent1, r.method, req);
        if (res.status === 403 || res.status === 404) continue;
        // a page navigation refused by sending the person back to their own portal
        if (res.status === 302 && key(r) === "GET /api/v1/portal/launch/:id" && res.headers?.location === "/portal?unavailable=1") continue;
        // a list the server scopes to the caller answers nothing of another family's
        if (res.status === 200 && Array.isArray(res.body?.items) && res.body.items.length === 0) continue;
        if ([400, 415, 422].includes(res.status)) notReached.push(key(r));
        else leaks.push(`${key(r)} → ${res.status} ${req.url} ${JSON.stringify(res.body).slice(0, 120)}`);
      }
    }
    expect(leaks).toEqual([]);
    expect([...new Set(notReached)].sort()).toEqual(Object.keys(NOT_REACHED).sort());
    // the diary's writes, with a valid entry: refused on the other family's class and entry
    const entry = (await parent1.get(`/api/v1/school/classes/${fam[0].class}/diary?start=2026-11-23`)).body.items[0];
    const body = { kind: "homework", subjectId: entry.subject.id, day: "2026-11-23", dueDate: "2026-11-25", title: "X", content: entry.content };
    expect((await parent1.post(`/api/v1/school/classes/${fam[1].class}/diary`, body)).status).toBe(404);
    expect((await parent1.patch(`/api/v1/school/diary/${fam[1].entry}`, body)).status).toBe(404);
    expect((await parent1.post(`/api/v1/school/classes/${fam[0].class}/diary`, body)).status).toBe(403);
  }, 300_000);

  it("the same reads with their own child's ids succeed", async () => {
    const reads = routes.filter((r) => r.method === "GET" && r.url.startsWith("/api/") && r.url.includes(":"));
    const reachable: string[] = [];
    for (const r of reads) {
      const [req] = requests(r, fam[0]);
      const res = await send(parent1, "GET", req);
      if (res.status === 200) reachable.push(key(r));
    }
    // what a parent is meant to read of their child's school life, at least
    expect(reachable).toEqual(
      expect.arrayContaining([
        "GET /api/v1/school/classes/:id",
        "GET /api/v1/school/classes/:id/diary",
        "GET /api/v1/school/classes/:id/workload",
        "GET /api/v1/files/:id",
        "GET /api/v1/messages/conversations/:id",
      ]),
    );
  }, 120_000);
});
