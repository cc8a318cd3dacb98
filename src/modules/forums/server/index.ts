import { AppError } from "../../../kernel/errors.ts";
import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import { forumFiles } from "./files.ts";
import * as m1 from "./migrations/20261123-70-forums.ts";
import * as m2 from "./migrations/20261124-91-search-index-direct.ts";
import { forumRoutes } from "./routes.ts";
import { setSubscriptionTargetCheck } from "../../notifications/server/index.ts";
import { loadForum, loadThread } from "./access.ts";

/** Seen or not, for the notifications module: an access refusal is "no", anything else a real error. */
const sees = (load: Promise<unknown>) =>
  load.then(
    () => true,
    (e) => {
      if (e instanceof AppError) return false;
      throw e;
    },
  );

export { announcementsSql, type ForumPostEvent, forumInfo, onForumPost } from "./api.ts";
export { loadForumDemo } from "./demo.ts";

/** Forums of courses and organisation nodes, with their moderation (flags, queue, log, trust, filters). */
export const forumsModule: Module = {
  name: "forums",
  migrations: { "20261123-70-forums": m1, "20261124-91-search-index-direct": m2 },
  register(app, k) {
    registerFileReferences("forums", forumFiles(k));
    // following a forum or a thread needs to see it
    setSubscriptionTargetCheck("forum", (k, actor, id) => sees(loadForum(k, actor, id)));
    setSubscriptionTargetCheck("thread", (k, actor, id) => sees(loadThread(k, actor, id)));
    forumRoutes(app, k);
  },
};
