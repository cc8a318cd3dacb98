import type { Kysely } from "kysely";
import type { DB } from "../../../../kernel/db/schema.ts";
import { AppError, type FieldErrors } from "../../../../kernel/errors.ts";
import { assertUsableFile } from "../../../../kernel/files/index.ts";
import type { ItemFileCheck } from "../../../courses/server/index.ts";

/**
 * The check the courses module runs when a file or video item is created or changed: the item's
 * file was uploaded for that use (document / video), its captions as WebVTT, on this platform,
 * by the actor or attached to something they see. Returns field errors (fileId, captionsFileId).
 */
export const itemFileCheck =
  (db: Kysely<DB>): ItemFileCheck =>
  async ({ actor, kind, fileId, captionsFileId }) => {
    const errors: FieldErrors = {};
    const check = async (id: string, purpose: "document" | "video" | "captions", field: string) => {
      try {
        await assertUsableFile(db, actor, id, purpose, field);
      } catch (e) {
        if (!(e instanceof AppError) || !e.fields) throw e;
        Object.assign(errors, e.fields);
      }
    };
    await check(fileId, kind === "video" ? "video" : "document", "fileId");
    if (captionsFileId) await check(captionsFileId, "captions", "captionsFileId");
    return Object.keys(errors).length ? errors : undefined;
  };
