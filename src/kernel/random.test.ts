import { expect, it } from "vitest";
import { randomBytes } from "./random.ts";

it("hands out random bytes once each, across refills of the pool", () => {
  const seen = new Set<string>();
  for (let i = 0; i < 1000; i++) seen.add(randomBytes(32).toString("hex")); // 32,000 bytes: 8 refills
  expect(seen.size).toBe(1000);
  const all = Buffer.concat([...seen].map((h) => Buffer.from(h, "hex")));
  // every byte value turns up, about equally often (a stuck or zeroed pool would not)
  const counts = new Array(256).fill(0);
  for (const b of all) counts[b]++;
  expect(Math.min(...counts)).toBeGreaterThan(60);
  expect(Math.max(...counts)).toBeLessThan(200);
  expect(randomBytes(10_000)).toHaveLength(10_000);
});

it("a handed-out buffer is the caller's: the pool's refill does not change it", () => {
  const first = randomBytes(16);
  const copy = Buffer.from(first);
  for (let i = 0; i < 300; i++) randomBytes(16);
  expect(first.equals(copy)).toBe(true);
});
