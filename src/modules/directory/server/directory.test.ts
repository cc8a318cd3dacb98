import iconv from "iconv-lite";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrg, makePlatform, makeUser, PASSWORD, rootOf } from "../../../../test/factories.ts";
import { Client, countQueries, type Res, type TestApp, testApp } from "../../../../test/helpers.ts";
import { newId } from "../../../kernel/ids.ts";
import { insertImport } from "./repo.ts";
import { BATCH, runUserImport } from "./use-cases/run-user-import.ts";
import type { PlannedRow } from "./validate.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let q: Awaited<ReturnType<typeof makePlatform>>;
let deptA: { id: string; path: string };
let deptB: { id: string; path: string };
let school: { id: string; path: string };

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "alpha");
  q = await makePlatform(t.k, "beta");
  deptA = await makeOrg(t.k, p.tenantId, rootOf(p), "Département A");
  deptB = await makeOrg(t.k, p.tenantId, rootOf(p), "Département B");
  school = await makeOrg(t.k, p.tenantId, deptA, "Collège Jean Moulin", "school");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "root-admin", "admin"); // no preferred language: follows Accept-Language
  await makeUser(t.k, p.tenantId, deptA.id, "dept-a-admin", "admin");
  await makeUser(t.k, p.tenantId, p.rootOrgId, "lea", "learner", "lea@alpha.test");
  await makeUser(t.k, p.tenantId, deptA.id, "luc", "learner");
});
afterAll(() => t.close());

/** A multipart/form-data body, as a browser's FormData would send it. */
function form(fields: Record<string, string>, file?: { name: string; data: Buffer | string }) {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: text/csv\r\n\r\n`));
    parts.push(Buffer.isBuffer(file.data) ? file.data : Buffer.from(file.data));
    parts.push(Buffer.from("\r\n"));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(parts), headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}

const send = (c: Client, url: string, orgId: string, data: Buffer | string, name = "people.csv") => {
  const f = form({ orgId }, { name, data });
  return c.request("POST", url, f.body, f.headers);
};
const check = (c: Client, orgId: string, data: Buffer | string) => send(c, "/api/v1/imports/users/check", orgId, data);
const start = (c: Client, orgId: string, data: Buffer | string) => send(c, "/api/v1/imports/users", orgId, data);

/** Follows an import until it ends, keeping every progress value seen. */
async function follow(c: Client, id: string) {
  const seen: number[] = [];
  for (;;) {
    const r = await c.get(`/api/v1/imports/${id}`);
    expect(r.status).toBe(200);
    seen.push(r.body.done);
    if (r.body.status !== "running") return { last: r.body, seen };
    await new Promise((res) => setTimeout(res, 5));
  }
}

const admin = async (lang = "fr") => {
  const c = new Client(t.app, { host: p.host, lang });
  await c.signIn("root-admin", PASSWORD);
  return c;
};

const users = (tenantId: string, usernames: string[]) =>
  t.k.db.selectFrom("users").selectAll().where("tenant_id", "=", tenantId).where("username", "in", usernames).orderBy("username").execute();

const classesUnder = (path: string) =>
  t.k.db
    .selectFrom("orgs")
    .select(["id", "name", "kind"])
    .where("tenant_id", "=", p.tenantId)
    .where("path", "like", `${path}%`)
    .where("kind", "=", "class")
    .orderBy("name")
    .execute();

const errorsOf = (r: Res) =>
  (r.body.errors ?? r.body.error.details.errors).map((e: { line: number; column: string; code: string }) => [e.line, e.column, e.code]);

describe("dry run and refusal", () => {
  const file = [
    "username,email,first_name,last_name,profile,password",
    "ok.one,ok.one@example.test,Ana,Ok,learner,",
    "lea,new@example.test,Bo,Taken,learner,",
    "ok.two,LEA@alpha.test,Cy,Taken,learner,",
    "Bad Name,bad@example.test,Di,Bad,learner,",
    "ok.three,not-an-email,Ed,Bad,learner,",
    "ok.four,four@example.test,,Bad,dragon,tiny",
    "ok.one,other@example.test,Fa,Dup,learner,",
    "ok.five,five@example.test,Gi",
    "ok.six,six@example.test,Ha,Ok,teacher,a long enough password",
  ].join("\r\n");

  it("reports every bad row (line, column, reason, localized message) and imports nothing", async () => {
    const c = await admin("en");
    const r = await check(c, deptA.id, file);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ fileName: "people.csv", encoding: "utf-8", delimiter: ",", rows: 9 });
    expect(errorsOf(r)).toEqual([
      [3, "username", "import.username_taken"],
      [4, "email", "import.email_taken"],
      [5, "username", "import.username_format"],
      [6, "email", "import.email_format"],
      [7, "first_name", "import.required"],
      [7, "profile", "import.unknown_profile"],
      [7, "password", "import.password_short"],
      [8, "username", "import.duplicate_in_file"],
      [9, "", "import.column_count"],
    ]);
    const byLine = (l: number) => r.body.errors.find((e: { line: number }) => e.line === l).message;
    expect(byLine(3)).toBe("This username is already taken on the platform.");
    expect(byLine(8)).toBe("Already present on line 2 of the file.");
    expect(byLine(9)).toBe("This line has 3 columns but the header has 6: check the separators and quotes.");
    expect(r.body.preview.map((x: { username: string }) => x.username)).toEqual(["ok.one", "ok.six"]);

    const run = await start(c, deptA.id, file);
    expect(run.status).toBe(422);
    expect(run.body.error.code).toBe("import.has_errors");
    expect(run.body.error.message).toBe("The file has 9 errors: nothing was imported. Correct the lines reported and try again.");
    expect(errorsOf(run)).toEqual(errorsOf(r));
    expect(await users(p.tenantId, ["ok.one", "ok.six"])).toEqual([]);
    expect(await t.k.db.selectFrom("user_imports").select("id").where("tenant_id", "=", p.tenantId).execute()).toEqual([]);
  });

  it("reports missing and unknown columns on line 1, in the reader's language", async () => {
    const c = await admin("fr");
    const r = await check(c, deptA.id, "identifiant;courriel;date de naissance\nzoe;zoe@example.test;2012-03-04\n");
    expect(r.status).toBe(200);
    expect(errorsOf(r)).toEqual([
      [1, "date de naissance", "import.unknown_column"],
      [1, "prénom", "import.missing_column"],
      [1, "nom", "import.missing_column"],
      [1, "profil", "import.missing_column"],
    ]);
    expect(r.body.errors[1].message).toBe("Colonne obligatoire manquante : « prénom ».");
  });

  it("answers an empty file, a spreadsheet or a missing part with a clear 422", async () => {
    const c = await admin("fr");
    const empty = await check(c, deptA.id, "");
    expect(empty.status).toBe(422);
    expect(empty.body.error.code).toBe("import.empty_file");
    expect(empty.body.error.message).toMatch(/vide/);
    const xlsx = await check(c, deptA.id, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]));
    expect(xlsx.status).toBe(422);
    expect(xlsx.body.error.code).toBe("import.not_csv");
    const headerOnly = await start(c, deptA.id, "username;prénom;nom;profil\n");
    expect(headerOnly.body.error.code).toBe("import.no_rows");
    const noFile = form({ orgId: deptA.id });
    const r = await c.request("POST", "/api/v1/imports/users/check", noFile.body, noFile.headers);
    expect(r.status).toBe(422);
    expect(Object.keys(r.body.error.fields)).toEqual(["file"]);
    const json = await c.post("/api/v1/imports/users/check", { orgId: deptA.id });
    expect(json.status).toBe(422);
    expect(Object.keys(json.body.error.fields)).toContain("file");
    const badOrg = form({ orgId: "nope" }, { name: "a.csv", data: "x" });
    const r2 = await c.request("POST", "/api/v1/imports/users/check", badOrg.body, badOrg.headers);
    expect(Object.keys(r2.body.error.fields)).toEqual(["orgId"]);
  });

  it("checks the platform with a bounded number of queries, whatever the file size", async () => {
    const c = await admin();
    const rows = Array.from({ length: 300 }, (_, i) => `q${i},q${i}@example.test,Q,N${i},learner,Classe ${i % 7}`);
    const csv = ["username,email,given_name,family_name,profile,class", ...rows].join("\n");
    await check(c, school.id, csv);
    const { count, result } = await countQueries(() => check(c, school.id, csv));
    expect(result.status).toBe(200);
    expect(result.body.errors).toEqual([]);
    expect(count).toBeLessThanOrEqual(6);
  });
});

describe("import", () => {
  it("imports an Excel Windows-1252 file with semicolons and accents, passwords where given", async () => {
    const c = await admin();
    const text = [
      "Identifiant;Prénom;Nom;Profil;Courriel;Mot de passe",
      "francoise.lefevre;Françoise;Lefèvre;Enseignante;f.lefevre@example.test;un mot de passe sûr",
      "francois.garcon;François;Garçon;élève;;",
      "noel.bezier;Noël;Bézier;Parent;;",
    ].join("\r\n");
    const data = iconv.encode(`${text}\r\n`, "win1252");
    const r = await check(c, school.id, data);
    expect(r.body).toMatchObject({ encoding: "windows-1252", delimiter: ";", rows: 3, errors: [] });
    const s = await start(c, school.id, data);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ status: "running", total: 3, done: 0 });
    const { last } = await follow(c, s.body.id);
    expect(last).toMatchObject({ status: "done", total: 3, done: 3, createdUsers: 3, createdClasses: 0, error: null });
    const made = await users(p.tenantId, ["francois.garcon", "francoise.lefevre", "noel.bezier"]);
    expect(made.map((u) => [u.given_name, u.family_name, u.profile, u.status, u.password_hash !== null])).toEqual([
      ["François", "Garçon", "learner", "active", false],
      ["Françoise", "Lefèvre", "teacher", "active", true],
      ["Noël", "Bézier", "parent", "active", false],
    ]);
    const them = new Client(t.app, { host: p.host });
    expect((await them.signIn("f.lefevre@example.test", "un mot de passe sûr")).givenName).toBe("Françoise");
    // people are placed on the chosen node with a role matching their profile
    const roles = await t.k.db
      .selectFrom("role_assignments")
      .select(["org_id", "role"])
      .where("tenant_id", "=", p.tenantId)
      .where("user_id", "=", made[0].id)
      .execute();
    expect(roles).toEqual([{ org_id: school.id, role: "learner" }]);
    await t.k.events.flush();
    const ev = await t.k.db
      .selectFrom("events")
      .select(["verb", "object_id", "context"])
      .where("tenant_id", "=", p.tenantId)
      .where("object_type", "=", "user_import")
      .execute();
    expect(ev).toEqual([{ verb: "imported", object_id: s.body.id, context: { orgId: school.id, users: 3, classes: 0 } }]);
  });

  it("creates each class once, matching names case- and accent-insensitively, and reuses existing ones", async () => {
    const c = await admin();
    const existing = await makeOrg(t.k, p.tenantId, school, "4e C", "class");
    const csv = [
      "username;prénom;nom;profil;classe",
      "c1;Ana;Un;élève;6e A",
      "c2;Bo;Deux;élève;6E  a",
      "c3;Cy;Trois;élève;5e B",
      "c4;Di;Quatre;élève;4E c",
      "c5;Ed;Cinq;enseignant;",
      "c6;Fa;Six;élève;5e b",
    ].join("\n");
    const r = await check(c, school.id, csv);
    expect(r.body.errors).toEqual([]);
    expect(r.body.newClasses).toEqual(["6e A", "5e B"]);
    const s = await start(c, school.id, csv);
    const { last } = await follow(c, s.body.id);
    expect(last).toMatchObject({ status: "done", createdUsers: 6, createdClasses: 2 });
    const classes = await classesUnder(school.path);
    expect(classes.map((x) => x.name)).toEqual(["4e C", "5e B", "6e A"]);
    const place = async (u: string) =>
      (
        await t.k.db
          .selectFrom("role_assignments as r")
          .innerJoin("users as u", (j) => j.onRef("u.tenant_id", "=", "r.tenant_id").onRef("u.id", "=", "r.user_id"))
          .select("r.org_id")
          .where("r.tenant_id", "=", p.tenantId)
          .where("u.username", "=", u)
          .executeTakeFirstOrThrow()
      ).org_id;
    const id = (n: string) => classes.find((x) => x.name === n)!.id;
    expect(await place("c1")).toBe(id("6e A"));
    expect(await place("c2")).toBe(id("6e A"));
    expect(await place("c4")).toBe(existing.id);
    expect(await place("c5")).toBe(school.id);
    // a second file naming the same classes creates none
    const again = await check(c, school.id, "username;prénom;nom;profil;classe\nc7;Gi;Sept;élève;6e a\n");
    expect(again.body.newClasses).toEqual([]);
    expect(again.body.preview[0].className).toBe("6e a");
  });

  it("refuses a class name shared by several classes under the node", async () => {
    const c = await admin();
    const s2 = await makeOrg(t.k, p.tenantId, deptA, "Collège Victor Hugo", "school");
    await makeOrg(t.k, p.tenantId, s2, "6e A", "class");
    const r = await check(c, deptA.id, "username;prénom;nom;profil;classe\nz1;Zo;Z;élève;6e A\n");
    expect(errorsOf(r)).toEqual([[2, "classe", "import.class_ambiguous"]]);
    expect(r.body.errors[0].message).toMatch(/^2 classes ou groupes s’appellent « 6e A »/);
  });

  it("imports 10,000 rows in batches with visible progress", { timeout: 180_000 }, async () => {
    const c = await admin();
    const n = 10_000;
    const lines = ["username,email,given_name,family_name,profile,class"];
    for (let i = 0; i < n; i++) lines.push(`bulk${i},bulk${i}@example.test,Prénom${i},Nom${i},${i % 50 === 0 ? "teacher" : "learner"},Bulk ${i % 20}`);
    const csv = lines.join("\n");
    const s = await start(c, deptB.id, csv);
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({ status: "running", total: n });
    const { last, seen } = await follow(c, s.body.id);
    expect(last).toMatchObject({ status: "done", total: n, done: n, createdUsers: n, createdClasses: 20, error: null });
    // the progress bar moves: values between 0 and n were seen, never going back
    expect(seen.some((d) => d > 0 && d < n)).toBe(true);
    expect([...seen].sort((a, b) => a - b)).toEqual(seen);
    const count = await t.k.db
      .selectFrom("users")
      .select(sql<number>`count(*)`.as("n"))
      .where("tenant_id", "=", p.tenantId)
      .where("import_id", "=", s.body.id)
      .where("status", "=", "active")
      .executeTakeFirstOrThrow();
    expect(count.n).toBe(n);
  });
});

describe("all or nothing", () => {
  const rows = (prefix: string, n: number, className: string | null = null): PlannedRow[] =>
    Array.from({ length: n }, (_, i) => ({
      line: i + 2,
      username: `${prefix}${i}`,
      email: null,
      givenName: "X",
      familyName: `${prefix}${i}`,
      profile: "learner" as const,
      password: null,
      className,
      classKey: className?.toLowerCase() ?? null,
    }));
  const job = async (r: PlannedRow[], newClasses: { key: string; name: string }[]) => {
    const row = await insertImport(t.k.db, p.tenantId, { id: newId(), actor_id: p.adminId, org_id: school.id, file_name: "x.csv", total: r.length });
    return { tenantId: p.tenantId, importId: row.id, actorId: p.adminId, org: school, rows: r, existingClasses: new Map<string, string>(), newClasses };
  };
  const log = { error() {} } as never;

  it("undoes everything when a batch fails midway (a username taken meanwhile)", async () => {
    const r = rows("race", BATCH + 100, "Rollback");
    r[BATCH + 50].username = "lea"; // taken after the check, in the second batch
    const j = await job(r, [{ key: "rollback", name: "Rollback" }]);
    await runUserImport(t.k, j, { aborted: false }, log);
    const c = await admin("en");
    const got = await c.get(`/api/v1/imports/${j.importId}`);
    expect(got.body).toMatchObject({ status: "failed", createdUsers: 0, createdClasses: 0 });
    expect(got.body.error).toMatch(/^Some usernames or email addresses were taken while the import ran/);
    const left = await t.k.db.selectFrom("users").select("id").where("tenant_id", "=", p.tenantId).where("import_id", "=", j.importId).execute();
    expect(left).toEqual([]);
    expect((await classesUnder(school.path)).map((x) => x.name)).not.toContain("Rollback");
  });

  it("undoes an import interrupted by a stopping server", async () => {
    const j = await job(rows("stop", 3), []);
    await runUserImport(t.k, j, { aborted: true }, log);
    const row = await t.k.db.selectFrom("user_imports").selectAll().where("tenant_id", "=", p.tenantId).where("id", "=", j.importId).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "failed", error: "import.interrupted" });
  });

  it("undoes an import a crashed server left running, once it looks stale", async () => {
    const j = await job([], []);
    await t.k.db
      .insertInto("users")
      .values({
        tenant_id: p.tenantId,
        id: newId(),
        username: "ghost",
        email: null,
        given_name: "G",
        family_name: "H",
        profile: "learner",
        password_hash: null,
        status: "importing",
        import_id: j.importId,
      })
      .execute();
    await t.k.db
      .updateTable("user_imports")
      .set({ updated_at: new Date(Date.now() - 3600_000) })
      .where("tenant_id", "=", p.tenantId)
      .where("id", "=", j.importId)
      .execute();
    const c = await admin();
    const got = await c.get(`/api/v1/imports/${j.importId}`);
    expect(got.body.status).toBe("failed");
    expect(await users(p.tenantId, ["ghost"])).toEqual([]);
    // its username is free again
    const r = await check(c, school.id, "username;prénom;nom;profil\nghost;G;H;élève\n");
    expect(r.body.errors).toEqual([]);
  });
});

describe("who may import and follow", () => {
  const csv = "username;prénom;nom;profil\nwho1;Wo;One;élève\n";

  it("lets a department admin import into their department only (404 for a sibling)", async () => {
    const c = new Client(t.app, { host: p.host });
    await c.signIn("dept-a-admin", PASSWORD);
    expect((await check(c, deptA.id, csv)).status).toBe(200);
    const sibling = await check(c, deptB.id, csv);
    expect(sibling.status).toBe(404);
    expect((await start(c, deptB.id, csv)).status).toBe(404);
    expect((await start(c, p.rootOrgId, csv)).status).toBe(403);
  });

  it("refuses learners (403 on a node they see, 404 elsewhere) and anonymous callers", async () => {
    const lea = new Client(t.app, { host: p.host });
    await lea.signIn("lea", PASSWORD);
    expect((await check(lea, p.rootOrgId, csv)).status).toBe(403);
    expect((await start(lea, deptA.id, csv)).status).toBe(403);
    const luc = new Client(t.app, { host: p.host });
    await luc.signIn("luc", PASSWORD);
    expect((await start(luc, deptB.id, csv)).status).toBe(404);
    const anon = new Client(t.app, { host: p.host });
    expect((await start(anon, deptA.id, csv)).status).toBe(401);
    expect(await users(p.tenantId, ["who1"])).toEqual([]);
  });

  it("shows an import's progress to its author and admins over its node only, never across platforms", async () => {
    const c = new Client(t.app, { host: p.host });
    await c.signIn("dept-a-admin", PASSWORD);
    const s = await start(c, deptA.id, csv);
    expect(s.status).toBe(200);
    await follow(c, s.body.id);
    expect((await (await admin()).get(`/api/v1/imports/${s.body.id}`)).status).toBe(200);
    const luc = new Client(t.app, { host: p.host });
    await luc.signIn("luc", PASSWORD);
    expect((await luc.get(`/api/v1/imports/${s.body.id}`)).status).toBe(404);
    const other = new Client(t.app, { host: q.host });
    await other.signIn(q.adminLogin, PASSWORD);
    expect((await other.get(`/api/v1/imports/${s.body.id}`)).status).toBe(404);
    expect((await check(other, deptA.id, csv)).status).toBe(404);
    expect((await other.get("/api/v1/imports/not-a-uuid")).status).toBe(404);
  });
});
