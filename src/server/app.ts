import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import cookie from "@fastify/cookie";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import helmet from "helmet";
import { jsonSchemaTransform, serializerCompiler } from "fastify-type-provider-zod";
import { Redis } from "ioredis";
import { AppError } from "../kernel/errors.ts";
import { installErrorHandler } from "../kernel/http/errors.ts";
import { startJobWorker } from "../kernel/jobs.ts";
import { EMBED_ORIGINS } from "../kernel/richtext/embeds.ts";
import type { Kernel, Module } from "../kernel/module.ts";

const WEB_DIST = fileURLToPath(new URL("../../dist/web/", import.meta.url));
const SLUG_PREFIX = /^\/p\/([a-z0-9][a-z0-9-]{1,39})(?=\/|$|\?)/;

export async function buildApp(k: Kernel, modules: Module[], opts: { logger?: boolean } = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger === false ? false : { level: k.config.LOG_LEVEL },
    trustProxy: k.config.TRUST_PROXY,
    bodyLimit: 2 * 1024 * 1024,
    // /p/<slug>/... addresses a platform without DNS: the prefix is set aside, the rest routed as usual
    rewriteUrl(req) {
      const url = req.url ?? "/";
      const m = SLUG_PREFIX.exec(url);
      if (!m) return url;
      (req as { archipelSlug?: string }).archipelSlug = m[1];
      return url.slice(m[0].length) || "/";
    },
  });
  app.setValidatorCompiler(() => (data) => ({ value: data })); // validated in route() with the request's language
  app.setSerializerCompiler(serializerCompiler);
  installErrorHandler(app);
  app.addHook("onClose", async () => k.mailer.close()); // the pooled SMTP connections

  await app.register(cookie);
  // security headers from helmet's middleware, built once (the Fastify plugin builds one per request)
  const securityHeaders = helmet({
    contentSecurityPolicy: {
      directives: {
        "img-src": ["'self'", "data:", "https:"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "script-src": ["'self'"],
        "connect-src": ["'self'"],
        // players of the embeds rich text allows (sandboxed iframes)
        "frame-src": ["'self'", ...EMBED_ORIGINS],
      },
    },
    hsts: k.config.TRUST_PROXY,
  });
  app.addHook("onRequest", (req, reply, done) => securityHeaders(req.raw, reply.raw, (e?: unknown) => done(e as Error | undefined)));
  await app.register(rateLimit, {
    global: true,
    max: k.config.RATE_LIMIT_PER_MINUTE,
    timeWindow: "1 minute",
    ...(k.config.REDIS_URL && { redis: new Redis(k.config.REDIS_URL, { maxRetriesPerRequest: 1 }), nameSpace: `archipel-rl:${k.database.identity}:` }),
    keyGenerator: (req) => req.ip,
  });
  await app.register(multipart, { limits: { fileSize: k.config.UPLOAD_MAX_MB * 1024 * 1024, files: 1 } });
  await app.register(swagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "Archipel API", version: "1", description: "REST JSON API of Archipel. Unsafe methods need the X-CSRF-Token header (from GET /api/v1/platform or /api/v1/me)." },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  app.get("/api/health", { schema: { hide: true } }, async () => ({ ok: true }));

  for (const m of modules) await m.register(app, k);
  // background jobs run in every server process (pg-boss's SKIP LOCKED makes that safe), not under
  // tests, which drain them with runJobs
  if (!process.env.VITEST) {
    let stopJobs = async () => {};
    app.addHook("onReady", async () => {
      stopJobs = await startJobWorker(k, app.log);
    });
    app.addHook("onClose", async () => stopJobs());
  }

  await serveWeb(app);
  return app;
}

/** The SPA: hashed assets with long caching, and index.html for every other page, told its base path. */
async function serveWeb(app: FastifyInstance) {
  const indexFile = `${WEB_DIST}index.html`;
  if (!existsSync(indexFile)) {
    app.setNotFoundHandler(async (req, reply) => {
      if (req.method === "GET" && !req.url.startsWith("/api/")) return reply.type("text/plain").send("Web client not built: run `npm run build` (npm start does it for you).");
      throw new AppError("not_found");
    });
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: "/", index: false, wildcard: false, maxAge: "1y", immutable: true, serve: true, allowedPath: (p) => p.startsWith("/assets/") || /^\/[\w.-]+\.(svg|png|ico|webmanifest|txt)$/.test(p) });
  const html = readFileSync(indexFile, "utf8");
  const page = (base: string) => html.replace("<head>", `<head><meta name="archipel-base" content="${base}">`);
  app.setNotFoundHandler(async (req, reply) => {
    if (req.method !== "GET" || req.url.startsWith("/api/") || req.url.startsWith("/assets/")) {
      throw new AppError("not_found");
    }
    return reply.type("text/html").header("cache-control", "no-cache").send(page(req.basePath ?? ""));
  });
}
