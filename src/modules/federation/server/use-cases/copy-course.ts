import { type Actor, allowed, type UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { copyFileAcross, deleteFile, markFilesReady } from "../../../../kernel/files/index.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import {
  canCreateCourseIn,
  insertCourseWithContent,
  loadCourse,
  readContent,
  readSettings,
  requireCourse,
  withItemExtras,
} from "../../../courses/server/index.ts";
import { visibleOrg } from "../../../orgs/server/index.ts";
import { audit } from "../audit.ts";
import { copiesOf, copyableHostCourses, copyOrigin, insertCopy } from "../copy-repo.ts";
import { inForce } from "../remote.ts";
import { agreementsInForce, getAgreement, personName, platformNames, tenantById } from "../repo.ts";

/**
 * The "copy" right: a partner platform (A) lets this one (B) take the content of named courses.
 * Whoever may create courses somewhere on B (a platform admin, an admin of a branch, a teacher of
 * a node) copies such a course onto a node where they may create courses: an independent draft of
 * B, made by the courses module's own copy functions, with A's sections, pages, links, files and
 * videos (their bytes copied into B), quizzes and assignments as an in-platform copy carries them
 * (settings without the run's dates; a quiz's questions copied into new categories of the copy's
 * own bank; an assignment's rubric), and none of A's people or their work. The copy notes where it
 * came from; both platforms' logs record it.
 */

const refuse = (what: string, status: 403 | 404) => new AppError(`federation.copy.${what}`, {}, undefined, status);

/** Signed in on this platform (not through a partnership) and allowed to create a course on at least one node. */
function mayCopyHere(actor: Actor): asserts actor is UserActor {
  if (actor.kind !== "user") throw new AppError("unauthenticated");
  if (actor.partner || !actor.grants.some((g) => canCreateCourseIn(actor, g.path))) throw refuse("no_right", 403);
}

const isPlatformAdmin = (actor: UserActor) => allowed(actor, "org.manage", { orgPath: `/${actor.tenant.rootOrgId}/` });

/**
 * The agreement as both platforms hold it: it must be one that a partner grants this platform
 * (404), be in force on both copies (403: this platform knows its own agreements), and name the
 * course for copying (404: the partner's other courses are not this platform's to know of).
 */
async function openCopy(k: Kernel, actor: UserActor, agreementId: string, courseId: string) {
  const mine = await getAgreement(k.db, actor.tenant.id, agreementId);
  if (mine?.side !== "grantee") throw refuse("no_agreement", 404);
  if (!inForce(mine)) throw refuse("not_in_force", 403);
  const host = await tenantById(k.db, mine.grantor_tenant_id);
  if (!host) throw refuse("not_in_force", 403);
  // the grantor's copy is the grantor's word (both change together; checked all the same, as openHost does)
  const theirs = await getAgreement(k.db, host.id, agreementId);
  if (theirs?.side !== "grantor" || theirs.grantee_tenant_id !== actor.tenant.id) throw refuse("no_agreement", 404);
  if (!inForce(theirs)) throw refuse("not_in_force", 403);
  if (!theirs.copy_course_ids.includes(courseId)) throw refuse("not_granted", 404);
  return { host, agreement: theirs };
}

/** The partner courses that agreements in force let this platform copy, with the copies already made of each. */
export async function listCopyableCourses(k: Kernel, actor: Actor) {
  mayCopyHere(actor);
  const mine = (await agreementsInForce(k.db, actor.tenant.id)).filter((a) => a.copy_course_ids.length > 0);
  const names = new Map((await platformNames(k.db, [...new Set(mine.map((a) => a.grantor_tenant_id))])).map((p) => [p.id, p.name]));
  const found: { agreementId: string; platform: string; course: Awaited<ReturnType<typeof copyableHostCourses>>[number] }[] = [];
  for (const a of mine) {
    const theirs = await getAgreement(k.db, a.grantor_tenant_id, a.id);
    if (theirs?.side !== "grantor" || theirs.grantee_tenant_id !== actor.tenant.id || !inForce(theirs)) continue;
    for (const course of await copyableHostCourses(k.db, theirs.grantor_tenant_id, theirs.copy_course_ids))
      found.push({ agreementId: a.id, platform: names.get(a.grantor_tenant_id) ?? "", course });
  }
  // by platform, then title (agreements come in no particular order)
  found.sort((x, y) => x.platform.localeCompare(y.platform) || x.course.title.localeCompare(y.course.title));
  const copies = await copiesOf(k.db, actor.tenant.id, [...new Set(found.map((f) => f.course.id))], isPlatformAdmin(actor) ? undefined : actor.userId);
  return {
    items: found.map(({ agreementId, platform, course }) => ({
      agreementId,
      courseId: course.id,
      platform,
      title: course.title,
      summary: course.summary,
      sections: course.sections,
      items: course.items,
      copies: copies
        .filter((c) => c.source_course_id === course.id)
        .map((c) => ({ courseId: c.course_id, title: c.title, copiedAt: new Date(c.created_at).toISOString() })),
    })),
  };
}

/** Copies a partner's course onto a node of this platform (see the module note above). */
export async function copyPartnerCourse(k: Kernel, actor: Actor, agreementId: string, courseId: string, input: { orgId: string; title?: string }) {
  mayCopyHere(actor);
  // where the copy goes: a node of this platform the actor sees (404), where they may create courses (403)
  const org = await visibleOrg(k.db, actor, input.orgId).catch((e: unknown) => {
    throw e instanceof AppError && e.code === "not_found" ? refuse("no_node", 404) : e;
  });
  if (!canCreateCourseIn(actor, org.path)) throw refuse("node_forbidden", 403);
  const { host } = await openCopy(k, actor, agreementId, courseId);

  const settings = await readSettings(k.db, host.id, courseId);
  if (!settings) throw refuse("not_granted", 404);
  // read on A's side (its question bank, its rubrics), written on B's as B's own
  const content = await withItemExtras(k.db, host.id, await readContent(k.db, host.id, courseId));
  let items = content.items;

  // files and videos: their bytes are copied into this platform, as files of the person copying
  const tid = actor.tenant.id;
  const fileIds = [...new Set(items.flatMap((i) => [i.file_id, i.captions_file_id]).filter((f): f is string => !!f))];
  const newIds = new Map<string, string>();
  let made: Awaited<ReturnType<typeof insertCourseWithContent>>;
  let missing: typeof items = [];
  const [[platform], me] = await Promise.all([platformNames(k.db, [host.id]), personName(k.db, tid, actor.userId)]);
  const title = input.title ?? settings.title;
  try {
    for (const f of fileIds) {
      const made = await copyFileAcross(k.db, { tenantId: host.id, fileId: f }, { tenantId: tid, ownerId: actor.userId });
      if (made) newIds.set(f, made.id);
    }
    // an item whose file is gone on the partner's side has nothing to show: left out, and said so
    missing = items.filter((i) => i.file_id && !newIds.has(i.file_id));
    items = items
      .filter((i) => !missing.includes(i))
      .map((i) => ({
        ...i,
        file_id: i.file_id ? newIds.get(i.file_id)! : null,
        captions_file_id: i.captions_file_id ? (newIds.get(i.captions_file_id) ?? null) : null,
      }));

    made = await insertCourseWithContent(
      k.db,
      tid,
      actor.userId,
      {
        // a course of this platform from now on: its node, no visibility dates of the partner's calendar
        settings: { ...settings, org_id: org.id, title, is_template: false, visible_from: null, visible_until: null },
        content: { sections: content.sections, items },
      },
      async (tx, m) => {
        await markFilesReady(tx, tid, [...newIds.values()]);
        await insertCopy(tx, {
          tenant_id: tid,
          course_id: m.courseId,
          agreement_id: agreementId,
          source_tenant_id: host.id,
          source_platform: platform?.name ?? host.slug,
          source_course_id: courseId,
          source_title: settings.title,
          copied_by: actor.userId,
          copied_by_name: me ? `${me.given_name} ${me.family_name}` : "",
        });
      },
    );
  } catch (e) {
    // nothing references the copied files yet: they go with the failed copy
    for (const id of newIds.values()) await deleteFile(k.db, tid, id).catch(() => undefined);
    throw e;
  }
  await audit(k, [host.id, tid], { agreementId, action: "copied", who: actor, detail: { course: settings.title, copy: title } });
  return { courseId: made.course.id, title, files: newIds.size, notCopied: missing.map((i) => ({ kind: i.kind, title: i.title })) };
}

/** Where a course of this platform came from, for its editors (null for a course not copied from a partner). */
export async function getCopyOrigin(k: Kernel, actor: Actor, courseId: string) {
  const a = await loadCourse(k.db, actor, courseId);
  requireCourse(a, "edit");
  const o = await copyOrigin(k.db, a.course.tenant_id, courseId);
  return {
    origin: o
      ? {
          agreementId: o.agreement_id,
          platform: o.source_platform,
          title: o.source_title,
          copiedBy: o.copied_by_name,
          copiedAt: new Date(o.created_at).toISOString(),
        }
      : null,
  };
}
