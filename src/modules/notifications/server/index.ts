import type { Module } from "../../../kernel/module.ts";
import { startDigestScheduler } from "./digest.ts";
import "./forum-posts.ts";
import "./message-mail.ts";
import { listenToForums } from "./forums-hook.ts";
import * as m1 from "./migrations/20261123-80-notifications.ts";
import * as m2 from "./migrations/20261125-60-feed-on-read.ts";
import * as m3 from "./migrations/20261125-71-jobs-to-pgboss.ts";
import { registerRealtime } from "./realtime.ts";
import { notificationRoutes } from "./routes.ts";

export { enqueueJob, registerJob, runJobs } from "../../../kernel/jobs.ts";
export { loadNotificationDemo } from "./demo.ts";
export { type DigestPeriod, sendDigests } from "./digest.ts";
export { type ForumPostNotice, recordForumPost } from "./forum-posts.ts";
export { eachLimit, listMail, mailablePeople, platformContext, sendListMail } from "./mails.ts";
export { mailMessageNotice } from "./message-mail.ts";
export { notifyUsers } from "./notify.ts";
export { loadPrefs } from "./prefs.ts";
export { publishLive } from "./realtime.ts";
export { setSubscriptionTargetCheck, subscribeUsers } from "./use-cases/subscriptions.ts";

/**
 * Notification centre with live delivery (WebSocket, across nodes through k.bus), preferences,
 * subscriptions with asynchronous fan-out (background jobs: src/kernel/jobs.ts), digests, one-click
 * unsubscribe. The digest scheduler runs in every server process but not under tests, which call
 * sendDigests themselves.
 */
export const notificationsModule: Module = {
  name: "notifications",
  migrations: { "20261123-80-notifications": m1, "20261125-60-feed-on-read": m2, "20261125-71-jobs-to-pgboss": m3 },
  async register(app, k) {
    await registerRealtime(app, k);
    notificationRoutes(app, k);
    const stopForums = listenToForums(k, (e) => app.log.error({ err: e }, "forum post not recorded for notifications"));
    app.addHook("onClose", async () => stopForums());
    if (process.env.VITEST) return;
    const stopDigests = startDigestScheduler(k, (e) => app.log.error({ err: e }, "digests failed"));
    app.addHook("onClose", async () => stopDigests());
  },
};
