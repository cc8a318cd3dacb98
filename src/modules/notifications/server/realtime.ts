import websocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { Kernel } from "../../../kernel/module.ts";

/** What a connected browser receives; it refetches what the message names. */
export type LiveMessage =
  | { type: "notification"; kind: string; params: Record<string, unknown>; url: string | null; createdAt: string }
  | { type: "message"; conversationId: string; messageId: string }
  | { type: "read"; conversationId: string }
  | { type: "topic"; topic: string; event: string; id: string; by: string | null };

const CHANNEL = "notifications";
type Envelope = { tenantId: string; message: LiveMessage } & ({ userIds: string[] } | { audience: string; ref: string } | { topic: string });

/** Who among the people connected to a node belongs to an audience (e.g. a forum post's subscribers). */
export type LiveAudience = (k: Kernel, tenantId: string, ref: string, connected: string[]) => Promise<string[]>;
const audiences = new Map<string, LiveAudience>();
export function registerLiveAudience(name: string, select: LiveAudience) {
  audiences.set(name, select);
}

/** Sends a live message to people wherever they are connected: this node at once, the others through k.bus (Redis pub/sub when REDIS_URL is set). */
export async function publishLive(k: Kernel, tenantId: string, userIds: string[], message: LiveMessage) {
  const chunk = 1000;
  for (let i = 0; i < userIds.length; i += chunk) {
    const e: Envelope = { tenantId, userIds: userIds.slice(i, i + chunk), message };
    await k.bus.publish(CHANNEL, e);
  }
}

/**
 * Topics a page watches while it is open ("thread:<id>": new replies of the thread on screen). The
 * page asks over its socket; the module owning the topic says whether that person may watch it.
 */
export type TopicCheck = (k: Kernel, tenantId: string, userId: string, id: string) => Promise<boolean>;
const topics = new Map<string, TopicCheck>();
export function registerLiveTopic(kind: string, mayWatch: TopicCheck) {
  topics.set(kind, mayWatch);
}
const TOPIC = /^([a-z]+):([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;
const MAX_TOPICS = 5;

/** Tells the pages watching a topic, on every node, that something happened in it (they refetch). */
export async function publishLiveTopic(k: Kernel, tenantId: string, topic: string, event: { event: string; id: string; by: string | null }) {
  await k.bus.publish(CHANNEL, { tenantId, topic, message: { type: "topic", topic, ...event } } satisfies Envelope);
}

/**
 * Sends a live message to an audience too large to list (36,000 subscribers of a forum): one bus
 * message; each node asks the audience which of the people connected to it belong, and tells them.
 */
export async function publishLiveToAudience(k: Kernel, tenantId: string, audience: string, ref: string, message: LiveMessage) {
  if (!audiences.has(audience)) throw new Error(`unknown live audience ${audience}`);
  await k.bus.publish(CHANNEL, { tenantId, audience, ref, message } satisfies Envelope);
}

/**
 * The WebSocket endpoint: authenticated by the session cookie (the same onRequest hook as every
 * API call resolves the actor and its platform), refused from another site's page (the browser
 * sends cookies on cross-site WebSocket handshakes: the Origin must be this host). Each node keeps
 * its own sockets; a message published on any node reaches them through the bus.
 */
export async function registerRealtime(app: FastifyInstance, k: Kernel) {
  await app.register(websocket, { options: { maxPayload: 4096 } });
  const sockets = new Map<string, Set<WebSocket>>();
  const send = (tenantId: string, userIds: string[], message: LiveMessage) => {
    const text = JSON.stringify(message);
    for (const u of userIds) for (const ws of sockets.get(`${tenantId}:${u}`) ?? []) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  const watchers = new Map<string, Set<WebSocket>>();
  const deliver = async (e: Envelope) => {
    if ("userIds" in e) return send(e.tenantId, e.userIds, e.message);
    if ("topic" in e) {
      const text = JSON.stringify(e.message);
      for (const ws of watchers.get(`${e.tenantId}:${e.topic}`) ?? []) if (ws.readyState === ws.OPEN) ws.send(text);
      return;
    }
    const prefix = `${e.tenantId}:`;
    const connected = [...sockets.keys()].filter((key) => key.startsWith(prefix)).map((key) => key.slice(prefix.length));
    if (connected.length === 0) return;
    send(e.tenantId, await audiences.get(e.audience)!(k, e.tenantId, e.ref, connected), e.message);
  };
  k.bus.subscribe(CHANNEL, (m) => void deliver(m as Envelope).catch((err) => app.log.error({ err }, "live delivery failed")));

  app.get("/api/v1/notifications/live", { websocket: true, schema: { hide: true } }, (socket, req) => {
    const actor = req.actor;
    const origin = req.headers.origin;
    if (origin) {
      let host = "";
      try {
        host = new URL(origin).host;
      } catch {}
      if (host !== req.headers.host) {
        socket.close(4403, "origin");
        return;
      }
    }
    if (actor.kind !== "user") {
      socket.close(4401, "unauthenticated");
      return;
    }
    const key = `${actor.tenant.id}:${actor.userId}`;
    const set = sockets.get(key) ?? new Set<WebSocket>();
    sockets.set(key, set);
    set.add(socket);
    socket.send(JSON.stringify({ type: "hello" }));
    // keep proxies from closing an idle connection
    const ping = setInterval(() => socket.readyState === socket.OPEN && socket.ping(), 30_000);
    ping.unref();
    // {"type":"watch","topics":[…]} replaces what this socket watches (at most MAX_TOPICS, each allowed)
    let watching: string[] = [];
    const unwatch = () => {
      for (const w of watching) {
        const ws = watchers.get(w);
        ws?.delete(socket);
        if (ws?.size === 0) watchers.delete(w);
      }
      watching = [];
    };
    const watch = async (data: unknown) => {
      let m: { type?: unknown; topics?: unknown };
      try {
        m = JSON.parse(String(data));
      } catch {
        return;
      }
      if (m.type !== "watch" || !Array.isArray(m.topics)) return;
      const wanted = [...new Set(m.topics.filter((x): x is string => typeof x === "string"))].slice(0, MAX_TOPICS);
      const allowed: string[] = [];
      for (const topic of wanted) {
        const [, kind, id] = TOPIC.exec(topic) ?? [];
        const check = kind ? topics.get(kind) : undefined;
        if (check && id && (await check(k, actor.tenant.id, actor.userId, id))) allowed.push(`${actor.tenant.id}:${topic}`);
      }
      unwatch();
      if (socket.readyState !== socket.OPEN) return;
      watching = allowed;
      for (const w of watching) {
        const ws = watchers.get(w) ?? new Set<WebSocket>();
        watchers.set(w, ws);
        ws.add(socket);
      }
    };
    // one watch request at a time, in order: a later one always wins
    let queue = Promise.resolve();
    socket.on("message", (data) => {
      queue = queue.then(() => watch(data)).catch((err) => app.log.error({ err }, "live watch failed"));
    });
    socket.on("close", () => {
      clearInterval(ping);
      unwatch();
      set.delete(socket);
      if (set.size === 0) sockets.delete(key);
    });
  });
}
