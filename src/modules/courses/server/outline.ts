import type { Kysely } from "kysely";
import type { DB } from "../../../kernel/db/schema.ts";
import { Section } from "../shared/contract.ts";
import { z } from "zod";
import { presentOutlineItem } from "./present.ts";
import { courseOutline } from "./repo.ts";

/** `json`: the sections as UTF-8 JSON, encoded once */
type Outline = { version: number; itemIds: Set<string>; json: Buffer };

const Sections = z.array(Section);
const MAX_COURSES = 500;
const cache = new Map<string, Outline>();

/**
 * A course's sections and items as checked, serialised JSON, cached per server process under the
 * course's outline version (bumped by database triggers on every change, from any node): the
 * course page then reads one row of the course and the person's progress, however big the course.
 * The least recently used outlines leave when the cache is full.
 */
export async function outlineOf(db: Kysely<DB>, tid: string, courseId: string, version: number): Promise<Outline> {
  const key = `${tid}:${courseId}`;
  const hit = cache.get(key);
  if (hit && hit.version === version) {
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const o = await courseOutline(db, tid, courseId);
  const bySection = new Map<string, Section>(o.sections.map((s) => [s.id, { ...s, items: [] }]));
  for (const i of o.items) bySection.get(i.section_id)?.items.push(presentOutlineItem(i));
  const outline = { version: o.version, itemIds: new Set(o.items.map((i) => i.id)), json: Buffer.from(JSON.stringify(Sections.parse([...bySection.values()]))) };
  cache.set(key, outline);
  if (cache.size > MAX_COURSES) cache.delete(cache.keys().next().value!);
  return outline;
}
