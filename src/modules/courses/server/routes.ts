import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { addItem } from "./use-cases/add-item.ts";
import { addMember } from "./use-cases/add-member.ts";
import { addSection } from "./use-cases/add-section.ts";
import { copyCourse } from "./use-cases/copy-course.ts";
import { createCourse } from "./use-cases/create-course.ts";
import { deleteItem } from "./use-cases/delete-item.ts";
import { deleteSection } from "./use-cases/delete-section.ts";
import { getCourse } from "./use-cases/get-course.ts";
import { getCourseAbout } from "./use-cases/get-course-about.ts";
import { getItem } from "./use-cases/get-item.ts";
import { listMembers } from "./use-cases/list-members.ts";
import { listMyCourses } from "./use-cases/list-my-courses.ts";
import { listTemplates } from "./use-cases/list-templates.ts";
import { removeMember } from "./use-cases/remove-member.ts";
import { reorderCourse } from "./use-cases/reorder-course.ts";
import { searchCatalogue } from "./use-cases/search-catalogue.ts";
import { searchPeople } from "./use-cases/search-people.ts";
import { updateCourse } from "./use-cases/update-course.ts";
import { updateItem } from "./use-cases/update-item.ts";
import { updateSection } from "./use-cases/update-section.ts";

export function courseRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.createCourse, ({ actor, body }) => createCourse(k, actor, body));
  route(app, c.updateCourse, ({ actor, params, body }) => updateCourse(k, actor, params.id, body));
  route(app, c.getCourse, ({ actor, params }) => getCourse(k, actor, params.id));
  route(app, c.getCourseAbout, ({ actor, params }) => getCourseAbout(k, actor, params.id));
  route(app, c.listMyCourses, async ({ actor }) => ({ items: await listMyCourses(k, actor) }));
  route(app, c.listTemplates, async ({ actor }) => ({ items: await listTemplates(k, actor) }));
  route(app, c.copyCourse, ({ actor, params, body }) => copyCourse(k, actor, params.id, body));
  route(app, c.catalogue, ({ actor, query }) => searchCatalogue(k, actor, query));

  route(app, c.listMembers, async ({ actor, params, query }) => ({ items: await listMembers(k, actor, params.id, query) }));
  route(app, c.addMember, ({ actor, params, body }) => addMember(k, actor, params.id, body));
  route(app, c.removeMember, ({ actor, params }) => removeMember(k, actor, params.id, params.memberId));
  route(app, c.searchPeople, async ({ actor, params, query }) => ({ items: await searchPeople(k, actor, params.id, query.q) }));

  route(app, c.addSection, ({ actor, params, body }) => addSection(k, actor, params.id, body));
  route(app, c.updateSection, ({ actor, params, body }) => updateSection(k, actor, params.id, params.sectionId, body));
  route(app, c.deleteSection, ({ actor, params }) => deleteSection(k, actor, params.id, params.sectionId));
  route(app, c.addItem, ({ actor, params, body }) => addItem(k, actor, params.id, body));
  route(app, c.getItem, ({ actor, params }) => getItem(k, actor, params.id, params.itemId));
  route(app, c.updateItem, ({ actor, params, body }) => updateItem(k, actor, params.id, params.itemId, body));
  route(app, c.deleteItem, ({ actor, params }) => deleteItem(k, actor, params.id, params.itemId));
  route(app, c.reorderCourse, ({ actor, params, body }) => reorderCourse(k, actor, params.id, body.sections));
}
