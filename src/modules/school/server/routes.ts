import type { FastifyInstance, FastifyRequest } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { readUpload } from "./csv-file.ts";
import { listChildren, unlinkGuardian } from "./use-cases/children.ts";
import { listLinkable } from "./use-cases/diary-links.ts";
import { getClassDiary, getMyWeek, getSchoolSettings, getWorkload, updateSchoolSettings } from "./use-cases/diary-read.ts";
import { addDiaryReader, listDiaryReaders, removeDiaryReader } from "./use-cases/diary-readers.ts";
import { createDiaryEntry, deleteDiaryEntry, updateDiaryEntry } from "./use-cases/diary-write.ts";
import { getClass } from "./use-cases/get-class.ts";
import { importGuardians } from "./use-cases/import-guardians.ts";
import { importTeachings } from "./use-cases/import-teachings.ts";
import { acceptInvitation, getInvitation } from "./use-cases/invitations.ts";
import { inviteParent } from "./use-cases/invite-parent.ts";
import { listClasses } from "./use-cases/list-classes.ts";
import { getSchoolDay } from "./use-cases/school-day.ts";
import { createSubject, listSubjects, updateSubject } from "./use-cases/subjects.ts";
import { addTeaching, removeTeaching } from "./use-cases/teachings.ts";

/** The platform's public base URL for links in mails: its own host, or /p/<slug> in path mode. */
const baseUrl = (k: Kernel, req: FastifyRequest) => (req.basePath ? `${k.config.publicUrl}${req.basePath}` : `${req.protocol}://${req.host}`);

export function schoolRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listClasses, ({ actor }) => listClasses(k, actor));
  route(app, c.getClass, ({ actor, params }) => getClass(k, actor, params.id));
  route(app, c.listSubjects, ({ actor }) => listSubjects(k, actor));
  route(app, c.createSubject, ({ actor, body }) => createSubject(k, actor, body));
  route(app, c.updateSubject, ({ actor, params, body }) => updateSubject(k, actor, params.id, body));
  route(app, c.addTeaching, ({ actor, params, body }) => addTeaching(k, actor, params.id, body));
  route(app, c.removeTeaching, ({ actor, params }) => removeTeaching(k, actor, params.id));
  const run = (kind: "teachings" | "guardians") => (kind === "teachings" ? importTeachings : importGuardians);
  route(app, c.checkSchoolImport, async ({ actor, params, req, locale }) => run(params.kind)(k, actor, await readUpload(req), locale, false));
  route(app, c.runSchoolImport, async ({ actor, params, req, locale }) => run(params.kind)(k, actor, await readUpload(req), locale, true));
  route(app, c.listChildren, ({ actor }) => listChildren(k, actor));
  route(app, c.unlinkGuardian, ({ actor, params }) => unlinkGuardian(k, actor, params.id));
  route(app, c.inviteParent, ({ actor, params, body, req, locale }) => inviteParent(k, actor, params.id, body, { base: baseUrl(k, req), locale }));
  route(app, c.createDiaryEntry, ({ actor, params, body, locale }) => createDiaryEntry(k, actor, params.id, body, locale));
  route(app, c.updateDiaryEntry, ({ actor, params, body, locale }) => updateDiaryEntry(k, actor, params.id, body, locale));
  route(app, c.deleteDiaryEntry, ({ actor, params }) => deleteDiaryEntry(k, actor, params.id));
  route(app, c.getClassDiary, ({ actor, params, query }) => getClassDiary(k, actor, params.id, query.start));
  route(app, c.getMyWeek, ({ actor, query }) => getMyWeek(k, actor, query.start));
  route(app, c.getWorkload, ({ actor, params, query }) => getWorkload(k, actor, params.id, query.start));
  route(app, c.listLinkable, ({ actor, params }) => listLinkable(k, actor, params.id));
  route(app, c.listDiaryReaders, ({ actor }) => listDiaryReaders(k, actor));
  route(app, c.addDiaryReader, ({ actor, body }) => addDiaryReader(k, actor, body));
  route(app, c.removeDiaryReader, ({ actor, params }) => removeDiaryReader(k, actor, params.id));
  route(app, c.getSchoolDay, ({ actor, query }) => getSchoolDay(k, actor, query.today));
  route(app, c.getSchoolSettings, ({ actor }) => getSchoolSettings(k, actor));
  route(app, c.updateSchoolSettings, ({ actor, body }) => updateSchoolSettings(k, actor, body));
  // anyone holding the link: the signature is the authorisation (rate-limited like sign-in)
  const door = { rateLimit: { max: k.config.SIGNIN_RATE_LIMIT_PER_MINUTE, timeWindow: "1 minute" } };
  route(app, c.getInvitation, ({ actor, params }) => getInvitation(k, actor, params.token), door);
  route(app, c.acceptInvitation, ({ actor, params, body }) => acceptInvitation(k, actor, params.token, body.account), door);
}
