/** Reading a typed number with an optional unit: "12.5", "12,5", "-1.2e3", "12.5 cm", "1 000,5". */
export function readNumber(text: string): { value: number; unit: string } | null {
  const t = text
    .normalize("NFKC")
    .trim()
    .replace(/[\u00a0\u202f]/g, " ");
  const m = /^([+-−]?(?:\d{1,3}(?:[ ]\d{3})+|\d+)?(?:[.,]\d+)?(?:[eE][+-]?\d+)?)\s*(.*)$/u.exec(t);
  if (!m || !/\d/.test(m[1])) return null;
  const num = m[1].replace(/ /g, "").replace(",", ".").replace("−", "-");
  const value = Number(num);
  if (!Number.isFinite(value)) return null;
  return { value, unit: m[2].trim() };
}

export function withinTolerance(value: number, expected: number, tolerance: number, kind: "absolute" | "relative"): boolean {
  const allowed = kind === "relative" ? Math.abs(expected) * tolerance : tolerance;
  // a hair of slack for binary rounding (0.1 + 0.2)
  return Math.abs(value - expected) <= allowed + 1e-9 * Math.max(1, Math.abs(expected));
}
