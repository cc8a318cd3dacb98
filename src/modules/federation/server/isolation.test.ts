import type { RouteOptions } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { makeCourseForum, makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { enrolDirect, makeCourse, makeItem, makeSection } from "../../enrolment/server/test-fixtures.ts";

/**
 * Every API route of the app, called by people of platform B (on B's address, with B's session)
 * with the ids of platform A's resources: without an agreement each is refused, nothing of A
 * appears in any answer and A's data is unchanged; with an agreement, only what it grants opens.
 */
type R = { method: string; url: string; body?: z.ZodType };
const routes: R[] = [];
const recorder = {
  name: "route-recorder",
  migrations: {},
  register(app: Parameters<import("../../../kernel/module.ts").Module["register"]>[0]) {
    app.addHook("onRoute", (r: RouteOptions) => {
      for (const method of [r.method].flat())
        if (method !== "HEAD" && r.url.startsWith("/api/")) routes.push({ method, url: r.url, body: (r.schema?.body as z.ZodType) ?? undefined });
    });
  },
};

/** Routes that name no resource of anyone and only act on the caller's own session: calling them would sign B's tester out. */
const SKIPPED: Record<string, string> = {
  "POST /api/v1/auth/sign-out": "ends the caller's own session; names no resource",
  "POST /api/v1/account/sessions/sign-out-others": "ends the caller's other sessions; names no resource",
};

/**
 * Routes that answer success to B for an id of A because they only ever touch B's own rows and
 * are idempotent (a no-op here); the snapshot proves A unchanged.
 */
const OWN_ROWS_ONLY: Record<string, string> = {
  "DELETE /api/v1/mail-bounces/:address": "clears an address from B's own bounce list (the parameter is an address, not an id)",
  "DELETE /api/v1/messages/blocks/:userId": "removes a block from B's own block list (idempotent unblock)",
};

/** Browser navigations that refuse by sending the person back to a page of their own platform. */
const REFUSED_BY_REDIRECT: Record<string, string> = {
  "GET /api/v1/portal/launch/:id": "/portal?unavailable=1",
};

/** Routes whose generated input is refused (422) before any lookup; see the sweep below. */
const REFUSED_AT_INPUT = [
  "GET /api/v1/forums/:forumId/search",
  "POST /api/v1/attendance/classes/:id/lessons",
  "PUT /api/v1/portal/orgs/:orgId/settings",
  "GET /api/v1/school/classes/:id/diary",
  "GET /api/v1/school/classes/:id/workload",
  "PATCH /api/v1/courses/:courseId/assignments/:itemId",
  "PATCH /api/v1/posts/:postId",
  "PATCH /api/v1/school/diary/:id",
  "POST /api/v1/courses/:courseId/assignments",
  "POST /api/v1/forums/:forumId/threads",
  "POST /api/v1/question-categories/:categoryId/qti-import",
  "POST /api/v1/school/classes/:id/diary",
  "POST /api/v1/threads/:threadId/posts",
  "PUT /api/v1/courses/:courseId/quizzes/:itemId/rubrics/:questionId",
  "PUT /api/v1/courses/:courseId/sessions/:sessionId/attendance/:userId",
].sort();

let t: TestApp;
let a: Awaited<ReturnType<typeof makePlatform>>;
let b: Awaited<ReturnType<typeof makePlatform>>;
let adminB: Client;
let learnerB: Client;
const SECRET = "SECRET-OF-A";
const GRANTED = "GRANTED-BY-A";
const ids = {} as Record<string, string>;
/** assignments of the granted course X and of the other course Y (kept out of the sweep's id pool) */
const work = {} as { assignmentX: string; assignmentY: string };

/** A valid-looking body from a route's schema, every id being `id` (so bodies name A's resources). */
function sample(schema: z.ZodType, id: string): unknown {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  } catch {
    return {};
  }
  const defs = (json.$defs ?? {}) as Record<string, Record<string, unknown>>;
  const make = (s: Record<string, unknown>, depth: number): unknown => {
    if (depth > 6) return null;
    if (typeof s.$ref === "string") return make(defs[s.$ref.split("/").pop()!] ?? {}, depth + 1);
    if (s.const !== undefined) return s.const;
    if (Array.isArray(s.enum)) return s.enum[0];
    for (const k of ["anyOf", "oneOf"] as const) if (Array.isArray(s[k])) return make((s[k] as Record<string, unknown>[])[0], depth + 1);
    if (Array.isArray(s.allOf)) return Object.assign({}, ...(s.allOf as Record<string, unknown>[]).map((x) => make(x, depth + 1)));
    const type = Array.isArray(s.type) ? s.type[0] : s.type;
    if (type === "object" || s.properties) {
      const props = (s.properties ?? {}) as Record<string, Record<string, unknown>>;
      return Object.fromEntries(Object.entries(props).map(([k, v]) => [k, make(v, depth + 1)]));
    }
    if (type === "array")
      return Array.from({ length: Math.max(1, Number(s.minItems ?? 1)) }, () => make((s.items ?? {}) as Record<string, unknown>, depth + 1));
    if (type === "string") {
      if (s.format === "uuid") return id;
      if (s.format === "email") return "probe@b.test";
      if (s.format === "date") return "2030-01-01";
      if (s.format === "date-time") return "2030-01-01T10:00:00Z";
      if (s.format === "uri") return "https://b.test/";
      if (typeof s.pattern === "string" && /#\[0-9a-fA-F\]|\^#/.test(s.pattern)) return "#123456";
      return "probe".padEnd(Number(s.minLength ?? 1), "e").slice(0, Number(s.maxLength ?? 100));
    }
    if (type === "integer" || type === "number") return Number(s.minimum ?? 1);
    if (type === "boolean") return false;
    return null;
  };
  return make(json, 0);
}

const fill = (url: string, id: string) => url.replace(/:[a-zA-Z]+/g, id);

/** A hash of every row platform A owns, table by table (the tables of the federation door listed apart). */
async function snapshotOfA(except: string[] = []) {
  const tables = await sql<{
    table_name: string;
  }>`select table_name from information_schema.columns where column_name = 'tenant_id' and table_schema = current_schema() order by 1`.execute(t.k.db);
  const out: Record<string, string> = {};
  for (const { table_name } of tables.rows) {
    if (except.includes(table_name) || table_name === "sessions") continue;
    const r = await sql<{
      h: string;
    }>`select md5(coalesce(string_agg(x::text, '|' order by x::text), '')) as h from ${sql.table(table_name)} x where tenant_id = ${a.tenantId}`.execute(
      t.k.db,
    );
    out[table_name] = r.rows[0].h;
  }
  return out;
}

beforeAll(async () => {
  t = await testApp({ RATE_LIMIT_PER_MINUTE: "1000000" }, { before: [recorder] });
  a = await makePlatform(t.k, "isoa");
  b = await makePlatform(t.k, "isob");
  const dept = await makeOrg(t.k, a.tenantId, rootOf(a), `${SECRET} department`);
  const teacher = await makeUser(t.k, a.tenantId, dept.id, "secret-teacher", "teacher");
  const learner = await makeUser(t.k, a.tenantId, dept.id, "secret-learner");
  await makeUser(t.k, b.tenantId, b.rootOrgId, "bea");
  await makeUser(t.k, b.tenantId, b.rootOrgId, "ben", "teacher");
  const y = await makeCourse(t.k, a.tenantId, a.rootOrgId, { title: `${SECRET} course` });
  const ys = await makeSection(t.k, a.tenantId, y.id, 0, `${SECRET} section`);
  const yi = await makeItem(t.k, a.tenantId, y.id, ys.id, 0, { title: `${SECRET} item` });
  const x = await makeCourse(t.k, a.tenantId, a.rootOrgId, { title: `${GRANTED} course`, selfEnrol: "closed" });
  const xs = await makeSection(t.k, a.tenantId, x.id, 0, `${GRANTED} section`);
  const xi = await makeItem(t.k, a.tenantId, x.id, xs.id, 0, { title: `${GRANTED} item` });
  for (const c of [x.id, y.id]) {
    await enrolDirect(t.k, a.tenantId, c, teacher.id, "teacher");
    await enrolDirect(t.k, a.tenantId, c, learner.id);
  }
  for (const [key, course, section, title] of [
    ["assignmentX", x.id, xs.id, `${GRANTED} assignment`],
    ["assignmentY", y.id, ys.id, `${SECRET} assignment`],
  ] as const) {
    work[key] = newId();
    await t.k.db
      .insertInto("course_items")
      .values({ tenant_id: a.tenantId, id: work[key], course_id: course, section_id: section, position: 1, kind: "assignment", title, completion: "none" })
      .execute();
  }
  const forum = await makeCourseForum(t.k, a.tenantId, y.id, teacher.id, `${SECRET} forum`);
  Object.assign(ids, {
    courseY: y.id,
    sectionY: ys.id,
    itemY: yi.id,
    courseX: x.id,
    sectionX: xs.id,
    itemX: xi.id,
    dept: dept.id,
    root: a.rootOrgId,
    teacher: teacher.id,
    learner: learner.id,
    admin: a.adminId,
    forum: forum.forumId,
    thread: forum.threadId,
  });
  adminB = await signedIn(t.app, { host: b.host }, b.adminLogin);
  learnerB = await signedIn(t.app, { host: b.host }, "bea");
});
afterAll(() => t.close());

/** Calls every route once per id of A; a 401 (a route that ended the tester's session) is retried after signing in again. */
async function sweep(who: () => Client, resign: () => Promise<void>, pool: string[], check: (r: R, url: string, status: number, text: string) => void) {
  for (const r of routes) {
    if (SKIPPED[`${r.method} ${r.url}`]) continue;
    const idsToTry = r.url.includes(":") ? pool : [pool[0]];
    for (const id of idsToTry) {
      const url = fill(r.url, id);
      const body = r.method === "GET" || r.method === "DELETE" ? undefined : r.body ? sample(r.body, id) : {};
      let res = await who().request(r.method, url, body);
      if (res.status === 401) {
        await resign();
        res = await who().request(r.method, url, body);
      }
      const refusedByRedirect = res.status === 302 && String(res.headers.location ?? "").endsWith(REFUSED_BY_REDIRECT[`${r.method} ${r.url}`] ?? "\0");
      check(r, url, refusedByRedirect ? 404 : res.status, typeof res.body === "string" ? res.body : JSON.stringify(res.body));
    }
  }
}

describe("every API route, called from platform B", () => {
  it("registers the routes it checks, and skips only the listed ones", () => {
    expect(routes.length).toBeGreaterThan(150);
    for (const k of Object.keys(SKIPPED)) expect(routes.map((r) => `${r.method} ${r.url}`)).toContain(k);
  });

  it("without an agreement: each route naming A's resources is refused, no answer shows A's data, A is unchanged", async () => {
    const before = await snapshotOfA();
    const leaks: string[] = [];
    const accepted: string[] = [];
    const statuses = new Map<number, string[]>();
    const pool = Object.values(ids);
    await sweep(
      () => adminB,
      async () => {
        adminB = await signedIn(t.app, { host: b.host }, b.adminLogin);
      },
      pool,
      (r, url, status, text) => {
        if (text.includes(SECRET) || text.includes(GRANTED) || pool.some((id) => text.includes(id) && !url.includes(id)))
          leaks.push(`${r.method} ${url} ${status}`);
        // a route naming A's resource must refuse: 403/404, or 422 when the input is refused before any lookup
        if (r.url.includes(":") && ![403, 404, 422].includes(status) && !OWN_ROWS_ONLY[`${r.method} ${r.url}`])
          accepted.push(`${r.method} ${r.url} → ${status}`);
        if (r.url.includes(":")) statuses.set(status, [...(statuses.get(status) ?? []), `${r.method} ${r.url}`]);
      },
    );
    expect(leaks).toEqual([]);
    expect(accepted).toEqual([]);
    // the sweep names A's ids everywhere, so the copy route refuses on the node: onto B's own node, it
    // refuses for want of an agreement, and nothing of A is listed to copy
    for (const course of [ids.courseX, ids.courseY]) {
      const res = await adminB.post(`/api/v1/federation/copyable-courses/${ids.courseX}/${course}/copy`, { orgId: b.rootOrgId });
      expect(res.status).toBe(404);
      expect(res.body.error.code).toBe("federation.copy.no_agreement");
    }
    expect((await adminB.get("/api/v1/federation/copyable-courses")).body).toEqual({ items: [] });
    expect(await snapshotOfA()).toEqual(before);
    // most routes look the resource up and answer 404; the routes below refuse the generated input
    // (a field the sampler cannot fill validly) before any lookup: for them the proof is only that
    // nothing leaked and A is unchanged
    expect([...new Set(statuses.get(422))].sort()).toEqual(REFUSED_AT_INPUT);
    expect(new Set(statuses.get(404)).size).toBeGreaterThan(150);
  }, 600_000);

  it("with an agreement: only the granted course opens, through the federation routes, and only to what was granted", async () => {
    const adminA = await signedIn(t.app, { host: a.host }, a.adminLogin);
    const today = new Date().toISOString().slice(0, 10);
    const p = await adminA.post("/api/v1/federation/agreements", {
      partnerId: b.tenantId,
      enrolCourseIds: [ids.courseX],
      copyCourseIds: [ids.courseX],
      startsOn: today,
      endsOn: "2099-12-31",
    });
    expect((await adminB.post(`/api/v1/federation/agreements/${p.body.id}/accept`)).status).toBe(200);
    const agreement = p.body.id as string;
    // the door's own tables change when B's learner joins; every other row of A stays as it was
    const door = ["users", "federation_people", "course_members", "item_progress", "events", "federation_audit", "federation_agreements", "notification_feed"];
    const before = await snapshotOfA(door);
    const opened: string[] = [];
    const leaks: string[] = [];
    const pool = [agreement, ...Object.values(ids)];
    await sweep(
      () => learnerB,
      async () => {
        learnerB = await signedIn(t.app, { host: b.host }, "bea");
      },
      pool,
      (r, url, status, text) => {
        if (text.includes(SECRET)) leaks.push(`${r.method} ${url} ${status}`);
        if (text.includes(GRANTED) && !r.url.startsWith("/api/v1/federation/")) leaks.push(`${r.method} ${url} ${status}`);
        if (r.url.includes(":") && status < 400 && !OWN_ROWS_ONLY[`${r.method} ${r.url}`]) opened.push(`${r.method} ${r.url}`);
      },
    );
    expect(leaks).toEqual([]);
    // every route naming an id of A refuses, but the federation routes for the granted course
    // (the sweep gives the same id to every parameter, so it opens none of them: they are called below)
    expect(opened).toEqual([]);
    const base = `/api/v1/federation/courses/${agreement}`;
    expect((await learnerB.post(`${base}/${ids.courseX}/join`, { role: "learner" })).status).toBe(200);
    expect((await learnerB.get(`${base}/${ids.courseX}`)).status).toBe(200);
    expect((await learnerB.get(`${base}/${ids.courseX}/items/${ids.itemX}`)).status).toBe(200);
    expect((await learnerB.post(`${base}/${ids.courseX}/items/${ids.itemX}/done`)).status).toBe(200);
    // what the agreement does not grant: another course, an item of another course, co-teaching, B's admin report on another course
    for (const [m, u] of [
      ["POST", `${base}/${ids.courseY}/join`],
      ["GET", `${base}/${ids.courseY}`],
      ["GET", `${base}/${ids.courseY}/items/${ids.itemY}`],
      ["GET", `${base}/${ids.courseX}/items/${ids.itemY}`],
      ["POST", `${base}/${ids.courseX}/items/${ids.itemY}/done`],
      ["GET", `${base}/${ids.courseX}/progress`],
      ["GET", `${base}/${ids.courseX}/assignments/${work.assignmentX}`],
      ["GET", `${base}/${ids.courseX}/assignments/${work.assignmentX}/submissions`],
      ["GET", `/api/v1/federation/agreements/${agreement}/courses/${ids.courseY}/people`],
    ]) {
      const res = await (u.endsWith("/people") ? adminB : learnerB).request(m, u, m === "POST" ? { role: "learner" } : undefined);
      expect([403, 404], `${m} ${u}`).toContain(res.status);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    // co-teaching was not granted: the course is not one the agreement names for it
    expect((await learnerB.post(`${base}/${ids.courseX}/join`, { role: "teacher" })).status).toBe(404);
    // the copy right: only the granted course, only onto a node of B, only by someone who may create courses on B
    const copy = (course: string) => `/api/v1/federation/copyable-courses/${agreement}/${course}/copy`;
    expect((await learnerB.post(copy(ids.courseX), { orgId: b.rootOrgId })).status).toBe(403);
    for (const [course, orgId] of [
      [ids.courseY, b.rootOrgId],
      [ids.courseX, ids.root],
      [ids.courseX, ids.dept],
    ]) {
      const res = await adminB.post(copy(course), { orgId });
      expect(res.status, `${course} → ${orgId}`).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    const listed = await adminB.get("/api/v1/federation/copyable-courses");
    expect(listed.body.items.map((c: { courseId: string }) => c.courseId)).toEqual([ids.courseX]);
    expect(JSON.stringify(listed.body)).not.toContain(SECRET);
    const made = await adminB.post(copy(ids.courseX), { orgId: b.rootOrgId });
    expect(made.status).toBe(200);
    const copied = await adminB.get(`/api/v1/courses/${made.body.courseId}`);
    expect(JSON.stringify(copied.body)).toContain(`${GRANTED} item`);
    expect(JSON.stringify(copied.body)).not.toContain(SECRET);
    // the copy is B's: A's ids reach nothing new (its origin note is read by B's course id only)
    expect((await adminB.get(`/api/v1/federation/copies/${ids.courseX}`)).status).toBe(404);
    expect(await snapshotOfA(door)).toEqual(before);
  }, 600_000);

  it("with a co-teaching agreement: B's teacher who joined reaches the granted course's teaching routes only; B's learner none", async () => {
    const adminA = await signedIn(t.app, { host: a.host }, a.adminLogin);
    const teacherB = await signedIn(t.app, { host: b.host }, "ben");
    const today = new Date().toISOString().slice(0, 10);
    const p = await adminA.post("/api/v1/federation/agreements", {
      partnerId: b.tenantId,
      coteachCourseIds: [ids.courseX],
      startsOn: today,
      endsOn: "2099-12-31",
    });
    expect((await adminB.post(`/api/v1/federation/agreements/${p.body.id}/accept`)).status).toBe(200);
    const base = `/api/v1/federation/courses/${p.body.id}`;
    const teaching = (course: string, item: string): [string, string, unknown?][] => [
      ["GET", `${base}/${course}`],
      ["GET", `${base}/${course}/progress`],
      ["GET", `${base}/${course}/assignments/${item}`],
      ["GET", `${base}/${course}/assignments/${item}/submissions`],
      ["GET", `${base}/${course}/assignments/${item}/submissions/${ids.learner}`],
      ["PUT", `${base}/${course}/assignments/${item}/submissions/${ids.learner}/grade`, { score: 1 }],
    ];
    const call = async (c: Client, list: [string, string, unknown?][]) => {
      const out: number[] = [];
      for (const [m, u, body] of list) {
        const r = await c.request(m, u, body);
        expect(JSON.stringify(r.body), `${m} ${u}`).not.toContain(SECRET);
        out.push(r.status);
      }
      return out;
    };
    // the door's tables, and the rows the host's marking writes on its first read, as for its own
    // teachers: the assignment's settings and a numbered (empty) submission per participant
    const door = [
      "users",
      "federation_people",
      "course_members",
      "events",
      "federation_audit",
      "federation_agreements",
      "assignments",
      "assignment_submissions",
    ];
    const before = await snapshotOfA(door);
    // before joining the teaching team: nothing
    expect(await call(teacherB, teaching(ids.courseX, work.assignmentX))).toEqual([404, 404, 404, 404, 404, 404]);
    // B's learner (no teacher grant at home) may not join nor use any co-teaching route
    expect((await learnerB.post(`${base}/${ids.courseX}/join`, { role: "teacher" })).status).toBe(403);
    expect(await call(learnerB, teaching(ids.courseX, work.assignmentX))).toEqual([404, 403, 403, 403, 403, 403]);
    expect((await teacherB.post(`${base}/${ids.courseX}/join`, { role: "teacher" })).status).toBe(200);
    // the granted course: its page, progress, the assignment and its marking list; a submission that does not exist is 404
    expect(await call(teacherB, teaching(ids.courseX, work.assignmentX))).toEqual([200, 200, 200, 200, 404, 404]);
    // the other course, directly or through the granted one: nothing
    expect(await call(teacherB, teaching(ids.courseY, work.assignmentY))).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await call(teacherB, teaching(ids.courseX, work.assignmentY))).toEqual([200, 200, 404, 404, 404, 404]);
    // pages: none in the other course, none of its items or sections through the granted one (nothing written)
    const page = (course: string, sectionId: string): [string, string, unknown?] => [
      "POST",
      `${base}/${course}/pages`,
      { sectionId, title: "Intruder", body: null },
    ];
    const rename = (course: string, item: string): [string, string, unknown?] => ["PATCH", `${base}/${course}/pages/${item}`, { title: "Intruder" }];
    expect(await call(learnerB, [page(ids.courseX, ids.sectionX), rename(ids.courseX, ids.itemX)])).toEqual([403, 403]);
    expect(await call(teacherB, [page(ids.courseY, ids.sectionY), rename(ids.courseY, ids.itemY), rename(ids.courseX, ids.itemY)])).toEqual([404, 404, 404]);
    expect(await call(teacherB, [page(ids.courseX, ids.sectionY)])).toEqual([422]);
    // files: only a file of the granted course (none here: an id of A's that is no file of X is 404)
    expect(
      await call(teacherB, [
        ["GET", `${base}/${ids.courseX}/files/${ids.itemY}`],
        ["GET", `${base}/${ids.courseY}/files/${ids.itemY}`],
      ]),
    ).toEqual([404, 404]);
    // B's learner: only the files of the course's items (an id that is none is 404)
    expect(await call(learnerB, [["GET", `${base}/${ids.courseX}/files/${ids.itemX}`]])).toEqual([404]);
    // and nothing of A's own routes opens to B's teacher for either course
    for (const u of [`/api/v1/courses/${ids.courseX}`, `/api/v1/courses/${ids.courseX}/assignments/${work.assignmentX}/submissions`])
      expect((await teacherB.get(u)).status, u).toBe(404);
    expect(await snapshotOfA(door)).toEqual(before);
    // revoked: every co-teaching route closes at once
    expect((await adminA.post(`/api/v1/federation/agreements/${p.body.id}/revoke`)).status).toBe(200);
    expect(await call(teacherB, teaching(ids.courseX, work.assignmentX))).toEqual([404, 404, 404, 404, 404, 404]);
    expect(await call(teacherB, [page(ids.courseX, ids.sectionX), rename(ids.courseX, ids.itemX)])).toEqual([404, 404]);
  }, 120_000);
});
