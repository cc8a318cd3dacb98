import { registerFileReferences } from "../../../kernel/files/index.ts";
import type { Module } from "../../../kernel/module.ts";
import { setItemFileCheck } from "../../courses/server/index.ts";
import * as m1 from "./migrations/20261122-30-files.ts";
import { courseItemFiles } from "./references/courses.ts";
import { itemFileCheck } from "./references/item-files.ts";
import { filesRoutes } from "./routes.ts";

export { downloadFile } from "./use-cases/download-file.ts";

/**
 * Files: the upload and download endpoints over the kernel's files service, and where a learner
 * stopped in a video item. Other modules attach files with `assertUsableFile` (kernel/files)
 * and say who may read them with `registerFileReferences`.
 */
export const filesModule: Module = {
  name: "files",
  migrations: { "20261122-30-files": m1 },
  register(app, k) {
    registerFileReferences("courses", courseItemFiles);
    setItemFileCheck(itemFileCheck(k.db));
    filesRoutes(app, k);
  },
};
