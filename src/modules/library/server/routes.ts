import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { browseLibrary } from "./use-cases/browse-library.ts";
import { getEntry } from "./use-cases/get-entry.ts";
import { getPublication } from "./use-cases/get-publication.ts";
import { importEntry } from "./use-cases/import-entry.ts";
import { applyUpdate, getLink } from "./use-cases/linked-update.ts";
import { listImports } from "./use-cases/list-imports.ts";
import { publishVersion } from "./use-cases/publish-version.ts";
import { getSettings, updateSettings } from "./use-cases/settings.ts";
import { withdrawEntry } from "./use-cases/withdraw-entry.ts";

export function libraryRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.browse, ({ actor, query }) => browseLibrary(k, actor, query));
  route(app, c.getEntry, ({ actor, params, query }) => getEntry(k, actor, params.id, query.version));
  route(app, c.withdraw, async ({ actor, params }) => {
    await withdrawEntry(k, actor, params.id);
    return {};
  });
  route(app, c.importEntry, ({ actor, params, body }) => importEntry(k, actor, params.id, body));
  route(app, c.getPublication, ({ actor, params }) => getPublication(k, actor, params.courseId));
  route(app, c.publish, ({ actor, params, body }) => publishVersion(k, actor, params.courseId, body));
  route(app, c.listImports, ({ actor }) => listImports(k, actor));
  route(app, c.getLink, ({ actor, params }) => getLink(k, actor, params.courseId));
  route(app, c.applyUpdate, ({ actor, params, body }) => applyUpdate(k, actor, params.courseId, body.version));
  route(app, c.settings, ({ actor }) => getSettings(k, actor));
  route(app, c.updateSettings, ({ actor, body }) => updateSettings(k, actor, body.teachersMayPublish));
}
