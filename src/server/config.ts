import { resolve } from "node:path";
import { z } from "zod";

/**
 * Every setting Archipel reads, parsed once at start. The README's "Settings" table mirrors this
 * list. A bad value stops the start with one sentence naming the setting.
 */
const bool = z.enum(["true", "false", "1", "0", "yes", "no"]).transform((v) => ["true", "1", "yes"].includes(v));
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const schema = z.object({
  PORT: int(1, 65535).default(3000).describe("TCP port the server listens on"),
  HOST: z.string().min(1).default("0.0.0.0").describe("interface the server listens on"),
  DATA_DIR: z.string().min(1).default("./data").describe("embedded database, uploaded files, generated secret"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional()
    .describe("PostgreSQL >= 15; unset = embedded PGlite under DATA_DIR"),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, "must start with redis:// or rediss://")
    .optional()
    .describe("Redis for cross-node events and rate limits; unset = in-process"),
  PUBLIC_URL: z.url().optional().describe("external base URL used in mails (default http://localhost:PORT)"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional()
    .describe("SMTP server for mail; unset = mails land in the outbox readable by the deployment admin"),
  MAIL_FROM: z.string().min(3).default("Archipel <no-reply@localhost>").describe("sender of mails"),
  TRUST_PROXY: bool.default(false).describe("trust X-Forwarded-* headers (behind a load balancer)"),
  SESSION_DAYS: int(1, 365).default(30).describe("idle lifetime of a session, in days"),
  LOGIN_MAX_FAILURES: int(1, 100).default(5).describe("failed sign-ins before an account is locked"),
  LOGIN_LOCK_MINUTES: int(1, 1440).default(15).describe("how long a locked account stays locked"),
  RATE_LIMIT_PER_MINUTE: int(10, 1_000_000).default(600).describe("API requests per minute per client address"),
  SIGNIN_RATE_LIMIT_PER_MINUTE: int(1, 1_000_000).default(20).describe("sign-in and password-reset attempts per minute per client address"),
  UPLOAD_MAX_MB: int(1, 10_240).default(200).describe("largest uploaded file (videos included), in MiB; captions stay under 2 MiB"),
  TIME_ZONE: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat("en", { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, "must be an IANA time zone such as Europe/Paris")
    .default("Europe/Paris")
    .describe("time zone of dates written in mails and PDF sheets (calendar invitations are in UTC)"),
  SESSION_REMINDERS: bool.default(true).describe("send session reminder mails from this node (a minute's scheduler; safe on several nodes)"),
  IDP_PRIVATE_NETWORK_SERVICES: bool
    .default(false)
    .describe("let the identity provider call services on private or loopback addresses (OpenID Connect back-channel logout and CAS Single Logout of services on the same network)"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  NODE_ENV: z.string().default("production"),
});

export type Config = z.infer<typeof schema> & { dataDir: string; publicUrl: string };

export class ConfigError extends Error {}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const picked = Object.fromEntries(
    Object.keys(schema.shape)
      .map((k) => [k, env[k] === "" ? undefined : env[k]])
      .filter(([, v]) => v !== undefined),
  );
  const parsed = schema.safeParse(picked);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const key = String(issue.path[0]);
    throw new ConfigError(
      `Setting ${key} is invalid (${issue.message}); got ${JSON.stringify(picked[key])}. See the README's "Settings" table.`,
    );
  }
  const c = parsed.data;
  return {
    ...c,
    dataDir: resolve(c.DATA_DIR),
    publicUrl: (c.PUBLIC_URL ?? `http://localhost:${c.PORT}`).replace(/\/$/, ""),
  };
}

export const settingsDoc = Object.entries(schema.shape).map(([k, v]) => ({
  name: k,
  description: (v as z.ZodType).description ?? "",
}));
