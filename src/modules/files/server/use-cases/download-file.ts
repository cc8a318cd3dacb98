import type { FastifyReply, FastifyRequest } from "fastify";
import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { ALLOWED, loadVisibleFile, readRange } from "../../../../kernel/files/index.ts";
import { contentDisposition, parseRange } from "../../../../kernel/files/range.ts";
import { isUuid } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";

const INLINE = new Set(Object.values(ALLOWED).flatMap((kinds) => kinds.filter((k) => k.inline).map((k) => k.mime)));

/**
 * Sends a file the actor may read (404 otherwise, whatever the reason): its detected type,
 * `nosniff`, inline only for video, captions and raster images (documents are attachments),
 * an ETag from its SHA-256, and byte ranges (206 / 416) so video players can seek. `as` reads it
 * as another actor (the federation module's actor for a co-teacher on the partner platform), `fileId` names it then.
 */
export async function downloadFile(k: Kernel, req: FastifyRequest<{ Params: { id: string } }>, reply: FastifyReply, as?: UserActor, fileId?: string) {
  const id = fileId ?? req.params.id;
  if (!isUuid(id)) throw new AppError("not_found");
  const actor = as ?? req.actor;
  const file = await loadVisibleFile(k.db, actor, id);
  const etag = `"${file.sha256}"`;
  reply
    .header("content-type", file.mime)
    .header("x-content-type-options", "nosniff")
    .header("content-disposition", contentDisposition(INLINE.has(file.mime) ? "inline" : "attachment", file.name))
    .header("content-security-policy", "default-src 'none'; sandbox")
    .header("cache-control", "private, max-age=3600")
    .header("accept-ranges", "bytes")
    .header("etag", etag)
    .header("last-modified", new Date(file.created_at).toUTCString());
  const inm = req.headers["if-none-match"];
  if (inm?.split(",").some((t) => t.trim().replace(/^W\//, "") === etag)) return reply.code(304).send();

  const ifRange = req.headers["if-range"];
  const range = ifRange && ifRange !== etag ? "all" : parseRange(req.headers.range, file.size);
  if (range === "unsatisfiable") {
    return reply.code(416).header("content-range", `bytes */${file.size}`).header("content-type", "text/plain").send("");
  }
  const { start, end } = range === "all" ? { start: 0, end: file.size - 1 } : range;
  if (range !== "all") reply.code(206).header("content-range", `bytes ${start}-${end}/${file.size}`);
  reply.header("content-length", String(end - start + 1));
  return reply.send(readRange(k.db, actor.tenant!.id, file.id, start, end));
}
