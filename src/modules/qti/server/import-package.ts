import { posix } from "node:path";
import { unzipSync } from "fflate";
import { importItem, type ParsedItem, type RawNote } from "./import-item.ts";
import { type El, findAll, parseXml } from "./xml.ts";

/**
 * Reads an upload: a content package (ZIP with imsmanifest.xml, or without one: every XML file
 * in it) or a single XML file. Items are read one by one; tests, stimuli, templates and other
 * resources are named in the package notes, so nothing in the upload goes unmentioned.
 */
export type PackageItem = ParsedItem & { file: string };
export type ParsedPackage = { items: PackageItem[]; notes: RawNote[] };

/** Uncompressed size accepted: a package of many images should not fill the memory. */
const MAX_UNZIPPED = 200 * 1024 * 1024;

export class UnreadableUpload extends Error {}

export function readUpload(name: string, data: Uint8Array): ParsedPackage {
  const isZip = data[0] === 0x50 && data[1] === 0x4b;
  if (isZip) return readZip(data);
  const text = decode(data);
  if (!/^\s*(<\?xml|<)/.test(text)) throw new UnreadableUpload("not xml");
  const out: ParsedPackage = { items: [], notes: [] };
  readXmlFile(out, name, text, null);
  return out;
}

const safeDecode = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};
const decode = (d: Uint8Array) => new TextDecoder("utf-8").decode(d).replace(/^\uFEFF/, "");

function readZip(data: Uint8Array): ParsedPackage {
  let total = 0;
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(data, {
      filter: (f) => {
        total += f.originalSize;
        if (total > MAX_UNZIPPED) throw new UnreadableUpload("too large");
        return !f.name.endsWith("/") && !f.name.startsWith("__MACOSX/");
      },
    });
  } catch (e) {
    throw e instanceof UnreadableUpload ? e : new UnreadableUpload("bad zip");
  }
  const out: ParsedPackage = { items: [], notes: [] };
  const names = Object.keys(files);
  // the manifest at the top, or in the one folder the package was zipped from
  const manifest = names.filter((n) => /(^|\/)imsmanifest\.xml$/i.test(n)).sort((a, b) => a.length - b.length)[0];
  if (!manifest) {
    out.notes.push({ level: "warning", code: "no_manifest" });
    for (const n of names.filter((x) => /\.xml$/i.test(x)).sort()) readXmlFile(out, n, decode(files[n]), files);
    return out;
  }
  const base = posix.dirname(manifest) === "." ? "" : `${posix.dirname(manifest)}/`;
  const parsed = parseXml(decode(files[manifest]));
  if ("error" in parsed) {
    out.notes.push({ level: "error", code: "manifest_invalid", params: { line: parsed.line } });
    return out;
  }
  const resources = findAll(parsed.root, (e) => e.name === "resource");
  const others = new Map<string, number>();
  for (const r of resources) {
    const type = r.attrs.type ?? "";
    const href = r.attrs.href ? posix.normalize(base + safeDecode(r.attrs.href)) : null;
    if (/imsqti_item/i.test(type)) {
      if (!href || !files[href]) {
        out.notes.push({ level: "error", code: "item_missing", params: { file: r.attrs.href ?? r.attrs.identifier } });
        continue;
      }
      readXmlFile(out, href, decode(files[href]), files);
    } else if (/imsqti_test|imsqti_assessment/i.test(type) && href && files[href]) {
      const t = parseXml(decode(files[href]));
      const refs = "error" in t ? 0 : findAll(t.root, (e) => e.name === "assessmentItemRef").length;
      out.notes.push({ level: "info", code: "test_found", params: { file: href, n: refs } });
    } else others.set(type || "?", (others.get(type || "?") ?? 0) + 1);
  }
  for (const [type, n] of others) out.notes.push({ level: "info", code: "resources_other", params: { type, n } });
  if (!resources.some((r) => /imsqti_item/i.test(r.attrs.type ?? ""))) out.notes.push({ level: "warning", code: "no_items" });
  return out;
}

function readXmlFile(out: ParsedPackage, file: string, text: string, files: Record<string, Uint8Array> | null) {
  const parsed = parseXml(text);
  if ("error" in parsed) {
    out.notes.push({ level: "error", code: "xml_invalid", params: { file, line: parsed.line } });
    return;
  }
  const root: El = parsed.root;
  if (root.name !== "assessmentItem") {
    const code =
      root.name === "assessmentTest" ? "test_file" : root.name === "manifest" ? "manifest_alone" : root.name === "questestinterop" ? "qti12" : "not_an_item";
    out.notes.push({
      level: code === "test_file" ? "info" : "warning",
      code,
      params: { file, root: root.name, n: findAll(root, (e) => e.name === "assessmentItemRef").length },
    });
    return;
  }
  const item = importItem(root);
  // one note per kind of media problem, naming every file concerned
  const media = new Map<string, string[]>();
  for (const src of new Set(item.media)) {
    const path = posix.normalize(posix.join(posix.dirname(file), safeDecode(src.split(/[?#]/)[0])));
    const code = /^(https?:|data:)/i.test(src) ? "media_external" : !files ? "media_not_uploaded" : !files[path] ? "media_missing" : "media_left_out";
    media.set(code, [...(media.get(code) ?? []), src.startsWith("data:") ? "data:…" : src]);
  }
  for (const [code, srcs] of media) item.notes.push({ level: "warning", code, params: { n: srcs.length, src: srcs.join(", ") } });
  out.items.push({ ...item, file });
}
