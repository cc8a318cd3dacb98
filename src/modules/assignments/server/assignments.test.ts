import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { startSmtp } from "../../../../test/smtp.ts";
import { newId } from "../../../kernel/ids.ts";
import { runJobs } from "../../notifications/server/index.ts";
import { loadAssignmentDemo } from "./demo.ts";

/** A multipart body with one `file` part, as a browser sends it. */
function form(name: string, data: Buffer | string, type = "application/octet-stream") {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
const upload = async (c: Client, name: string, data: Buffer | string) => {
  const f = form(name, data);
  const r = await c.request("POST", "/api/v1/files?purpose=document", f.payload, f.headers);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body as { id: string };
};
const PDF = (n = 1000) => Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.alloc(n, 0x20), Buffer.from("\n%%EOF\n")]);
const doc = (text: string) => ({ type: "doc", content: [{ type: "paragraph", content: [{ type: "text", text }] }] });
const DAY = 24 * 3600_000;
const at = (ms: number) => new Date(Date.now() + ms).toISOString();

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let assistant: Client;
let otherAdmin: Client;
const L: Client[] = [];
const ids: string[] = [];
let courseId: string;
let sectionId: string;

async function makeCourse(tenantId: string, orgId: string, staff: { id: string; role: "teacher" | "assistant" }[], learners: string[]) {
  const id = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: tenantId, id, org_id: orgId, title: "Physique", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      ...staff.map((s) => ({ tenant_id: tenantId, id: newId(), course_id: id, user_id: s.id, role: s.role })),
      ...learners.map((u) => ({ tenant_id: tenantId, id: newId(), course_id: id, user_id: u, role: "learner" as const })),
    ])
    .execute();
  const sid = newId();
  await t.k.db.insertInto("course_sections").values({ tenant_id: tenantId, id: sid, course_id: id, position: 0, title: "Semaine 1" }).execute();
  return { id, sectionId: sid };
}

const gbase = () => `/api/v1/courses/${courseId}/groups`;
const abase = () => `/api/v1/courses/${courseId}/assignments`;
const mails = (to: string) => t.k.db.selectFrom("mail_outbox").selectAll().where("tenant_id", "=", p.tenantId).where("to_address", "=", to).execute();

async function newAssignment(extra: object = {}) {
  const r = await teacher.post(abase(), { sectionId, title: "Compte rendu de TP", ...extra });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body.item.id as string;
}

beforeAll(async () => {
  smtp = await startSmtp();
  t = await testApp({ SMTP_URL: smtp.url });
  p = await makePlatform(t.k, "assign");
  other = await makePlatform(t.k, "elsewhere");
  const tu = await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  const au = await makeUser(t.k, p.tenantId, p.rootOrgId, "tuteur", "teacher");
  const names = ["alice", "bruno", "chloe", "david", "emma", "farid"];
  for (const n of names) ids.push((await makeUser(t.k, p.tenantId, p.rootOrgId, n)).id);
  const c = await makeCourse(
    p.tenantId,
    p.rootOrgId,
    [
      { id: tu.id, role: "teacher" },
      { id: au.id, role: "assistant" },
    ],
    ids,
  );
  courseId = c.id;
  sectionId = c.sectionId;
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  assistant = await signedIn(t.app, { host: p.host }, "tuteur");
  for (const n of names) L.push(await signedIn(t.app, { host: p.host }, n));
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

describe("groups", () => {
  let groupingId: string;
  let groupA: string;
  let groupB: string;

  it("creates groups by hand, in a grouping, and adds members later; learners cannot manage (403)", async () => {
    const gg = await teacher.post(`/api/v1/courses/${courseId}/groupings`, { name: "Binômes" });
    expect(gg.status).toBe(200);
    groupingId = gg.body.id;
    const a = await teacher.post(gbase(), { name: "Binôme A", groupingId, userIds: [ids[0], ids[1]] });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.members.map((m: { id: string }) => m.id).sort()).toEqual([ids[0], ids[1]].sort());
    groupA = a.body.id;
    const b = await teacher.post(gbase(), { name: "Binôme B", groupingId, userIds: [ids[2]] });
    groupB = b.body.id;
    const added = await teacher.post(`${gbase()}/${groupB}/members`, { userIds: [ids[3]] });
    expect(added.body.size).toBe(2);
    // only learners of the course can be added
    const stranger = await teacher.post(`${gbase()}/${groupB}/members`, { userIds: [newId()] });
    expect(stranger.status).toBe(422);
    expect(stranger.body.error.fields.userIds).toBeTruthy();
    expect((await L[0].post(gbase(), { name: "Pirates" })).status).toBe(403);
    expect((await otherAdmin.get(gbase())).status).toBe(404);
  });

  it("a learner sees the members of their own groups only", async () => {
    const r = await L[0].get(gbase());
    expect(r.status).toBe(200);
    expect(r.body.canManage).toBe(false);
    const mine = r.body.groups.find((g: { id: string }) => g.id === groupA);
    expect(mine.members.length).toBe(2);
    expect(r.body.groups.find((g: { id: string }) => g.id === groupB)).toBeUndefined();
    expect(r.body.learners).toEqual([]);
  });

  it("creates groups automatically: N groups or groups of N, by name or at random", async () => {
    const byName = await teacher.post(`${gbase()}/auto`, { mode: "count", n: 4, order: "name", prefix: "Atelier", groupingName: "Ateliers" });
    expect(byName.status, JSON.stringify(byName.body)).toBe(200);
    expect(byName.body.groups.map((g: { size: number }) => g.size)).toEqual([2, 2, 1, 1]);
    expect(byName.body.groups[0].name).toBe("Atelier 1");
    // consecutive names stay together in name order
    expect(byName.body.groups[0].members.map((m: { name: string }) => m.name)).toEqual(["alice Test", "bruno Test"]);
    const bySize = await teacher.post(`${gbase()}/auto`, { mode: "size", n: 4, order: "random", prefix: "Atelier" });
    expect(bySize.body.groups.map((g: { size: number }) => g.size)).toEqual([3, 3]);
    // numbering continues after the existing "Atelier 1..4"
    expect(bySize.body.groups.map((g: { name: string }) => g.name)).toEqual(["Atelier 5", "Atelier 6"]);
    const everyone = new Set(bySize.body.groups.flatMap((g: { members: { id: string }[] }) => g.members.map((m) => m.id)));
    expect(everyone.size).toBe(6);
    const none = await teacher.post(`${gbase()}/auto`, { mode: "size", n: 2, prefix: "X", onlyUngrouped: true });
    expect(none.status).toBe(422);
    expect(none.body.error.fields.n).toBe("Aucun apprenant à répartir : tous sont déjà dans un groupe.");
  });

  it("imports groups from a CSV: a dry run reports each line, then applies the valid ones", async () => {
    const csv = "groupe;identifiant;groupement\nLabo 1;alice;Labos\nLabo 1;bruno@example.test;Labos\nLabo 2;inconnu;Labos\n;chloe;Labos\nLabo 2;david;Labos\n";
    const dry = await teacher.post(`${gbase()}/csv`, { csv, dryRun: true });
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.rows.map((r: { outcome: string }) => r.outcome)).toEqual(["add", "add", "error", "error", "add"]);
    expect(dry.body.rows[2].error).toContain("inconnu");
    expect(dry.body.counts).toEqual({ add: 3, already: 0, error: 2, newGroups: 2 });
    expect((await teacher.get(gbase())).body.groups.some((g: { name: string }) => g.name === "Labo 1")).toBe(false);
    const real = await teacher.post(`${gbase()}/csv`, { csv, dryRun: false });
    expect(real.body.applied).toBe(true);
    const page = (await teacher.get(gbase())).body;
    const labo1 = page.groups.find((g: { name: string }) => g.name === "Labo 1");
    expect(labo1.size).toBe(2);
    expect(page.groupings.find((g: { id: string }) => g.id === labo1.groupingId).name).toBe("Labos");
    const again = await teacher.post(`${gbase()}/csv`, { csv, dryRun: true });
    expect(again.body.counts.already).toBe(3);
    const bad = await teacher.post(`${gbase()}/csv`, { csv: "nom;prénom\nx;y\n", dryRun: true });
    expect(bad.status).toBe(422);
  });

  it("self-selection: within the window and the member limit; choosing another group leaves the first", async () => {
    const gg = await teacher.post(`/api/v1/courses/${courseId}/groupings`, { name: "Projets", selfSelect: true, maxMembers: 2, closesAt: at(DAY) });
    const g1 = await teacher.post(gbase(), { name: "Projet éolien", groupingId: gg.body.id });
    const g2 = await teacher.post(gbase(), { name: "Projet solaire", groupingId: gg.body.id });
    const seen = await L[4].get(gbase());
    expect(seen.body.groups.find((g: { id: string }) => g.id === g1.body.id)).toMatchObject({ size: 0, members: [] });
    expect((await L[0].post(`${gbase()}/${g1.body.id}/join`)).status).toBe(200);
    expect((await L[1].post(`${gbase()}/${g1.body.id}/join`)).status).toBe(200);
    const full = await L[2].post(`${gbase()}/${g1.body.id}/join`);
    expect(full.status).toBe(409);
    expect(full.body.error.message).toContain("2");
    expect((await L[0].post(`${gbase()}/${g2.body.id}/join`)).status).toBe(200);
    expect((await L[2].post(`${gbase()}/${g1.body.id}/join`)).status).toBe(200);
    const mine = (await L[0].get(gbase())).body.groups.filter((g: { mine: boolean; groupingId: string }) => g.mine && g.groupingId === gg.body.id);
    expect(mine.map((g: { id: string }) => g.id)).toEqual([g2.body.id]);
    // a grouping without self-selection cannot be joined; a closed one neither
    expect((await L[4].post(`${gbase()}/${groupA}/join`)).status).toBe(404);
    await teacher.patch(`/api/v1/courses/${courseId}/groupings/${gg.body.id}`, { closesAt: at(-1000), opensAt: at(-DAY) });
    const closed = await L[4].post(`${gbase()}/${g2.body.id}/join`);
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe("groups.selection_closed");
    void groupingId;
  });
});

describe("assignments", () => {
  const rubric = {
    kind: "rubric",
    criteria: [
      {
        id: "method",
        description: "Démarche",
        levels: [
          { id: "m0", points: 0, description: "Absente" },
          { id: "m1", points: 5, description: "Partielle" },
          { id: "m2", points: 10, description: "Complète" },
        ],
      },
      {
        id: "result",
        description: "Résultat",
        levels: [
          { id: "r0", points: 0, description: "Faux" },
          { id: "r1", points: 10, description: "Juste" },
        ],
      },
    ],
  };
  let groupingId: string;
  let team1: string;
  let team2: string;
  let itemId: string;

  beforeAll(async () => {
    groupingId = (await teacher.post(`/api/v1/courses/${courseId}/groupings`, { name: "Équipes TP" })).body.id;
    team1 = (await teacher.post(gbase(), { name: "Équipe 1", groupingId, userIds: [ids[0], ids[1], ids[2]] })).body.id;
    team2 = (await teacher.post(gbase(), { name: "Équipe 2", groupingId, userIds: [ids[3], ids[4]] })).body.id;
  });

  it("validates settings with field errors", async () => {
    const r = await teacher.post(abase(), {
      sectionId,
      title: "X",
      onlineText: false,
      fileSubmissions: false,
      dueAt: at(DAY),
      cutoffAt: at(DAY / 2),
      passScore: 30,
    });
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields).sort()).toEqual(["cutoffAt", "onlineText", "passScore"]);
    const badRubric = await teacher.post(abase(), { sectionId, title: "X", rubric: { kind: "rubric", criteria: [] } });
    expect(badRubric.status).toBe(422);
    expect((await L[0].post(abase(), { sectionId, title: "X" })).status).toBe(403);
  });

  it("group submission: one per group, every member sees it; other groups get 404 on its files", async () => {
    itemId = await newAssignment({ groupMode: true, groupingId, fileSubmissions: true, dueAt: at(DAY), cutoffAt: at(2 * DAY), rubric, maxScore: 20 });
    const view = await L[0].get(`${abase()}/${itemId}`);
    expect(view.status).toBe(200);
    expect(view.body.mine).toMatchObject({ status: "new", group: { id: team1 }, window: "open" });
    const file = await upload(L[0], "mesures.pdf", PDF());
    const s1 = await L[0].put(`${abase()}/${itemId}/submission`, { text: doc("La période vaut $T = 2\\pi\\sqrt{l/g}$."), fileIds: [file.id], revision: 0 });
    expect(s1.status, JSON.stringify(s1.body)).toBe(200);
    expect(s1.body).toMatchObject({ status: "draft", revision: 1 });
    // a group mate sees the same draft and its file
    const mate = await L[1].get(`${abase()}/${itemId}`);
    expect(mate.body.mine.revision).toBe(1);
    expect(mate.body.mine.files.map((f: { id: string }) => f.id)).toEqual([file.id]);
    expect((await L[1].get(`/api/v1/files/${file.id}`)).status).toBe(200);
    // a stale save (revision 0) is refused with the current revision
    const stale = await L[1].put(`${abase()}/${itemId}/submission`, { text: doc("écrasé"), revision: 0 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe("assignments.stale_revision");
    // another group does not see it, nor its file; another platform neither
    const otherGroup = await L[3].get(`${abase()}/${itemId}`);
    expect(otherGroup.body.mine.group.id).toBe(team2);
    expect(otherGroup.body.mine.files).toEqual([]);
    expect((await L[3].get(`/api/v1/files/${file.id}`)).status).toBe(404);
    expect((await otherAdmin.get(`${abase()}/${itemId}`)).status).toBe(404);
    // someone in no group of the grouping cannot submit
    const lone = await L[5].put(`${abase()}/${itemId}/submission`, { text: doc("seul"), revision: 0 });
    expect(lone.status).toBe(409);
    expect(lone.body.error.code).toBe("assignments.no_group");
    // submitting: a receipt, mailed to every member
    const sub = await L[1].post(`${abase()}/${itemId}/submission/submit`, { revision: 1 });
    expect(sub.status, JSON.stringify(sub.body)).toBe(200);
    expect(sub.body.status).toBe("submitted");
    expect(sub.body.receipt).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){4}$/);
    expect(sub.body.submittedBy).toBe("bruno Test");
    for (const who of ["alice", "bruno", "chloe"]) {
      const m = await mails(`${who}@example.test`);
      expect(
        m.some((x) => x.text_body.includes(sub.body.receipt)),
        who,
      ).toBe(true);
    }
    expect((await mails("david@example.test")).some((x) => x.text_body.includes(sub.body.receipt))).toBe(false);
    // locked once submitted; submitting twice is a 409
    expect((await L[0].put(`${abase()}/${itemId}/submission`, { text: doc("après"), revision: 1 })).status).toBe(409);
    expect((await L[0].post(`${abase()}/${itemId}/submission/submit`, { revision: 1 })).status).toBe(409);
  });

  it("grading with the rubric: markers only (learner 403), complete fills, feedback hidden until release, then every member sees it", async () => {
    const list = await teacher.get(`${abase()}/${itemId}/submissions`);
    expect(list.status).toBe(200);
    expect(list.body.rows.length).toBe(2);
    const row = list.body.rows.find((r: { groupId: string }) => r.groupId === team1);
    expect(row).toMatchObject({ name: "Équipe 1", status: "submitted", late: false });
    expect(row.members).toEqual(["alice Test", "bruno Test", "chloe Test"]);
    expect((await L[0].get(`${abase()}/${itemId}/submissions`)).status).toBe(403);
    expect((await L[0].put(`${abase()}/${itemId}/submissions/${row.id}/grade`, { score: 20 })).status).toBe(403);
    expect((await otherAdmin.put(`${abase()}/${itemId}/submissions/${row.id}/grade`, { score: 20 })).status).toBe(404);
    const partial = await assistant.put(`${abase()}/${itemId}/submissions/${row.id}/grade`, { rubricFill: { method: { levelId: "m1" } } });
    expect(partial.status).toBe(422);
    expect(Object.keys(partial.body.error.fields)).toEqual(["rubricFill.result"]);
    const typed = await assistant.put(`${abase()}/${itemId}/submissions/${row.id}/grade`, { score: 12 });
    expect(typed.status).toBe(422);
    const g = await assistant.put(`${abase()}/${itemId}/submissions/${row.id}/grade`, {
      rubricFill: { method: { levelId: "m1", remark: "Il manque l'incertitude." }, result: { levelId: "r1" } },
      feedback: doc("Bon travail d'équipe."),
    });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect(g.body.score).toBe(15);
    // not released: the learners do not see it, nor does the gradebook show it to them
    expect((await L[2].get(`${abase()}/${itemId}`)).body.mine.feedback).toBeNull();
    const hidden = await t.k.db.selectFrom("grades").select(["user_id", "score", "released"]).where("tenant_id", "=", p.tenantId).execute();
    expect(hidden.filter((x) => [ids[0], ids[1], ids[2]].includes(x.user_id)).map((x) => [Number(x.score), x.released])).toEqual([
      [15, false],
      [15, false],
      [15, false],
    ]);
    expect((await L[0].post(`${abase()}/${itemId}/release`)).status).toBe(403);
    // bruno reads Archipel in English: his notice comes in English
    await t.k.db.updateTable("users").set({ locale: "en" }).where("tenant_id", "=", p.tenantId).where("id", "=", ids[1]).execute();
    const rel = await teacher.post(`${abase()}/${itemId}/release`);
    expect(rel.body.released).toBe(3);
    // the request only queued the notices; the job sends them to every member of the group
    const gradeMails = () => smtp.mails.filter((m) => /Note disponible|Grade available/.test(m.subject));
    expect(gradeMails()).toEqual([]);
    expect(await runJobs(t.k)).toBeGreaterThan(0);
    const notes = await t.k.db
      .selectFrom("notifications")
      .select(["user_id", "kind", "params", "url"])
      .where("tenant_id", "=", p.tenantId)
      .where("kind", "=", "grade.released")
      .execute();
    expect(notes.map((n) => n.user_id).sort()).toEqual([ids[0], ids[1], ids[2]].sort());
    expect(notes[0]).toMatchObject({ params: { item: "Compte rendu de TP", course: "Physique" }, url: `/courses/${courseId}/assignments/${itemId}` });
    expect(
      gradeMails()
        .map((m) => m.to)
        .sort(),
    ).toEqual(["alice@example.test", "bruno@example.test", "chloe@example.test"]);
    const alice = gradeMails().find((m) => m.to === "alice@example.test")!;
    expect(alice.subject).toBe("Note disponible : Compte rendu de TP");
    expect(alice.text).toContain(`/courses/${courseId}/assignments/${itemId}`);
    expect(alice.html).toContain("background:"); // branded header
    expect(gradeMails().find((m) => m.to === "bruno@example.test")!.subject).toBe("Grade available: Compte rendu de TP");
    // releasing again notifies nobody again
    await teacher.post(`${abase()}/${itemId}/release`);
    await runJobs(t.k);
    expect(gradeMails().length).toBe(3);
    for (const c of [L[0], L[1], L[2]]) {
      const v = (await c.get(`${abase()}/${itemId}`)).body.mine;
      expect(v.feedback).toMatchObject({ score: 15, maxScore: 20 });
      expect(v.feedback.feedbackHtml).toContain("Bon travail");
      expect(v.feedback.rubricFill.method.remark).toBe("Il manque l'incertitude.");
    }
    expect((await L[3].get(`${abase()}/${itemId}`)).body.mine.feedback).toBeNull();
    const shown = await t.k.db
      .selectFrom("grades")
      .select(["user_id", "released"])
      .where("tenant_id", "=", p.tenantId)
      .where("user_id", "in", [ids[0], ids[1], ids[2]])
      .execute();
    expect(shown.every((x) => x.released)).toBe(true);
    // the rubric can no longer be replaced by another
    const change = await teacher.patch(`${abase()}/${itemId}`, { rubric: null });
    expect(change.status).toBe(409);
  });

  it("deadlines: late after the due date, closed after the cut-off, an extension reopens for one participant", async () => {
    const id = await newAssignment({ dueAt: at(-2 * DAY), cutoffAt: at(DAY) });
    const late = await L[0].put(`${abase()}/${id}/submission`, { text: doc("en retard"), revision: 0 });
    expect(late.status).toBe(200);
    const sub = await L[0].post(`${abase()}/${id}/submission/submit`, { revision: 1 });
    expect(sub.body.late).toBe(true);
    const closedId = await newAssignment({ dueAt: at(-2 * DAY), cutoffAt: at(-DAY) });
    const closed = await L[1].put(`${abase()}/${closedId}/submission`, { text: doc("trop tard"), revision: 0 });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe("assignments.closed");
    expect(closed.body.error.message).toMatch(/clos/i);
    const rows = (await teacher.get(`${abase()}/${closedId}/submissions`)).body.rows;
    const bruno = rows.find((r: { userId: string }) => r.userId === ids[1]);
    const before = await teacher.put(`${abase()}/${closedId}/submissions/${bruno.id}/extension`, { dueAt: at(-3 * DAY) });
    expect(before.status).toBe(422);
    const ext = await teacher.put(`${abase()}/${closedId}/submissions/${bruno.id}/extension`, { dueAt: at(DAY) });
    expect(ext.status).toBe(200);
    expect(ext.body.extensionDueAt).toBeTruthy();
    const v = (await L[1].get(`${abase()}/${closedId}`)).body.mine;
    expect(v).toMatchObject({ window: "open", extended: true });
    const ok = await L[1].put(`${abase()}/${closedId}/submission`, { text: doc("merci"), revision: 0 });
    expect(ok.status).toBe(200);
    const done = await L[1].post(`${abase()}/${closedId}/submission/submit`, { revision: 1 });
    expect(done.body.late).toBe(false);
    // the others are still closed out
    expect((await L[2].put(`${abase()}/${closedId}/submission`, { text: doc("moi aussi"), revision: 0 })).status).toBe(409);
    const notYet = await newAssignment({ opensAt: at(DAY), dueAt: at(2 * DAY) });
    expect((await L[0].put(`${abase()}/${notYet}/submission`, { text: doc("tôt"), revision: 0 })).body.error.code).toBe("assignments.not_open");
    // an empty submission cannot be submitted
    const empty = await newAssignment({});
    await L[3].put(`${abase()}/${empty}/submission`, { text: null, revision: 0 });
    const e = await L[3].post(`${abase()}/${empty}/submission/submit`, { revision: 1 });
    expect(e.status).toBe(422);
  });

  it("anonymous marking: markers see participant numbers until identities are revealed", async () => {
    const id = await newAssignment({ anonymous: true, maxScore: 10 });
    await L[4].put(`${abase()}/${id}/submission`, { text: doc("anonyme"), revision: 0 });
    await L[4].post(`${abase()}/${id}/submission/submit`, { revision: 1 });
    const list = await teacher.get(`${abase()}/${id}/submissions`);
    expect(list.body.anonymous).toBe(true);
    expect(list.body.rows.length).toBe(6);
    expect(list.body.rows.every((r: { name: string | null; userId: string | null }) => r.name === null && r.userId === null)).toBe(true);
    expect(list.body.rows.map((r: { participantNo: number }) => r.participantNo)).toEqual([1, 2, 3, 4, 5, 6]);
    const submitted = list.body.rows.find((r: { status: string }) => r.status === "submitted");
    const detail = await assistant.get(`${abase()}/${id}/submissions/${submitted.id}`);
    expect(detail.body.name).toBeNull();
    expect(JSON.stringify(detail.body)).not.toContain(ids[4]);
    expect(detail.body.textHtml).toContain("anonyme");
    const graded = await assistant.put(`${abase()}/${id}/submissions/${submitted.id}/grade`, { score: 7.5 });
    expect(graded.body.score).toBe(7.5);
    expect((await assistant.put(`${abase()}/${id}/submissions/${submitted.id}/grade`, { score: 11 })).status).toBe(422);
    // assistants cannot reveal (course editors only)
    expect((await assistant.post(`${abase()}/${id}/reveal`)).status).toBe(403);
    expect((await teacher.post(`${abase()}/${id}/reveal`)).status).toBe(200);
    const after = await teacher.get(`${abase()}/${id}/submissions`);
    const emma = after.body.rows.find((r: { id: string }) => r.id === submitted.id);
    expect(emma).toMatchObject({ name: "emma Test", userId: ids[4], participantNo: submitted.participantNo });
    // anonymity cannot be switched back on
    expect((await teacher.patch(`${abase()}/${id}`, { anonymous: true })).status).toBe(422);
  });

  it("a marker gives submitted work back as a draft; learners never open a submission by id (404)", async () => {
    const id = await newAssignment({});
    await L[0].put(`${abase()}/${id}/submission`, { text: doc("première version"), revision: 0 });
    const first = (await L[0].post(`${abase()}/${id}/submission/submit`, { revision: 1 })).body;
    const rows = (await teacher.get(`${abase()}/${id}/submissions`)).body.rows;
    const mine = rows.find((r: { userId: string }) => r.userId === ids[0]);
    const other = rows.find((r: { userId: string }) => r.userId === ids[1]);
    expect((await L[0].get(`${abase()}/${id}/submissions/${mine.id}`)).status).toBe(404);
    expect((await L[1].get(`${abase()}/${id}/submissions/${mine.id}`)).status).toBe(404);
    expect((await L[0].post(`${abase()}/${id}/submissions/${mine.id}/reopen`)).status).toBe(403);
    const r = await assistant.post(`${abase()}/${id}/submissions/${mine.id}/reopen`);
    expect(r.status).toBe(200);
    expect(r.body.status).toBe("draft");
    const v = (await L[0].get(`${abase()}/${id}`)).body.mine;
    expect(v).toMatchObject({ status: "draft", receipt: null, revision: 2 });
    expect((await L[0].put(`${abase()}/${id}/submission`, { text: doc("seconde version"), revision: 2 })).status).toBe(200);
    const second = (await L[0].post(`${abase()}/${id}/submission/submit`, { revision: 3 })).body;
    expect(second.receipt).not.toBe(first.receipt);
    expect((await teacher.post(`${abase()}/${id}/submissions/${other.id}/reopen`)).status).toBe(409);
  });

  it("files: only when allowed, within the count and the size; feedback files reach the group only once released", async () => {
    const textOnly = await newAssignment({});
    const f1 = await upload(L[0], "notes.txt", "des notes\n");
    const refused = await L[0].put(`${abase()}/${textOnly}/submission`, { fileIds: [f1.id], revision: 0 });
    expect(refused.status).toBe(422);
    expect(refused.body.error.fields.fileIds).toBe("Ce devoir n’accepte pas de fichiers.");
    const withFiles = await newAssignment({ fileSubmissions: true, maxFiles: 1, maxFileMb: 1 });
    const f2 = await upload(L[0], "annexe.txt", "annexe\n");
    const many = await L[0].put(`${abase()}/${withFiles}/submission`, { fileIds: [f1.id, f2.id], revision: 0 });
    expect(many.status).toBe(422);
    expect(many.body.error.fields.fileIds).toBe("Un fichier au plus.");
    const big = await upload(L[0], "gros.pdf", PDF(1024 * 1024 + 10));
    const tooBig = await L[0].put(`${abase()}/${withFiles}/submission`, { fileIds: [big.id], revision: 0 });
    expect(tooBig.status).toBe(422);
    expect(tooBig.body.error.fields.fileIds).toBe("« gros.pdf » dépasse 1 Mo.");
    // someone else's upload cannot be attached
    const theirs = await upload(L[1], "copie.txt", "copie\n");
    expect((await L[0].put(`${abase()}/${withFiles}/submission`, { fileIds: [theirs.id], revision: 0 })).status).toBe(422);

    // a group assignment: feedback with a file, hidden until release, then seen by the group only
    const gid = await newAssignment({
      groupMode: true,
      groupingId: (await teacher.get(gbase())).body.groupings.find((g: { name: string }) => g.name === "Équipes TP").id,
    });
    await L[3].put(`${abase()}/${gid}/submission`, { text: doc("équipe 2"), revision: 0 });
    await L[3].post(`${abase()}/${gid}/submission/submit`, { revision: 1 });
    const row = (await teacher.get(`${abase()}/${gid}/submissions`)).body.rows.find((r: { groupId: string }) => r.groupId === team2);
    const corrige = await upload(teacher, "corrige.pdf", PDF());
    const g = await teacher.put(`${abase()}/${gid}/submissions/${row.id}/grade`, { score: 14, feedbackFileIds: [corrige.id] });
    expect(g.status, JSON.stringify(g.body)).toBe(200);
    expect((await L[4].get(`/api/v1/files/${corrige.id}`)).status).toBe(404);
    await teacher.post(`${abase()}/${gid}/release`);
    expect((await L[4].get(`/api/v1/files/${corrige.id}`)).status).toBe(200);
    expect((await L[3].get(`${abase()}/${gid}`)).body.mine.feedback.files.map((f: { name: string }) => f.name)).toEqual(["corrige.pdf"]);
    expect((await L[0].get(`/api/v1/files/${corrige.id}`)).status).toBe(404);
    // after release a new grade is visible at once
    const again = await teacher.put(`${abase()}/${gid}/submissions/${row.id}/grade`, { score: 16 });
    expect(again.body.score).toBe(16);
    expect((await L[4].get(`${abase()}/${gid}`)).body.mine.feedback.score).toBe(16);
  });

  it("the marking list costs the same number of statements whatever the number of participants", async () => {
    const id = await newAssignment({});
    await teacher.get(`${abase()}/${id}/submissions`);
    const few = await countSteady(() => teacher.get(`${abase()}/${id}/submissions`));
    const more: string[] = [];
    for (let i = 0; i < 5; i++) more.push((await makeUser(t.k, p.tenantId, p.rootOrgId, `extra${i}`)).id);
    await t.k.db
      .insertInto("course_members")
      .values(more.map((u) => ({ tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: u, role: "learner" as const })))
      .execute();
    await teacher.get(`${abase()}/${id}/submissions`);
    const many = await countSteady(() => teacher.get(`${abase()}/${id}/submissions`));
    expect(many.result.body.rows.length).toBe(few.result.body.rows.length + 5);
    expect(many.count).toBe(few.count);
    expect(many.count).toBeLessThanOrEqual(12);
  });

  it("marking guide: points up to each criterion's maximum, scaled to the grade", async () => {
    const id = await newAssignment({
      maxScore: 10,
      rubric: {
        kind: "guide",
        criteria: [
          { id: "arg", title: "Argumentation", maxPoints: 6 },
          { id: "lang", title: "Langue", maxPoints: 4 },
        ],
      },
    });
    await L[5].put(`${abase()}/${id}/submission`, { text: doc("texte"), revision: 0 });
    await L[5].post(`${abase()}/${id}/submission/submit`, { revision: 1 });
    const row = (await teacher.get(`${abase()}/${id}/submissions`)).body.rows.find((r: { userId: string }) => r.userId === ids[5]);
    const over = await teacher.put(`${abase()}/${id}/submissions/${row.id}/grade`, { rubricFill: { arg: { points: 7 }, lang: { points: 2 } } });
    expect(over.status).toBe(422);
    expect(over.body.error.fields["rubricFill.arg"]).toBe("La note dépasse le maximum de ce critère.");
    const g = await teacher.put(`${abase()}/${id}/submissions/${row.id}/grade`, {
      rubricFill: { arg: { points: 4.5, remark: "Solide" }, lang: { points: 3 } },
    });
    expect(g.status).toBe(200);
    expect(g.body.score).toBe(7.5);
    expect(g.body.rubricFill.arg.remark).toBe("Solide");
  });

  it("CSRF: a write without the token is refused", async () => {
    const c = await signedIn(t.app, { host: p.host }, "alice");
    const r = await c.request("PUT", `${abase()}/${itemId}/submission`, { revision: 0 }, { "x-csrf-token": "forged" });
    expect(r.status).toBe(403);
    expect(r.body.error.code).toBe("csrf");
  });

  it("an assignment added through the course editor gets default settings", async () => {
    const r = await teacher.post(`/api/v1/courses/${courseId}/items`, { sectionId, kind: "assignment", title: "Exposé" });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const v = await teacher.get(`${abase()}/${r.body.id}`);
    expect(v.status).toBe(200);
    expect(v.body.settings).toMatchObject({ onlineText: true, maxScore: 20, groupMode: false });
    // a page is not an assignment
    const page = await teacher.post(`/api/v1/courses/${courseId}/items`, { sectionId, kind: "page", title: "Notes", body: doc("x") });
    expect((await teacher.get(`${abase()}/${page.body.id}`)).status).toBe(404);
  });
});

describe("OpenAPI", () => {
  it("documents the groups and assignments operations", async () => {
    const r = await teacher.get("/api/openapi.json");
    expect(r.status).toBe(200);
    expect(r.body.paths["/api/v1/courses/{courseId}/groups/csv"]?.post ?? r.body.paths["/api/v1/courses/:courseId/groups/csv"]?.post).toBeTruthy();
    const paths = Object.keys(r.body.paths).filter((k) => k.includes("/assignments"));
    expect(paths.length).toBeGreaterThanOrEqual(8);
  });
});

describe("demo", () => {
  it("a group assignment graded with a rubric and released: every member of each team sees their team's feedback", async () => {
    const c = await makeCourse(p.tenantId, p.rootOrgId, [], ids);
    await loadAssignmentDemo(t.k, { tenantId: p.tenantId, courseId: c.id, teacherId: null, learnerIds: ids });
    const item = await t.k.db
      .selectFrom("course_items")
      .select("id")
      .where("tenant_id", "=", p.tenantId)
      .where("course_id", "=", c.id)
      .where("kind", "=", "assignment")
      .executeTakeFirstOrThrow();
    const seen = new Map<string, number>();
    for (const [i, cl] of L.entries()) {
      const v = (await cl.get(`/api/v1/courses/${c.id}/assignments/${item.id}`)).body;
      expect(v.settings.rubric.kind).toBe("rubric");
      expect(v.mine.status, `learner ${i}`).toBe("submitted");
      expect(v.mine.feedback.score).toBeGreaterThan(0);
      expect(Object.keys(v.mine.feedback.rubricFill).sort()).toEqual(["clarity", "method", "teamwork"]);
      seen.set(v.mine.group.id, v.mine.feedback.score);
    }
    expect(seen.size).toBe(2);
  });
});
