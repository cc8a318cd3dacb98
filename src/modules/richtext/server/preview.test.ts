import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePlatform } from "../../../../test/factories.ts";
import { Client, countQueries, signedIn, type TestApp, testApp } from "../../../../test/helpers.ts";

let t: TestApp;
let p: Awaited<ReturnType<typeof makePlatform>>;
let admin: Client;

const doc = (...content: unknown[]) => ({ type: "doc", content });

beforeAll(async () => {
  t = await testApp();
  p = await makePlatform(t.k, "rt");
  admin = await signedIn(t.app, { host: p.host, lang: "en" }, p.adminLogin);
});
afterAll(() => t.close());

describe("POST /api/v1/richtext/preview", () => {
  it("returns the server rendering, maths as MathML, without touching the database", async () => {
    const body = {
      doc: doc({
        type: "paragraph",
        content: [
          { type: "text", text: "<b>x</b> " },
          { type: "inlineMath", attrs: { latex: "\\sqrt{2}" } },
        ],
      }),
    };
    const { result: r, count } = await countQueries(() => admin.post("/api/v1/richtext/preview", body));
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.html).toMatch(
      /^<p>&lt;b&gt;x&lt;\/b&gt; <span class="katex"><math xmlns="http:\/\/www\.w3\.org\/1998\/Math\/MathML"><semantics><mrow><msqrt><mn>2<\/mn><\/msqrt>/,
    );
    // session and platform resolution only
    expect(count).toBeLessThanOrEqual(3);
  });

  it("refuses an unsafe document with a 422 naming the path, in the reader's language", async () => {
    const r = await admin.post("/api/v1/richtext/preview", {
      doc: doc({ type: "paragraph", content: [{ type: "text", text: "x", marks: [{ type: "link", attrs: { href: "javascript:alert(1)" } }] }] }),
    });
    expect(r.status).toBe(422);
    expect(r.body.error.code).toBe("validation");
    expect(r.body.error.fields).toEqual({ "doc.content.0.content.0.marks.0.attrs.href": "Invalid web address." });
  });

  it("refuses a document nested 50,000 levels deep with a 422, not a crash", async () => {
    const n = 50_000; // written by hand: JSON.stringify itself would overflow the stack
    const json = `{"doc":{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(n)}{"type":"paragraph"}${"]}".repeat(n)}]}}`;
    const r = await admin.request("POST", "/api/v1/richtext/preview", json, { "content-type": "application/json" });
    expect(r.status).toBe(422);
    expect(r.body.error.code).not.toBe("internal");
  });

  it("is for signed-in people only", async () => {
    const anon = new Client(t.app, { host: p.host });
    const r = await anon.post("/api/v1/richtext/preview", { doc: doc({ type: "paragraph" }) });
    expect(r.status).toBe(401);
  });

  it("lets the allowed embed players (and only them) be framed", async () => {
    const r = await admin.get("/api/health");
    const csp = String(r.headers["content-security-policy"]);
    expect(csp).toContain("frame-src 'self' https://www.youtube-nocookie.com https://player.vimeo.com");
    expect(csp).not.toMatch(/frame-src[^;]*\*/);
    // and the other security headers, on every answer (HSTS only behind a TLS proxy: TRUST_PROXY)
    expect(csp).toContain("frame-ancestors 'self'");
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
    expect(r.headers["strict-transport-security"]).toBeUndefined();
  });

  it("is described in the OpenAPI document", async () => {
    const r = await admin.get("/api/openapi.json");
    expect(r.status).toBe(200);
    expect(r.body.paths["/api/v1/richtext/preview"].post).toBeTruthy();
  });
});
