import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { RELATIONS, RULE_PROFILES } from "./rules.ts";

/**
 * Private messages between people and small groups, under the platform's communication rules
 * (see rules.ts). Starting a conversation with someone the rules do not allow is 403
 * `messages.not_allowed` naming them; a block either way is 403 `messages.blocked`.
 */
export const Person = z.object({ id: z.uuid(), name: z.string(), profile: z.string() });
export type Person = z.infer<typeof Person>;
export const Attachment = z.object({ id: z.uuid(), name: z.string(), size: z.number().int(), mime: z.string() });

export const Message = z.object({
  id: z.uuid(),
  senderId: z.uuid(),
  senderName: z.string(),
  body: z.string(),
  files: z.array(Attachment),
  createdAt: z.string(),
  mine: z.boolean(),
  /** how many other members have read it */
  readBy: z.number().int(),
});
export type Message = z.infer<typeof Message>;

export const ConversationSummary = z.object({
  id: z.uuid(),
  title: z.string().nullable(),
  members: z.array(Person),
  lastMessage: z.object({ body: z.string(), senderName: z.string(), createdAt: z.string() }).nullable(),
  unread: z.number().int(),
});
export type ConversationSummary = z.infer<typeof ConversationSummary>;

const body = z.string().trim().min(1).max(10000);
const fileIds = z.array(z.uuid()).max(5).default([]);

export const listConversations = defineContract({
  method: "GET",
  path: "/api/v1/messages/conversations",
  summary: "My conversations, most recent first, with unread counts",
  tags: ["messages"],
  response: z.object({ items: z.array(ConversationSummary), unread: z.number().int() }),
});

export const startConversation = defineContract({
  method: "POST",
  path: "/api/v1/messages/conversations",
  summary: "Write to one person or several (a group conversation); a new direct message to someone you already talk with goes into that conversation",
  tags: ["messages"],
  body: z.object({ recipientIds: z.array(z.uuid()).min(1).max(50), title: z.string().trim().max(200).optional(), body, fileIds }),
  response: z.object({ conversationId: z.uuid(), messageId: z.uuid() }),
});

export const getConversation = defineContract({
  method: "GET",
  path: "/api/v1/messages/conversations/:id",
  summary: "A conversation of mine with its messages (newest page; `before` for older)",
  tags: ["messages"],
  params: z.object({ id: z.uuid() }),
  query: z.object({ before: z.uuid().optional() }),
  response: z.object({
    conversation: ConversationSummary,
    messages: z.array(Message),
    nextBefore: z.uuid().nullable(),
    blocked: z.array(z.uuid()),
  }),
});

export const sendMessage = defineContract({
  method: "POST",
  path: "/api/v1/messages/conversations/:id/messages",
  summary: "Reply in a conversation of mine",
  tags: ["messages"],
  params: z.object({ id: z.uuid() }),
  body: z.object({ body, fileIds }),
  response: z.object({ messageId: z.uuid() }),
});

export const markConversationRead = defineContract({
  method: "POST",
  path: "/api/v1/messages/conversations/:id/read",
  summary: "Mark a conversation read up to now",
  tags: ["messages"],
  params: z.object({ id: z.uuid() }),
  response: z.object({ ok: z.boolean() }),
});

export const searchRecipients = defineContract({
  method: "GET",
  path: "/api/v1/messages/recipients",
  summary: "People I may write to under the communication rules, by name",
  tags: ["messages"],
  query: z.object({ q: z.string().trim().max(100).default("") }),
  response: z.object({ items: z.array(Person), relations: z.array(z.enum(RELATIONS)) }),
});

export const blockPerson = defineContract({
  method: "PUT",
  path: "/api/v1/messages/blocks/:userId",
  summary: "Block someone: neither of you can write to the other",
  tags: ["messages"],
  params: z.object({ userId: z.uuid() }),
  response: z.object({ blocked: z.boolean() }),
});

export const unblockPerson = defineContract({
  method: "DELETE",
  path: "/api/v1/messages/blocks/:userId",
  summary: "Unblock someone",
  tags: ["messages"],
  params: z.object({ userId: z.uuid() }),
  response: z.object({ blocked: z.boolean() }),
});

export const reportMessage = defineContract({
  method: "POST",
  path: "/api/v1/messages/:messageId/report",
  summary: "Report a message I received to the platform's administrators",
  tags: ["messages"],
  params: z.object({ messageId: z.uuid() }),
  body: z.object({ reason: z.string().trim().min(3).max(1000) }),
  response: z.object({ reported: z.boolean() }),
});

export const getRules = defineContract({
  method: "GET",
  path: "/api/v1/messages/rules/:orgId",
  summary: "Communication rules set on an organisation node (admins of the node)",
  tags: ["messages"],
  params: z.object({ orgId: z.uuid() }),
  response: z.object({
    org: z.object({ id: z.uuid(), name: z.string() }),
    rules: z.array(z.object({ profile: z.enum(RULE_PROFILES), relations: z.array(z.enum(RELATIONS)) })),
    /** what applies to people placed here, per profile: this node's rule, the nearest node's above, or the defaults (source null) */
    effective: z.array(
      z.object({
        profile: z.enum(RULE_PROFILES),
        relations: z.array(z.enum(RELATIONS)),
        source: z.object({ orgId: z.uuid(), name: z.string() }).nullable(),
      }),
    ),
  }),
});
export type RulesView = z.infer<typeof getRules.response>;

export const deleteRule = defineContract({
  method: "DELETE",
  path: "/api/v1/messages/rules/:orgId/:profile",
  summary: "Remove a node's rule for a profile: the nearest node above (or the defaults) applies again",
  tags: ["messages"],
  params: z.object({ orgId: z.uuid(), profile: z.enum(RULE_PROFILES) }),
  response: z.object({ ok: z.literal(true) }),
});

export const setRule = defineContract({
  method: "PUT",
  path: "/api/v1/messages/rules/:orgId/:profile",
  summary: "Set whom people of a profile under this node may write to (empty: nobody; the nearest node's rule wins)",
  tags: ["messages"],
  params: z.object({ orgId: z.uuid(), profile: z.enum(RULE_PROFILES) }),
  body: z.object({ relations: z.array(z.enum(RELATIONS)).max(RELATIONS.length) }),
  response: z.object({ profile: z.enum(RULE_PROFILES), relations: z.array(z.enum(RELATIONS)) }),
});
