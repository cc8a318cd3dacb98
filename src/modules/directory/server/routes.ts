import type { FastifyInstance, FastifyRequest } from "fastify";
import { z } from "zod";
import { AppError, type FieldErrors } from "../../../kernel/errors.ts";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import type { Upload } from "./prepare.ts";
import type { ImportRunner } from "./runner.ts";
import { checkUserImport } from "./use-cases/check-user-import.ts";
import { getUserImport } from "./use-cases/get-user-import.ts";
import { startUserImport } from "./use-cases/start-user-import.ts";

const OrgId = z.uuid();

/** Reads the multipart form: a `file` part and an `orgId` field, in either order. */
async function readUpload(req: FastifyRequest): Promise<Upload> {
  const fields: FieldErrors = {};
  let file: { name: string; data: Buffer } | undefined;
  let orgId: unknown;
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type === "file") {
        const data = await part.toBuffer(); // always drained, or the next part never comes
        if (part.fieldname === "file" && !file) file = { name: part.filename || "import.csv", data };
      } else if (part.fieldname === "orgId") orgId = part.value;
    }
  }
  if (!file) fields.file = { code: "field.required" };
  if (orgId === undefined || orgId === "") fields.orgId = { code: "field.required" };
  else if (!OrgId.safeParse(orgId).success) fields.orgId = { code: "field.format_uuid" };
  if (Object.keys(fields).length) throw new AppError("validation", {}, fields);
  return { orgId: orgId as string, fileName: file!.name.slice(0, 255), data: file!.data };
}

export function directoryRoutes(app: FastifyInstance, k: Kernel, runner: ImportRunner) {
  route(app, c.checkUserImport, async ({ actor, req, locale }) => checkUserImport(k, runner, actor, await readUpload(req), locale));
  route(app, c.startUserImport, async ({ actor, req, locale }) => startUserImport(k, runner, actor, await readUpload(req), locale));
  route(app, c.getUserImport, async ({ actor, params, locale }) => getUserImport(k, runner, actor, params.id, locale));
}
