import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import type { Actor, UserActor } from "../auth/actor.ts";
import type { Contract } from "../contract.ts";
import { AppError, type FieldErrors } from "../errors.ts";
import type { Locale } from "../i18n.ts";

export type Ctx<C extends Contract> = {
  params: C["params"] extends z.ZodObject ? z.output<C["params"]> : Record<string, never>;
  query: C["query"] extends z.ZodObject ? z.output<C["query"]> : Record<string, never>;
  body: C["body"] extends z.ZodType ? z.output<C["body"]> : undefined;
  actor: C["auth"] extends false ? Actor : UserActor;
  locale: Locale;
  req: FastifyRequest;
  reply: FastifyReply;
};

/**
 * A response body already serialised to JSON, for large answers whose parts were checked against
 * their schema once and cached (the course outline): sent as is, without per-request validation.
 * A Buffer spares encoding a large cached part to UTF-8 again on every request.
 */
export class PreSerialized {
  constructor(readonly json: string | Buffer) {}
}

/** Turns Zod issues into field errors carrying message ids the error handler localizes. */
export function zodFields(error: z.ZodError, prefix?: string): FieldErrors {
  const fields: FieldErrors = {};
  for (const issue of error.issues) {
    const path = [prefix, ...issue.path.map(String)].filter(Boolean).join(".") || "_";
    if (fields[path]) continue;
    const i = issue as z.core.$ZodIssue & { minimum?: unknown; maximum?: unknown; format?: string; expected?: string; origin?: string };
    let code = `field.${issue.code}`;
    if (issue.code === "invalid_format") code = `field.format_${i.format === "email" ? "email" : i.format === "url" ? "url" : i.format === "uuid" ? "uuid" : "other"}`;
    // Zod 4 puts `input` in issues only when asked (parsePart does); a missing value is "required"
    if (issue.code === "invalid_type" && ("input" in issue ? issue.input === undefined : /received undefined$/.test(issue.message))) code = "field.required";
    fields[path] = { code, params: { minimum: i.minimum, maximum: i.maximum } };
  }
  return fields;
}

function parsePart(schema: z.ZodType | undefined, data: unknown, part: string, fields: FieldErrors) {
  if (!schema) return undefined;
  const r = schema.safeParse(data ?? (part === "body" ? undefined : {}), { reportInput: true });
  if (r.success) return r.data;
  Object.assign(fields, zodFields(r.error, part === "body" ? undefined : part));
  return undefined;
}

/**
 * Registers a contract's route. Order in every request: tenant and actor are resolved by hooks,
 * then input is validated here (422 with localized field errors), then the handler (which calls
 * a use case, whose first step is authorize()).
 */
export function route<C extends Contract>(
  app: FastifyInstance,
  c: C,
  handler: (ctx: Ctx<C>) => Promise<z.input<C["response"]> | PreSerialized | undefined>,
  /** route config read by plugins when the route is added, e.g. `{ rateLimit: { max, timeWindow } }` */
  config?: Record<string, unknown>,
) {
  app.route({
    method: c.method,
    url: c.path,
    ...(config && { config }),
    schema: {
      summary: c.summary,
      tags: c.tags,
      ...(c.params && { params: c.params }),
      ...(c.query && { querystring: c.query }),
      ...(c.body && { body: c.body }),
      response: { 200: c.response },
    },
    handler: async (req, reply) => {
      const actor = req.actor;
      if (c.auth !== false && actor.kind !== "user") throw new AppError("unauthenticated");
      const fields: FieldErrors = {};
      const params = parsePart(c.params, req.params, "params", fields);
      const query = parsePart(c.query, req.query, "query", fields);
      const body = parsePart(c.body, req.body, "body", fields);
      if (Object.keys(fields).length) {
        // a malformed id in the path names nothing that exists
        if (Object.keys(fields).every((k) => k.startsWith("params."))) throw new AppError("not_found");
        throw new AppError("validation", {}, fields);
      }
      const out = await handler({ params, query, body, actor, locale: req.locale, req, reply } as Ctx<C>);
      if (out instanceof PreSerialized) {
        // a string or Buffer with a JSON content type skips Fastify's serializer
        reply.type("application/json; charset=utf-8");
        return out.json;
      }
      return out ?? {};
    },
  });
}
