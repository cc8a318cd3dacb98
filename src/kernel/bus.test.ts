import { afterAll, describe, expect, it } from "vitest";
import { Redis } from "ioredis";
import { type Bus, localBus, redisBus } from "./bus.ts";

const buses: Bus[] = [];
afterAll(async () => {
  for (const b of buses) await b.close();
});

const until = async (f: () => boolean, ms = 2000) => {
  const end = Date.now() + ms;
  while (!f() && Date.now() < end) await new Promise((r) => setTimeout(r, 5));
  return f();
};

const kinds: [string, () => Bus][] = [["in-process", () => localBus()]];
if (process.env.REDIS_URL)
  kinds.push(["Redis", () => redisBus(process.env.REDIS_URL!, `archipel-test-${process.pid}-${Math.random().toString(36).slice(2)}:`)]);

describe.each(kinds)("bus (%s)", (_, make) => {
  it("delivers to this node's handlers before publish() resolves, exactly once", async () => {
    const bus = make();
    buses.push(bus);
    const got: unknown[] = [];
    bus.subscribe("platforms.changed", (m) => got.push(m));
    await bus.publish("platforms.changed", { id: 1 });
    // a cache dropped by this message is dropped for the very next request on this node
    expect(got).toEqual([{ id: 1 }]);
    await new Promise((r) => setTimeout(r, 100));
    expect(got).toEqual([{ id: 1 }]);
  });
});

// only where Redis is configured (CI's second pass): nodes share messages through it
if (process.env.REDIS_URL) {
  describe("bus (Redis) across nodes", () => {
    it("reaches the other nodes", async () => {
      const prefix = `archipel-test-${process.pid}-shared:`;
      const a = redisBus(process.env.REDIS_URL!, prefix);
      const b = redisBus(process.env.REDIS_URL!, prefix);
      buses.push(a, b);
      const onB: unknown[] = [];
      b.subscribe("platforms.changed", (m) => onB.push(m));
      await new Promise((r) => setTimeout(r, 200)); // subscription established
      await a.publish("platforms.changed", { id: 2 });
      expect(await until(() => onB.length > 0)).toBe(true);
      expect(onB).toEqual([{ id: 2 }]);
    });

    it("keeps deployments sharing one Redis apart, and survives a message that is not its own", async () => {
      const ours = redisBus(process.env.REDIS_URL!, `archipel-test-${process.pid}-ours:`);
      const theirs = redisBus(process.env.REDIS_URL!, `archipel-test-${process.pid}-theirs:`);
      buses.push(ours, theirs);
      const got: unknown[] = [];
      ours.subscribe("notifications", (m) => got.push(m));
      await new Promise((r) => setTimeout(r, 200));
      await theirs.publish("notifications", { tenantId: "x" });
      // garbage on our channel (another program, an older version): dropped, the process goes on
      const raw = new Redis(process.env.REDIS_URL!);
      await raw.publish(`archipel-test-${process.pid}-ours:notifications`, "not json");
      raw.disconnect();
      const peer = redisBus(process.env.REDIS_URL!, `archipel-test-${process.pid}-ours:`);
      buses.push(peer);
      await peer.publish("notifications", { id: 3 });
      expect(await until(() => got.length > 0)).toBe(true);
      await new Promise((r) => setTimeout(r, 100));
      expect(got).toEqual([{ id: 3 }]);
    });
  });
}
