import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform, makeUser } from "../../../../test/factories.ts";
import { type Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";
import type { UserActor } from "../../../kernel/auth/actor.ts";
import { assertUsableFile } from "../../../kernel/files/index.ts";
import { newId } from "../../../kernel/ids.ts";

/** A multipart body with one `file` part, as a browser sends it. */
function form(name: string, data: Buffer | string, type = "application/octet-stream", field = "file") {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${name.replace(/"/g, "%22")}"\r\nContent-Type: ${type}\r\n\r\n`),
    Buffer.isBuffer(data) ? data : Buffer.from(data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const upload = (c: Client, purpose: string, name: string, data: Buffer | string, type?: string) => {
  const f = form(name, data, type);
  return c.request("POST", `/api/v1/files?purpose=${purpose}`, f.payload, f.headers);
};

/** Bytes file-type recognises: a PDF, an MP4 (ftyp isom box), a PNG signature with its header chunk. */
const PDF = (n = 1000) => Buffer.concat([Buffer.from("%PDF-1.4\n%âãÏÓ\n"), Buffer.alloc(n, 0x20), Buffer.from("\n%%EOF\n")]);
const MP4 = (n: number) => {
  const b = Buffer.alloc(n);
  Buffer.from("000000186674797069736f6d0000020069736f6d69736f32", "hex").copy(b);
  for (let i = 24; i < n; i++) b[i] = (i * 7919) & 255;
  return b;
};
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000a49444154789c6300010000050001", "hex");
const EXE = Buffer.concat([Buffer.from("MZ"), Buffer.alloc(62), Buffer.from("PE\0\0"), Buffer.alloc(200)]);
const VTT = "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\nBonjour\n";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let other: Awaited<ReturnType<typeof makePlatform>>;
let teacher: Client;
let learner: Client;
let stranger: Client;
let outsider: Client;
let learnerId: string;

const counts = async () => ({
  files: Number(
    (
      await t.k.db
        .selectFrom("files")
        .select((e) => e.fn.countAll().as("n"))
        .where("tenant_id", "=", p.tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  ),
  chunks: Number(
    (
      await t.k.db
        .selectFrom("file_chunks")
        .select((e) => e.fn.countAll().as("n"))
        .where("tenant_id", "=", p.tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  ),
});

/** A published course on the platform root with one section and one item referencing files. */
async function courseWith(item: { kind: "file" | "video"; fileId: string; captionsFileId?: string }, opts: { status?: "draft" | "published" } = {}) {
  const db = t.k.db;
  const tenant_id = p.tenantId;
  const courseId = newId();
  const sectionId = newId();
  const itemId = newId();
  await db
    .insertInto("courses")
    .values({ tenant_id, id: courseId, org_id: p.rootOrgId, title: "Optique", status: opts.status ?? "published" })
    .execute();
  await db.insertInto("course_members").values({ tenant_id, id: newId(), course_id: courseId, user_id: learnerId, role: "learner" }).execute();
  await db.insertInto("course_sections").values({ tenant_id, id: sectionId, course_id: courseId, position: 0, title: "Lumière" }).execute();
  await db
    .insertInto("course_items")
    .values({
      tenant_id,
      id: itemId,
      course_id: courseId,
      section_id: sectionId,
      position: 0,
      kind: item.kind,
      title: "Réfraction",
      file_id: item.fileId,
      captions_file_id: item.captionsFileId ?? null,
    })
    .execute();
  return { courseId, itemId };
}

beforeAll(async () => {
  t = await testApp({ UPLOAD_MAX_MB: "1" });
  p = await makePlatform(t.k, "fichiers");
  other = await makePlatform(t.k, "ailleurs");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "prof", "teacher");
  learnerId = (await makeUser(t.k, p.tenantId, p.rootOrgId, "eleve", "learner")).id;
  await makeUser(t.k, p.tenantId, p.rootOrgId, "autre", "learner");
  teacher = await signedIn(t.app, { host: p.host }, "prof");
  learner = await signedIn(t.app, { host: p.host }, "eleve");
  stranger = await signedIn(t.app, { host: p.host }, "autre");
  outsider = await signedIn(t.app, { host: other.host }, other.adminLogin);
});
afterAll(() => t.close());

describe("upload", () => {
  it("stores a PDF in chunks and gives it back with safe headers", async () => {
    const data = PDF(600_000);
    const r = await upload(teacher, "document", "Cours n°1 — été.pdf", data, "application/pdf");
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body).toMatchObject({ name: "Cours n°1 — été.pdf", size: data.length, mime: "application/pdf", purpose: "document" });
    const chunks = await t.k.db.selectFrom("file_chunks").select("n").where("tenant_id", "=", p.tenantId).where("file_id", "=", r.body.id).execute();
    expect(chunks.map((c) => c.n)).toEqual([0, 1, 2]);
    const d = await teacher.get(`/api/v1/files/${r.body.id}`);
    expect(d.status).toBe(200);
    expect(Buffer.from(d.body as string, "latin1").length).toBeGreaterThan(0);
    const raw = await t.app.inject({
      method: "GET",
      url: `/api/v1/files/${r.body.id}`,
      headers: { host: p.host, cookie: [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(raw.rawPayload.equals(data)).toBe(true);
    expect(raw.headers["content-type"]).toBe("application/pdf");
    expect(raw.headers["x-content-type-options"]).toBe("nosniff");
    expect(raw.headers["content-disposition"]).toBe(
      `attachment; filename="Cours n_1 _ ete.pdf"; filename*=UTF-8''Cours%20n%C2%B01%20%E2%80%94%20%C3%A9t%C3%A9.pdf`,
    );
    expect(raw.headers["accept-ranges"]).toBe("bytes");
    expect(raw.headers.etag).toMatch(/^"[0-9a-f]{64}"$/);
    const again = await t.app.inject({
      method: "GET",
      url: `/api/v1/files/${r.body.id}`,
      headers: { host: p.host, "if-none-match": String(raw.headers.etag), cookie: [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join("; ") },
    });
    expect(again.statusCode).toBe(304);
  });

  it("accepts text, a video inline and WebVTT captions", async () => {
    const txt = await upload(teacher, "document", "notes.txt", "Des notes\n");
    expect(txt.body).toMatchObject({ mime: "text/plain; charset=utf-8" });
    const vid = await upload(teacher, "video", "clip.mp4", MP4(300_000), "video/mp4");
    expect(vid.body).toMatchObject({ mime: "video/mp4", size: 300_000 });
    const r = await teacher.get(`/api/v1/files/${vid.body.id}`);
    expect(r.headers["content-disposition"]).toMatch(/^inline;/);
    const cap = await upload(teacher, "captions", "fr.vtt", VTT, "text/vtt");
    expect(cap.body).toMatchObject({ mime: "text/vtt; charset=utf-8", name: "fr.vtt" });
  });

  describe("abuse: clear errors, nothing stored", () => {
    const refused = async (purpose: string, name: string, data: Buffer | string, status: number, code: string) => {
      const before = await counts();
      const r = await upload(teacher, purpose, name, data);
      expect(r.status, JSON.stringify(r.body)).toBe(status);
      if (status === 422) expect(r.body.error.fields.file).toBeTypeOf("string");
      expect(JSON.stringify(r.body)).not.toMatch(/errors\./); // every message is translated
      expect(await counts()).toEqual(before);
      return { r, code };
    };

    it("oversize: 413 in the person's language, partial chunks removed", async () => {
      const { r } = await refused("video", "big.mp4", MP4(1024 * 1024 + 10), 413, "files.too_large");
      expect(r.body.error).toMatchObject({ code: "files.too_large", message: "Le fichier dépasse la taille maximale de 1 Mo : rien n'a été enregistré." });
    });

    it("a declared length over the limit is refused before reading", async () => {
      const f = form("big.mp4", MP4(2 * 1024 * 1024));
      const r = await teacher.request("POST", "/api/v1/files?purpose=video", f.payload, f.headers);
      expect(r.status).toBe(413);
    });

    it("wrong types: a program named .pdf, HTML named .png, SVG, a PDF given as a video", async () => {
      const exe = await refused("document", "cours.pdf", EXE, 422, "");
      expect(exe.r.body.error.fields.file).toContain("cours.pdf");
      await refused("image", "photo.png", "<html><script>alert(1)</script></html>", 422, "");
      await refused("document", "logo.svg", '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', 422, "");
      await refused("video", "clip.mp4", PDF(), 422, "");
      await refused("document", "photo.pdf", PNG, 422, "");
      await refused("document", "binary.txt", Buffer.from([0x41, 0, 0x42]), 422, "");
    });

    it("zero bytes: 422", async () => {
      const { r } = await refused("document", "vide.pdf", Buffer.alloc(0), 422, "");
      expect(r.body.error.fields.file).toBe("Le fichier « vide.pdf » est vide.");
    });

    it("bad WebVTT: 422 with the line", async () => {
      const { r } = await refused("captions", "sub.vtt", "1\n00:00:01,000 --> 00:00:02,000\nSRT\n", 422, "");
      expect(r.body.error.fields.file).toContain("ligne 1");
      await refused("captions", "sub.vtt", "WEBVTT\n\n00:00:09.000 --> 00:00:02.000\nbackwards\n", 422, "");
    });

    it("no file part, or an unknown purpose: 422", async () => {
      const f = form("x.pdf", PDF(), "application/pdf", "other");
      expect((await teacher.request("POST", "/api/v1/files?purpose=document", f.payload, f.headers)).status).toBe(422);
      expect((await upload(teacher, "script", "x.pdf", PDF())).status).toBe(422);
      expect((await teacher.post("/api/v1/files?purpose=document", {})).status).toBe(422);
    });

    it("path-traversal and hostile names become safe display names (bytes are stored by id, never by name)", async () => {
      const cases: [string, string][] = [
        ["../../../etc/passwd.txt", "passwd.txt"],
        ["..\\..\\boot.ini.txt", "boot.ini.txt"],
        ["/absolute/path/notes.txt", "notes.txt"],
        ["rapport\u202Etxt.exe.txt", "rapporttxt.exe.txt"],
        ["a\u0000b\u0007c.txt", "abc.txt"],
        [`${"x".repeat(400)}.txt`, `${"x".repeat(196)}.txt`],
      ];
      for (const [raw, safe] of cases) {
        const r = await upload(teacher, "document", raw, "texte\n");
        expect(r.status).toBe(200);
        expect(r.body.name).toBe(safe);
      }
    });

    it("anonymous uploads: 401, nothing stored", async () => {
      const before = await counts();
      const anon = (await import("../../../../test/helpers.ts")).Client;
      const c = new anon(t.app, { host: p.host });
      const f = form("a.pdf", PDF());
      expect((await c.request("POST", "/api/v1/files?purpose=document", f.payload, f.headers)).status).toBe(401);
      expect(await counts()).toEqual(before);
    });
  });
});

describe("download with ranges", () => {
  let id: string;
  let data: Buffer;
  const get = (headers: Record<string, string> = {}, method: "GET" | "HEAD" = "GET") =>
    t.app.inject({
      method,
      url: `/api/v1/files/${id}`,
      headers: { host: p.host, cookie: [...teacher.cookies].map(([k, v]) => `${k}=${v}`).join("; "), ...headers },
    });
  beforeAll(async () => {
    data = MP4(700_000);
    id = (await upload(teacher, "video", "film.mp4", data)).body.id;
  });

  it("first bytes, suffix, open-ended, across chunk boundaries", async () => {
    const first = await get({ range: "bytes=0-99" });
    expect(first.statusCode).toBe(206);
    expect(first.headers["content-range"]).toBe(`bytes 0-99/${data.length}`);
    expect(first.headers["content-length"]).toBe("100");
    expect(first.rawPayload.equals(data.subarray(0, 100))).toBe(true);
    const suffix = await get({ range: "bytes=-500" });
    expect(suffix.rawPayload.equals(data.subarray(data.length - 500))).toBe(true);
    expect(suffix.headers["content-range"]).toBe(`bytes ${data.length - 500}-${data.length - 1}/${data.length}`);
    const open = await get({ range: "bytes=262000-" });
    expect(open.statusCode).toBe(206);
    expect(open.rawPayload.equals(data.subarray(262000))).toBe(true);
    const across = await get({ range: "bytes=262100-524300" });
    expect(across.rawPayload.equals(data.subarray(262100, 524301))).toBe(true);
  });

  it("bad ranges: 416 with the size; several ranges: the whole file", async () => {
    const past = await get({ range: `bytes=${data.length}-` });
    expect(past.statusCode).toBe(416);
    expect(past.headers["content-range"]).toBe(`bytes */${data.length}`);
    expect((await get({ range: "bytes=9-3" })).statusCode).toBe(416);
    const many = await get({ range: "bytes=0-1,5-9" });
    expect(many.statusCode).toBe(200);
    expect(many.rawPayload.length).toBe(data.length);
  });

  it("HEAD tells the size without the bytes; a stale If-Range gets the whole file", async () => {
    const h = await get({}, "HEAD");
    expect(h.statusCode).toBe(200);
    expect(h.headers["content-length"]).toBe(String(data.length));
    expect(h.rawPayload.length).toBe(0);
    const stale = await get({ range: "bytes=0-9", "if-range": '"0000"' });
    expect(stale.statusCode).toBe(200);
  });

  it("a range read issues a bounded number of queries", async () => {
    const { count } = await countQueries(() => get({ range: "bytes=0-1023" }));
    // session, file, chunk (the course reference check is skipped for the owner)
    expect(count).toBeLessThanOrEqual(4);
  });
});

describe("who may read a file", () => {
  let video: string;
  let captions: string;
  beforeAll(async () => {
    video = (await upload(teacher, "video", "v.mp4", MP4(5000))).body.id;
    captions = (await upload(teacher, "captions", "v.vtt", VTT)).body.id;
  });

  it("file info follows the same rule; upload limits are told per use", async () => {
    expect((await teacher.get(`/api/v1/files/${video}/info`)).body).toEqual({ id: video, name: "v.mp4", size: 5000, mime: "video/mp4", purpose: "video" });
    expect((await learner.get(`/api/v1/files/${video}/info`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/files/${video}/info`)).status).toBe(404);
    expect((await learner.get("/api/v1/files/limits")).body).toEqual({ maxMb: { document: 1, video: 1, captions: 2, image: 1 } });
  });

  it("an unreferenced upload: its owner only; another platform: 404", async () => {
    expect((await teacher.get(`/api/v1/files/${video}`)).status).toBe(200);
    expect((await learner.get(`/api/v1/files/${video}`)).status).toBe(404);
    expect((await outsider.get(`/api/v1/files/${video}`)).status).toBe(404);
    expect((await learner.get(`/api/v1/files/${newId()}`)).status).toBe(404);
    expect((await learner.get("/api/v1/files/not-an-id")).status).toBe(404);
  });

  it("through a course item: whoever may view the course, not others", async () => {
    const { courseId } = await courseWith({ kind: "video", fileId: video, captionsFileId: captions });
    expect((await learner.get(`/api/v1/files/${video}`)).status).toBe(200);
    expect((await learner.get(`/api/v1/files/${captions}`)).status).toBe(200);
    // anyone placed on the platform's root sees a published root course in the catalogue
    expect((await stranger.get(`/api/v1/files/${captions}`)).status).toBe(200);
    expect((await outsider.get(`/api/v1/files/${video}`)).status).toBe(404);
    await t.k.db.updateTable("courses").set({ status: "draft" }).where("tenant_id", "=", p.tenantId).where("id", "=", courseId).execute();
    expect((await learner.get(`/api/v1/files/${video}`)).status).toBe(404);
    expect((await teacher.get(`/api/v1/files/${video}`)).status).toBe(200);
  });

  it("assertUsableFile: right purpose, same platform, one the actor may read", async () => {
    const actorOf = async (c: Client, tenant: typeof p) => {
      const me = (await c.get("/api/v1/me")).body;
      const actor: UserActor = {
        kind: "user",
        tenant: { id: tenant.tenantId, slug: tenant.slug, rootOrgId: tenant.rootOrgId, defaultLocale: "fr" },
        userId: me.id ?? me.user?.id,
        sessionId: "",
        profile: "teacher",
        grants: [],
        isOperator: false,
      };
      return actor;
    };
    const teacherActor = await actorOf(teacher, p);
    await expect(assertUsableFile(t.k.db, teacherActor, video, "video")).resolves.toMatchObject({ id: video, mime: "video/mp4" });
    await expect(assertUsableFile(t.k.db, teacherActor, video, "captions", "captionsFileId")).rejects.toMatchObject({
      code: "validation",
      fields: { captionsFileId: { code: "files.not_usable" } },
    });
    const strangerActor = await actorOf(stranger, p);
    const own = (await upload(teacher, "document", "perso.pdf", PDF())).body.id;
    await expect(assertUsableFile(t.k.db, strangerActor, own, "document")).rejects.toMatchObject({ code: "validation" });
    const outsiderActor = await actorOf(outsider, other);
    await expect(assertUsableFile(t.k.db, outsiderActor, video, "video")).rejects.toMatchObject({ code: "validation" });
  });
});

describe("where the learner stopped", () => {
  let courseId: string;
  let itemId: string;
  beforeAll(async () => {
    const v = (await upload(teacher, "video", "w.mp4", MP4(5000))).body.id;
    ({ courseId, itemId } = await courseWith({ kind: "video", fileId: v }));
    await t.k.db
      .insertInto("course_members")
      .values({
        tenant_id: p.tenantId,
        id: newId(),
        course_id: courseId,
        user_id: (await t.k.db.selectFrom("users").select("id").where("tenant_id", "=", p.tenantId).where("username", "=", "prof").executeTakeFirstOrThrow())
          .id,
        role: "teacher",
      })
      .execute();
  });
  const url = () => `/api/v1/courses/${courseId}/items/${itemId}/position`;

  it("saves idempotently in two statements and returns it", async () => {
    expect((await learner.get(url())).body).toEqual({ seconds: null });
    const { count, result } = await countQueries(() => learner.put(url(), { seconds: 42.26 }));
    expect(result.status, JSON.stringify(result.body)).toBe(200);
    expect(result.body).toEqual({ seconds: 42.3 });
    // session + csrf check, course with roles, upsert
    expect(count).toBeLessThanOrEqual(4);
    expect((await learner.put(url(), { seconds: 42.26 })).status).toBe(200);
    expect((await learner.put(url(), { seconds: 50 })).body).toEqual({ seconds: 50 });
    expect((await learner.get(url())).body).toEqual({ seconds: 50 });
    const rows = await t.k.db.selectFrom("item_progress").selectAll().where("tenant_id", "=", p.tenantId).where("item_id", "=", itemId).execute();
    expect(rows).toHaveLength(1);
  });

  it("refuses teachers (403), bad values (422), unknown items and other platforms (404)", async () => {
    expect((await teacher.put(url(), { seconds: 3 })).status).toBe(403);
    expect((await teacher.get(url())).body).toEqual({ seconds: null });
    expect((await learner.put(url(), { seconds: -1 })).status).toBe(422);
    expect((await learner.put(url(), { seconds: "x" })).status).toBe(422);
    expect((await learner.put(`/api/v1/courses/${courseId}/items/${newId()}/position`, { seconds: 3 })).status).toBe(404);
    expect((await outsider.put(url(), { seconds: 3 })).status).toBe(404);
  });
});

describe("file and video items through the courses API", () => {
  it("a teacher attaches their uploads; wrong purposes and others' files are refused on the field", async () => {
    const admin = await signedIn(t.app, { host: p.host }, p.adminLogin);
    const course = await admin.post("/api/v1/courses", { orgId: p.rootOrgId, title: "Ondes" });
    expect(course.status, JSON.stringify(course.body)).toBe(200);
    const section = await admin.post(`/api/v1/courses/${course.body.id}/sections`, { title: "Son" });
    const video = (await upload(admin, "video", "son.mp4", MP4(4000))).body.id;
    const captions = (await upload(admin, "captions", "son.vtt", VTT)).body.id;
    const doc = (await upload(admin, "document", "fiche.pdf", PDF())).body.id;
    const add = (body: object) => admin.post(`/api/v1/courses/${course.body.id}/items`, { sectionId: section.body.id, title: "Écouter", ...body });

    const swapped = await add({ kind: "video", fileId: doc, captionsFileId: video });
    expect(swapped.status).toBe(422);
    expect(Object.keys(swapped.body.error.fields).sort()).toEqual(["captionsFileId", "fileId"]);
    const theirs = (await upload(teacher, "video", "prof.mp4", MP4(4000))).body.id;
    expect((await add({ kind: "video", fileId: theirs })).status).toBe(422);

    const item = await add({ kind: "video", fileId: video, captionsFileId: captions });
    expect(item.status, JSON.stringify(item.body)).toBe(200);
    expect(item.body).toMatchObject({ kind: "video", fileId: video, captionsFileId: captions });
    const file = await add({ kind: "file", fileId: doc });
    expect(file.status).toBe(200);

    // published and the learner enrolled: they read both files and keep their place in the video
    expect((await admin.patch(`/api/v1/courses/${course.body.id}`, { status: "published" })).status).toBe(200);
    await t.k.db
      .insertInto("course_members")
      .values({ tenant_id: p.tenantId, id: newId(), course_id: course.body.id, user_id: learnerId, role: "learner" })
      .execute();
    expect((await learner.get(`/api/v1/files/${doc}`)).status).toBe(200);
    expect((await learner.get(`/api/v1/files/${captions}`)).status).toBe(200);
    expect((await learner.put(`/api/v1/courses/${course.body.id}/items/${item.body.id}/position`, { seconds: 12 })).status).toBe(200);
    expect((await learner.put(`/api/v1/courses/${course.body.id}/items/${file.body.id}/position`, { seconds: 12 })).status).toBe(404);
    const opened = await learner.get(`/api/v1/courses/${course.body.id}/items/${item.body.id}`);
    expect(opened.body.progress).toMatchObject({ positionSeconds: 12 });
    expect((await outsider.get(`/api/v1/files/${doc}`)).status).toBe(404);
  });
});
