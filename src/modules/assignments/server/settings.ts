import { invalid } from "../../../kernel/errors.ts";
import { isLocale } from "../../../kernel/i18n.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { parseRichText, renderRichText } from "../../../kernel/richtext/index.ts";
import { findGrouping } from "../../groups/server/index.ts";
import type { AssignmentRow } from "./load.ts";

export type SettingsInput = {
  instructions?: unknown;
  onlineText?: boolean;
  fileSubmissions?: boolean;
  maxFiles?: number;
  maxFileMb?: number;
  groupMode?: boolean;
  groupingId?: string | null;
  opensAt?: string | null;
  dueAt?: string | null;
  cutoffAt?: string | null;
  maxScore?: number;
  passScore?: number | null;
  anonymous?: boolean;
};

const date = (s: string | null | undefined) => (s ? new Date(s) : null);

/**
 * Turns settings input into columns and checks them together with what is stored: dates in
 * order, at least one way to submit, pass score within the maximum, a grouping of this course.
 */
export async function settingsColumns(k: Kernel, tid: string, courseId: string, language: string, input: SettingsInput, current?: AssignmentRow) {
  const cols: Partial<AssignmentRow> & { instructions_doc?: string | null } = {};
  if (input.instructions !== undefined) {
    if (input.instructions === null) Object.assign(cols, { instructions_doc: null, instructions_html: "" });
    else {
      const doc = parseRichText(input.instructions, "instructions");
      Object.assign(cols, { instructions_doc: JSON.stringify(doc), instructions_html: renderRichText(doc, isLocale(language) ? language : "fr") });
    }
  }
  if (input.onlineText !== undefined) cols.online_text = input.onlineText;
  if (input.fileSubmissions !== undefined) cols.file_submissions = input.fileSubmissions;
  if (input.maxFiles !== undefined) cols.max_files = input.maxFiles;
  if (input.maxFileMb !== undefined) cols.max_file_mb = input.maxFileMb;
  if (input.groupMode !== undefined) cols.group_mode = input.groupMode;
  if (input.groupingId !== undefined) cols.grouping_id = input.groupingId;
  if (input.opensAt !== undefined) cols.opens_at = date(input.opensAt);
  if (input.dueAt !== undefined) cols.due_at = date(input.dueAt);
  if (input.cutoffAt !== undefined) cols.cutoff_at = date(input.cutoffAt);
  if (input.maxScore !== undefined) cols.max_score = String(input.maxScore);
  if (input.passScore !== undefined) cols.pass_score = input.passScore === null ? null : String(input.passScore);
  if (input.anonymous !== undefined) cols.anonymous = input.anonymous;

  const v = {
    online_text: true,
    file_submissions: false,
    opens_at: null,
    due_at: null,
    cutoff_at: null,
    max_score: "20",
    pass_score: null,
    grouping_id: null,
    ...current,
    ...cols,
  };
  const fields: Record<string, { code: string; params?: Record<string, unknown> }> = {};
  if (!v.online_text && !v.file_submissions) fields.onlineText = { code: "assignments.no_submission_type" };
  const t = (d: Date | string | null) => (d ? new Date(d).getTime() : null);
  if (t(v.opens_at) !== null && t(v.due_at) !== null && t(v.due_at)! <= t(v.opens_at)!) fields.dueAt = { code: "assignments.due_before_open" };
  if (t(v.cutoff_at) !== null && t(v.due_at) !== null && t(v.cutoff_at)! < t(v.due_at)!) fields.cutoffAt = { code: "assignments.cutoff_before_due" };
  if (v.pass_score !== null && Number(v.pass_score) > Number(v.max_score))
    fields.passScore = { code: "assignments.pass_over_max", params: { max: Number(v.max_score) } };
  if (cols.grouping_id && !(await findGrouping(k.db, tid, courseId, cols.grouping_id))) fields.groupingId = { code: "groups.grouping_unknown" };
  if (Object.keys(fields).length) throw invalid(fields);
  return cols;
}
