/**
 * The one error type use cases throw. `code` is a message id in locales/*.json (errors.<code>),
 * the HTTP status follows from it; `fields` maps input paths to message ids.
 */
export type FieldErrors = Record<string, { code: string; params?: Record<string, unknown> }>;

const STATUS: Record<string, number> = {
  bad_request: 400,
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  locked: 423,
  rate_limited: 429,
  csrf: 403,
  setup_done: 409,
  payload_too_large: 413,
};

export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly params: Record<string, unknown> = {},
    readonly fields?: FieldErrors,
    readonly status: number = STATUS[code.split(".")[0]] ?? 400,
    /** optional machine-readable detail, sent as `error.details` (e.g. an import's report of bad rows) */
    readonly details?: unknown,
  ) {
    super(code);
  }
}

export const notFound = () => new AppError("not_found");
export const forbidden = () => new AppError("forbidden");
export const invalid = (fields: FieldErrors) => new AppError("validation", {}, fields);
