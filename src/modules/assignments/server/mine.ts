import { randomInt } from "node:crypto";
import type { Kysely } from "kysely";
import { sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { AppError } from "../../../kernel/errors.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { groupsOf, membersOf } from "../../groups/server/index.ts";
import type { MySubmission } from "../shared/contract.ts";
import { extensionFor, filesOf, isLate, jsonOf, type Loaded, num, type SubmissionRow, windowOf } from "./load.ts";

/** Who submits: the learner, or in group mode their one group of the assignment's grouping. */
export type Target = { kind: "user"; id: string } | { kind: "group"; id: string; name: string };

export async function targetOf(k: Kernel, l: Loaded): Promise<Target | { problem: "none" | "several" }> {
  if (!l.a.group_mode) return { kind: "user", id: l.me.userId };
  const groups = await groupsOf(k.db, l.tid, l.a.course_id, l.me.userId, l.a.grouping_id);
  if (groups.length === 0) return { problem: "none" };
  if (groups.length > 1) return { problem: "several" };
  return { kind: "group", id: groups[0].id, name: groups[0].name };
}

/** The target, or a 409 explaining why this learner cannot submit in group mode. */
export async function requireTarget(k: Kernel, l: Loaded): Promise<Target> {
  const t = await targetOf(k, l);
  if ("problem" in t) throw new AppError(t.problem === "none" ? "assignments.no_group" : "assignments.several_groups", {}, undefined, 409);
  return t;
}

export const findSubmission = (db: Kysely<DB>, tid: string, itemId: string, t: Target) =>
  db
    .selectFrom("assignment_submissions")
    .selectAll()
    .where("tenant_id", "=", tid)
    .where("item_id", "=", itemId)
    .where(t.kind === "user" ? "user_id" : "group_id", "=", t.id)
    .executeTakeFirst();

/**
 * Rows for participants who have none yet, numbered after the last participant number in a
 * random order (numbers must not follow names, or anonymous marking would leak them). A number
 * taken by a concurrent insert makes this try again.
 */
export async function ensureSubmissions(db: Kysely<DB>, tid: string, itemId: string, courseId: string, targets: Target[]) {
  if (targets.length === 0) return;
  const shuffled = [...targets];
  for (let i = shuffled.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [shuffled[i], shuffled[j]] = [shuffled[j], shuffled[i]];
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const existing = await db
        .selectFrom("assignment_submissions")
        .select(["user_id", "group_id"])
        .select(sql<number>`max(participant_no) over ()`.as("top"))
        .where("tenant_id", "=", tid)
        .where("item_id", "=", itemId)
        .execute();
      const have = new Set(existing.map((r) => r.user_id ?? r.group_id));
      const missing = shuffled.filter((t) => !have.has(t.id));
      if (missing.length === 0) return;
      let no = existing.length ? Number(existing[0].top) : 0;
      await db
        .insertInto("assignment_submissions")
        .values(
          missing.map((t) => ({
            tenant_id: tid,
            id: newId(),
            item_id: itemId,
            course_id: courseId,
            user_id: t.kind === "user" ? t.id : null,
            group_id: t.kind === "group" ? t.id : null,
            participant_no: ++no,
          })),
        )
        .onConflict((oc) => oc.doNothing())
        .execute();
      const after = await db
        .selectFrom("assignment_submissions")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("tenant_id", "=", tid)
        .where("item_id", "=", itemId)
        .where((eb) => eb.or(missing.map((t) => eb(t.kind === "user" ? "user_id" : "group_id", "=", t.id))))
        .executeTakeFirstOrThrow();
      if (Number(after.n) === missing.length || attempt >= 4) return;
    } catch (e) {
      if (attempt >= 4) throw e;
    }
  }
}

export async function submissionFor(k: Kernel, l: Loaded, t: Target): Promise<SubmissionRow> {
  let row = await findSubmission(k.db, l.tid, l.item.id, t);
  if (!row) {
    await ensureSubmissions(k.db, l.tid, l.item.id, l.a.course_id, [t]);
    row = await findSubmission(k.db, l.tid, l.item.id, t);
  }
  if (!row) throw new AppError("conflict");
  return row;
}

/** What a learner sees of their (group's) submission; feedback only once grades are released. */
export async function presentMine(
  k: Kernel,
  l: Loaded,
  t: Target | { problem: "none" | "several" },
  row: SubmissionRow | undefined,
  now = new Date(),
): Promise<MySubmission> {
  const target = "problem" in t ? null : t;
  const extension = target ? await extensionFor(k.db, l.tid, l.item.id, target.id) : null;
  const w = windowOf(l.a, extension, now);
  const group = target?.kind === "group" ? { id: target.id, name: target.name, members: await membersOf(k.db, l.tid, target.id, l.a.course_id) } : null;
  const fileIds = row ? jsonOf<string[]>(row.file_ids) : [];
  const released = !!l.a.released_at && !!row?.graded_at;
  const [files, feedbackFiles, submitter] = await Promise.all([
    filesOf(k.db, l.tid, fileIds),
    released ? filesOf(k.db, l.tid, jsonOf<string[]>(row!.feedback_file_ids)) : Promise.resolve([]),
    row?.submitted_by
      ? k.db
          .selectFrom("users")
          .select(sql<string>`given_name || ' ' || family_name`.as("name"))
          .where("tenant_id", "=", l.tid)
          .where("id", "=", row.submitted_by)
          .executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  return {
    id: row?.id ?? null,
    status: row?.status ?? "new",
    group,
    groupProblem: "problem" in t ? t.problem : null,
    textDoc: row ? (jsonOf(row.text_doc) ?? null) : null,
    textHtml: row?.text_html ?? "",
    files,
    revision: row?.revision ?? 0,
    submittedAt: row?.submitted_at ? new Date(row.submitted_at).toISOString() : null,
    submittedBy: submitter?.name ?? null,
    receipt: row?.receipt ?? null,
    late: isLate(row?.submitted_at ?? null, w.dueAt),
    dueAt: w.dueAt?.toISOString() ?? null,
    closesAt: w.closesAt?.toISOString() ?? null,
    extended: !!extension,
    window: w.state,
    feedback: released
      ? {
          score: num(row!.score),
          maxScore: Number(l.a.max_score),
          rubricFill: jsonOf(row!.rubric_fill) ?? null,
          feedbackHtml: row!.feedback_html,
          files: feedbackFiles,
          gradedAt: row!.graded_at ? new Date(row!.graded_at).toISOString() : null,
        }
      : null,
  };
}
