import { expect, it } from "vitest";
import { isUuid, newId } from "./ids.ts";

it("makes UUIDv7 ids in the order they are made, also within one millisecond", () => {
  const ids = Array.from({ length: 5000 }, newId);
  expect(ids.every(isUuid)).toBe(true);
  expect(ids.every((id) => id[14] === "7")).toBe(true);
  expect(new Set(ids).size).toBe(5000);
  expect([...ids].sort()).toEqual(ids);
  // the time in the first 48 bits is now
  expect(Math.abs(Number.parseInt(ids[0].replace(/-/g, "").slice(0, 12), 16) - Date.now())).toBeLessThan(5000);
});
