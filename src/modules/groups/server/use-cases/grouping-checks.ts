import { invalid } from "../../../../kernel/errors.ts";
import type { GroupingRow } from "../repo.ts";

export const date = (s: string | null | undefined) => (s ? new Date(s) : null);

/** A self-selection window closes after it opens. */
export function checkGrouping(g: GroupingRow) {
  if (g.opens_at && g.closes_at && g.closes_at <= g.opens_at) throw invalid({ closesAt: { code: "groups.closes_before_opens" } });
}
