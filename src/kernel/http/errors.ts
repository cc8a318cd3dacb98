import type { FastifyError, FastifyInstance } from "fastify";
import { AppError } from "../errors.ts";
import { type Locale, negotiate, t } from "../i18n.ts";

/**
 * The single error handler: `{ error: { code, message, fields?, details? } }` with messages in the
 * request's language. Bad input is never a 500; a 500 is logged and says nothing internal.
 */
export function installErrorHandler(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError | AppError, req, reply) => {
    const locale: Locale = req.locale ?? negotiate(req.headers["accept-language"]);
    let e: AppError;
    if (err instanceof AppError) e = err;
    else if (err.statusCode === 429) e = new AppError("rate_limited");
    else if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE" || err.statusCode === 413) e = new AppError("payload_too_large");
    else if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) e = new AppError("bad_request");
    else {
      req.log.error({ err }, "unhandled error");
      e = new AppError("internal", {}, undefined, 500);
    }
    const fields = e.fields
      ? Object.fromEntries(Object.entries(e.fields).map(([k, v]) => [k, t(locale, `errors.${v.code}`, v.params)]))
      : undefined;
    if (e.code === "rate_limited" || e.code === "locked") reply.header("retry-after", String(e.params.retryAfter ?? 60));
    reply.status(e.status).send({
      error: { code: e.code, message: t(locale, `errors.${e.code}`, e.params), ...(fields && { fields }), ...(e.details !== undefined && { details: e.details }) },
    });
  });
}
