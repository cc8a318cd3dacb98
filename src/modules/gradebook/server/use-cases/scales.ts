import type { Actor, UserActor } from "../../../../kernel/auth/actor.ts";
import { authorize } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { newId } from "../../../../kernel/ids.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { loadCourse, requireCourse } from "../../../courses/server/access.ts";
import { BUILTIN_SCALES, builtinScale, isBuiltinScale, normaliseBands, type ScaleBand } from "../../shared/compute.ts";
import { loadStructure, toScale } from "../repo.ts";
import { requireTeacher } from "./checks.ts";

/** Scales a course may use: the built-in ones, the platform's letter scales and its own. */
async function scalesFor(k: Kernel, tenantId: string, courseId: string | null) {
  const rows = await k.db
    .selectFrom("grade_scales")
    .select(["id", "name", "bands", "course_id"])
    .where("tenant_id", "=", tenantId)
    .where((eb) => (courseId ? eb.or([eb("course_id", "is", null), eb("course_id", "=", courseId)]) : eb("course_id", "is", null)))
    .orderBy("created_at")
    .execute();
  return [
    ...BUILTIN_SCALES.map((id) => ({ ...builtinScale(id), courseOnly: false })),
    ...rows.map((r) => ({ ...toScale(r), courseOnly: r.course_id !== null })),
  ];
}

function checkBands(bands: ScaleBand[]) {
  const b = normaliseBands(bands);
  if (!b) throw new AppError("validation", {}, { bands: { code: "gradebook.bands_invalid" } });
  return b;
}

/** The course's scale setting and the scales to choose from (teachers). */
export async function getSettings(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  const tenantId = a.course.tenant_id;
  const [st, scales] = await Promise.all([loadStructure(k.db, tenantId, courseId), scalesFor(k, tenantId, courseId)]);
  return { scale: st.scaleSetting, platformDefault: st.platformDefault, uncategorisedWeight: st.uncategorisedWeight, scales };
}

/** A course editor picks the course's scale (null = the platform's default) and the weight of items in no category. */
export async function updateSettings(k: Kernel, actor: Actor, courseId: string, input: { scale: string | null; uncategorisedWeight: number }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const tenantId = a.course.tenant_id;
  if (input.scale !== null && !isBuiltinScale(input.scale) && !(await scalesFor(k, tenantId, courseId)).some((s) => s.id === input.scale))
    throw new AppError("validation", {}, { scale: { code: "gradebook.scale_unknown" } });
  await k.db
    .insertInto("gradebook_courses")
    .values({ tenant_id: tenantId, course_id: courseId, scale: input.scale, uncategorised_weight: input.uncategorisedWeight })
    .onConflict((oc) =>
      oc.columns(["tenant_id", "course_id"]).doUpdateSet({ scale: input.scale, uncategorised_weight: input.uncategorisedWeight, updated_at: new Date() }),
    )
    .execute();
  return { ok: true as const };
}

/** A course editor adds a letter scale for the course. */
export async function createCourseScale(k: Kernel, actor: Actor, courseId: string, input: { name: string; bands: ScaleBand[] }) {
  const a = await loadCourse(k.db, actor, courseId);
  requireTeacher(a);
  requireCourse(a, "edit");
  const bands = checkBands(input.bands);
  const id = newId();
  await k.db
    .insertInto("grade_scales")
    .values({ tenant_id: a.course.tenant_id, id, course_id: courseId, name: input.name, bands: JSON.stringify(bands) })
    .execute();
  return toScale({ id, name: input.name, bands });
}

const platformAdmin = (actor: Actor) => {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  // admins of the platform's root node decide its defaults
  authorize(actor, "org.manage", { orgPath: `/${actor.tenant.rootOrgId}/` });
  return actor as UserActor;
};

/** The platform's default scale and letter scales (platform admins). */
export async function getPlatformSettings(k: Kernel, actor: Actor) {
  const me = platformAdmin(actor);
  const [row, scales] = await Promise.all([
    k.db.selectFrom("gradebook_platform").select("default_scale").where("tenant_id", "=", me.tenant.id).executeTakeFirst(),
    scalesFor(k, me.tenant.id, null),
  ]);
  return { defaultScale: row?.default_scale ?? "percent", scales: scales.map(({ courseOnly: _, ...s }) => s) };
}

export async function updatePlatformSettings(k: Kernel, actor: Actor, defaultScale: string) {
  const me = platformAdmin(actor);
  if (!isBuiltinScale(defaultScale) && !(await scalesFor(k, me.tenant.id, null)).some((s) => s.id === defaultScale))
    throw new AppError("validation", {}, { defaultScale: { code: "gradebook.scale_unknown" } });
  await k.db
    .insertInto("gradebook_platform")
    .values({ tenant_id: me.tenant.id, default_scale: defaultScale })
    .onConflict((oc) => oc.column("tenant_id").doUpdateSet({ default_scale: defaultScale }))
    .execute();
  return { ok: true as const };
}

export async function createPlatformScale(k: Kernel, actor: Actor, input: { name: string; bands: ScaleBand[] }) {
  const me = platformAdmin(actor);
  const bands = checkBands(input.bands);
  const id = newId();
  await k.db
    .insertInto("grade_scales")
    .values({ tenant_id: me.tenant.id, id, course_id: null, name: input.name, bands: JSON.stringify(bands) })
    .execute();
  return toScale({ id, name: input.name, bands });
}
