import type { Compilable, CompiledQuery, Kysely } from "kysely";
import type { DB } from "./schema.ts";

const SLOT = "\u0000slot:";

/**
 * A query whose shape never changes, built and compiled once per Kysely instance; each run binds
 * new values to the same SQL text and tree (so the tenant guard's verdict and the prepared
 * statement both hold). Building a Kysely query tree and compiling it costs more main-thread time
 * than running a primary-key lookup: the paths every request takes (the session behind the cookie,
 * the course page) pay it once.
 *
 * `build` receives `slots`: use `slots.name` wherever a value varies from run to run. Any other
 * value is frozen at the first run, so a Date is refused (pass it as a slot, or use now() in SQL).
 */
export function compiledOnce<P extends string, R>(build: (db: Kysely<DB>, slots: Record<P, string>) => Compilable<R>) {
  const cache = new WeakMap<Kysely<DB>, { query: CompiledQuery<R>; slots: (P | null)[] }>();
  const slots = new Proxy({} as Record<P, string>, { get: (_, name) => SLOT + String(name) });
  return async (db: Kysely<DB>, values: Record<P, unknown>): Promise<R[]> => {
    let c = cache.get(db);
    if (!c) {
      const query = build(db, slots).compile();
      c = {
        query,
        slots: query.parameters.map((p) => {
          if (p instanceof Date) throw new Error("compiledOnce: a Date would be frozen at its first value; pass it as a slot");
          return typeof p === "string" && p.startsWith(SLOT) ? (p.slice(SLOT.length) as P) : null;
        }),
      };
      cache.set(db, c);
    }
    const { query, slots: named } = c;
    const parameters = query.parameters.map((p, i) => {
      const name = named[i];
      return name === null ? p : values[name];
    });
    return (await db.executeQuery<R>({ ...query, parameters })).rows;
  };
}
