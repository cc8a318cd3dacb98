import type { Actor } from "../../../../kernel/auth/actor.ts";
import { EMAIL_HEADERS, foldCell, LOGIN_HEADERS, readCsv } from "../../../../kernel/csv.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { courseLearners, listGroupings, listGroupRows, memberRows } from "../repo.ts";
import { manageCourse } from "./access.ts";

export const MAX_CSV_ROWS = 5000;

const GROUP_HEADERS = new Set(["group", "groupe", "grupo", "groep", "gruppe", "gruppo"]);
const GROUPING_HEADERS = new Set(["grouping", "groupement", "agrupamiento", "groepering", "gruppierung", "raggruppamento"]);

type Row = { line: number; group: string; login: string; outcome: "add" | "already" | "error"; error: string | null; name: string | null };

/**
 * Groups from a CSV: a group column, a username or email column, an optional grouping column.
 * Missing groups and groupings are created by name; people must be learners of the course.
 * A dry run reports what each line would do; otherwise valid lines are applied in one transaction.
 */
export async function importGroups(k: Kernel, actor: Actor, courseId: string, input: { csv: string; dryRun: boolean }, locale: Locale) {
  const { tid, me } = await manageCourse(k, actor, courseId);
  const records = readCsv(
    input.csv,
    { maxRows: MAX_CSV_ROWS, trim: true },
    { unreadable: "groups.csv_unreadable", empty: "groups.csv_empty", tooMany: { code: "groups.csv_too_many", params: { maximum: MAX_CSV_ROWS } } },
  );
  const cols = records[0].map(foldCell);
  const groupCol = cols.findIndex((c) => GROUP_HEADERS.has(c));
  const groupingCol = cols.findIndex((c) => GROUPING_HEADERS.has(c));
  const loginCol = cols.findIndex((c) => LOGIN_HEADERS.has(c));
  const emailCol = cols.findIndex((c) => EMAIL_HEADERS.has(c));
  if (groupCol < 0 || (loginCol < 0 && emailCol < 0)) throw new AppError("validation", {}, { csv: { code: "groups.csv_columns" } });

  const [learners, groups, groupings, members] = await Promise.all([
    courseLearners(k.db, tid, courseId),
    listGroupRows(k.db, tid, courseId),
    listGroupings(k.db, tid, courseId),
    memberRows(k.db, tid, courseId),
  ]);
  const byLogin = new Map<string, (typeof learners)[number]>();
  for (const l of learners) if (l.email) byLogin.set(l.email.toLowerCase(), l);
  for (const l of learners) byLogin.set(l.username.toLowerCase(), l);
  const groupByName = new Map(groups.map((g) => [g.name.toLowerCase(), g.id]));
  const groupingByName = new Map(groupings.map((g) => [g.name.toLowerCase(), g.id]));
  const memberships = new Set(members.map((m) => `${m.group_id}:${m.user_id}`));
  const newGroups = new Map<string, { id: string; name: string; grouping: string | null }>();
  const newGroupings = new Map<string, { id: string; name: string }>();
  const adds: { group_id: string; user_id: string }[] = [];
  const err = (code: string, params?: Record<string, unknown>) => t(locale, `errors.groups.${code}`, params);

  const rows: Row[] = records.slice(1).map((cells, i) => {
    const line = i + 2;
    const group = (cells[groupCol] ?? "").trim();
    const login = ((loginCol >= 0 ? cells[loginCol] : "") || (emailCol >= 0 ? cells[emailCol] : "") || "").trim().toLowerCase();
    const groupingName = groupingCol >= 0 ? (cells[groupingCol] ?? "").trim() : "";
    const row: Row = { line, group, login, outcome: "error", error: null, name: null };
    if (!group) return { ...row, error: err("csv_no_group") };
    if (group.length > 200) return { ...row, error: err("csv_group_too_long") };
    if (!login) return { ...row, error: err("csv_no_login") };
    const person = byLogin.get(login);
    if (!person) return { ...row, error: err("csv_not_learner", { login }) };
    row.name = person.name;
    let groupId = groupByName.get(group.toLowerCase());
    if (!groupId) {
      let groupingId: string | null = null;
      if (groupingName) {
        groupingId = groupingByName.get(groupingName.toLowerCase()) ?? null;
        if (!groupingId) {
          groupingId = newId();
          newGroupings.set(groupingName.toLowerCase(), { id: groupingId, name: groupingName.slice(0, 200) });
          groupingByName.set(groupingName.toLowerCase(), groupingId);
        }
      }
      groupId = newId();
      newGroups.set(group.toLowerCase(), { id: groupId, name: group, grouping: groupingId });
      groupByName.set(group.toLowerCase(), groupId);
    }
    const key = `${groupId}:${person.id}`;
    if (memberships.has(key)) return { ...row, outcome: "already" };
    memberships.add(key);
    adds.push({ group_id: groupId, user_id: person.id });
    return { ...row, outcome: "add" };
  });
  const counts = {
    add: rows.filter((r) => r.outcome === "add").length,
    already: rows.filter((r) => r.outcome === "already").length,
    error: rows.filter((r) => r.outcome === "error").length,
    newGroups: newGroups.size,
  };
  if (input.dryRun) return { dryRun: true, rows, counts, applied: false };
  await k.db.transaction().execute(async (trx) => {
    if (newGroupings.size)
      await trx
        .insertInto("course_groupings")
        .values([...newGroupings.values()].map((g) => ({ tenant_id: tid, id: g.id, course_id: courseId, name: g.name })))
        .execute();
    if (newGroups.size)
      await trx
        .insertInto("course_groups")
        .values([...newGroups.values()].map((g) => ({ tenant_id: tid, id: g.id, course_id: courseId, name: g.name, grouping_id: g.grouping })))
        .execute();
    if (adds.length)
      await trx
        .insertInto("group_members")
        .values(adds.map((a) => ({ tenant_id: tid, course_id: courseId, ...a })))
        .onConflict((oc) => oc.columns(["tenant_id", "group_id", "user_id"]).doNothing())
        .execute();
  });
  k.record({ tenantId: tid, actorId: me.userId, verb: "imported-groups", objectType: "course", objectId: courseId, context: counts });
  return { dryRun: false, rows, counts, applied: true };
}
