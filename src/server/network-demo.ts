import type { UserActor } from "../kernel/auth/actor.ts";
import { invitationToken } from "../kernel/auth/invitation-token.ts";
import { newId } from "../kernel/ids.ts";
import type { Kernel } from "../kernel/module.ts";
import { loadActorFacts } from "../modules/accounts/server/index.ts";
import { addItem, addSection, createCourse, updateCourse } from "../modules/courses/server/index.ts";
import { addMembers, selfEnrol, setDone, updateEnrolmentSettings } from "../modules/enrolment/server/index.ts";
import { decideAgreement, joinPartnerCourse, markPartnerItemDone, proposeAgreement } from "../modules/federation/server/index.ts";
import { importEntry, publishVersion } from "../modules/library/server/index.ts";
import { acceptPartnerInvitation, addPartnerPerson, invitePartner } from "../modules/partners/server/index.ts";

/**
 * The demo's network story, told through each module's own use cases (authorisation included),
 * as the people of the demo would do it:
 * - the national platform publishes two courses to the library; both regions import them (linked
 *   copies, and one independent copy), then the national platform publishes a second version of
 *   one, so the regions' linked copies show an update waiting;
 * - Bretagne runs an interregional course and grants Occitanie enrolment and co-teaching in it
 *   (an agreement Occitanie accepted); learners of both regions follow it, some items done;
 * - Occitanie works with a partner organisation whose trainer teaches a course and whose learners
 *   enrolled in it.
 */
type Login = { platform: string; login: string; role: string };

const para = (...texts: string[]) => ({ type: "doc", content: texts.map((text) => ({ type: "paragraph", content: [{ type: "text", text }] })) });
const today = () => new Date().toISOString().slice(0, 10);
const inAYear = () => new Date(Date.now() + 365 * 86400_000).toISOString().slice(0, 10);
const CTX = { base: "http://localhost:3000", locale: "fr" as const };

/** A person of the demo acting as if signed in (the same facts a session would carry). */
export async function demoActor(k: Kernel, slug: string, username: string): Promise<UserActor> {
  const t = await k.db.selectFrom("tenants").select(["id", "slug", "root_org_id", "default_locale"]).where("slug", "=", slug).executeTakeFirstOrThrow();
  const u = await k.db.selectFrom("users").select("id").where("tenant_id", "=", t.id).where("username", "=", username).executeTakeFirstOrThrow();
  const f = await loadActorFacts(k.db, t.id, u.id);
  if (!f) throw new Error(`${username}@${slug} may not sign in`);
  return {
    kind: "user",
    tenant: { id: t.id, slug: t.slug, rootOrgId: t.root_org_id, defaultLocale: t.default_locale },
    userId: u.id,
    sessionId: newId(),
    profile: f.profile,
    grants: f.grants,
    isOperator: f.isOperator,
    ...(f.partner && { partner: f.partner }),
    person: { givenName: f.givenName, lastLoginAt: f.lastLoginAt },
  };
}

async function learnersOf(k: Kernel, slug: string, first: string, n: number) {
  const t = await k.db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirstOrThrow();
  const rows = await k.db
    .selectFrom("users")
    .select(["id", "username"])
    .where("tenant_id", "=", t.id)
    .where("profile", "=", "learner")
    .where("username", "!=", first)
    .orderBy("username")
    .limit(n - 1)
    .execute();
  return [first, ...rows.map((r) => r.username)];
}

/** Library: national publishes, the regions import, national publishes a v2 of one. Returns the courses per title. */
async function libraryStory(k: Kernel, nationalCourses: { id: string; title: string }[], logins: Login[]) {
  const national = await demoActor(k, "national", "admin.national");
  const published: { entryId: string; courseId: string; title: string }[] = [];
  const meta: Record<string, { description: string; language: string; subjects: string[]; level: "beginner" | "intermediate" | "advanced" }> = {
    "Animer une formation hybride": {
      description: "Concevoir et animer une formation qui alterne présentiel et distanciel : principes, outils, rythme.",
      language: "fr",
      subjects: ["pédagogie", "formation hybride"],
      level: "intermediate",
    },
    "English for trainers": {
      description: "Useful phrases, pronunciation tips and short role plays for trainers who welcome international learners.",
      language: "en",
      subjects: ["langues", "anglais"],
      level: "beginner",
    },
  };
  for (const c of nationalCourses.filter((c) => meta[c.title])) {
    const m = meta[c.title]!;
    const e = await publishVersion(k, national, c.id, {
      title: c.title,
      ...m,
      licence: "cc-by-sa",
      changeNotes: "Première version publiée dans la formathèque.",
    });
    published.push({ entryId: e.id, courseId: c.id, title: c.title });
  }
  // both regions import: Bretagne keeps both linked to the library; Occitanie links one and copies the other
  const imports: Record<string, Record<string, string>> = { bretagne: {}, occitanie: {} };
  for (const slug of ["bretagne", "occitanie"] as const) {
    const admin = await demoActor(k, slug, `admin.${slug}`);
    for (const p of published) {
      const linked = slug === "bretagne" || p.title === "English for trainers";
      imports[slug]![p.title] = (await importEntry(k, admin, p.entryId, { linked })).courseId;
      await updateCourse(k, admin, imports[slug]![p.title]!, { status: "published" });
    }
  }
  // after the imports, national improves the hybrid-training course and publishes version 2
  const hybrid = published.find((p) => p.title === "Animer une formation hybride");
  if (hybrid) {
    const s = await addSection(k, national, hybrid.courseId, { title: "Évaluer", summary: "Mesurer ce que la formation a changé." });
    await addItem(k, national, hybrid.courseId, {
      sectionId: s.id,
      kind: "page",
      title: "Le questionnaire à froid",
      body: para("Trois mois après la formation, demandez aux stagiaires ce qu'ils ont mis en pratique.", "Cinq questions suffisent."),
    });
    await publishVersion(k, national, hybrid.courseId, {
      title: hybrid.title,
      ...meta[hybrid.title]!,
      licence: "cc-by-sa",
      changeNotes: "Nouvelle séquence « Évaluer » : le questionnaire à froid.",
    });
  }
  logins.push({ platform: "bretagne", login: "admin.bretagne", role: "library: a linked copy with version 2 waiting" });
  return imports;
}

/** An interregional course on Bretagne, open to Occitanie under an agreement in force; learners of both regions. */
async function federationStory(k: Kernel, logins: Login[]) {
  const host = await demoActor(k, "bretagne", "admin.bretagne");
  const course = await createCourse(k, host, {
    orgId: host.tenant.rootOrgId,
    title: "Sécurité en mer — parcours interrégional",
    summary: "Un parcours commun aux régions Bretagne et Occitanie : prévenir, alerter, secourir en mer.",
    language: "fr",
    tags: ["sécurité", "mer", "interrégional"],
    format: "online",
  });
  const items: string[] = [];
  for (const [section, pages] of [
    ["Prévenir", ["Avant de partir : météo et marées", "Le matériel de sécurité"]],
    ["Alerter et secourir", ["Le canal 16 et le CROSS", "Homme à la mer : la manœuvre"]],
  ] as const) {
    const s = await addSection(k, host, course.id, { title: section, summary: "" });
    for (const title of pages)
      items.push(
        (await addItem(k, host, course.id, { sectionId: s.id, kind: "page", title, body: para(`${title} : l'essentiel en une page.`), completion: "done" })).id,
      );
  }
  await updateCourse(k, host, course.id, { status: "published" });
  const trainer = await demoActor(k, "bretagne", "formateur.bretagne");
  await addMembers(k, host, course.id, { userIds: [trainer.userId], role: "teacher" });
  // Bretagne's own learners, some items done
  const bzh = await learnersOf(k, "bretagne", "stagiaire.bretagne", 4);
  const bzhActors = await Promise.all(bzh.map((u) => demoActor(k, "bretagne", u)));
  await addMembers(k, host, course.id, { userIds: bzhActors.map((a) => a.userId), role: "learner" });
  for (const [i, a] of bzhActors.entries()) for (const item of items.slice(0, 3 - i)) await setDone(k, a, course.id, item, true);
  // the agreement: Bretagne grants Occitanie enrolment and co-teaching; Occitanie accepts
  const guestAdmin = await demoActor(k, "occitanie", "admin.occitanie");
  const ag = await proposeAgreement(k, host, {
    partnerId: guestAdmin.tenant.id,
    browse: false,
    enrolCourseIds: [course.id],
    copyCourseIds: [],
    coteachCourseIds: [course.id],
    startsOn: today(),
    endsOn: inAYear(),
  });
  await decideAgreement(k, guestAdmin, ag.id, "accept");
  // Occitanie's learners join from their own platform and make progress; its trainer co-teaches
  const occ = await learnersOf(k, "occitanie", "stagiaire.occitanie", 3);
  for (const [i, u] of occ.entries()) {
    const a = await demoActor(k, "occitanie", u);
    await joinPartnerCourse(k, a, ag.id, course.id, "learner");
    for (const item of items.slice(0, 2 - i)) await markPartnerItemDone(k, a, ag.id, course.id, item);
  }
  await joinPartnerCourse(k, await demoActor(k, "occitanie", "formateur.occitanie"), ag.id, course.id, "teacher");
  logins.push(
    { platform: "bretagne", login: "formateur.bretagne", role: "teacher of the interregional course" },
    { platform: "occitanie", login: "stagiaire.occitanie", role: "learner in Bretagne's interregional course (partner courses)" },
    { platform: "occitanie", login: "formateur.occitanie", role: "co-teacher of Bretagne's interregional course" },
  );
  return course.id;
}

/** A partner organisation on Occitanie: its manager accepted the invitation, added a trainer and learners, who enrolled. */
async function partnerStory(k: Kernel, courseId: string, password: string, logins: Login[]) {
  const admin = await demoActor(k, "occitanie", "admin.occitanie");
  await updateEnrolmentSettings(k, admin, courseId, { selfEnrol: "open" });
  const { id } = await invitePartner(
    k,
    admin,
    {
      name: "Formapro Sud",
      contactEmail: "contact@formapro-sud.demo.archipel.test",
      orgId: admin.tenant.rootOrgId,
      teachCourseIds: [courseId],
      enrolCourseIds: [courseId],
      enrolOrgIds: [],
      startsAt: null,
      endsAt: null,
    },
    CTX,
  );
  // the contact follows the link of the mail the invitation sent (the same signed link, made again here)
  const row = await k.db
    .selectFrom("partners")
    .select("invite_expires_at")
    .where("tenant_id", "=", admin.tenant.id)
    .where("id", "=", id)
    .executeTakeFirstOrThrow();
  const token = await invitationToken(k, "partner", admin.tenant.id, id, new Date(row.invite_expires_at));
  await acceptPartnerInvitation(k, { kind: "anonymous", tenant: admin.tenant }, token, {
    username: "contact.formapro",
    givenName: "Sonia",
    familyName: "Roussel",
    password,
  });
  const manager = await demoActor(k, "occitanie", "contact.formapro");
  await addPartnerPerson(k, manager, { role: "trainer", username: "formatrice.formapro", givenName: "Nadia", familyName: "Benali", email: null, password });
  const people: [string, string, string][] = [
    ["apprenant.formapro", "Yanis", "Garnier"],
    ["lucie.formapro", "Lucie", "Fabre"],
    ["karim.formapro", "Karim", "Mercier"],
  ];
  for (const [username, givenName, familyName] of people) {
    await addPartnerPerson(k, manager, { role: "learner", username, givenName, familyName, email: null, password });
    await selfEnrol(k, await demoActor(k, "occitanie", username), courseId, undefined, CTX);
  }
  logins.push(
    { platform: "occitanie", login: "contact.formapro", role: "partner manager (Formapro Sud)" },
    { platform: "occitanie", login: "formatrice.formapro", role: "partner trainer (Formapro Sud)" },
    { platform: "occitanie", login: "apprenant.formapro", role: "partner learner (Formapro Sud)" },
  );
}

/** The whole story; run once, when the national and both regional platforms were just made. */
export async function loadNetworkDemo(k: Kernel, opts: { nationalCourses: { id: string; title: string }[]; password: string; logins: Login[] }) {
  const imports = await libraryStory(k, opts.nationalCourses, opts.logins);
  await federationStory(k, opts.logins);
  await partnerStory(k, imports.occitanie!["English for trainers"]!, opts.password, opts.logins);
}
