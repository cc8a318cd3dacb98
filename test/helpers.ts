import { readFileSync } from "node:fs";
import { inflateSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { inject } from "vitest";
import { createDatabase, type Database } from "../src/kernel/db/database.ts";
import { queryCounter } from "../src/kernel/db/context.ts";
import { openMemoryPglite } from "../src/kernel/db/pglite.ts";
import type { Kernel, Module } from "../src/kernel/module.ts";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { createKernel } from "../src/server/kernel.ts";
import { allModules } from "../src/server/modules.ts";
import { PASSWORD } from "./factories.ts";

export const SETUP_CODE = "TEST0-CODE0";

/** A fresh migrated database for one test file: a PGlite loaded from the run's dump, or a copy of the PostgreSQL template. */
export async function testDatabase(): Promise<Database & { drop(): Promise<void> }> {
  const template = inject("pgTemplate");
  if (template && process.env.DATABASE_URL) {
    const name = `archipel_t_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${name} template ${template}`);
    await admin.end();
    const url = new URL(process.env.DATABASE_URL);
    url.pathname = `/${name}`;
    const db = await createDatabase({ url: url.toString() });
    await db.refreshTenantTables();
    return Object.assign(db, {
      async drop() {
        await db.close();
        const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
        await c.connect();
        // pg's pool.end() resolves before its idle connections have closed: a forced drop would
        // kill them mid-close, an error the ended pool no longer listens to (uncaught)
        for (let i = 0; i < 250; i++) {
          const open = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [name]);
          if (open.rows[0].n === 0) break;
          await new Promise((r) => setTimeout(r, 20));
        }
        await c.query(`drop database if exists ${name} with (force)`);
        await c.end();
      },
    });
  }
  const pglite = await openMemoryPglite(new Blob([readFileSync(inject("pgliteDump"))]));
  const db = await createDatabase({ pglite });
  await db.refreshTenantTables();
  return Object.assign(db, {
    async drop() {
      await db.close();
      await pglite.close();
    },
  });
}

export type TestApp = { app: FastifyInstance; k: Kernel; close(): Promise<void> };

/** The whole server over a fresh database, driven with app.inject (no socket). */
export async function testApp(env: Record<string, string> = {}, opts: { before?: Module[] } = {}): Promise<TestApp> {
  const config = loadConfig({ LOG_LEVEL: "silent", DATA_DIR: "/tmp/archipel-test-data", REDIS_URL: process.env.REDIS_URL, ...env });
  const database = await testDatabase();
  // `before`: modules registered first, e.g. one whose onRoute hook sees every route
  const modules = [...(opts.before ?? []), ...allModules({ setupCode: SETUP_CODE }).modules];
  const k = createKernel(config, database, () => {});
  const app = await buildApp(k, modules, { logger: false });
  await app.ready();
  return {
    app,
    k,
    async close() {
      await app.close();
      await k.events.flush();
      await k.bus.close();
      await database.drop();
    },
  };
}

export type Res = { status: number; body: any; headers: Record<string, unknown> };

let clientNo = 0;
/** A client address unique to this run and this client (per-address rate limits then never leak between tests, files or runs sharing Redis). */
const nextAddress = () => {
  const n = ++clientNo;
  return `10.${(process.pid + Math.floor(Math.random() * 256)) % 256}.${(n >> 8) & 255}.${n & 255}`;
};

/**
 * A browser-like client: keeps cookies, sends the CSRF token on unsafe requests, addresses a
 * platform by hostname or by /p/<slug>. Each client comes from its own address (`ip` to choose one).
 */
export class Client {
  cookies = new Map<string, string>();
  csrf = "";
  readonly ip: string;
  constructor(
    readonly app: FastifyInstance,
    readonly opts: { host?: string; base?: string; lang?: string; ip?: string } = {},
  ) {
    this.ip = opts.ip ?? nextAddress();
  }

  async request(method: string, url: string, body?: unknown, headers: Record<string, string> = {}): Promise<Res> {
    if (method !== "GET" && !this.csrf && !headers["x-csrf-token"]) await this.request("GET", "/api/v1/platform");
    const res = await this.app.inject({
      method: method as "GET",
      url: `${this.opts.base ?? ""}${url}`,
      remoteAddress: this.ip,
      headers: {
        host: this.opts.host ?? "localhost",
        "accept-language": this.opts.lang ?? "fr",
        ...(this.cookies.size && { cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ") }),
        ...(method !== "GET" && this.csrf && { "x-csrf-token": this.csrf }),
        ...(body !== undefined && typeof body === "object" && !(body instanceof Buffer) && { "content-type": "application/json" }),
        ...headers,
      },
      ...(body !== undefined && { payload: body instanceof Buffer || typeof body === "string" ? body : JSON.stringify(body) }),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      if (c.value === "" || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    let parsed: unknown = res.body;
    try {
      parsed = JSON.parse(res.body);
    } catch {}
    const b = parsed as { csrfToken?: string };
    if (b && typeof b === "object" && typeof b.csrfToken === "string") this.csrf = b.csrfToken;
    return { status: res.statusCode, body: parsed, headers: res.headers };
  }
  get = (url: string) => this.request("GET", url);
  post = (url: string, body?: unknown) => this.request("POST", url, body ?? {});
  patch = (url: string, body?: unknown) => this.request("PATCH", url, body ?? {});
  put = (url: string, body?: unknown) => this.request("PUT", url, body ?? {});
  del = (url: string) => this.request("DELETE", url);

  async signIn(login: string, password: string) {
    const r = await this.post("/api/v1/auth/sign-in", { login, password });
    if (r.status !== 200) throw new Error(`sign-in failed for ${login}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  }
}

/** A client signed in as `login` (password PASSWORD of test/factories.ts unless given). */
export async function signedIn(app: FastifyInstance, opts: { host?: string; base?: string; lang?: string; ip?: string }, login: string, password = PASSWORD) {
  const c = new Client(app, opts);
  await c.signIn(login, password);
  return c;
}

/** Runs fn and returns how many SQL statements it issued. */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ count: number; sql: string[]; result: T }> {
  const store = { count: 0, sql: [] as string[] };
  const result = await queryCounter.run(store, fn);
  return { ...store, result };
}

/**
 * Counts the statements of a read once the caller's per-request caches are warm: it runs fn once
 * first, so the session touch (every 5 minutes) and the actor cache refill (30 s TTL) do not land
 * in one of two counts being compared after a slow setup.
 */
export async function countSteady<T>(fn: () => Promise<T>) {
  await fn();
  return countQueries(fn);
}

/**
 * The text pdfkit drew in a PDF: hex strings inside TJ arrays, in WinAnsi, one line per array.
 * Compressed content streams (the default) are inflated first.
 */
export function pdfText(pdf: Buffer) {
  const raw = pdf.toString("latin1");
  const parts: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const bytes = Buffer.from(m[1], "latin1");
    try {
      parts.push(inflateSync(bytes).toString("latin1"));
    } catch {
      parts.push(m[1]);
    }
  }
  const out: string[] = [];
  for (const m of parts.join("\n").matchAll(/\[([^\]]*)\]\s*TJ/g)) {
    const hex = [...m[1].matchAll(/<([0-9a-fA-F]*)>/g)].map((x) => x[1]).join("");
    out.push([...Buffer.from(hex, "hex")].map((c) => WIN_ANSI[c] ?? String.fromCharCode(c)).join(""));
  }
  return out.join("\n");
}
const WIN_ANSI: Record<number, string> = { 146: "’", 147: "“", 148: "”", 150: "–", 151: "—", 183: "·" };

/** A multipart/form-data body as a browser's FormData sends it: text fields first, then one file part named `file`. */
export function multipart(fields: Record<string, string>, file: { name: string; type: string; data: string | Buffer }) {
  const boundary = `----archipel${Math.random().toString(16).slice(2)}`;
  const body = Buffer.concat([
    ...Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)),
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`),
    Buffer.from(file.data),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, headers: { "content-type": `multipart/form-data; boundary=${boundary}` } };
}
