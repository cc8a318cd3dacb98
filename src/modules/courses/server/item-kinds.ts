import type { UserActor } from "../../../kernel/auth/actor.ts";
import { type FieldErrors, invalid } from "../../../kernel/errors.ts";
import type { ItemKind } from "../shared/contract.ts";
import type { CourseRow } from "./access.ts";
import { richField } from "./rich.ts";

/** What a create or update call may carry; which fields count depends on the item's kind. */
export type ItemInput = {
  title?: string;
  body?: unknown;
  url?: string | null;
  fileId?: string | null;
  captionsFileId?: string | null;
  completion?: "none" | "viewed" | "done" | "graded";
  condition?: unknown;
};

/** Columns of course_items that depend on the kind. */
export type KindColumns = { body_doc?: string | null; body_html?: string; url?: string | null; file_id?: string | null; captions_file_id?: string | null };

/**
 * Checks the files of a file or video item (they exist, belong to the platform, have the right
 * type; captions are WebVTT). Provided by the files module with `setItemFileCheck`; returns field
 * errors keyed by `fileId` / `captionsFileId`, or nothing when all is well.
 */
export type ItemFileCheck = (ctx: { actor: UserActor; course: CourseRow; kind: "file" | "video"; fileId: string; captionsFileId: string | null }) => Promise<FieldErrors | undefined>;

let fileCheck: ItemFileCheck | null = null;
/** Registered once by the files module at start-up; until then file and video items are refused (422). */
export function setItemFileCheck(check: ItemFileCheck | null) {
  fileCheck = check;
}

const httpUrl = (s: string) => {
  try {
    const u = new URL(s);
    return (u.protocol === "http:" || u.protocol === "https:") && !!u.hostname;
  } catch {
    return false;
  }
};

/**
 * The one place where an item's kind-specific fields are validated and turned into columns,
 * for creation (no `current`: required fields must be there) and for updates (only what is sent).
 */
export async function kindColumns(actor: UserActor, course: CourseRow, kind: ItemKind, input: ItemInput, current?: { file_id: string | null; captions_file_id: string | null }): Promise<KindColumns> {
  const creating = !current;
  switch (kind) {
    case "page": {
      if (input.body === undefined) {
        if (creating) throw invalid({ body: { code: "field.required" } });
        return {};
      }
      const r = richField("body", input.body, course.language);
      return { body_doc: JSON.stringify(r.doc), body_html: r.html };
    }
    case "link": {
      if (input.url === undefined && !creating) return {};
      if (!input.url) throw invalid({ url: { code: "field.required" } });
      if (!httpUrl(input.url)) throw invalid({ url: { code: "courses.url_http" } });
      return { url: new URL(input.url).href };
    }
    // an assignment keeps its settings in the assignments module (defaults until its editor saves them)
    case "assignment":
      return {};
    // a quiz keeps its settings in the quizzes module (created with it by POST .../quizzes)
    case "quiz":
      return {};
    case "file":
    case "video": {
      if (!fileCheck) throw invalid({ kind: { code: "courses.kind_unavailable" } });
      if (input.fileId === undefined && input.captionsFileId === undefined && !creating) return {};
      const fileId = input.fileId === undefined ? current?.file_id : input.fileId;
      if (!fileId) throw invalid({ fileId: { code: "field.required" } });
      const captions = kind === "video" ? ((input.captionsFileId === undefined ? current?.captions_file_id : input.captionsFileId) ?? null) : null;
      const errors = await fileCheck({ actor, course, kind, fileId, captionsFileId: captions });
      if (errors && Object.keys(errors).length) throw invalid(errors);
      return { file_id: fileId, captions_file_id: captions };
    }
  }
}
