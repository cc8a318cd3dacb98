import type { Kernel } from "../../../kernel/module.ts";
import { courseGroups, memberIdsOf } from "../../groups/server/index.ts";
import type { MarkingRow } from "../shared/contract.ts";
import { hidesIdentities, isLate, type Loaded, num, type SubmissionRow, windowOf } from "./load.ts";
import { ensureSubmissions, type Target } from "./mine.ts";
import { namesOf } from "./repo.ts";

/** Who is expected to submit: the course's active learners, or the groups of the assignment's grouping. */
export async function participants(k: Kernel, l: Loaded): Promise<Target[]> {
  if (l.a.group_mode) return (await courseGroups(k.db, l.tid, l.a.course_id, l.a.grouping_id)).map((g) => ({ kind: "group" as const, id: g.id, name: g.name }));
  const rows = await k.db
    .selectFrom("course_members")
    .select("user_id")
    .where("tenant_id", "=", l.tid)
    .where("course_id", "=", l.a.course_id)
    .where("role", "=", "learner")
    .where("status", "=", "active")
    .execute();
  return rows.map((r) => ({ kind: "user" as const, id: r.user_id }));
}

/** Every participant's row, created if missing so that markers address them by id (and number). */
export async function markingRows(k: Kernel, l: Loaded, onlyId?: string): Promise<{ rows: SubmissionRow[]; present: (r: SubmissionRow) => MarkingRow }> {
  if (!onlyId) await ensureSubmissions(k.db, l.tid, l.item.id, l.a.course_id, await participants(k, l));
  let q = k.db.selectFrom("assignment_submissions").selectAll().where("tenant_id", "=", l.tid).where("item_id", "=", l.item.id);
  if (onlyId) q = q.where("id", "=", onlyId);
  const rows = await q.orderBy("participant_no").execute();
  const exts = await k.db
    .selectFrom("assignment_extensions")
    .select(["target_id", "due_at"])
    .where("tenant_id", "=", l.tid)
    .where("item_id", "=", l.item.id)
    .execute();
  const extOf = new Map(exts.map((e) => [e.target_id, new Date(e.due_at)]));
  const hide = hidesIdentities(l.a);
  const groupIds = rows.flatMap((r) => (r.group_id ? [r.group_id] : []));
  const [members, groups] = await Promise.all([
    hide ? Promise.resolve(new Map<string, string[]>()) : memberIdsOf(k.db, l.tid, groupIds),
    groupIds.length && !hide
      ? k.db.selectFrom("course_groups").select(["id", "name"]).where("tenant_id", "=", l.tid).where("id", "in", groupIds).execute()
      : Promise.resolve([]),
  ]);
  const names = hide
    ? new Map<string, string>()
    : await namesOf(k.db, l.tid, [...rows.flatMap((r) => (r.user_id ? [r.user_id] : [])), ...[...members.values()].flat()]);
  const groupName = new Map(groups.map((g) => [g.id, g.name]));
  const present = (r: SubmissionRow): MarkingRow => {
    const target = r.user_id ?? r.group_id!;
    const ext = extOf.get(target) ?? null;
    return {
      id: r.id,
      participantNo: r.participant_no,
      name: hide ? null : r.user_id ? (names.get(r.user_id) ?? null) : (groupName.get(r.group_id!) ?? null),
      userId: hide ? null : r.user_id,
      groupId: hide ? null : r.group_id,
      members: hide || !r.group_id ? [] : (members.get(r.group_id) ?? []).map((u) => names.get(u) ?? "").sort((a, b) => a.localeCompare(b)),
      status: r.status,
      submittedAt: r.submitted_at ? new Date(r.submitted_at).toISOString() : null,
      late: isLate(r.submitted_at, windowOf(l.a, ext).dueAt),
      extensionDueAt: ext?.toISOString() ?? null,
      score: num(r.score),
      graded: !!r.graded_at,
    };
  };
  return { rows, present };
}

/** Learners a submission's grade goes to: the learner, or every current member of the group. */
export async function gradeTargets(k: Kernel, l: Loaded, r: SubmissionRow): Promise<string[]> {
  if (r.user_id) return [r.user_id];
  return (await memberIdsOf(k.db, l.tid, [r.group_id!])).get(r.group_id!) ?? [];
}
