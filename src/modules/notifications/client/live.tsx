import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useRef } from "react";
import { api, BASE } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useAnnounce } from "../../../web/ui.tsx";
import { LIVE_PATH, unreadCount } from "../shared/contract.ts";
import { notificationText } from "./text.ts";
import "./notifications.css";

export const notificationsKey = ["notifications"] as const;

export type TopicEvent = { topic: string; event: string; id: string; by: string | null };
type TopicListener = (e: TopicEvent) => void;
const topicListeners = new Map<string, Set<TopicListener>>();
let liveSocket: WebSocket | null = null;
/** Tells the server what the open pages watch (it checks each topic against the person's rights). */
const sendWatch = () => {
  if (liveSocket?.readyState === WebSocket.OPEN) liveSocket.send(JSON.stringify({ type: "watch", topics: [...topicListeners.keys()] }));
};

/** Follows a topic (e.g. `thread:<id>`) while the component is mounted: `on` runs for each of its events. */
export function useLiveTopic(topic: string, on: TopicListener) {
  const latest = useRef(on);
  latest.current = on;
  useEffect(() => {
    const listener: TopicListener = (e) => latest.current(e);
    const set = topicListeners.get(topic) ?? new Set<TopicListener>();
    topicListeners.set(topic, set);
    set.add(listener);
    sendWatch();
    return () => {
      set.delete(listener);
      if (set.size === 0) topicListeners.delete(topic);
      sendWatch();
    };
  }, [topic]);
}

/**
 * One WebSocket per signed-in page: notifications refresh the bell and the centre (and are
 * announced), messages refresh the inbox and the open conversation. Reconnects with backoff.
 */
function useLive() {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const t = useT();
  useEffect(() => {
    let ws: WebSocket | null = null;
    let stopped = false;
    let retry = 1000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const connect = () => {
      const proto = window.location.protocol === "https:" ? "wss" : "ws";
      ws = new WebSocket(`${proto}://${window.location.host}${BASE}${LIVE_PATH}`);
      ws.onopen = () => {
        retry = 1000;
        liveSocket = ws;
        sendWatch();
      };
      ws.onmessage = (e) => {
        const m = JSON.parse(String(e.data)) as { type: string; kind?: string; params?: Record<string, unknown> } & Partial<TopicEvent>;
        if (m.type === "topic" && m.topic) for (const l of topicListeners.get(m.topic) ?? []) l(m as TopicEvent);
        if (m.type === "notification") {
          qc.invalidateQueries({ queryKey: notificationsKey });
          if (m.kind) announce(notificationText(t, m.kind, m.params ?? {}));
        }
        if (m.type === "message" || m.type === "read") qc.invalidateQueries({ queryKey: ["messages"] });
      };
      ws.onclose = () => {
        if (liveSocket === ws) liveSocket = null;
        if (stopped) return;
        timer = setTimeout(connect, retry);
        retry = Math.min(retry * 2, 30_000);
      };
    };
    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      ws?.close();
    };
  }, [qc, announce, t]);
}

/** The header's bell: the unread count, a link to the centre, and the live connection. */
export function NotificationBell() {
  const t = useT();
  useLive();
  const q = useQuery({ queryKey: [...notificationsKey, "unread"], queryFn: () => api(unreadCount), refetchOnWindowFocus: true });
  const n = q.data?.unread ?? 0;
  return (
    <Link to="/notifications" className="header-button bell" aria-label={t("ui.notifications.bell", { count: n })}>
      <svg
        aria-hidden="true"
        viewBox="0 0 24 24"
        width="20"
        height="20"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      >
        <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
        <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
      </svg>
      {n > 0 && (
        <span className="bell-count" aria-hidden="true">
          {n > 99 ? "99+" : n}
        </span>
      )}
    </Link>
  );
}
