import { expect } from "vitest";
import { makeOrg, rootOf } from "../../../../test/factories.ts";
import type { Client } from "../../../../test/helpers.ts";
import type { Kernel } from "../../../kernel/module.ts";

/** Test fixtures shared by the school-life tests (school, attendance). */

/** A collège under the platform's root with its two classes, 5e A and 5e B. */
export async function makeCollege(k: Kernel, p: { tenantId: string; rootOrgId: string }, name = "Collège") {
  const school = await makeOrg(k, p.tenantId, rootOf(p), name, "school");
  const classA = await makeOrg(k, p.tenantId, school, "5e A", "class");
  const classB = await makeOrg(k, p.tenantId, school, "5e B", "class");
  return { school, classA, classB };
}

/** The maths subject (MATH), created by an admin, with each class's maths teacher; returns the subject's id. */
export async function teachMaths(admin: Client, teachers: [classId: string, teacherId: string][]) {
  const subject = await admin.post("/api/v1/school/subjects", { code: "MATH", name: "Mathématiques", color: "#2563eb" });
  expect(subject.status, JSON.stringify(subject.body)).toBe(200);
  for (const [classId, teacherId] of teachers) {
    const r = await admin.post(`/api/v1/school/classes/${classId}/teachings`, { subjectId: subject.body.id, teacherId });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
  }
  return subject.body.id as string;
}
