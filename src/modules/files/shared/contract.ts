import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

export const FILE_PURPOSES = ["document", "video", "captions", "image"] as const;
export type FilePurpose = (typeof FILE_PURPOSES)[number];

export const UploadedFile = z.object({ id: z.uuid(), name: z.string(), size: z.number().int(), mime: z.string(), purpose: z.enum(FILE_PURPOSES) });
export type UploadedFile = z.infer<typeof UploadedFile>;

/**
 * Multipart form with one `file` part. Refusals: 413 `files.too_large`; 422 with a field error on
 * `file`: `files.empty`, `files.type_not_allowed`, `files.type_mismatch`, `files.not_text`,
 * `files.bad_vtt`. Nothing is stored when refused.
 */
export const uploadFile = defineContract({
  method: "POST",
  path: "/api/v1/files",
  summary: "Upload a file (multipart, part `file`) for a use: document, video, captions (WebVTT) or image; its type is checked from its bytes",
  tags: ["files"],
  query: z.object({ purpose: z.enum(FILE_PURPOSES) }),
  response: UploadedFile,
});

export const getUploadLimits = defineContract({
  method: "GET",
  path: "/api/v1/files/limits",
  summary: "Largest accepted upload per use, in MiB (to refuse before sending)",
  tags: ["files"],
  response: z.object({ maxMb: z.record(z.enum(FILE_PURPOSES), z.number()) }),
});

export const getFileInfo = defineContract({
  method: "GET",
  path: "/api/v1/files/:id/info",
  summary: "Name, type and size of a file you may read",
  tags: ["files"],
  params: z.object({ id: z.uuid() }),
  response: UploadedFile,
});

/** Path of the download (GET, with Range support); not a JSON operation, so no contract. */
export const fileUrl = (id: string) => `/api/v1/files/${id}`;

export const ItemPositionParams = z.object({ id: z.uuid(), itemId: z.uuid() });
export const ItemPosition = z.object({
  seconds: z
    .number()
    .min(0)
    .max(7 * 24 * 3600)
    .nullable(),
});

export const saveItemPosition = defineContract({
  method: "PUT",
  path: "/api/v1/courses/:id/items/:itemId/position",
  summary: "Remember where a learner stopped in a video item (idempotent; learners of the course only)",
  tags: ["courses"],
  params: ItemPositionParams,
  body: z.object({
    seconds: z
      .number()
      .min(0)
      .max(7 * 24 * 3600),
  }),
  response: ItemPosition,
});

export const getItemPosition = defineContract({
  method: "GET",
  path: "/api/v1/courses/:id/items/:itemId/position",
  summary: "Where the learner stopped in a video item (null when never played)",
  tags: ["courses"],
  params: ItemPositionParams,
  response: ItemPosition,
});
