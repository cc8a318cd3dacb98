import websocket from "@fastify/websocket";
import type { FastifyInstance } from "fastify";
import type { WebSocket } from "ws";
import type { Kernel } from "../../../kernel/module.ts";

/** What a connected browser receives; it refetches what the message names. */
export type LiveMessage =
  | { type: "notification"; kind: string; params: Record<string, unknown>; url: string | null; createdAt: string }
  | { type: "message"; conversationId: string; messageId: string }
  | { type: "read"; conversationId: string };

const CHANNEL = "notifications";
type Envelope = { tenantId: string; userIds: string[]; message: LiveMessage };

/** Sends a live message to people wherever they are connected: this node at once, the others through k.bus (Redis pub/sub when REDIS_URL is set). */
export async function publishLive(k: Kernel, tenantId: string, userIds: string[], message: LiveMessage) {
  const chunk = 1000;
  for (let i = 0; i < userIds.length; i += chunk) {
    const e: Envelope = { tenantId, userIds: userIds.slice(i, i + chunk), message };
    await k.bus.publish(CHANNEL, e);
  }
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
  const deliver = (e: Envelope) => {
    const text = JSON.stringify(e.message);
    for (const u of e.userIds) for (const ws of sockets.get(`${e.tenantId}:${u}`) ?? []) if (ws.readyState === ws.OPEN) ws.send(text);
  };
  k.bus.subscribe(CHANNEL, (m) => deliver(m as Envelope));

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
    socket.on("close", () => {
      clearInterval(ping);
      set.delete(socket);
      if (set.size === 0) sockets.delete(key);
    });
  });
}
