import type { PublicQuestion, QuestionVersion } from "../shared/types.ts";

/** A small deterministic generator (mulberry32) seeded by a string: same seed, same shuffle. */
export function seededRandom(seed: string | number): () => number {
  let h = 2166136261 >>> 0;
  for (const ch of String(seed)) h = Math.imul(h ^ ch.codePointAt(0)!, 16777619) >>> 0;
  let s = h;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(xs: readonly T[], rnd: () => number): T[] {
  const a = [...xs];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * What a learner may see of a question version: no right answer, no fraction, no feedback.
 * Options are shuffled by `seed` (e.g. the attempt id) when the question allows it; ordering
 * items are always shuffled (and never left in the right order when there are several).
 */
export function toPublic(v: QuestionVersion, seed: string | number): PublicQuestion {
  const d = v.definition;
  const rnd = seededRandom(`${seed}:${v.questionId}`);
  const base = { id: v.id, questionId: v.questionId, points: v.points, stem: d.stem, hints: d.hints };
  switch (d.type) {
    case "single":
    case "multiple": {
      const options = d.options.map((o) => ({ id: o.id, text: o.text }));
      return { type: d.type, ...base, options: d.shuffle ? shuffled(options, rnd) : options };
    }
    case "truefalse":
    case "short":
    case "math":
      return { type: d.type, ...base };
    case "numeric":
      return { type: "numeric", ...base, units: d.units.map((u) => u.unit) };
    case "matching": {
      const answers = [...new Set([...d.pairs.map((p) => p.answer), ...d.extraAnswers])];
      const prompts = d.pairs.map((p) => ({ id: p.id, text: p.prompt }));
      return { type: "matching", ...base, prompts: d.shuffle ? shuffled(prompts, rnd) : prompts, answers: shuffled(answers, rnd) };
    }
    case "ordering": {
      let items = shuffled(d.items, rnd);
      if (items.every((x, i) => x.id === d.items[i].id)) items = [...items.slice(1), items[0]];
      return { type: "ordering", ...base, items: items.map((i) => ({ id: i.id, text: i.text })) };
    }
    case "cloze": {
      const parts: Extract<PublicQuestion, { type: "cloze" }>["parts"] = [];
      const byId = new Map(d.gaps.map((g) => [g.id, g]));
      let last = 0;
      for (const m of d.text.matchAll(/\[\[([^\]]{1,64})\]\]/g)) {
        const g = byId.get(m[1].trim());
        if (!g) continue;
        if (m.index > last) parts.push({ text: d.text.slice(last, m.index) });
        const options = g.kind === "select" ? g.answers.map((a) => a.text) : [];
        parts.push({ gap: g.id, kind: g.kind, options: d.shuffle ? shuffled(options, rnd) : options });
        last = m.index + m[0].length;
      }
      if (last < d.text.length) parts.push({ text: d.text.slice(last) });
      return { type: "cloze", ...base, parts };
    }
    case "essay":
      return { type: "essay", ...base, minWords: d.minWords, maxWords: d.maxWords };
    case "file":
      return { type: "file", ...base, maxFiles: d.maxFiles, accept: d.accept };
  }
}
