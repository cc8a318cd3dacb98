import type { EntryCard, ImportRow, Version } from "../shared/contract.ts";
import type { EntryRow, ImportRowDb } from "./repo.ts";

const iso = (d: Date | string) => (d instanceof Date ? d.toISOString() : new Date(d).toISOString());

export const presentCard = (e: EntryRow): EntryCard => ({
  id: e.id,
  title: e.title,
  description: e.description,
  language: e.language,
  level: e.level,
  licence: e.licence as EntryCard["licence"],
  subjects: e.subjects,
  publisher: e.publisher,
  latestVersion: e.latest_version,
  updatedAt: iso(e.updated_at),
  imports: e.imports ?? 0,
  platforms: e.platforms ?? 0,
});

export const presentVersion = (v: {
  number: number;
  change_notes: string;
  sections: number;
  items: number;
  published_by_name: string;
  published_at: Date;
}): Version => ({
  number: v.number,
  changeNotes: v.change_notes,
  sections: v.sections,
  items: v.items,
  publishedBy: v.published_by_name,
  publishedAt: iso(v.published_at),
});

export const presentImport = (r: ImportRowDb): ImportRow => ({
  courseId: r.course_id,
  courseTitle: r.course_title,
  entryId: r.entry_id,
  entryTitle: r.entry_title,
  linked: r.linked,
  version: r.version,
  latestVersion: r.latest_version,
  withdrawn: r.withdrawn_at !== null,
  importedAt: iso(r.imported_at),
});
