import type { Module } from "../../../kernel/module.ts";
import { startDigestScheduler } from "./digest.ts";
import "./forum-posts.ts";
import "./message-mail.ts";
import { listenToForums } from "./forums-hook.ts";
import { startJobWorker } from "./jobs.ts";
import * as m1 from "./migrations/20261123-80-notifications.ts";
import * as m2 from "./migrations/20261125-60-feed-on-read.ts";
import { registerRealtime } from "./realtime.ts";
import { notificationRoutes } from "./routes.ts";

export { loadNotificationDemo } from "./demo.ts";
export { type DigestPeriod, sendDigests } from "./digest.ts";
export { type ForumPostNotice, recordForumPost } from "./forum-posts.ts";
export { enqueueJob, registerJob, runJobs } from "./jobs.ts";
export { eachLimit, listMail, mailablePeople, platformContext, sendListMail } from "./mails.ts";
export { mailMessageNotice } from "./message-mail.ts";
export { notifyUsers } from "./notify.ts";
export { loadPrefs } from "./prefs.ts";
export { publishLive } from "./realtime.ts";
export { setSubscriptionTargetCheck, subscribeUsers } from "./use-cases/subscriptions.ts";

/**
 * Notification centre with live delivery (WebSocket, across nodes through k.bus), preferences,
 * subscriptions with asynchronous fan-out, digests, one-click unsubscribe, and the background job
 * table other modules use (mailing sends through it). The job worker and the digest scheduler run
 * in every server process (claims make that safe) but not under tests, which call runJobs and
 * sendDigests themselves.
 */
export const notificationsModule: Module = {
  name: "notifications",
  migrations: { "20261123-80-notifications": m1, "20261125-60-feed-on-read": m2 },
  async register(app, k) {
    await registerRealtime(app, k);
    notificationRoutes(app, k);
    const stopForums = listenToForums(k, (e) => app.log.error({ err: e }, "forum post not recorded for notifications"));
    app.addHook("onClose", async () => stopForums());
    if (process.env.VITEST) return;
    const stopJobs = startJobWorker(k, (e) => app.log.error({ err: e }, "background job failed"));
    const stopDigests = startDigestScheduler(k, (e) => app.log.error({ err: e }, "digests failed"));
    app.addHook("onClose", async () => {
      stopJobs();
      stopDigests();
    });
  },
};
