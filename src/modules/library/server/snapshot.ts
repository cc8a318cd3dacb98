import { createHash } from "node:crypto";
import type { ContentChanges, ContentItem, CourseContent } from "../../courses/server/index.ts";
import { CARRIED_KINDS, type KindCount, type UpdateReport } from "../shared/contract.ts";
import { type CarriedItem, type Extras, extrasForHash } from "./carried.ts";

/**
 * A library version's content: the course's sections and the items it carries, keyed by the
 * source course's ids (stable from one version to the next), with what each carries beside its
 * columns (see carried.ts), and the titles of what it leaves out.
 */
export type Snapshot = { sections: CourseContent["sections"]; items: CarriedItem[]; notCarried: { kind: string; title: string }[] };
/** A course as it is on its platform, with its items' extras: the publisher's, or a linked copy. */
export type LocalContent = { sections: CourseContent["sections"]; items: CarriedItem[] };

const carried = (kind: string) => (CARRIED_KINDS as readonly string[]).includes(kind);

/** The course's items with their extras (read with readExtras). */
export const withExtras = (c: CourseContent, extras: Map<string, Extras>): LocalContent => ({
  sections: c.sections,
  items: c.items.map((i) => ({ ...i, ...extras.get(i.key) })),
});

/**
 * What a version made now carries: every item of a carried kind, except a file or video whose file
 * is gone; the platform's own file ids are dropped (the version names bytes by hash).
 */
export function snapshotOf(c: LocalContent): Snapshot {
  const ok = (i: CarriedItem) => carried(i.kind) && (!(i.kind === "file" || i.kind === "video") || !!i.file);
  return {
    sections: c.sections,
    items: c.items.filter(ok).map((i) => ({ ...i, file_id: null, captions_file_id: null })),
    notCarried: c.items.filter((i) => !ok(i)).map((i) => ({ kind: i.kind, title: i.title })),
  };
}

/** Items by kind, in the order of CARRIED_KINDS (kinds absent are left out). */
export function countsOf(s: Snapshot): KindCount[] {
  const n = new Map<string, number>();
  for (const i of s.items) n.set(i.kind, (n.get(i.kind) ?? 0) + 1);
  return CARRIED_KINDS.filter((k) => n.has(k)).map((kind) => ({ kind, count: n.get(kind)! }));
}

/** JSON with sorted keys: equal documents hash equally whatever order their keys came in. */
const stable = (v: unknown): string =>
  v === null || typeof v !== "object"
    ? JSON.stringify(v ?? null)
    : Array.isArray(v)
      ? `[${v.map(stable).join(",")}]`
      : `{${Object.keys(v)
          .sort()
          .map((k) => `${JSON.stringify(k)}:${stable((v as Record<string, unknown>)[k])}`)
          .join(",")}}`;
const digest = (v: unknown) => createHash("sha256").update(stable(v)).digest("base64url");

export const sectionHash = (s: { title: string; summary: string }) => digest([s.title, s.summary]);
/**
 * An item's content as a hash, to tell an untouched row from one edited here. For a file or video
 * it includes the bytes' hash and the name (and the captions' bytes); for a quiz, its settings and
 * its questions in order (type, points, definition, name; a random slot's category contents); for
 * an assignment, its settings and rubric. So "edited here" means: any of these changed on the copy
 * (a new question version, a setting, another file) since it was last brought in. Pages and links
 * hash as they always did, so copies made before hash the same.
 */
export const itemHash = (i: Pick<ContentItem, "kind" | "title" | "body_doc" | "url" | "completion"> & Extras) => {
  const extra = extrasForHash(i);
  return extra === undefined ? digest([i.kind, i.title, i.body_doc, i.url, i.completion]) : digest([i.kind, i.title, i.body_doc, i.url, i.completion, extra]);
};
/** The part of the hash the other modules hold: equal means nothing to write there. */
const extrasHash = (i: Extras) => digest(extrasForHash(i) ?? null);

export type Origin = { key: string; kind: "section" | "item"; local_id: string; hash: string };

/**
 * What bringing a linked copy to `next` does, given the copy as it is now (`local`, keyed by its
 * own ids) and where each of its rows came from (`origins`, with the hash of the content last
 * brought in). The rules, which the page spells out to teachers:
 * - rows added here have no origin: never touched;
 * - a row untouched here takes the new version's content; one removed upstream is removed;
 * - a row edited here (its hash differs from its origin's) keeps the local edit, and when
 *   upstream changed or removed it too the conflict is reported; its origin keeps the old hash,
 *   so it stays a local edit;
 * - a row deleted here stays deleted; new upstream rows are added (items into their section when
 *   that section is still here, at the end).
 * `writes` lists the items whose files, quiz or assignment must be (re)written from the version
 * (added ones by key, updated ones by local id): an untouched item whose extras did not change
 * upstream keeps its files and questions.
 */
export function planUpdate(local: LocalContent, origins: Origin[], next: Snapshot, from: number, to: number) {
  const localSections = new Map(local.sections.map((s) => [s.key, s]));
  const localItems = new Map(local.items.map((i) => [i.key, i]));
  const originByKey = new Map(origins.map((o) => [o.key, o]));
  const ch: ContentChanges = { addSections: [], updateSections: [], deleteSections: [], addItems: [], updateItems: [], deleteItems: [] };
  const report: UpdateReport = { from, to, added: 0, updated: 0, removed: 0, conflicts: [] };
  /** origins after the update: key → [local id or the new row's key, hash] */
  const nextOrigins = new Map<string, { kind: "section" | "item"; local: string; hash: string }>();
  const sectionLocal = new Map<string, string>();
  const writes: { local: string; item: CarriedItem }[] = [];

  for (const s of next.sections) {
    const h = sectionHash(s);
    const o = originByKey.get(s.key);
    if (!o) {
      ch.addSections.push({ key: s.key, title: s.title, summary: s.summary });
      nextOrigins.set(s.key, { kind: "section", local: s.key, hash: h });
      sectionLocal.set(s.key, s.key);
      report.added++;
      continue;
    }
    const mine = localSections.get(o.local_id);
    if (!mine) continue; // deleted here: stays deleted
    sectionLocal.set(s.key, o.local_id);
    const editedHere = sectionHash(mine) !== o.hash;
    if (editedHere) {
      if (h !== o.hash) report.conflicts.push({ kind: "section", title: mine.title, upstream: "changed" });
      nextOrigins.set(s.key, { kind: "section", local: o.local_id, hash: o.hash });
    } else {
      if (h !== o.hash) {
        ch.updateSections.push({ id: o.local_id, title: s.title, summary: s.summary });
        report.updated++;
      }
      nextOrigins.set(s.key, { kind: "section", local: o.local_id, hash: h });
    }
  }
  for (const it of next.items) {
    const h = itemHash(it);
    const o = originByKey.get(it.key);
    if (!o) {
      const section = sectionLocal.get(it.sectionKey);
      if (!section) continue; // its section was deleted here
      const { sectionKey: _s, position: _p, ...rest } = it;
      ch.addItems.push({ ...rest, sectionId: section });
      if (extrasForHash(it) !== undefined) writes.push({ local: it.key, item: it });
      nextOrigins.set(it.key, { kind: "item", local: it.key, hash: h });
      report.added++;
      continue;
    }
    const mine = localItems.get(o.local_id);
    if (!mine) continue;
    const editedHere = itemHash(mine) !== o.hash;
    if (editedHere) {
      if (h !== o.hash) report.conflicts.push({ kind: "item", title: mine.title, upstream: "changed" });
      nextOrigins.set(it.key, { kind: "item", local: o.local_id, hash: o.hash });
    } else {
      if (h !== o.hash) {
        ch.updateItems.push({
          id: o.local_id,
          kind: it.kind,
          title: it.title,
          body_doc: it.body_doc,
          body_html: it.body_html,
          url: it.url,
          completion: it.completion,
        });
        if (extrasForHash(it) !== undefined && extrasHash(it) !== extrasHash(mine)) writes.push({ local: o.local_id, item: it });
        report.updated++;
      }
      nextOrigins.set(it.key, { kind: "item", local: o.local_id, hash: h });
    }
  }
  // rows removed upstream: items first, then sections left empty
  const nextKeys = new Set([...next.sections.map((s) => s.key), ...next.items.map((i) => i.key)]);
  const deletedItems = new Set<string>();
  for (const o of origins) {
    if (o.kind !== "item" || nextKeys.has(o.key)) continue;
    const mine = localItems.get(o.local_id);
    if (!mine) continue;
    if (itemHash(mine) === o.hash) {
      ch.deleteItems.push(o.local_id);
      deletedItems.add(o.local_id);
      report.removed++;
    } else {
      report.conflicts.push({ kind: "item", title: mine.title, upstream: "removed" });
      nextOrigins.set(o.key, { kind: "item", local: o.local_id, hash: o.hash });
    }
  }
  for (const o of origins) {
    if (o.kind !== "section" || nextKeys.has(o.key)) continue;
    const mine = localSections.get(o.local_id);
    if (!mine) continue;
    const stillUsed = local.items.some((i) => i.sectionKey === o.local_id && !deletedItems.has(i.key));
    if (sectionHash(mine) === o.hash && !stillUsed) {
      ch.deleteSections.push(o.local_id);
      report.removed++;
    } else {
      report.conflicts.push({ kind: "section", title: mine.title, upstream: "removed" });
      nextOrigins.set(o.key, { kind: "section", local: o.local_id, hash: o.hash });
    }
  }
  return { changes: ch, report, nextOrigins, writes };
}

/** The outline a preview shows: section titles with their items' kinds and titles. */
export function outlineOf(s: Snapshot) {
  return s.sections
    .slice()
    .sort((a, b) => a.position - b.position)
    .map((sec) => ({
      title: sec.title,
      items: s.items
        .filter((i) => i.sectionKey === sec.key)
        .sort((a, b) => a.position - b.position)
        .map((i) => ({ kind: i.kind, title: i.title })),
    }));
}
