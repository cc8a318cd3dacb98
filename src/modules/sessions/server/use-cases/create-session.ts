import type { Actor } from "../../../../kernel/auth/actor.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import type { SessionInput } from "../../shared/contract.ts";
import { presentSession } from "../present.ts";
import { findCourseSession, insertSession } from "../repo.ts";
import { NOBODY } from "./list-sessions.ts";
import { checkSession, dateOrNull } from "./validate.ts";

export async function createSession(k: Kernel, actor: Actor, courseId: string, input: SessionInput) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const tenantId = actor.tenant!.id;
  const row = {
    id: newId(),
    course_id: courseId,
    title: input.title,
    kind: input.kind,
    starts_at: new Date(input.startsAt),
    ends_at: new Date(input.endsAt),
    place: input.kind === "in-person" ? input.place?.trim() || null : null,
    video_url: input.kind === "online" ? (input.videoUrl ?? null) : null,
    seats: input.seats ?? null,
    approval: input.approval,
    registration_opens_at: dateOrNull(input.registrationOpensAt),
    registration_closes_at: dateOrNull(input.registrationClosesAt),
    created_by: actor.kind === "user" ? actor.userId : null,
  };
  checkSession(row);
  await insertSession(k.db, tenantId, row);
  return presentSession((await findCourseSession(k.db, tenantId, courseId, row.id, row.created_by ?? NOBODY))!);
}
