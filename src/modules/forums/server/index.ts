import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import { forumFiles } from "./files.ts";
import * as m1 from "./migrations/20261123-70-forums.ts";
import { forumRoutes } from "./routes.ts";

export { type ForumPostEvent, forumInfo, forumReaders, forumReadersQuery, onForumPost } from "./api.ts";
export { loadForumDemo } from "./demo.ts";

/** Forums of courses and organisation nodes, with their moderation (flags, queue, log, trust, filters). */
export const forumsModule: Module = {
  name: "forums",
  migrations: { "20261123-70-forums": m1 },
  register(app, k) {
    registerFileReferences("forums", forumFiles(k));
    forumRoutes(app, k);
  },
};
