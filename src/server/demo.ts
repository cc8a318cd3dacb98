import { hashPassword } from "../kernel/auth/password.ts";
import type { Profile } from "../kernel/db/schema.ts";
import { newId } from "../kernel/ids.ts";
import type { Kernel } from "../kernel/module.ts";
import { insertPerson } from "../modules/accounts/server/index.ts";
import { loadCourseDemo } from "../modules/courses/server/demo.ts";
import { loadSessionDemo } from "../modules/sessions/server/index.ts";
import { loadNotificationDemo } from "../modules/notifications/server/index.ts";
import { loadMessagesDemo } from "../modules/messages/server/index.ts";
import { loadQuizDemo } from "../modules/quizzes/server/index.ts";
import { loadGradebookDemo } from "../modules/gradebook/server/index.ts";
import { loadQuestionDemo } from "../modules/questions/server/index.ts";
import { loadAttendanceDemo } from "../modules/attendance/server/index.ts";
import { loadPortalDemo } from "../modules/portal/server/index.ts";
import { loadDiaryDemo } from "../modules/school/server/index.ts";
import { loadAssignmentDemo } from "../modules/assignments/server/index.ts";
import { loadForumDemo } from "../modules/forums/server/index.ts";
import { insertOrg } from "../modules/orgs/server/index.ts";
import { addOperator, countTenants, createPlatformRecords } from "../modules/platforms/server/index.ts";
import { loadConfig } from "./config.ts";
import { createKernel } from "./kernel.ts";
import { allModules } from "./modules.ts";
import { loadNetworkDemo } from "./network-demo.ts";
import { openDatabase } from "./open-database.ts";

/**
 * `npm run demo`: a living demo network — a national platform heading a network of two regional
 * platforms with departmental organisations (the national library they import from, an
 * interregional course under a federation agreement, a partner organisation: see network-demo.ts),
 * and, as a network of its own, a collège with classes, parents, timetables, absences, a homework
 * diary and a portal of services; people of every profile. Platforms that already exist (by
 * short name) are left as they are, so it can run twice.
 */
export const DEMO_PASSWORD = "archipel-demo-2026";

type Node = { id: string; path: string };
type Login = { platform: string; login: string; role: string };

const GIVEN = ["Léa", "Hugo", "Chloé", "Lucas", "Manon", "Nathan", "Inès", "Louis", "Camille", "Jules", "Zoé", "Gabriel", "Emma", "Raphaël", "Jade", "Arthur", "Lina", "Maël", "Anna", "Noé"];
const FAMILY = ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau", "Simon", "Laurent", "Lefèvre", "Michel", "Garcia", "David", "Bertrand", "Roux", "Vincent", "Fournier"];
const slugify = (s: string) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "");

export async function loadDemo(k: Kernel) {
  const hash = await hashPassword(DEMO_PASSWORD);
  const firstRun = (await countTenants(k.db)) === 0;
  const logins: Login[] = [];
  let seq = 0;

  const platform = async (slug: string, name: string, color: string, extraHosts: string[] = [], parentId: string | null = null) => {
    const exists = await k.db.selectFrom("tenants").select("id").where("slug", "=", slug).executeTakeFirst();
    if (exists) return null;
    const r = await createPlatformRecords(k, {
      name,
      slug,
      hostnames: [`${slug}.localhost`, ...extraHosts],
      defaultLocale: "fr",
      parentId,
      primaryColor: color,
      admin: { username: `admin.${slug}`, email: `admin@${slug}.demo.archipel.test`, givenName: "Alex", familyName: "Admin", password: DEMO_PASSWORD },
    });
    logins.push({ platform: slug, login: `admin.${slug}`, role: "admin" });
    return { ...r, slug, root: { id: r.rootOrgId, path: `/${r.rootOrgId}/` } };
  };
  const org = async (tenantId: string, parent: Node, name: string, kind: string, color: string | null = null): Promise<Node> => {
    const id = newId();
    const path = `${parent.path}${id}/`;
    await insertOrg(k.db, tenantId, { id, parent_id: parent.id, path, name, kind, code: null, primary_color: color, logo_url: null });
    return { id, path };
  };
  const person = async (tenantId: string, slug: string, node: Node, profile: Profile, username?: string, show?: string, names?: [string, string]) => {
    const n = seq++;
    const [given, family] = names ?? [GIVEN[n % GIVEN.length], FAMILY[(n * 7) % FAMILY.length]];
    const login = username ?? `${slugify(given)}.${slugify(family)}${n}`;
    await insertPerson(k.db, tenantId, { username: login, email: `${login}@${slug}.demo.archipel.test`, givenName: given, familyName: family, profile, orgId: node.id, passwordHash: hash });
    if (show) logins.push({ platform: slug, login, role: show });
    return login;
  };
  const grantAdmin = async (tenantId: string, username: string, node: Node) => {
    const u = await k.db.selectFrom("users").select("id").where("tenant_id", "=", tenantId).where("username", "=", username).executeTakeFirstOrThrow();
    await k.db.insertInto("role_assignments").values({ tenant_id: tenantId, id: newId(), user_id: u.id, org_id: node.id, role: "admin" }).execute();
  };

  // on an empty deployment the national platform is the one at http://localhost:3000
  const national = await platform("national", "Réseau national de formation", "#1d4ed8", firstRun ? ["localhost", "127.0.0.1"] : []);
  let nationalCourses: { id: string; title: string }[] = [];
  if (national) {
    const t = national.tenantId;
    if (firstRun) await addOperator(k.db, t, national.adminId);
    const pedago = await org(t, national.root, "Direction pédagogique", "department");
    const library = await org(t, national.root, "Formathèque nationale", "site", "#0e7490");
    await person(t, "national", pedago, "teacher", "claire.martin", "teacher", ["Claire", "Martin"]);
    await person(t, "national", library, "staff", "marc.durand", "staff", ["Marc", "Durand"]);
    await person(t, "national", pedago, "learner", "julie.petit", "learner", ["Julie", "Petit"]);
    for (let i = 0; i < 5; i++) await person(t, "national", pedago, "learner");
    const courseIds = await loadCourseDemo(k, { tenantId: t, orgId: national.root.id, teacher: "claire.martin", learners: ["julie.petit"], set: "national" });
    const firstCourse = courseIds[0]!;
    nationalCourses = await k.db.selectFrom("courses").select(["id", "title"]).where("tenant_id", "=", t).where("id", "in", courseIds).execute();
    // a full in-person session: five learners hold or wait for its three seats, julie.petit is third in line
    const learners = await k.db.selectFrom("users").select(["id", "username"]).where("tenant_id", "=", t).where("profile", "=", "learner").orderBy("username").execute();
    const ordered = [...learners.filter((u) => u.username !== "julie.petit"), ...learners.filter((u) => u.username === "julie.petit")].map((u) => u.id);
    const claire = await k.db.selectFrom("users").select("id").where("tenant_id", "=", t).where("username", "=", "claire.martin").executeTakeFirst();
    await loadSessionDemo(k, { tenantId: t, courseId: firstCourse, createdBy: claire?.id ?? null, learnerIds: ordered });
    // a timed quiz with every type of question: attempts graded, one awaiting grading, one in progress
    await loadQuizDemo(k, { tenantId: t, courseId: firstCourse, teacherId: claire?.id ?? null, learnerIds: ordered });
    // a bank with one question of each type in the first course, and a shared category at the root
    await loadQuestionDemo(k, { tenantId: t, courseId: firstCourse, orgId: national.root.id, createdBy: claire?.id ?? null });
    // project teams and a group assignment graded with a rubric, grades released
    await loadAssignmentDemo(k, { tenantId: t, courseId: firstCourse, teacherId: claire?.id ?? null, learnerIds: ordered });
    // the gradebook on the /20 scale: weighted categories, columns by hand, one override with its reason
    await loadGradebookDemo(k, { tenantId: t, courseId: firstCourse, teacherId: claire?.id ?? null, learnerIds: ordered });
    // a MOOC-sized course: 1,500 more learners, busy forums with formulas, a hidden and a pending post in the review queue, 600 ratings
    await loadForumDemo(k, { tenantId: t, courseOrgId: national.root.id, orgId: pedago.id, teacherId: claire?.id ?? null, learnerIds: ordered });
    // notifications in the learners' centres, julie.petit reads the forums as a daily digest by mail, she and claire.martin talk in messages
    const julie = learners.find((u) => u.username === "julie.petit");
    const course = await k.db.selectFrom("courses").select("title").where("tenant_id", "=", t).where("id", "=", firstCourse).executeTakeFirstOrThrow();
    await loadNotificationDemo(k, { tenantId: t, userIds: ordered, courseTitle: course.title, coursePath: `/courses/${firstCourse}`, digestUserId: julie?.id });
    const marc = await k.db.selectFrom("users").select("id").where("tenant_id", "=", t).where("username", "=", "marc.durand").executeTakeFirst();
    if (claire && julie) await loadMessagesDemo(k, { tenantId: t, teacherId: claire.id, learnerId: julie.id, colleagueIds: marc ? [marc.id] : [] });
  }

  const regions: [string, string, string, string[]][] = [
    ["bretagne", "Région Bretagne", "#0f766e", ["Finistère", "Côtes-d'Armor", "Ille-et-Vilaine", "Morbihan"]],
    ["occitanie", "Région Occitanie", "#b91c1c", ["Hérault", "Haute-Garonne", "Gard"]],
  ];
  // the regional platforms sit under the national one: one network, sharing the national library
  const head = await k.db.selectFrom("tenants").select("id").where("slug", "=", "national").executeTakeFirst();
  let regionsMade = 0;
  for (const [slug, name, color, departments] of regions) {
    const p = await platform(slug, name, color, [], head?.id ?? null);
    if (!p) continue;
    regionsMade++;
    const t = p.tenantId;
    for (const [i, dep] of departments.entries()) {
      const d = await org(t, p.root, dep, "department");
      const site = await org(t, d, `Centre de formation de ${dep}`, "site");
      const cls = await org(t, site, `Promotion 2026 — ${dep}`, "class");
      const depAdmin = await person(t, slug, d, "staff", i === 0 ? `admin.${slugify(dep)}` : undefined, i === 0 ? `admin of ${dep}` : undefined);
      await grantAdmin(t, depAdmin, d);
      await person(t, slug, cls, "teacher", i === 0 ? `formateur.${slug}` : undefined, i === 0 ? "teacher" : undefined);
      for (let j = 0; j < 8; j++) await person(t, slug, cls, "learner", i === 0 && j === 0 ? `stagiaire.${slug}` : undefined, i === 0 && j === 0 ? "learner" : undefined);
    }
  }

  // the library shared by the network, an interregional course, a partner organisation
  if (national && regionsMade === regions.length) await loadNetworkDemo(k, { nationalCourses, password: DEMO_PASSWORD, logins });

  const college = await platform("college", "Collège Jean Moulin", "#7c3aed");
  if (college) {
    const t = college.tenantId;
    const classes = ["6e A", "6e B", "5e A", "4e A", "3e A"];
    await person(t, "college", college.root, "staff", "cpe.college", "staff (vie scolaire)");
    const placed: { id: string; teacher: string; pupils: string[]; parents: string[] }[] = [];
    for (const [i, name] of classes.entries()) {
      const c = await org(t, college.root, name, "class");
      const teacher = await person(t, "college", c, "teacher", i === 0 ? "prof.college" : undefined, i === 0 ? "teacher" : undefined);
      const cls = { id: c.id, teacher, pupils: [] as string[], parents: [] as string[] };
      for (let j = 0; j < 12; j++) {
        const first = i === 0 && j === 0;
        cls.pupils.push(await person(t, "college", c, "learner", first ? "eleve.college" : undefined, first ? "learner (pupil)" : undefined));
        if (j < 6) cls.parents.push(await person(t, "college", c, "parent", first ? "parent.college" : undefined, first ? "parent" : undefined));
      }
      placed.push(cls);
    }
    await loadCourseDemo(k, { tenantId: t, orgId: college.root.id, teacher: "prof.college", learners: ["eleve.college"], set: "college" });
    // each of the first six pupils of a class has the parent made with them; timetables and last week's roll calls
    const people = await k.db.selectFrom("users").select(["id", "username"]).where("tenant_id", "=", t).execute();
    const idOf = (login: string) => people.find((u) => u.username === login)!.id;
    const links = placed.flatMap((c) => c.parents.map((parent, j) => ({ tenant_id: t, id: newId(), parent_id: idOf(parent), child_id: idOf(c.pupils[j]!) })));
    await k.db.insertInto("school_guardians").values(links).execute();
    await loadAttendanceDemo(k, {
      tenantId: t,
      createdBy: college.adminId,
      classes: placed.map((c) => ({ id: c.id, teacherId: idOf(c.teacher), pupilIds: c.pupils.map(idOf) })),
    });
    await loadPortalDemo(k, { tenantId: t, orgId: college.root.id });
    await loadDiaryDemo(k, { tenantId: t, classId: placed[0]!.id, teacherId: idOf(placed[0]!.teacher) });
  }
  return { logins, firstRun };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const config = loadConfig();
  const { modules } = allModules();
  const database = await openDatabase(config, modules);
  const k = createKernel(config, database, (m, e) => console.error(m, e));
  try {
    const { logins, firstRun } = await loadDemo(k);
    if (logins.length === 0) console.log("The demo network is already loaded.");
    else {
      console.log(`\nDemo network loaded. Password for every account: ${DEMO_PASSWORD}\n`);
      console.log("Start the server (npm start) and open a platform at http://localhost:3000/p/<platform>/ (or http://<platform>.localhost:3000/):\n");
      for (const l of logins) console.log(`  ${l.platform.padEnd(10)} ${l.login.padEnd(28)} ${l.role}`);
      console.log("\nThe regional platforms (bretagne, occitanie) sit under the national one: one network sharing the national library. The collège is a network of its own.");
      console.log(firstRun ? "\nadmin.national is also the deployment admin (platforms, outbox).\n" : "\nThe deployment admin you created at setup sees these platforms under Platforms.\n");
    }
  } finally {
    await k.events.flush();
    await k.bus.close();
    await database.close();
  }
}
