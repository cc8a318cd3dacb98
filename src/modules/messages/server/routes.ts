import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import type { Kernel } from "../../../kernel/module.ts";
import * as c from "../shared/contract.ts";
import { blockPerson, unblockPerson } from "./use-cases/blocks.ts";
import { getConversation } from "./use-cases/get-conversation.ts";
import { listConversations } from "./use-cases/list-conversations.ts";
import { markConversationRead } from "./use-cases/mark-conversation-read.ts";
import { reportMessage } from "./use-cases/report-message.ts";
import { deleteRule, getRules, setRule } from "./use-cases/rules.ts";
import { searchRecipients } from "./use-cases/search-recipients.ts";
import { sendMessage } from "./use-cases/send-message.ts";
import { startConversation } from "./use-cases/start-conversation.ts";

export function messageRoutes(app: FastifyInstance, k: Kernel) {
  route(app, c.listConversations, ({ actor }) => listConversations(k, actor));
  route(app, c.startConversation, ({ actor, body }) => startConversation(k, actor, body), { rateLimit: { max: 30, timeWindow: "1 minute" } });
  route(app, c.getConversation, ({ actor, params, query }) => getConversation(k, actor, params.id, query.before));
  route(app, c.sendMessage, ({ actor, params, body }) => sendMessage(k, actor, params.id, body), { rateLimit: { max: 60, timeWindow: "1 minute" } });
  route(app, c.markConversationRead, ({ actor, params }) => markConversationRead(k, actor, params.id));
  route(app, c.searchRecipients, ({ actor, query }) => searchRecipients(k, actor, query.q));
  route(app, c.blockPerson, ({ actor, params }) => blockPerson(k, actor, params.userId));
  route(app, c.unblockPerson, ({ actor, params }) => unblockPerson(k, actor, params.userId));
  route(app, c.reportMessage, ({ actor, params, body }) => reportMessage(k, actor, params.messageId, body.reason));
  route(app, c.getRules, ({ actor, params }) => getRules(k, actor, params.orgId));
  route(app, c.setRule, ({ actor, params, body }) => setRule(k, actor, params.orgId, params.profile, body.relations));
  route(app, c.deleteRule, ({ actor, params }) => deleteRule(k, actor, params.orgId, params.profile));
}
