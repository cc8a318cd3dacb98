/** Text comparisons for typed answers: * wildcards, case and accent options, tidy whitespace. */

const squash = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ");
const stripAccents = (s: string) =>
  s
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .normalize("NFC");

export type TextOptions = { caseSensitive: boolean; accentSensitive: boolean };

export function normalise(s: string, o: TextOptions): string {
  let t = squash(s);
  if (!o.accentSensitive) t = stripAccents(t);
  if (!o.caseSensitive) t = t.toLocaleLowerCase("und");
  return t;
}

/**
 * Whether `answer` matches `pattern`, where * stands for any run of characters (\* for a literal
 * star). The pattern must match the whole answer.
 */
export function matchesPattern(pattern: string, answer: string, o: TextOptions): boolean {
  const p = normalise(pattern, o);
  const a = normalise(answer, o);
  if (a === "") return false;
  const parts: string[] = [];
  let lit = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && p[i + 1] === "*") {
      lit += "*";
      i++;
    } else if (c === "*") {
      parts.push(lit, "\u0000");
      lit = "";
    } else lit += c;
  }
  parts.push(lit);
  const re = parts.map((x) => (x === "\u0000" ? ".*" : x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))).join("");
  return new RegExp(`^${re}$`, "su").test(a);
}
