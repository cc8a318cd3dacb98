import { type Kysely, type RawBuilder, sql } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";

/** PostgreSQL text-search configurations for the course languages ('simple' for anything else). */
export const TS_CONFIGS: Record<string, string> = { fr: "french", en: "english", es: "spanish", nl: "dutch", de: "german", it: "italian" };
export const tsConfig = (language: string) => TS_CONFIGS[language] ?? "simple";

/** Lower case without accents: done in the application so stored vectors and queries agree (no unaccent extension needed). */
export const fold = (s: string) => s.normalize("NFD").replace(/\p{M}+/gu, "").toLowerCase();

export type SearchSource = { title: string; summary: string; tags: string[]; descriptionPlain: string; language: string };

/** The course's search vector: title (A), summary and tags (B), description (C), stemmed in the course's language. */
export function searchVector(s: SearchSource): RawBuilder<unknown> {
  const cfg = tsConfig(s.language);
  return sql`setweight(to_tsvector(${cfg}::regconfig, ${fold(s.title)}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${fold(`${s.summary} ${s.tags.join(" ")}`)}), 'B') || setweight(to_tsvector(${cfg}::regconfig, ${fold(s.descriptionPlain.slice(0, 100_000))}), 'C')`;
}

/**
 * The query for a search box: the words stemmed in each of the given course languages (OR), so
 * that a French course and an English one each match in their own stemming. Every extra
 * language makes matching and ranking dearer, so callers pass the languages courses use.
 */
export function searchQuery(q: string, languages: readonly string[]): RawBuilder<unknown> {
  const text = fold(q);
  const configs = languages.length ? [...new Set(languages.map(tsConfig))] : ["simple"];
  return sql`(${sql.join(
    configs.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${text})`),
    sql` || `,
  )})`;
}

const LANGUAGES_TTL_MS = 60_000;
const inUse = new Map<string, { at: number; languages: Promise<string[]> }>();

/**
 * The languages of a platform's published courses, read at most once a minute per server process:
 * a course in a language new to the platform is found by its stemmed words at once on the node
 * that saved it, within a minute on the others.
 */
/** Called when this process writes a course, so its own searches see a new language at once. */
export const forgetCatalogueLanguages = (tid: string) => inUse.delete(tid);

export function catalogueLanguages(db: Kysely<DB>, tid: string): Promise<string[]> {
  const hit = inUse.get(tid);
  if (hit && Date.now() - hit.at < LANGUAGES_TTL_MS) return hit.languages;
  const languages = db
    .selectFrom("courses")
    .select("language")
    .distinct()
    .where("tenant_id", "=", tid)
    .where("status", "=", "published")
    .execute()
    .then((rows) => rows.map((r) => r.language));
  inUse.set(tid, { at: Date.now(), languages });
  languages.catch(() => inUse.delete(tid));
  return languages;
}
