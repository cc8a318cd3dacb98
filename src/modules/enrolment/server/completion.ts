import type { UserActor } from "../../../kernel/auth/actor.ts";
import { AppError, type FieldErrors } from "../../../kernel/errors.ts";
import { ItemCondition, type ItemState, type LockReason } from "../shared/contract.ts";

export type ItemLite = {
  id: string;
  title: string;
  kind: string;
  completion: "none" | "viewed" | "done" | "graded";
  condition: unknown;
};
export type ProgressLite = { item_id: string; viewed_at: Date | string | null; done_at: Date | string | null };

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);

/**
 * Is an item complete for its rule? 'viewed' items also count as complete once marked done;
 * 'graded' items carry done_at while the learner's grade reaches the pass score (gradebook).
 */
export function isComplete(item: Pick<ItemLite, "completion">, p: Pick<ProgressLite, "viewed_at" | "done_at"> | undefined) {
  if (!p || item.completion === "none") return false;
  return item.completion === "viewed" ? !!(p.viewed_at || p.done_at) : !!p.done_at;
}

/**
 * Validates an item's condition (as stored in course_items.condition). Null or {} means none.
 * `courseItemIds` (when given) must contain `afterItemId`, which may not be the item itself.
 * Throws 422 with field errors under `condition.*`.
 */
export function parseItemCondition(raw: unknown, opts: { itemId?: string; courseItemIds?: readonly string[] } = {}): ItemCondition | null {
  if (raw === null || raw === undefined) return null;
  const r = ItemCondition.safeParse(raw);
  if (!r.success) {
    const fields: FieldErrors = {};
    for (const i of r.error.issues)
      fields[["condition", ...i.path.map(String)].join(".")] ??= {
        code: i.code === "unrecognized_keys" ? "enrolment.condition_unknown" : "enrolment.condition_invalid",
      };
    throw new AppError("validation", {}, fields);
  }
  const c = r.data;
  if (c.afterItemId && (c.afterItemId === opts.itemId || (opts.courseItemIds && !opts.courseItemIds.includes(c.afterItemId)))) {
    throw new AppError("validation", {}, { "condition.afterItemId": { code: "enrolment.condition_item" } });
  }
  return Object.keys(c).length ? c : null;
}

/** Whether the actor belongs to a node (a role on it or below it). */
const inGroup = (actor: Pick<UserActor, "grants">, orgId: string) => actor.grants.some((g) => g.orgId === orgId || g.path.includes(`/${orgId}/`));

/**
 * Is an item open to this learner? `complete(itemId)` says whether another item is complete for
 * them. Returns the first reason it is locked, or null. Teachers never call this (all open).
 */
export function itemAvailable(
  condition: unknown,
  complete: (itemId: string) => boolean,
  actor: Pick<UserActor, "grants">,
  opts: { now?: Date; titleOf?: (itemId: string) => string } = {},
): { available: boolean; reason: LockReason | null } {
  const c = condition && typeof condition === "object" ? (condition as ItemCondition) : null;
  if (!c) return { available: true, reason: null };
  const now = opts.now ?? new Date();
  if (c.from && new Date(c.from) > now) return { available: false, reason: { kind: "from", from: new Date(c.from).toISOString() } };
  if (c.groupOrgId && !inGroup(actor, c.groupOrgId)) return { available: false, reason: { kind: "group", orgId: c.groupOrgId } };
  if (c.afterItemId && !complete(c.afterItemId)) {
    return { available: false, reason: { kind: "after", itemId: c.afterItemId, itemTitle: opts.titleOf?.(c.afterItemId) ?? "" } };
  }
  return { available: true, reason: null };
}

/**
 * Each item's state for one learner and the course progress. Items come in course order.
 * Items for another group are left out of the learner's list and of the total.
 */
export function progressOf(items: ItemLite[], progress: ProgressLite[], actor: Pick<UserActor, "grants">, opts: { teacher?: boolean; now?: Date } = {}) {
  const byItem = new Map(progress.map((p) => [p.item_id, p]));
  const byId = new Map(items.map((i) => [i.id, i]));
  const complete = (id: string) => {
    const it = byId.get(id);
    const p = byItem.get(id);
    // an item with no rule is "complete" once opened, so "after X" still means something
    return it ? (it.completion === "none" ? !!p?.viewed_at : isComplete(it, p)) : true;
  };
  const states: ItemState[] = [];
  let total = 0;
  let done = 0;
  for (const it of items) {
    const p = byItem.get(it.id);
    const a = opts.teacher
      ? { available: true, reason: null }
      : itemAvailable(it.condition, complete, actor, { now: opts.now, titleOf: (id) => byId.get(id)?.title ?? "" });
    const forOtherGroup = a.reason?.kind === "group";
    const c = isComplete(it, p);
    if (it.completion !== "none" && !forOtherGroup) {
      total++;
      if (c) done++;
    }
    states.push({
      id: it.id,
      completion: it.completion,
      complete: c,
      viewedAt: iso(p?.viewed_at),
      doneAt: iso(p?.done_at),
      available: a.available,
      locked: a.reason,
    });
  }
  const percent = total === 0 ? 0 : Math.floor((done * 100) / total);
  return { states, total, completed: done, percent };
}
