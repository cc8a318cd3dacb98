import type { MultipartFile } from "@fastify/multipart";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { CAPTIONS_MAX, storeUpload } from "../../../../kernel/files/index.ts";
import { deleteStaleUploads } from "../../../../kernel/files/store.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { FilePurpose, UploadedFile } from "../../shared/contract.ts";

/** Largest accepted upload for a use, in bytes. */
export const maxBytesFor = (k: Kernel, purpose: FilePurpose) => (purpose === "captions" ? CAPTIONS_MAX : k.config.UPLOAD_MAX_MB * 1024 * 1024);

/**
 * Any signed-in person may upload (teachers for courses, learners later for assignments); the
 * file is theirs alone until something they may attach it to references it.
 */
export async function uploadFile(k: Kernel, actor: Actor, purpose: FilePurpose, part: MultipartFile | undefined): Promise<UploadedFile> {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (part?.fieldname !== "file") {
    part?.file.resume();
    throw new AppError("validation", {}, { file: { code: "field.required" } });
  }
  await deleteStaleUploads(k.db, actor.tenant.id);
  const stored = await storeUpload(k.db, {
    tenantId: actor.tenant.id,
    ownerId: actor.userId,
    purpose,
    clientName: part.filename,
    stream: part.file,
    maxBytes: maxBytesFor(k, purpose),
  });
  return { id: stored.id, name: stored.name, size: stored.size, mime: stored.mime, purpose };
}
