import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../../kernel/errors.ts";
import { loadVisibleFile } from "../../../kernel/files/index.ts";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { downloadFile } from "./use-cases/download-file.ts";
import { getItemPosition, saveItemPosition } from "./use-cases/item-position.ts";
import { maxBytesFor, uploadFile } from "./use-cases/upload-file.ts";

/** Multipart overhead allowed beyond the file itself before a declared length is refused at once. */
const FORM_OVERHEAD = 64 * 1024;

export function filesRoutes(app: FastifyInstance, k: Kernel) {
  route(
    app,
    c.uploadFile,
    async ({ actor, query, req }) => {
      const max = maxBytesFor(k, query.purpose);
      // a declared length already over the limit is refused before reading anything
      if (Number(req.headers["content-length"] ?? 0) > max + FORM_OVERHEAD)
        throw new AppError("files.too_large", { maxMb: Math.floor(max / (1024 * 1024)) }, undefined, 413);
      if (!req.isMultipart()) throw new AppError("validation", {}, { file: { code: "field.required" } });
      // one byte over the limit is enough to know: busboy truncates there and the rest is dropped
      const part = await req.file({ limits: { fileSize: max + 1, files: 1 }, throwFileSizeLimit: false });
      return uploadFile(k, actor, query.purpose, part);
    },
    { rateLimit: { max: 60, timeWindow: "1 minute" } },
  );

  app.get(
    "/api/v1/files/:id",
    {
      schema: {
        summary: "Download a file (Range requests supported: 206, 416); 404 unless the file is yours or attached to something you may see",
        tags: ["files"],
        params: z.object({ id: z.uuid() }),
      },
    },
    (req, reply) => downloadFile(k, req as Parameters<typeof downloadFile>[1], reply),
  );

  route(app, c.getUploadLimits, async () => ({
    maxMb: Object.fromEntries(c.FILE_PURPOSES.map((p) => [p, maxBytesFor(k, p) / (1024 * 1024)])) as Record<c.FilePurpose, number>,
  }));
  route(app, c.getFileInfo, async ({ actor, params }) => {
    const f = await loadVisibleFile(k.db, actor, params.id);
    return { id: f.id, name: f.name, size: f.size, mime: f.mime, purpose: f.purpose };
  });
  route(app, c.saveItemPosition, async ({ actor, params, body }) => saveItemPosition(k, actor, params.id, params.itemId, body.seconds));
  route(app, c.getItemPosition, async ({ actor, params }) => getItemPosition(k, actor, params.id, params.itemId));
}
