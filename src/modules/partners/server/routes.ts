import type { FastifyInstance, FastifyRequest } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { setPartnerStatus, updatePartnerScopes } from "./use-cases/change-partner.ts";
import { choices } from "./use-cases/choices.ts";
import { getPartner } from "./use-cases/get-partner.ts";
import { importPartnerPeople, readCsvUpload } from "./use-cases/import-people.ts";
import { acceptPartnerInvitation, getPartnerInvitation } from "./use-cases/invitation.ts";
import { invitePartner } from "./use-cases/invite-partner.ts";
import { listPartners } from "./use-cases/list-partners.ts";
import { addPartnerPerson, getMyPartner } from "./use-cases/my-partner.ts";

/** The platform's public base URL for links in mails: its own host, or /p/<slug> in path mode. */
const baseUrl = (k: Kernel, req: FastifyRequest) => (req.basePath ? `${k.config.publicUrl}${req.basePath}` : `${req.protocol}://${req.host}`);

export function partnersRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listPartners, ({ actor }) => listPartners(k, actor));
  route(app, c.partnerChoices, ({ actor }) => choices(k, actor));
  route(app, c.invitePartner, ({ actor, body, req, locale }) => invitePartner(k, actor, body, { base: baseUrl(k, req), locale }));
  route(app, c.getPartner, ({ actor, params }) => getPartner(k, actor, params.id));
  route(app, c.updatePartnerScopes, ({ actor, params, body }) => updatePartnerScopes(k, actor, params.id, body));
  route(app, c.setPartnerStatus, ({ actor, params, body }) => setPartnerStatus(k, actor, params.id, body.status));
  route(app, c.getMyPartner, ({ actor }) => getMyPartner(k, actor));
  route(app, c.addPartnerPerson, ({ actor, body }) => addPartnerPerson(k, actor, body));
  route(app, c.importPartnerPeople, async ({ actor, req, locale }) => importPartnerPeople(k, actor, await readCsvUpload(req), locale));
  // anyone holding the link: the signature is the authorisation (rate-limited like sign-in)
  const door = { rateLimit: { max: k.config.SIGNIN_RATE_LIMIT_PER_MINUTE, timeWindow: "1 minute" } };
  route(app, c.getPartnerInvitation, ({ actor, params }) => getPartnerInvitation(k, actor, params.token), door);
  route(app, c.acceptPartnerInvitation, ({ actor, params, body }) => acceptPartnerInvitation(k, actor, params.token, body.account), door);
}
