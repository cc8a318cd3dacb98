import { insertSampleQuestions } from "../../src/modules/quizzes/server/sample-questions.ts";
import { makeCourse, makePlatform, makeUser } from "../factories.ts";
import type { Served } from "./browser.ts";

/**
 * What the quiz tests start from: a platform where `prof` teaches `lea` a course with one section,
 * and the course's bank of sample questions (one of each type).
 */
export async function quizCourse(s: Served, slug: string) {
  const p = await makePlatform(s.k, slug);
  const teacherId = (await makeUser(s.k, p.tenantId, p.rootOrgId, "prof", "teacher")).id;
  const learnerId = (await makeUser(s.k, p.tenantId, p.rootOrgId, "lea")).id;
  const course = { org_id: p.rootOrgId, title: "Sciences de la vie", status: "published" } as const;
  const { id: courseId, sectionIds } = await makeCourse(s.k, p.tenantId, course, { teachers: [teacherId], learners: [learnerId], sections: ["Évaluation"] });
  const bank = await insertSampleQuestions(s.k.db, p.tenantId, courseId);
  return { p, base: `http://${p.host}:${s.port}`, teacherId, learnerId, courseId, sectionId: sectionIds[0], bank };
}
