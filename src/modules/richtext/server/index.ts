import type { Module } from "../../../kernel/module.ts";
import { richTextRoutes } from "./routes.ts";

/** Rich text: a preview of the server rendering for the editor (the kernel holds the schema and the renderer). */
export const richTextModule: Module = {
  name: "richtext",
  migrations: {},
  register: (app) => richTextRoutes(app),
};
