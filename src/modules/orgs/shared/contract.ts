import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

export const ORG_KINDS = ["platform", "region", "department", "site", "school", "class", "group", "other"] as const;
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/).transform((s) => s.toLowerCase());
export const logo = z.union([z.url({ protocol: /^https?$/ }), z.string().regex(/^data:image\/(png|jpeg|svg\+xml|webp);base64,[A-Za-z0-9+/=]+$/).max(200_000)]);

export const Branding = z.object({
  name: z.string(),
  platformName: z.string(),
  primaryColor: z.string(),
  logoUrl: z.string().nullable(),
});
export type Branding = z.infer<typeof Branding>;

export const OrgNode = z.object({
  id: z.uuid(),
  parentId: z.uuid().nullable(),
  name: z.string(),
  kind: z.enum(ORG_KINDS),
  code: z.string().nullable(),
  depth: z.number().int(),
  primaryColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  archived: z.boolean(),
  canManage: z.boolean(),
});
export type OrgNode = z.infer<typeof OrgNode>;

const id = z.object({ id: z.uuid() });

export const listOrgs = defineContract({
  method: "GET",
  path: "/api/v1/orgs",
  summary: "Organisation nodes the person administers or belongs to, as a flat list in tree order",
  tags: ["organisations"],
  query: z.object({ archived: z.enum(["true", "false"]).default("false") }),
  response: z.object({ items: z.array(OrgNode) }),
});

export const getOrg = defineContract({
  method: "GET",
  path: "/api/v1/orgs/:id",
  summary: "One organisation node (one the person administers or belongs to, or an ancestor of those)",
  tags: ["organisations"],
  params: id,
  response: OrgNode,
});

export const createOrg = defineContract({
  method: "POST",
  path: "/api/v1/orgs",
  summary: "Create an organisation node under a parent",
  tags: ["organisations"],
  body: z.object({
    parentId: z.uuid(),
    name: z.string().trim().min(1).max(200),
    kind: z.enum(ORG_KINDS).exclude(["platform"]),
    code: z.string().trim().min(1).max(60).nullish(),
    primaryColor: color.nullish(),
    logoUrl: logo.nullish(),
  }),
  response: OrgNode,
});

export const updateOrg = defineContract({
  method: "PATCH",
  path: "/api/v1/orgs/:id",
  summary: "Rename an organisation node, change its kind, code or branding (null inherits)",
  tags: ["organisations"],
  params: id,
  body: z.object({
    name: z.string().trim().min(1).max(200).optional(),
    kind: z.enum(ORG_KINDS).exclude(["platform"]).optional(),
    code: z.string().trim().min(1).max(60).nullable().optional(),
    primaryColor: color.nullable().optional(),
    logoUrl: logo.nullable().optional(),
    archived: z.boolean().optional(),
  }),
  response: OrgNode,
});

export const moveOrg = defineContract({
  method: "POST",
  path: "/api/v1/orgs/:id/move",
  summary: "Move an organisation node (and its subtree) under another parent",
  tags: ["organisations"],
  params: id,
  body: z.object({ parentId: z.uuid() }),
  response: OrgNode,
});

export const getBranding = defineContract({
  method: "GET",
  path: "/api/v1/orgs/:id/branding",
  summary: "Effective branding of a node (inherited from its ancestors)",
  tags: ["organisations"],
  params: id,
  response: Branding,
});
