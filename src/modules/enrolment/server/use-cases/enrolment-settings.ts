import type { Actor } from "../../../../kernel/auth/actor.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { type CourseRow, loadCourse, requireCourse } from "../../../courses/server/access.ts";

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const present = (c: Pick<CourseRow, "self_enrol" | "enrol_key_hash" | "enrol_from" | "enrol_until" | "capacity">) => ({
  selfEnrol: c.self_enrol,
  hasKey: !!c.enrol_key_hash,
  enrolFrom: iso(c.enrol_from),
  enrolUntil: iso(c.enrol_until),
  capacity: c.capacity,
});

export async function getEnrolmentSettings(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "teach");
  return present(a.course);
}

export type SettingsInput = {
  selfEnrol?: CourseRow["self_enrol"];
  key?: string;
  enrolFrom?: string | null;
  enrolUntil?: string | null;
  capacity?: number | null;
};

/** Editors set how people enrol themselves; the key is stored as an argon2 hash, never shown again. */
export async function updateEnrolmentSettings(k: Kernel, actor: Actor, courseId: string, input: SettingsInput) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const c = a.course;
  const mode = input.selfEnrol ?? c.self_enrol;
  if (mode === "key" && !input.key && !c.enrol_key_hash) throw new AppError("validation", {}, { key: { code: "field.required" } });
  const from = input.enrolFrom === undefined ? c.enrol_from : input.enrolFrom;
  const until = input.enrolUntil === undefined ? c.enrol_until : input.enrolUntil;
  if (from && until && new Date(until) <= new Date(from)) throw new AppError("validation", {}, { enrolUntil: { code: "enrolment.dates_order" } });
  const set = {
    self_enrol: mode,
    ...(input.key && { enrol_key_hash: await hashPassword(input.key) }),
    ...(input.enrolFrom !== undefined && { enrol_from: input.enrolFrom }),
    ...(input.enrolUntil !== undefined && { enrol_until: input.enrolUntil }),
    ...(input.capacity !== undefined && { capacity: input.capacity }),
    updated_at: new Date(),
  };
  const row = await k.db
    .updateTable("courses")
    .set(set)
    .where("tenant_id", "=", c.tenant_id)
    .where("id", "=", c.id)
    .returning(["self_enrol", "enrol_key_hash", "enrol_from", "enrol_until", "capacity"])
    .executeTakeFirstOrThrow();
  return present(row);
}
