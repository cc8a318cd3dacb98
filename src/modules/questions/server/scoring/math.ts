import { ComputeEngine } from "@cortex-js/compute-engine";

/**
 * Algebraic equivalence of two expressions written in LaTeX (as MathLive writes them), decided by
 * evaluating both at random points of their variables: equal values at many points means equal
 * expressions (a standard, robust test; it treats (x²−1)/(x−1) and x+1 as equivalent since they
 * differ at one point only). Points where either side is undefined are skipped; a side undefined
 * where the other is defined counts as a difference (√(x²) is not x).
 */
const ce = new ComputeEngine();

type Compiled = { fn: (vars: Record<string, number>) => number; unknowns: string[] };

function compile(latex: string): Compiled | null {
  try {
    const expr = ce.parse(latex);
    if (!expr.isValid) return null;
    const compiled = expr.compile() as unknown as ((v: Record<string, number>) => unknown) | undefined;
    if (typeof compiled !== "function") return null;
    const unknowns = [...expr.unknowns].map(String);
    return {
      unknowns,
      fn: (vars) => {
        const r = compiled(vars);
        return typeof r === "number"
          ? r
          : typeof r === "object" && r && "re" in r && (r as unknown as { im: number }).im === 0
            ? (r as unknown as { re: number }).re
            : Number.NaN;
      },
    };
  } catch {
    return null;
  }
}

// deterministic points, so a given answer always gets the same verdict
function* points(count: number, seed = 0x9e3779b9): Generator<number> {
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    const u = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    // mostly small values, some larger, both signs, never integers (avoid removable singularities)
    yield (u - 0.5) * (i % 3 === 0 ? 20 : 6) + 0.0137 * (i + 1);
  }
}

export type MathVerdict = "equivalent" | "different" | "invalid";

export function mathEquivalent(expected: string, given: string, tolerance = 1e-9): MathVerdict {
  const a = compile(expected);
  const b = compile(given);
  if (!a || !b) return "invalid";
  const vars = [...new Set([...a.unknowns, ...b.unknowns])];
  const gen = points(60 * Math.max(1, vars.length));
  let compared = 0;
  for (let attempt = 0; attempt < 40 && compared < 12; attempt++) {
    const at: Record<string, number> = {};
    for (const v of vars) at[v] = gen.next().value ?? Math.random();
    let x: number;
    let y: number;
    try {
      x = a.fn(at);
      y = b.fn(at);
    } catch {
      return "invalid";
    }
    const xOk = Number.isFinite(x);
    const yOk = Number.isFinite(y);
    if (!xOk && !yOk) continue;
    if (xOk !== yOk) return "different";
    const scale = Math.max(1, Math.abs(x), Math.abs(y));
    if (Math.abs(x - y) > Math.max(tolerance, 1e-9) * scale) return "different";
    compared++;
    if (vars.length === 0) break;
  }
  return compared > 0 ? "equivalent" : "different";
}
