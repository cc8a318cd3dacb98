import type { Kernel } from "../../../kernel/module.ts";
import { notifyUsers } from "./notify.ts";
import { savePrefs } from "./prefs.ts";

/** Demo: a few notifications in people's centres, and one learner who reads forums as a daily digest. */
export async function loadNotificationDemo(
  k: Kernel,
  opts: { tenantId: string; userIds: string[]; courseTitle: string; coursePath: string; digestUserId?: string },
) {
  await notifyUsers(k, opts.tenantId, opts.userIds, { kind: "welcome", params: { course: opts.courseTitle }, url: opts.coursePath });
  if (opts.digestUserId) await savePrefs(k.db, opts.tenantId, opts.digestUserId, { delivery: "daily", byEmail: true });
}
