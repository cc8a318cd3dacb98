import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, rootOf } from "../../../../test/factories.ts";
import { type Client, countQueries, countSteady, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { drawFromCategory, getVersions, latestVersions, markVersionsUsed, scoreResponse, toPublic } from "./api.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let assistant: Client;
let learner: Client;
let deptTeacher: Client;
let admin: Client;
let otherAdmin: Client;
let courseId: string;
let dept: { id: string; path: string };
let catId: string;

const mcq = (stem = "Capitale de la France ?") => ({
  points: 2,
  tags: ["géographie", "europe"],
  definition: {
    type: "single",
    stem,
    options: [
      { id: "a1", text: "Paris", fraction: 1 },
      { id: "b2", text: "Lyon", fraction: 0 },
    ],
  },
});

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "bank");
  other = await makePlatform(t.k, "elsewhere");
  dept = await makeOrg(t.k, p.tenantId, rootOf(p), "Lettres");
  const tu = await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  const au = await makeUser(t.k, p.tenantId, p.rootOrgId, "assist", "teacher");
  const lu = await makeUser(t.k, p.tenantId, p.rootOrgId, "eleve");
  await makeUser(t.k, p.tenantId, dept.id, "deptprof", "teacher");
  courseId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: dept.id, title: "Français", status: "published" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: tu.id, role: "teacher" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: au.id, role: "assistant" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: lu.id, role: "learner" },
    ])
    .execute();
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  assistant = await signedIn(t.app, { host: p.host }, "assist");
  learner = await signedIn(t.app, { host: p.host }, "eleve");
  deptTeacher = await signedIn(t.app, { host: p.host }, "deptprof");
  admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
  otherAdmin = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(() => t.close());

describe("banks and categories", () => {
  it("gives a course's editor its bank with a first category, and the banks of the nodes above", async () => {
    const r = await teacher.get(`/api/v1/courses/${courseId}/question-banks`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.canEdit).toBe(true);
    expect(r.body.banks[0]).toMatchObject({ kind: "course", ownerId: courseId, canEdit: true, categories: [{ name: "Par défaut", questionCount: 0 }] });
    catId = r.body.banks[0].categories[0].id;
    // the department's bank shows once it holds categories; the platform's, which this teacher
    // (placed at the root) may fill, shows at once
    expect(r.body.banks.map((b: { kind: string; canEdit: boolean }) => [b.kind, b.canEdit])).toEqual([
      ["course", true],
      ["org", true],
    ]);
  });
  it("shares an organisation's bank down the tree", async () => {
    const forbidden = await teacher.post("/api/v1/question-categories", { orgId: dept.id, name: "Grammaire" });
    expect(forbidden.status).toBe(403);
    const c = await deptTeacher.post("/api/v1/question-categories", { orgId: dept.id, name: "Grammaire" });
    expect(c.status, JSON.stringify(c.body)).toBe(200);
    const rootCat = await admin.post("/api/v1/question-categories", { orgId: p.rootOrgId, name: "Commun" });
    expect(rootCat.status).toBe(200);
    const q = await deptTeacher.post(`/api/v1/question-categories/${c.body.id}/questions`, mcq("Nature de « vite » ?"));
    expect(q.status, JSON.stringify(q.body)).toBe(200);
    const r = await teacher.get(`/api/v1/courses/${courseId}/question-banks`);
    expect(r.body.banks.map((b: { kind: string; name: string; canEdit: boolean }) => [b.kind, b.name, b.canEdit])).toEqual([
      ["course", "Français", true],
      ["org", "Lettres", false],
      ["org", "Plateforme bank", true],
    ]);
    // the course's teacher reads the department's questions (an editor of a course below it)
    const list = await teacher.get(`/api/v1/question-categories/${c.body.id}/questions`);
    expect(list.status).toBe(200);
    expect(list.body.items).toHaveLength(1);
    expect(list.body.canEdit).toBe(false);
    // a learner of the course does not
    expect((await learner.get(`/api/v1/question-categories/${c.body.id}/questions`)).status).toBe(404);
    // nor another platform
    expect((await otherAdmin.get(`/api/v1/question-categories/${c.body.id}/questions`)).status).toBe(404);
  });
  it("nests categories, refuses cycles and deleting a category that holds questions", async () => {
    const sub = await teacher.post("/api/v1/question-categories", { courseId, parentId: catId, name: "Chapitre 1" });
    expect(sub.status).toBe(200);
    const cycle = await teacher.patch(`/api/v1/question-categories/${catId}`, { parentId: sub.body.id });
    expect(cycle.status).toBe(422);
    expect(cycle.body.error.fields.parentId).toBeTruthy();
    expect((await teacher.del(`/api/v1/question-categories/${catId}`)).status).toBe(409);
    expect((await teacher.del(`/api/v1/question-categories/${sub.body.id}`)).status).toBe(200);
  });
  it("lists the banks in a bounded number of statements, however many categories", async () => {
    const first = await countSteady(() => teacher.get(`/api/v1/courses/${courseId}/question-banks`));
    for (let i = 0; i < 5; i++) await teacher.post("/api/v1/question-categories", { courseId, name: `Chapitre ${i + 2}` });
    const more = await countSteady(() => teacher.get(`/api/v1/courses/${courseId}/question-banks`));
    expect(more.result.body.banks[0].categories.length).toBeGreaterThanOrEqual(6);
    expect(more.count).toBe(first.count);
    expect(more.count).toBeLessThanOrEqual(5);
  });
  it("keeps learners and assistants out of changes", async () => {
    expect((await learner.get(`/api/v1/courses/${courseId}/question-banks`)).status).toBe(403);
    expect((await assistant.get(`/api/v1/courses/${courseId}/question-banks`)).status).toBe(200);
    expect((await assistant.post(`/api/v1/question-categories/${catId}/questions`, mcq())).status).toBe(403);
  });
});

describe("questions", () => {
  let qid: string;
  it("creates a question with tags, and refuses one that cannot get full marks, with field errors", async () => {
    const r = await teacher.post(`/api/v1/question-categories/${catId}/questions`, mcq());
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({
      name: "Capitale de la France ?",
      type: "single",
      version: 1,
      points: 2,
      tags: ["europe", "géographie"],
      used: false,
      canEdit: true,
    });
    qid = r.body.id;
    const bad = await teacher.post(`/api/v1/question-categories/${catId}/questions`, {
      definition: {
        type: "single",
        stem: "?",
        options: [
          { id: "a", text: "A", fraction: 0 },
          { id: "a", text: "B", fraction: 0.5 },
        ],
      },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields["definition.options"]).toMatch(/./);
    const zod = await teacher.post(`/api/v1/question-categories/${catId}/questions`, { definition: { type: "single", stem: "", options: [] } });
    expect(zod.status).toBe(422);
    expect(Object.keys(zod.body.error.fields)).toEqual(expect.arrayContaining(["definition.stem", "definition.options"]));
    const unknownType = await teacher.post(`/api/v1/question-categories/${catId}/questions`, { definition: { type: "hotspot", stem: "?" } });
    expect(unknownType.status).toBe(422);
  });
  it("lists and filters by tag, type and words in few queries", async () => {
    await teacher.post(`/api/v1/question-categories/${catId}/questions`, {
      definition: { type: "truefalse", stem: "Le Rhin passe à Strasbourg.", correct: true },
      tags: ["fleuves"],
    });
    const { count, result } = await countQueries(() => teacher.get(`/api/v1/question-categories/${catId}/questions`));
    expect(result.body.items).toHaveLength(2);
    expect(result.body.tags).toEqual(["europe", "fleuves", "géographie"]);
    expect(count).toBeLessThanOrEqual(6);
    expect((await teacher.get(`/api/v1/question-categories/${catId}/questions?tag=fleuves`)).body.items).toHaveLength(1);
    expect((await teacher.get(`/api/v1/question-categories/${catId}/questions?type=single`)).body.items).toHaveLength(1);
    expect((await teacher.get(`/api/v1/question-categories/${catId}/questions?q=capitale`)).body.items).toHaveLength(1);
  });
  it("corrects an unused version in place, and makes a new version once learners were given it", async () => {
    const edit = (stem: string) => teacher.put(`/api/v1/questions/${qid}`, mcq(stem));
    const r1 = await edit("Capitale de la France ?!");
    expect(r1.body.version).toBe(1);
    const v1 = r1.body.versionId;
    await markVersionsUsed(t.k.db, p.tenantId, [v1]);
    const r2 = await edit("Quelle est la capitale de la France ?");
    expect(r2.status).toBe(200);
    expect(r2.body).toMatchObject({ version: 2, used: false });
    const old = await getVersions(t.k.db, p.tenantId, [v1, r2.body.versionId]);
    expect(old.get(v1)!.definition.stem).toBe("Capitale de la France ?!");
    expect(old.get(r2.body.versionId)!.version).toBe(2);
    expect((await latestVersions(t.k.db, p.tenantId, [qid])).get(qid)!.id).toBe(r2.body.versionId);
    const history = await teacher.get(`/api/v1/questions/${qid}/versions`);
    expect(history.body.items.map((v: { version: number; used: boolean; stem: string }) => [v.version, v.used, v.stem])).toEqual([
      [2, false, "Quelle est la capitale de la France ?"],
      [1, true, "Capitale de la France ?!"],
    ]);
    expect((await learner.get(`/api/v1/questions/${qid}/versions`)).status).toBe(404);
    // saving the same definition again makes no version
    await markVersionsUsed(t.k.db, p.tenantId, [r2.body.versionId]);
    expect((await edit("Quelle est la capitale de la France ?")).body.version).toBe(2);
    const ev = await t.k.events
      .flush()
      .then(() => t.k.db.selectFrom("events").select(["verb"]).where("tenant_id", "=", p.tenantId).where("object_id", "=", qid).execute());
    expect(ev.map((e) => e.verb)).toEqual(expect.arrayContaining(["created", "updated"]));
  });
  it("duplicates and deletes; a deleted question leaves lists and draws but keeps its versions", async () => {
    const d = await teacher.post(`/api/v1/questions/${qid}/duplicate`);
    expect(d.status).toBe(200);
    expect(d.body.name).toMatch(/Copie de|copie/i);
    expect(d.body.id).not.toBe(qid);
    const drawn = await drawFromCategory(t.k.db, p.tenantId, catId, 10, "seed");
    expect(drawn.length).toBe(3);
    expect(await drawFromCategory(t.k.db, p.tenantId, catId, 2, "seed")).toEqual(drawn.slice(0, 2));
    expect((await teacher.del(`/api/v1/questions/${d.body.id}`)).status).toBe(200);
    expect((await teacher.get(`/api/v1/questions/${d.body.id}`)).status).toBe(404);
    expect((await drawFromCategory(t.k.db, p.tenantId, catId, 10, "seed")).length).toBe(2);
  });
  it("previews a question being written and scores a trial answer", async () => {
    const r = await teacher.post(`/api/v1/courses/${courseId}/question-preview`, {
      definition: { type: "math", stem: "Développer \\(2(x+1)\\)", answer: "2x+2" },
      response: { type: "math", latex: "2+2x" },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.question).toMatchObject({ type: "math", stem: "Développer \\(2(x+1)\\)" });
    expect(r.body.result).toMatchObject({ fraction: 1, state: "correct" });
    const bad = await teacher.post(`/api/v1/courses/${courseId}/question-preview`, { definition: { type: "math", stem: "?", answer: "\\frac{" } });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields["definition.answer"]).toBeTruthy();
    expect((await learner.post(`/api/v1/courses/${courseId}/question-preview`, { definition: mcq().definition })).status).toBe(403);
  });
});

describe("API for quizzes", () => {
  it("gives public views without answers and scores stored versions", async () => {
    const [v] = await drawFromCategory(t.k.db, p.tenantId, catId, 1, "x");
    const pub = toPublic(v, "attempt-1");
    expect(JSON.stringify(pub)).not.toContain("fraction");
    expect(scoreResponse(v.definition, null).fraction).toBe(0);
  });
});

const GIFT = `// Géographie
::Capitale::Quelle est la capitale de l'Italie ? {=Rome#Oui ~Milan#Non ~Naples}

Le Rhône se jette dans la Méditerranée. {T#Si!#Exact}

::Premiers::Nombres premiers ? {
  ~%50%2
  ~%50%3
  ~%-100%4
}

Qui a écrit Candide ? {=Voltaire =%50%*taire}

Combien font 2+2 ? {#4:0}

Associez. {=chat -> miaou =chien -> ouaf =vache -> meuh}

Le chat {=dort ~mange} sur le canapé.

Racontez vos vacances. {}

Développez \\(2(x+1)\\). {MATH: 2x+2}

Rangez. {ORDER: un | deux | trois}
`;

describe("GIFT import", () => {
  let giftCat: string;
  beforeAll(async () => {
    giftCat = (await teacher.post("/api/v1/question-categories", { courseId, name: "Import GIFT" })).body.id;
  });
  it("imports every kind of question in one go", async () => {
    const r = await teacher.post(`/api/v1/question-categories/${giftCat}/import`, { format: "gift", text: GIFT });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.imported).toBe(10);
    expect(r.body.questions.map((q: { type: string }) => q.type)).toEqual([
      "single",
      "truefalse",
      "multiple",
      "short",
      "numeric",
      "matching",
      "cloze",
      "essay",
      "math",
      "ordering",
    ]);
    expect(r.body.questions[0]).toMatchObject({ name: "Capitale", line: 2 });
    expect(r.body.questions[2].line).toBe(6);
    const list = await teacher.get(`/api/v1/question-categories/${giftCat}/questions`);
    expect(list.body.items).toHaveLength(10);
    const multiple = list.body.items.find((q: { type: string }) => q.type === "multiple");
    const detail = (await teacher.get(`/api/v1/questions/${multiple.id}`)).body;
    const [two, three, four] = detail.definition.options;
    expect(scoreResponse(detail.definition, { type: "multiple", optionIds: [two.id, three.id] }).fraction).toBe(1);
    expect(scoreResponse(detail.definition, { type: "multiple", optionIds: [two.id, four.id] }).fraction).toBe(0);
    const tf = (await teacher.get(`/api/v1/questions/${list.body.items.find((q: { type: string }) => q.type === "truefalse").id}`)).body.definition;
    expect(tf).toMatchObject({ correct: true, trueFeedback: "Exact", falseFeedback: "Si!" });
  });
  it("imports nothing while a question has a problem, and names each problem's line", async () => {
    const text = "Bonne question ? {=oui ~non}\n\nSans réponses juste\n\nQuestion {=a ~b\n\n// fin\nNombre ? {#abc}\n";
    const r = await teacher.post(`/api/v1/question-categories/${catId}/import`, { format: "gift", text });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("questions.import_failed");
    const lines = r.body.error.details.problems.map((x: { line: number; code: string }) => `${x.line}:${x.code}`);
    expect(lines).toEqual(["3:gift_no_answers", "5:gift_unclosed", "8:gift_bad_number"]);
    expect(r.body.error.details.problems[0].message).toMatch(/\S/);
    const before = (await teacher.get(`/api/v1/question-categories/${catId}/questions`)).body.items.length;
    expect(before).toBe(2);
    const dry = await teacher.post(`/api/v1/question-categories/${catId}/import`, { format: "gift", text: "A ? {=oui ~non}\n\nB ? {#x}\n", dryRun: true });
    expect(dry.status).toBe(200);
    expect(dry.body).toMatchObject({ found: 2, imported: 0, problems: [{ line: 3, code: "gift_bad_number", question: 2 }] });
    const skip = await teacher.post(`/api/v1/question-categories/${catId}/import`, {
      format: "gift",
      text: "A ? {=oui ~non}\n\nB ? {#x}\n",
      skipInvalid: true,
    });
    expect(skip.body.imported).toBe(1);
  });
  it("reports semantic problems like the editor (no right answer)", async () => {
    const r = await teacher.post(`/api/v1/question-categories/${catId}/import`, { format: "gift", text: "Q ? {~a ~b}\n", dryRun: true });
    expect(r.body.problems[0]).toMatchObject({ line: 1, level: "error" });
  });
});

const XML = `<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/Défaut</text></category></question>
  <question type="multichoice">
    <name><text>Fleuve</text></name>
    <questiontext format="html"><text><![CDATA[<p>Quel fleuve passe à <b>Paris</b> ?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>La Seine.</text></generalfeedback>
    <defaultgrade>2</defaultgrade>
    <single>true</single>
    <shuffleanswers>1</shuffleanswers>
    <answer fraction="100" format="html"><text>La Seine</text><feedback><text>Oui</text></feedback></answer>
    <answer fraction="0" format="html"><text>La Loire</text></answer>
    <tags><tag><text>fleuves</text></tag></tags>
  </question>
  <question type="numerical">
    <name><text>Longueur</text></name>
    <questiontext format="html"><text>Longueur ?</text></questiontext>
    <answer fraction="100"><text>1.5</text><tolerance>0.01</tolerance></answer>
    <units><unit><multiplier>1</multiplier><unit_name>m</unit_name></unit><unit><multiplier>100</multiplier><unit_name>cm</unit_name></unit></units>
    <unitpenalty>0.2</unitpenalty>
  </question>
  <question type="multianswer">
    <name><text>Trous</text></name>
    <questiontext format="html"><text><![CDATA[<p>Le {1:SHORTANSWER:=chat} dort sur le {2:MULTICHOICE:=canapé~plafond}.</p>]]></text></questiontext>
  </question>
  <question type="calculated">
    <name><text>Calculée</text></name>
    <questiontext format="html"><text>{a} + {b} ?</text></questiontext>
  </question>
</quiz>`;

describe("Moodle XML import", () => {
  it("reports unsupported types by line and imports nothing, then imports the rest when asked", async () => {
    const cat = (await teacher.post("/api/v1/question-categories", { courseId, name: "Import Moodle" })).body.id;
    const r = await teacher.post(`/api/v1/question-categories/${cat}/import`, { format: "moodlexml", text: XML });
    expect(r.status).toBe(422);
    expect(r.body.error.details.problems).toEqual([
      expect.objectContaining({
        line: XML.slice(0, XML.indexOf('<question type="calculated"')).split("\n").length,
        code: "xml_unsupported_type",
        level: "error",
        question: 4,
      }),
    ]);
    expect(r.body.error.details.problems[0].message).toContain("calculated");
    const ok = await teacher.post(`/api/v1/question-categories/${cat}/import`, { format: "moodlexml", text: XML, skipInvalid: true });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.imported).toBe(3);
    const items = (await teacher.get(`/api/v1/question-categories/${cat}/questions`)).body.items;
    const fleuve = items.find((q: { name: string }) => q.name === "Fleuve");
    expect(fleuve).toMatchObject({ type: "single", points: 2, tags: ["fleuves"] });
    const def = (await teacher.get(`/api/v1/questions/${fleuve.id}`)).body.definition;
    expect(def.stem).toBe("Quel fleuve passe à Paris ?");
    const trous = (await teacher.get(`/api/v1/questions/${items.find((q: { name: string }) => q.name === "Trous").id}`)).body.definition;
    expect(scoreResponse(trous, { type: "cloze", gaps: { "1": "Chat", "2": "canapé" } }).fraction).toBe(1);
    const len = (await teacher.get(`/api/v1/questions/${items.find((q: { name: string }) => q.name === "Longueur").id}`)).body.definition;
    expect(scoreResponse(len, { type: "numeric", text: "150 cm" }).fraction).toBe(1);
  });
  it("says where malformed XML breaks", async () => {
    const r = await teacher.post(`/api/v1/question-categories/${catId}/import`, { format: "moodlexml", text: "<quiz>\n<question type='x'>\n</quiz>" });
    expect(r.status).toBe(422);
    expect(r.body.error.details.problems[0]).toMatchObject({ code: "xml_invalid", line: 3 });
  });
});
