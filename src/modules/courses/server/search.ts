import { type RawBuilder, sql } from "kysely";

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
 * The query for a search box: the words stemmed in every course language (OR), so that a
 * French course and an English one each match in their own stemming; one language when the
 * person filters on it. Uses the GIN index on courses.search.
 */
export function searchQuery(q: string, language?: string): RawBuilder<unknown> {
  const text = fold(q);
  const configs = language ? [tsConfig(language)] : [...new Set([...Object.values(TS_CONFIGS), "simple"])];
  return sql`(${sql.join(
    configs.map((c) => sql`websearch_to_tsquery(${c}::regconfig, ${text})`),
    sql` || `,
  )})`;
}
