/** p50 and p95 (nearest rank) of latencies in milliseconds. */
export function percentiles(latencies: number[]): { p50: number; p95: number } {
  if (latencies.length === 0) return { p50: Number.NaN, p95: Number.NaN };
  const sorted = Float64Array.from(latencies).sort();
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return { p50: at(0.5), p95: at(0.95) };
}
