/**
 * Short-answer patterns (`*` = any characters, `\*` a real star; case and accent options) written
 * as QTI `patternMatch` regular expressions (XML Schema flavour: always anchored, no flags), and
 * read back. Case and accent insensitivity become character classes ([eEéÉèÈ…]), which any QTI
 * player understands; leading, trailing and repeated spaces are allowed as our scoring allows them.
 */

const ACCENTED = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥħìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
const baseOf = (c: string) =>
  c
    .normalize("NFD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase();
const VARIANTS = new Map<string, string[]>();
for (const c of ACCENTED) {
  const b = baseOf(c);
  if (b.length === 1) VARIANTS.set(b, [...(VARIANTS.get(b) ?? []), c]);
}

const REGEX_SPECIAL = /[.\\?*+{}()[\]|^$-]/;
const escapeChar = (c: string) => (REGEX_SPECIAL.test(c) ? `\\${c}` : c);

function classFor(c: string, caseSensitive: boolean, accentSensitive: boolean): string {
  const set = new Set([c]);
  const isLetter = /\p{L}/u.test(c);
  if (!isLetter) return escapeChar(c);
  const upper = c !== c.toLowerCase();
  const forms = accentSensitive ? [c] : [c, ...[baseOf(c), ...(VARIANTS.get(baseOf(c)) ?? [])].map((f) => (upper ? f.toUpperCase() : f))];
  for (const f of forms) {
    set.add(f);
    if (!caseSensitive) {
      set.add(f.toLowerCase());
      set.add(f.toUpperCase());
    }
  }
  return set.size === 1 ? c : `[${[...set].join("")}]`;
}

export function patternToRegex(pattern: string, caseSensitive: boolean, accentSensitive: boolean): string {
  const p = pattern.normalize("NFC").trim().replace(/\s+/g, " ");
  let out = "";
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\" && p[i + 1] === "*") {
      out += "\\*";
      i++;
    } else if (c === "*") out += ".*";
    else if (c === " ") out += "\\s+";
    else out += classFor(c, caseSensitive, accentSensitive);
  }
  return `\\s*${out}\\s*`;
}

/**
 * A regular expression written by patternToRegex back to the pattern and its options; null for
 * any other regular expression (the importer reports it rather than guessing).
 */
export function regexToPattern(regex: string): { pattern: string; caseSensitive: boolean; accentSensitive: boolean } | null {
  let r = regex;
  if (r.startsWith("\\s*")) r = r.slice(3);
  if (r.endsWith("\\s*") && !r.endsWith("\\\\s*")) r = r.slice(0, -3);
  let pattern = "";
  let caseSensitive = true;
  let accentSensitive = true;
  let sawLetter = false;
  for (let i = 0; i < r.length; i++) {
    const c = r[i];
    if (r.startsWith("\\s+", i)) {
      pattern += " ";
      i += 2;
    } else if (r.startsWith(".*", i)) {
      pattern += "*";
      i += 1;
    } else if (c === "\\") {
      const n = r[i + 1];
      if (n === undefined || !REGEX_SPECIAL.test(n)) return null;
      pattern += n === "*" ? "\\*" : n;
      i += 1;
    } else if (c === "[") {
      const end = r.indexOf("]", i + 1);
      if (end < 0) return null;
      const chars = [...r.slice(i + 1, end)];
      const first = chars[0];
      if (!first || chars.some((x) => baseOf(x) !== baseOf(first))) return null;
      sawLetter = true;
      if (chars.some((x) => x !== x.toLowerCase()) && chars.some((x) => x !== x.toUpperCase())) caseSensitive = false;
      if (new Set(chars.map((x) => x.toLowerCase())).size > 1) accentSensitive = false;
      pattern += first;
      i = end;
    } else if (REGEX_SPECIAL.test(c)) return null;
    else {
      if (/\p{L}/u.test(c)) sawLetter = true;
      pattern += c;
    }
  }
  if (!sawLetter) caseSensitive = false;
  return pattern.trim() ? { pattern: pattern.trim(), caseSensitive, accentSensitive } : null;
}
