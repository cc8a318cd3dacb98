import type { FailureCode } from "../shared/contract.ts";

/**
 * A single sign-on that cannot complete. Never answered as a 500: the flow routes log it for the
 * platform's admins and send the browser to the sign-in error page that explains the code.
 * `detail` is for the admins' log only (the provider's own message), never shown to the person.
 */
export class SsoFailure extends Error {
  constructor(
    readonly code: FailureCode,
    readonly detail = "",
  ) {
    super(`${code}${detail ? `: ${detail}` : ""}`);
  }
}

/** Network errors (refused, DNS, timeout) mean the provider could not be reached. */
export const isNetworkError = (e: unknown): boolean => {
  const err = e as { name?: string; code?: string; cause?: unknown; message?: string };
  if (!err || typeof err !== "object") return false;
  if (err.name === "TimeoutError" || err.name === "AbortError") return true;
  if (typeof err.code === "string" && /^(ECONN|ENOTFOUND|EAI_|ETIMEDOUT|UND_ERR_CONNECT|EHOSTUNREACH)/.test(err.code)) return true;
  if (err.message === "fetch failed") return true;
  return err.cause !== undefined && err.cause !== e && isNetworkError(err.cause);
};
