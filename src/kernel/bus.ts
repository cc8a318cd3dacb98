import { randomUUID } from "node:crypto";
import { EventEmitter } from "node:events";
import { Redis } from "ioredis";

/**
 * Cross-node messages (cache invalidation now, notifications later): Redis pub/sub when
 * REDIS_URL is set, an in-process emitter otherwise. Never needed for correctness on one node.
 */
export type Bus = {
  publish(channel: string, message: unknown): Promise<void>;
  subscribe(channel: string, handler: (message: unknown) => void): void;
  close(): Promise<void>;
};

export function localBus(): Bus {
  const em = new EventEmitter();
  em.setMaxListeners(0);
  return {
    async publish(channel, message) {
      em.emit(channel, message);
    },
    subscribe(channel, handler) {
      em.on(channel, handler);
    },
    async close() {
      em.removeAllListeners();
    },
  };
}

/**
 * `prefix` keeps deployments that share one Redis apart (createKernel derives it from the
 * database: nodes of one deployment share a database). A message that is not ours, or a handler
 * that throws, is dropped: it must never stop the process.
 */
export function redisBus(url: string, prefix = "archipel:"): Bus {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 });
  const sub = new Redis(url, { lazyConnect: false });
  const handlers = new Map<string, ((m: unknown) => void)[]>();
  // this node's handlers run at once (a cache dropped on this node is dropped for its very next
  // request); Redis carries the message to the other nodes, and its echo here is skipped
  const node = randomUUID();
  sub.on("message", (channel: string, raw: string) => {
    try {
      const { from, message } = JSON.parse(raw) as { from: string; message: unknown };
      if (from === node) return;
      for (const h of handlers.get(channel) ?? []) h(message);
    } catch (e) {
      console.error(`bus: a message on ${channel} could not be handled (${(e as Error).message})`);
    }
  });
  return {
    async publish(channel, message) {
      for (const h of handlers.get(prefix + channel) ?? []) h(message);
      await pub.publish(prefix + channel, JSON.stringify({ from: node, message }));
    },
    subscribe(channel, handler) {
      const key = prefix + channel;
      if (!handlers.has(key)) {
        handlers.set(key, []);
        void sub.subscribe(key);
      }
      handlers.get(key)!.push(handler);
    },
    async close() {
      sub.disconnect();
      pub.disconnect();
    },
  };
}
