import type { Group, Grouping } from "../shared/contract.ts";
import type { GroupingRow } from "./repo.ts";

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

/** Self-selection is open when enabled and now is within its window. */
export const selectionOpen = (g: GroupingRow, now = new Date()) =>
  g.self_select && (!g.opens_at || new Date(g.opens_at) <= now) && (!g.closes_at || new Date(g.closes_at) > now);

export const presentGrouping = (g: GroupingRow, now = new Date()): Grouping => ({
  id: g.id,
  name: g.name,
  selfSelect: g.self_select,
  maxMembers: g.max_members,
  opensAt: iso(g.opens_at),
  closesAt: iso(g.closes_at),
  open: selectionOpen(g, now),
});

export function presentGroup(
  g: { id: string; name: string; grouping_id: string | null },
  members: { user_id: string; name: string }[],
  viewer: { userId: string; seesAll: boolean },
): Group {
  const mine = members.some((m) => m.user_id === viewer.userId);
  return {
    id: g.id,
    name: g.name,
    groupingId: g.grouping_id,
    size: members.length,
    members: viewer.seesAll || mine ? members.map((m) => ({ id: m.user_id, name: m.name })) : [],
    mine,
  };
}
