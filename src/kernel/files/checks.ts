import type { FilePurpose } from "../db/schema.ts";

/**
 * What may be uploaded for each use, and how a client's file name becomes a safe display name.
 * The type of a file is what its bytes say (magic numbers, via file-type), never what the client
 * claims; the claimed type (the name's extension) must agree with it.
 */
export type Kind = { ext: string; mime: string /** shown inline (video, images); anything else is an attachment */; inline?: boolean; text?: boolean };

const K = (ext: string, mime: string, extra: Partial<Kind> = {}): Kind => ({ ext, mime, ...extra });

const DOCUMENTS: Kind[] = [
  K("pdf", "application/pdf"),
  K("odt", "application/vnd.oasis.opendocument.text"),
  K("ods", "application/vnd.oasis.opendocument.spreadsheet"),
  K("odp", "application/vnd.oasis.opendocument.presentation"),
  K("docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
  K("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
  K("pptx", "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
  K("zip", "application/zip"),
  K("txt", "text/plain; charset=utf-8", { text: true }),
  K("csv", "text/csv; charset=utf-8", { text: true }),
];
const IMAGES: Kind[] = [
  K("png", "image/png", { inline: true }),
  K("jpg", "image/jpeg", { inline: true }),
  K("webp", "image/webp", { inline: true }),
  K("gif", "image/gif", { inline: true }),
];
const VIDEOS: Kind[] = [K("mp4", "video/mp4", { inline: true }), K("webm", "video/webm", { inline: true }), K("ogv", "video/ogg", { inline: true })];
const CAPTIONS: Kind[] = [K("vtt", "text/vtt; charset=utf-8", { inline: true, text: true })];

/** Allowed kinds per use. SVG is allowed nowhere (it can carry scripts). */
export const ALLOWED: Record<FilePurpose, Kind[]> = {
  document: [...DOCUMENTS, ...IMAGES],
  image: IMAGES,
  video: VIDEOS,
  captions: CAPTIONS,
};

/** Extensions that name the same kind. */
const ALIASES: Record<string, string> = { jpeg: "jpg", jpe: "jpg", m4v: "mp4", ogg: "ogv", text: "txt" };
const canonical = (ext: string) => ALIASES[ext] ?? ext;

/** The extension of a (sanitised) name, lower case, without the dot; '' when none. */
export const extensionOf = (name: string) => {
  const m = /\.([A-Za-z0-9]{1,10})$/.exec(name);
  return m ? m[1].toLowerCase() : "";
};

export type Verdict = { ok: true; kind: Kind } | { ok: false; code: "files.type_not_allowed" | "files.type_mismatch" | "files.not_text"; detected?: string };

/**
 * Decides the kind of an upload from the extension it claims and what its first bytes say.
 * `detected` is file-type's answer for the first bytes (undefined when not a known binary format).
 */
export function judgeType(purpose: FilePurpose, name: string, detected: { ext: string; mime: string } | undefined, head: Uint8Array): Verdict {
  const allowed = ALLOWED[purpose];
  const claimed = canonical(extensionOf(name));
  if (detected) {
    const ext = canonical(detected.ext);
    const kind = allowed.find((k) => k.ext === ext);
    if (!kind) return { ok: false, code: "files.type_not_allowed", detected: detected.ext };
    if (kind.text && !looksLikeText(head)) return { ok: false, code: "files.not_text" };
    // a claim that names another known kind (report.pdf holding a program, photo.png holding a zip) is
    // refused; an office file whose inner parts come too late for the sample is kept as a plain zip
    if (claimed && claimed !== ext && !(ext === "zip" && (!KNOWN.has(claimed) || OFFICE.has(claimed))))
      return { ok: false, code: "files.type_mismatch", detected: detected.ext };
    return { ok: true, kind };
  }
  // no magic number: only plain text kinds, claimed by the extension, and the bytes must be text
  const kind = allowed.find((k) => k.text && k.ext === claimed);
  if (!kind) return { ok: false, code: claimed && KNOWN.has(claimed) ? "files.type_mismatch" : "files.type_not_allowed" };
  if (!looksLikeText(head)) return { ok: false, code: "files.not_text" };
  return { ok: true, kind };
}

const OFFICE = new Set(["odt", "ods", "odp", "docx", "xlsx", "pptx"]);
const KNOWN = new Set([...DOCUMENTS, ...IMAGES, ...VIDEOS, ...CAPTIONS].map((k) => k.ext).concat(Object.keys(ALIASES), ["svg", "html", "htm", "exe", "js"]));

/** No NUL byte and valid UTF-8 (a multi-byte character cut at the end of the sample is fine). */
export function looksLikeText(head: Uint8Array): boolean {
  if (head.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head, { stream: true });
    return true;
  } catch {
    return false;
  }
}

// C0/C1 controls, DEL, bidirectional overrides and isolates, zero-width and BOM characters
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this removes
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]/g;
const RESERVED = /[<>:"/\\|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;
export const MAX_NAME = 200;

/**
 * A safe display name from whatever the client sent: only the last path segment, no control or
 * direction-changing characters, no reserved characters, no leading dots, at most 200 characters
 * with the extension kept. Never used as a path: bytes are stored by id.
 */
export function sanitizeName(raw: string, fallback = "file"): string {
  let s = (raw ?? "").normalize("NFC").replace(UNSAFE, "");
  s =
    s
      .split(/[/\\]/)
      .filter((p) => p !== "")
      .pop() ?? "";
  s = s.replace(RESERVED, "_").replace(/\s+/g, " ").trim();
  s = s.replace(/^[.\s]+/, "").replace(/[.\s]+$/, "");
  if (WINDOWS_DEVICE.test(s)) s = `_${s}`;
  if (!s) s = fallback;
  if ([...s].length > MAX_NAME) {
    const ext = extensionOf(s);
    const chars = [...(ext ? s.slice(0, -(ext.length + 1)) : s)];
    s =
      chars
        .slice(0, MAX_NAME - (ext ? ext.length + 1 : 0))
        .join("")
        .trim() + (ext ? `.${ext}` : "");
  }
  return s;
}

/** The display name with the extension of its detected kind (a name without one gets it). */
export function nameWithExtension(name: string, kind: Kind): string {
  if (canonical(extensionOf(name)) === kind.ext) return name;
  if (extensionOf(name) === "") return `${name}.${kind.ext}`;
  return name;
}

export type VttCheck = { ok: true; cues: number } | { ok: false; line: number };

const TIME = String.raw`(?:\d{2,}:)?[0-5]\d:[0-5]\d\.\d{3}`;
const TIMING = new RegExp(String.raw`^(${TIME})[ \t]+-->[ \t]+(${TIME})(?:[ \t]+.*)?$`);
const seconds = (t: string) => t.split(":").reduce((acc, part) => acc * 60 + Number(part), 0);

/**
 * WebVTT as browsers parse it (the parts that matter): the signature line, then blocks separated
 * by blank lines; a cue block has an optional identifier line then a timing line
 * `start --> end` with end after start. At least one cue. Returns the first bad line otherwise.
 */
export function checkVtt(text: string): VttCheck {
  const lines = text.replace(/^\ufeff/, "").split(/\r\n|\r|\n/);
  if (!/^WEBVTT(?:[ \t].*)?$/.test(lines[0] ?? "")) return { ok: false, line: 1 };
  let cues = 0;
  let i = 1;
  // header lines run to the first blank line
  while (i < lines.length && lines[i] !== "") {
    if (lines[i].includes("-->")) return { ok: false, line: i + 1 };
    i++;
  }
  while (i < lines.length) {
    while (i < lines.length && lines[i] === "") i++;
    if (i >= lines.length) break;
    const start = i;
    const block: string[] = [];
    while (i < lines.length && lines[i] !== "") block.push(lines[i++]);
    const first = block[0];
    if (/^(NOTE|STYLE|REGION)(?:[ \t]|$)/.test(first) && !first.includes("-->")) continue;
    const timingAt = first.includes("-->") ? 0 : 1;
    const m = TIMING.exec(block[timingAt] ?? "");
    if (!m) return { ok: false, line: start + timingAt + 1 };
    if (seconds(m[2]) < seconds(m[1])) return { ok: false, line: start + timingAt + 1 };
    cues++;
  }
  if (cues === 0) return { ok: false, line: lines.length };
  return { ok: true, cues };
}
