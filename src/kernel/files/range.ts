/**
 * The Range header of a download (RFC 9110 §14): one byte range `a-b`, `a-` or `-n`.
 * Returns "all" for no usable Range (absent, another unit, several ranges: served whole),
 * "unsatisfiable" for a range past the end (416), or the inclusive bounds.
 */
export type RangeAnswer = "all" | "unsatisfiable" | { start: number; end: number };

export function parseRange(header: string | undefined, size: number): RangeAnswer {
  if (!header) return "all";
  const m = /^\s*bytes\s*=\s*(.+)$/i.exec(header);
  if (!m) return "all";
  const specs = m[1]
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (specs.length !== 1) return specs.length === 0 ? "unsatisfiable" : "all";
  const r = /^(\d*)-(\d*)$/.exec(specs[0]);
  if (!r || (r[1] === "" && r[2] === "")) return "unsatisfiable";
  if (r[1] === "") {
    const n = Number(r[2]);
    if (n === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - n), end: size - 1 };
  }
  const start = Number(r[1]);
  const end = r[2] === "" ? size - 1 : Math.min(Number(r[2]), size - 1);
  if (start >= size || (r[2] !== "" && Number(r[2]) < start)) return "unsatisfiable";
  return { start, end };
}

/** `Content-Disposition` with an ASCII fallback and the exact name in RFC 5987 `filename*`. */
export function contentDisposition(type: "inline" | "attachment", name: string) {
  const ascii = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^\x20-\x7e]/g, "_")
    .replace(/["\\%]/g, "_");
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
