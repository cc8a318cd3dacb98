/**
 * How the gradebook turns grades into category and course totals, and totals into a scale. Pure:
 * the server (grid, exports, the learner's page) and the client (the explanation shown to
 * teachers) compute the same way.
 *
 * - A category's percentage is the sum of the points obtained over the sum of the maximum points
 *   of its graded items, after leaving out its N lowest grades (compared as percentages; at least
 *   one grade is always kept). Items without a grade do not count.
 * - The course total is the weighted mean of the category percentages, over the categories that
 *   have at least one grade. Items in no category form one more category whose weight is the
 *   course's "uncategorised weight".
 */

export const BUILTIN_SCALES = ["percent", "letters", "twenty", "ten"] as const;
export type BuiltinScale = (typeof BUILTIN_SCALES)[number];
/** a letter from a minimum percentage up, highest band first */
export type ScaleBand = { letter: string; min: number };
export type Scale = { id: string; name: string; kind: "percent" | "outOf" | "letters"; outOf?: number; bands?: ScaleBand[] };

export const LETTERS_A_F: ScaleBand[] = [
  { letter: "A", min: 90 },
  { letter: "B", min: 80 },
  { letter: "C", min: 70 },
  { letter: "D", min: 60 },
  { letter: "E", min: 50 },
  { letter: "F", min: 0 },
];

export function builtinScale(id: BuiltinScale): Scale {
  switch (id) {
    case "letters":
      return { id, name: "A–F", kind: "letters", bands: LETTERS_A_F };
    case "twenty":
      return { id, name: "/20", kind: "outOf", outOf: 20 };
    case "ten":
      return { id, name: "/10", kind: "outOf", outOf: 10 };
    default:
      return { id: "percent", name: "%", kind: "percent" };
  }
}

export const isBuiltinScale = (s: string): s is BuiltinScale => (BUILTIN_SCALES as readonly string[]).includes(s);

/** Bands sorted highest first, checked: distinct letters, minimums between 0 and 100, one starting at 0. */
export function normaliseBands(bands: ScaleBand[]): ScaleBand[] | null {
  const sorted = [...bands].map((b) => ({ letter: b.letter.trim(), min: b.min })).sort((a, b) => b.min - a.min);
  if (sorted.length < 2 || sorted.length > 30) return null;
  if (sorted.some((b) => !b.letter || b.letter.length > 10 || !Number.isFinite(b.min) || b.min < 0 || b.min > 100)) return null;
  if (new Set(sorted.map((b) => b.letter)).size !== sorted.length || new Set(sorted.map((b) => b.min)).size !== sorted.length) return null;
  if (sorted.at(-1)!.min !== 0) return null;
  return sorted;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** A percentage shown on a scale: "85,5 %", "17,1/20" or "B" (numbers in the given locale). */
export function formatOnScale(percent: number | null, scale: Scale, locale: string): string {
  if (percent === null) return "";
  const nf = (d: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: d });
  if (scale.kind === "letters") return (scale.bands ?? LETTERS_A_F).find((b) => percent >= b.min - 1e-9)?.letter ?? "";
  if (scale.kind === "outOf") return `${nf(2).format(round((percent * (scale.outOf ?? 20)) / 100))}/${nf(2).format(scale.outOf ?? 20)}`;
  return new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(percent / 100);
}

export type CategoryLite = { id: string; weight: number; dropLowest: number };
export type ItemLite = { id: string; categoryId: string | null; maxScore: number };

/** Category percentages (null = no grade in it) and the course total (null = no grade at all). */
export function computeTotals(
  items: ItemLite[],
  categories: CategoryLite[],
  uncategorisedWeight: number,
  scoreOf: (itemId: string) => number | null | undefined,
): { categories: Map<string | null, number | null>; total: number | null } {
  const known = new Set(categories.map((c) => c.id));
  const groups = new Map<string | null, { weight: number; drop: number; grades: { score: number; max: number }[] }>();
  for (const c of categories) groups.set(c.id, { weight: c.weight, drop: c.dropLowest, grades: [] });
  groups.set(null, { weight: uncategorisedWeight, drop: 0, grades: [] });
  for (const it of items) {
    const s = scoreOf(it.id);
    if (s === null || s === undefined) continue;
    const key = it.categoryId && known.has(it.categoryId) ? it.categoryId : null;
    groups.get(key)!.grades.push({ score: s, max: it.maxScore });
  }
  const percents = new Map<string | null, number | null>();
  let sum = 0;
  let weights = 0;
  for (const [key, g] of groups) {
    if (g.grades.length === 0) {
      percents.set(key, null);
      continue;
    }
    const kept = [...g.grades].sort((a, b) => a.score / a.max - b.score / b.max).slice(Math.min(g.drop, g.grades.length - 1));
    const pct = (kept.reduce((n, x) => n + x.score, 0) * 100) / kept.reduce((n, x) => n + x.max, 0);
    percents.set(key, pct);
    if (g.weight > 0) {
      sum += g.weight * pct;
      weights += g.weight;
    }
  }
  return { categories: percents, total: weights > 0 ? sum / weights : null };
}

/** The score that counts: a teacher's override wins over the computed score. */
export const effectiveScore = (g: { score: number | null; overridden: boolean; override_score: number | null }) => (g.overridden ? g.override_score : g.score);
