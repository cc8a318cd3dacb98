import { v7 } from "uuid";

/** Ids are UUIDv7, made by the application (no sequences; PostgreSQL 15 has no uuidv7()). */
export const newId = (): string => v7();
export const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
