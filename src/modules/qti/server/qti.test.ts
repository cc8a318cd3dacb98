import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { scoreResponse } from "../../questions/server/api.ts";
import { QuestionDefinition } from "../../questions/shared/types.ts";

/** A multipart body with one `file` part, as a browser sends it. */
function form(name: string, data: Buffer | string) {
  const boundary = `----qti${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let learner: Client;
let courseId: string;
let sectionId: string;
let catId: string;
let cat2: string;

const upload = (c: Client, categoryId: string, name: string, data: Buffer | string, dryRun: boolean) => {
  const f = form(name, data);
  return c.request("POST", `/api/v1/question-categories/${categoryId}/qti-import?dryRun=${dryRun}`, f.payload, f.headers);
};
/** A binary download with the client's cookies (the JSON client would decode it as text). */
const download = async (c: Client, url: string) => {
  const res = await t.app.inject({
    method: "GET",
    url,
    headers: { host: p.host, "accept-language": "en", cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
  });
  return { status: res.statusCode, raw: res.rawPayload, headers: res.headers, json: () => JSON.parse(res.body) };
};

const defs = [
  {
    type: "single",
    stem: "Capital of France?",
    options: [
      { id: "a", text: "Paris", fraction: 1 },
      { id: "b", text: "Lyon", fraction: 0 },
    ],
  },
  {
    type: "multiple",
    stem: "Gases?",
    options: [
      { id: "h", text: "Hydrogen", correct: true },
      { id: "f", text: "Iron", correct: false },
      { id: "o", text: "Oxygen", correct: true },
    ],
  },
  { type: "numeric", stem: "g in m/s²?", answers: [{ value: 9.81, tolerance: 0.05, fraction: 1 }] },
  { type: "short", stem: "Author of Les Misérables?", answers: [{ pattern: "*Hugo", fraction: 1 }] },
  { type: "essay", stem: "Tell us about your holidays." },
];

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "qti");
  const tu = await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  const lu = await makeUser(t.k, p.tenantId, p.rootOrgId, "eleve");
  courseId = newId();
  sectionId = newId();
  await t.k.db.insertInto("courses").values({ tenant_id: p.tenantId, id: courseId, org_id: p.rootOrgId, title: "Physique", status: "published" }).execute();
  await t.k.db.insertInto("course_sections").values({ tenant_id: p.tenantId, id: sectionId, course_id: courseId, position: 0, title: "Évaluations" }).execute();
  await t.k.db
    .insertInto("course_members")
    .values([
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: tu.id, role: "teacher" },
      { tenant_id: p.tenantId, id: newId(), course_id: courseId, user_id: lu.id, role: "learner" },
    ])
    .execute();
  teacher = await signedIn(t.app, { host: p.host, lang: "en" }, "prof");
  learner = await signedIn(t.app, { host: p.host, lang: "en" }, "eleve");
  const c1 = await teacher.post("/api/v1/question-categories", { courseId, name: "Source" });
  const c2 = await teacher.post("/api/v1/question-categories", { courseId, name: "Imported" });
  catId = c1.body.id;
  cat2 = c2.body.id;
  for (const d of defs) expect((await teacher.post(`/api/v1/question-categories/${catId}/questions`, { points: 2, definition: d })).status).toBe(200);
});
afterAll(() => t.close());

describe("QTI export and import through the API", () => {
  it("exports a category as a content package, and imports it back with the same scoring", async () => {
    const zip = await download(teacher, `/api/v1/question-categories/${catId}/qti-export.zip`);
    expect(zip.status).toBe(200);
    expect(zip.headers["content-type"]).toBe("application/zip");
    expect(zip.headers["content-disposition"]).toMatch(/Source-qti3\.zip/);
    const files = unzipSync(new Uint8Array(zip.raw));
    expect(Object.keys(files).filter((f) => f.startsWith("items/"))).toHaveLength(5);
    expect(new TextDecoder().decode(files["imsmanifest.xml"])).toContain('type="imsqti_item_xmlv3p0"');

    const dry = await upload(teacher, cat2, "Source-qti3.zip", Buffer.from(zip.raw), true);
    expect(dry.status, JSON.stringify(dry.body)).toBe(200);
    expect(dry.body.dryRun).toBe(true);
    expect(dry.body.found).toBe(5);
    expect(dry.body.items.flatMap((i: { questions: unknown[] }) => i.questions)).toHaveLength(5);
    // a dry run writes nothing
    expect((await teacher.get(`/api/v1/question-categories/${cat2}/questions`)).body.items).toHaveLength(0);

    const real = await upload(teacher, cat2, "Source-qti3.zip", Buffer.from(zip.raw), false);
    expect(real.status, JSON.stringify(real.body)).toBe(200);
    expect(real.body.imported).toBe(5);
    const list = (await teacher.get(`/api/v1/question-categories/${cat2}/questions`)).body.items as {
      id: string;
      type: string;
      points: number;
      tags: string[];
    }[];
    expect(list.map((q) => q.type).sort()).toEqual(["essay", "multiple", "numeric", "short", "single"]);
    expect(list.every((q) => q.points === 2 && q.tags.includes("qti"))).toBe(true);
    const numeric = list.find((q) => q.type === "numeric")!;
    const def = QuestionDefinition.parse((await teacher.get(`/api/v1/questions/${numeric.id}`)).body.definition);
    expect(scoreResponse(def, { type: "numeric", text: "9.85" }).fraction).toBe(1);
    expect(scoreResponse(def, { type: "numeric", text: "9.9" }).fraction).toBe(0);
  });

  it("exports a selection, and refuses ids from elsewhere or none", async () => {
    const list = (await teacher.get(`/api/v1/question-categories/${catId}/questions`)).body.items as { id: string }[];
    const zip = await download(teacher, `/api/v1/question-categories/${catId}/qti-export.zip?ids=${list[0].id},${list[1].id}`);
    expect(zip.status).toBe(200);
    expect(Object.keys(unzipSync(new Uint8Array(zip.raw))).filter((f) => f.startsWith("items/"))).toHaveLength(2);
    const none = await download(teacher, `/api/v1/question-categories/${catId}/qti-export.zip?ids=${newId()}`);
    expect(none.status).toBe(422);
    expect(none.json().error.code).toBe("qti.nothing_to_export");
    const bad = await download(teacher, `/api/v1/question-categories/${catId}/qti-export.zip?ids=nope`);
    expect(bad.status).toBe(422);
  });

  it("exports a quiz as an assessment test", async () => {
    const quiz = await teacher.post(`/api/v1/courses/${courseId}/quizzes`, { sectionId, title: "Contrôle 1" });
    expect(quiz.status, JSON.stringify(quiz.body)).toBe(200);
    const list = (await teacher.get(`/api/v1/question-categories/${catId}/questions`)).body.items as { versionId: string }[];
    const slots = await teacher.put(`/api/v1/courses/${courseId}/quizzes/${quiz.body.itemId}/slots`, {
      slots: [
        { versionId: list[0].versionId, page: 1 },
        { versionId: list[1].versionId, page: 1 },
        { categoryId: cat2, page: 2 },
      ],
    });
    expect(slots.status, JSON.stringify(slots.body)).toBe(200);
    const zip = await download(teacher, `/api/v1/courses/${courseId}/quizzes/${quiz.body.itemId}/qti-export.zip`);
    expect(zip.status).toBe(200);
    const files = unzipSync(new Uint8Array(zip.raw));
    const test = new TextDecoder().decode(files["assessment.xml"]);
    expect(test).toContain("<qti-assessment-test");
    expect(test.match(/<qti-assessment-section /g)).toHaveLength(2);
    expect(test).toContain('<qti-selection select="1"/>');
    // the package reads back: the test is named, its items imported
    const back = await upload(teacher, cat2, "quiz.zip", Buffer.from(zip.raw), true);
    expect(back.body.notes.map((n: { code: string }) => n.code)).toContain("test_found");
    expect(back.body.found).toBe(7);
    // learners cannot export
    expect((await download(learner, `/api/v1/courses/${courseId}/quizzes/${quiz.body.itemId}/qti-export.zip`)).status).toBe(403);
  });

  it("reports unsupported interactions instead of dropping them, and imports nothing when nothing is importable", async () => {
    const hotspot = `<?xml version="1.0"?><qti-assessment-item xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="hs" title="Where">
<qti-response-declaration identifier="RESPONSE" cardinality="single" base-type="identifier"><qti-correct-response><qti-value>A</qti-value></qti-correct-response></qti-response-declaration>
<qti-item-body><qti-hotspot-interaction response-identifier="RESPONSE" max-choices="1"><img src="map.png" alt="map"/><qti-hotspot-choice identifier="A" shape="circle" coords="1,1,1"/></qti-hotspot-interaction></qti-item-body>
<qti-response-processing template="https://purl.imsglobal.org/spec/qti/v3p0/rptemplates/match_correct.xml"/></qti-assessment-item>`;
    const dry = await upload(teacher, cat2, "hs.xml", hotspot, true);
    expect(dry.status).toBe(200);
    expect(dry.body.items[0].interactions[0]).toMatchObject({ interaction: "hotspotInteraction", status: "not_imported" });
    expect(dry.body.items[0].interactions[0].notes[0].message).toBe("Unsupported interaction (hotspotInteraction).");
    expect(dry.body.counts).toEqual({ hotspotInteraction: { imported: 0, notImported: 1 } });
    const real = await upload(teacher, cat2, "hs.xml", hotspot, false);
    expect(real.status).toBe(422);
    expect(real.body.error.code).toBe("qti.nothing_to_import");
    expect(real.body.error.details.items).toHaveLength(1);
  });

  it("bad uploads are clear 4xx errors; only the bank's editors may import", async () => {
    const junk = await upload(teacher, cat2, "x.bin", Buffer.from([1, 2, 3, 4]), true);
    expect(junk.status).toBe(422);
    expect(junk.body.error.code).toBe("qti.unreadable");
    const brokenZip = await upload(teacher, cat2, "x.zip", Buffer.from("PK\u0003\u0004garbage"), true);
    expect(brokenZip.status).toBe(422);
    const badXml = await upload(teacher, cat2, "x.xml", "<qti-assessment-item><oops></qti-assessment-item>", true);
    expect(badXml.status).toBe(200);
    expect(badXml.body.notes[0].code).toBe("xml_invalid");
    const noFile = await teacher.request("POST", `/api/v1/question-categories/${cat2}/qti-import`, {});
    expect(noFile.status).toBe(422);
    expect((await upload(learner, cat2, "x.xml", "<a/>", true)).status).toBe(404);
    expect((await download(learner, `/api/v1/question-categories/${catId}/qti-export.zip`)).status).toBe(404);
  });

  it("records imported and exported events", async () => {
    await t.k.events.flush();
    const rows = await t.k.db
      .selectFrom("events")
      .select(["verb", "object_type"])
      .where("tenant_id", "=", p.tenantId)
      .where("verb", "in", ["imported", "exported"])
      .execute();
    expect(rows.some((r) => r.verb === "imported" && r.object_type === "question_category")).toBe(true);
    expect(rows.some((r) => r.verb === "exported" && r.object_type === "question_category")).toBe(true);
    expect(rows.some((r) => r.verb === "exported" && r.object_type === "quiz")).toBe(true);
  });
});
