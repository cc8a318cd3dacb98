import type { z } from "zod";

/**
 * One contract per operation, shared by the server route, the typed web client and OpenAPI.
 * Pure Zod: safe to import from client code.
 */
export type Contract = {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  path: string;
  summary: string;
  tags: string[];
  params?: z.ZodObject;
  query?: z.ZodObject;
  body?: z.ZodType;
  response: z.ZodType;
  /** false for routes callable without a session (sign-in, setup, platform info) */
  auth?: boolean;
};

export const defineContract = <C extends Contract>(c: C) => c;

export type Input<C extends Contract> = (C["params"] extends z.ZodObject ? { params: z.input<C["params"]> } : {}) &
  (C["query"] extends z.ZodObject ? { query: z.input<C["query"]> } : {}) &
  (C["body"] extends z.ZodType ? { body: z.input<C["body"]> } : {});

export type Output<C extends Contract> = z.output<C["response"]>;

/** Fills `:name` segments of a contract path. */
export const fillPath = (path: string, params: Record<string, unknown> = {}) =>
  path.replace(/:([a-zA-Z]+)/g, (_, k) => encodeURIComponent(String(params[k])));
