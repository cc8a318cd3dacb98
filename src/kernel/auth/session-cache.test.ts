import { expect, it } from "vitest";
import { localBus } from "../bus.ts";
import { SessionCache } from "./session-cache.ts";

const facts = (userId: string, sessionId: string) => ({
  sessionId,
  userId,
  csrfToken: "c",
  lastSeenAt: new Date(),
  expiresAt: new Date(Date.now() + 3_600_000),
});

it("ending a person's sessions drops all of theirs on that platform and no one else's", async () => {
  const cache = new SessionCache(localBus());
  cache.set("t1", "h1", facts("ann", "s1"));
  cache.set("t1", "h2", facts("ann", "s2"));
  cache.set("t1", "h3", facts("bob", "s3"));
  cache.set("t2", "h4", facts("ann", "s4")); // another platform's account with the same id
  await cache.ended({ tenantId: "t1", userId: "ann" });
  expect(cache.get("t1", "h1")).toBeUndefined();
  expect(cache.get("t1", "h2")).toBeUndefined();
  expect(cache.get("t1", "h3")?.sessionId).toBe("s3");
  expect(cache.get("t2", "h4")?.sessionId).toBe("s4");
  // a session cached again afterwards is kept until its own end
  cache.set("t1", "h5", facts("ann", "s5"));
  expect(cache.get("t1", "h5")?.sessionId).toBe("s5");
  await cache.ended({ tenantId: "t1", userId: "ann" });
  expect(cache.get("t1", "h5")).toBeUndefined();
});

it("an expired session is refused from the cache and forgotten", () => {
  const cache = new SessionCache(localBus());
  cache.set("t1", "h1", { ...facts("ann", "s1"), expiresAt: new Date(Date.now() - 1) });
  expect(cache.get("t1", "h1")).toBeUndefined();
});
