import { AsyncLocalStorage } from "node:async_hooks";

/** Per-request counters, so tests can assert how many SQL statements an endpoint issues. */
export type QueryCounter = { count: number; sql: string[] };
export const queryCounter = new AsyncLocalStorage<QueryCounter>();

export function countQuery(sql: string) {
  const c = queryCounter.getStore();
  if (c) {
    c.count++;
    if (c.sql.length < 200) c.sql.push(sql);
  }
}
