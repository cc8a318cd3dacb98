import { type Contract, fillPath, type Input, type Output } from "../kernel/contract.ts";

/**
 * The typed API client. Every URL is prefixed with the platform's base path ("/p/<slug>" when
 * the platform is reached without its own hostname), unsafe requests carry the CSRF token.
 */

/** Base path given by the server in `<meta name="archipel-base">` ('' when reached by hostname). */
export const BASE = (document.querySelector('meta[name="archipel-base"]')?.getAttribute("content") ?? "").replace(/\/$/, "");

let csrfToken = "";
export const setCsrfToken = (t: string) => {
  csrfToken = t;
};
/** The CSRF token, for requests made outside api() (uploads through XHR, to follow their progress). */
export const currentCsrfToken = () => csrfToken;

let acceptLanguage = "";
export const setApiLanguage = (l: string) => {
  acceptLanguage = l;
};

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** machine-readable detail of some errors (e.g. an import's report of problems) */
    readonly details?: unknown,
  ) {
    super(message);
  }
}

const queryString = (q: Record<string, unknown> | undefined) => {
  if (!q) return "";
  const s = new URLSearchParams();
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== "") s.set(k, String(v));
  const out = s.toString();
  return out ? `?${out}` : "";
};

type Args<C extends Contract> = {} extends Input<C> ? [input?: Input<C>, init?: { form?: FormData }] : [input: Input<C>, init?: { form?: FormData }];

/** Calls one contract: `api(getUser, { params: { id } })`. `init.form` sends multipart instead of JSON. */
export async function api<C extends Contract>(c: C, ...[input, init]: Args<C>): Promise<Output<C>> {
  const i = (input ?? {}) as { params?: Record<string, unknown>; query?: Record<string, unknown>; body?: unknown };
  const headers: Record<string, string> = { accept: "application/json" };
  if (acceptLanguage) headers["accept-language"] = acceptLanguage;
  if (c.method !== "GET") headers["x-csrf-token"] = csrfToken;
  let body: BodyInit | undefined;
  if (init?.form) body = init.form;
  else if (i.body !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(i.body);
  }
  let res: Response;
  try {
    res = await fetch(`${BASE}${fillPath(c.path, i.params)}${queryString(i.query)}`, { method: c.method, headers, body, credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "network", "");
  }
  const data = await res.json().catch(() => null);
  if (!res.ok) {
    const e = (data as { error?: { code?: string; message?: string; fields?: Record<string, string>; details?: unknown } } | null)?.error;
    throw new ApiError(res.status, e?.code ?? "internal", e?.message ?? "", e?.fields ?? {}, e?.details);
  }
  return data as Output<C>;
}

/** Prefixes a client path with the base path (for plain <a href> and downloads). */
export const url = (path: string) => `${BASE}${path}`;
