import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { AppError } from "../../../kernel/errors.ts";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { createItem } from "./use-cases/create-item.ts";
import { deleteItem } from "./use-cases/delete-item.ts";
import { exportCsv, exportXlsx } from "./use-cases/export-grades.ts";
import { getGradebook } from "./use-cases/get-gradebook.ts";
import { getItemGrades } from "./use-cases/get-item-grades.ts";
import { getLearnerGrades } from "./use-cases/get-learner-grades.ts";
import { importGrades } from "./use-cases/import-grades.ts";
import { createCategory, deleteCategory, updateCategory } from "./use-cases/manage-categories.ts";
import { myGrades } from "./use-cases/my-grades.ts";
import { createCourseScale, createPlatformScale, getPlatformSettings, getSettings, updatePlatformSettings, updateSettings } from "./use-cases/scales.ts";
import { setGrade } from "./use-cases/set-grade.ts";
import { updateItem } from "./use-cases/update-item.ts";

export function gradebookRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.getGradebook, ({ actor, params, query, locale }) => getGradebook(k, actor, params.id, query, locale));
  route(app, c.setGrade, ({ actor, params, body, locale }) => setGrade(k, actor, params.id, params.itemId, params.userId, body, locale));
  route(app, c.revertOverride, ({ actor, params, body, locale }) =>
    setGrade(k, actor, params.id, params.itemId, params.userId, { score: null, reason: body.reason, revert: true }, locale),
  );
  route(app, c.createItem, ({ actor, params, body }) => createItem(k, actor, params.id, body));
  route(app, c.updateItem, ({ actor, params, body }) => updateItem(k, actor, params.id, params.itemId, body));
  route(app, c.deleteItem, async ({ actor, params }) => {
    await deleteItem(k, actor, params.id, params.itemId);
    return {};
  });
  route(app, c.createCategory, ({ actor, params, body }) => createCategory(k, actor, params.id, body));
  route(app, c.updateCategory, ({ actor, params, body }) => updateCategory(k, actor, params.id, params.categoryId, body));
  route(app, c.deleteCategory, async ({ actor, params }) => {
    await deleteCategory(k, actor, params.id, params.categoryId);
    return {};
  });
  route(app, c.getSettings, ({ actor, params }) => getSettings(k, actor, params.id));
  route(app, c.updateSettings, ({ actor, params, body }) => updateSettings(k, actor, params.id, body));
  route(app, c.createCourseScale, ({ actor, params, body }) => createCourseScale(k, actor, params.id, body));
  route(app, c.getPlatformSettings, ({ actor }) => getPlatformSettings(k, actor));
  route(app, c.updatePlatformSettings, ({ actor, body }) => updatePlatformSettings(k, actor, body.defaultScale));
  route(app, c.createPlatformScale, ({ actor, body }) => createPlatformScale(k, actor, body));
  route(app, c.getLearnerGrades, ({ actor, params, locale }) => getLearnerGrades(k, actor, params.id, params.userId, locale));
  route(app, c.getItemGrades, ({ actor, params, query }) => getItemGrades(k, actor, params.id, params.itemId, query));
  route(app, c.importGrades, ({ actor, params, body, locale }) => importGrades(k, actor, params.id, body, locale), {
    rateLimit: { max: 30, timeWindow: 60_000 },
  });
  route(app, c.myGrades, ({ actor, params, locale }) => myGrades(k, actor, params.id, locale));

  for (const format of ["csv", "xlsx"] as const) {
    app.get(
      `/api/v1/courses/:id/gradebook/export.${format}`,
      { schema: { summary: `The gradebook as ${format.toUpperCase()} (teachers)`, tags: ["gradebook"] } },
      async (req, reply) => {
        if (req.actor.kind !== "user") throw new AppError("unauthenticated");
        const id = z.uuid().safeParse((req.params as { id?: string }).id);
        if (!id.success) throw new AppError("not_found");
        const out = format === "csv" ? await exportCsv(k, req.actor, id.data, req.locale) : await exportXlsx(k, req.actor, id.data, req.locale);
        return reply
          .type(format === "csv" ? "text/csv; charset=utf-8" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header("content-disposition", `attachment; filename="${out.filename}"`)
          .header("cache-control", "private, no-store")
          .send(out.body);
      },
    );
  }
}
