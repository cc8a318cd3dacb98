import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { PROFILES } from "../../accounts/shared/contract.ts";

/**
 * Services portal: the network catalogue (deployment operator), each platform's and each
 * organisation node's choice of services (enabled or hidden below the node, for some profiles),
 * their own additions, the portal page of a person and usage figures. A launch is not a JSON
 * call: GET /api/v1/portal/launch/:id counts it and redirects to the service.
 */
export const SIGN_ON = ["oidc", "cas", "none"] as const;
const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);
const iconUrl = z.union([httpUrl, z.null()]).optional();

export const ServiceFields = z.object({
  name: z.string().trim().min(1).max(120),
  description: z.string().trim().max(500).default(""),
  iconUrl,
  url: httpUrl,
  signOn: z.enum(SIGN_ON),
});
export type ServiceFields = z.infer<typeof ServiceFields>;

export const CatalogEntry = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  iconUrl: z.string().nullable(),
  url: z.string(),
  signOn: z.enum(SIGN_ON),
  archived: z.boolean(),
  /** platforms that enabled it somewhere */
  platforms: z.number().int(),
});
export type CatalogEntry = z.infer<typeof CatalogEntry>;

export const listCatalog = defineContract({
  method: "GET",
  path: "/api/v1/portal/catalog",
  summary: "The network catalogue of services (deployment operator)",
  tags: ["portal"],
  response: z.object({ items: z.array(CatalogEntry) }),
});

export const createCatalogEntry = defineContract({
  method: "POST",
  path: "/api/v1/portal/catalog",
  summary: "Adds a service to the network catalogue (deployment operator)",
  tags: ["portal"],
  body: ServiceFields,
  response: CatalogEntry,
});

export const updateCatalogEntry = defineContract({
  method: "PATCH",
  path: "/api/v1/portal/catalog/:id",
  summary: "Changes or archives a catalogue entry; platforms that use it follow",
  tags: ["portal"],
  params: z.object({ id: z.uuid() }),
  body: ServiceFields.partial().extend({ archived: z.boolean().optional() }),
  response: CatalogEntry,
});

/** How a service stands at one node: set there, inherited from a node above, or off (never enabled above). */
export const NodeService = z.object({
  /** null for a catalogue entry this platform has not used yet */
  serviceId: z.uuid().nullable(),
  catalogId: z.uuid().nullable(),
  name: z.string(),
  description: z.string(),
  iconUrl: z.string().nullable(),
  url: z.string(),
  signOn: z.enum(SIGN_ON),
  /** added by this node (editable here) */
  own: z.boolean(),
  ownerName: z.string().nullable(),
  state: z.enum(["enabled", "hidden", "off"]),
  profiles: z.array(z.enum(PROFILES)),
  /** the node whose setting applies here; null when off */
  setAt: z.object({ id: z.uuid(), name: z.string(), here: z.boolean() }).nullable(),
});
export type NodeService = z.infer<typeof NodeService>;

export const listNodeServices = defineContract({
  method: "GET",
  path: "/api/v1/portal/orgs/:orgId/services",
  summary: "Services available at an organisation node and how each stands there (its admins)",
  tags: ["portal"],
  params: z.object({ orgId: z.uuid() }),
  response: z.object({ org: z.object({ id: z.uuid(), name: z.string(), isRoot: z.boolean() }), items: z.array(NodeService) }),
});

export const addNodeService = defineContract({
  method: "POST",
  path: "/api/v1/portal/orgs/:orgId/services",
  summary: "Adds a service of the node's own, enabled below it for the given profiles",
  tags: ["portal"],
  params: z.object({ orgId: z.uuid() }),
  body: ServiceFields.extend({ profiles: z.array(z.enum(PROFILES)).min(1) }),
  response: NodeService,
});

export const updateNodeService = defineContract({
  method: "PATCH",
  path: "/api/v1/portal/services/:id",
  summary: "Changes or archives a service a node added",
  tags: ["portal"],
  params: z.object({ id: z.uuid() }),
  body: ServiceFields.partial().extend({ archived: z.boolean().optional() }),
  response: z.object({ ok: z.literal(true) }),
});

export const setNodeService = defineContract({
  method: "PUT",
  path: "/api/v1/portal/orgs/:orgId/settings",
  summary: "Enables or hides a service below a node, for some profiles, or goes back to what the node above decides",
  tags: ["portal"],
  params: z.object({ orgId: z.uuid() }),
  body: z
    .object({
      serviceId: z.uuid().optional(),
      catalogId: z.uuid().optional(),
      state: z.enum(["enabled", "hidden", "inherit"]),
      profiles: z.array(z.enum(PROFILES)).default([]),
    })
    .refine((b) => !!b.serviceId !== !!b.catalogId, { path: ["serviceId"] }),
  response: NodeService,
});

export const PortalService = z.object({
  id: z.uuid(),
  name: z.string(),
  description: z.string(),
  iconUrl: z.string().nullable(),
  signOn: z.enum(SIGN_ON),
  /** where the portal's link goes: the counting launch route */
  launchPath: z.string(),
});
export type PortalService = z.infer<typeof PortalService>;

export const myPortal = defineContract({
  method: "GET",
  path: "/api/v1/portal",
  summary: "The services I may launch, as my organisation nodes and profiles decide",
  tags: ["portal"],
  response: z.object({ items: z.array(PortalService) }),
});

export const portalUsage = defineContract({
  method: "GET",
  path: "/api/v1/portal/usage",
  summary: "Launches and distinct people per service and day on this platform (its admins)",
  tags: ["portal"],
  query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
  response: z.object({
    from: z.string(),
    services: z.array(z.object({ id: z.uuid(), name: z.string(), launches: z.number().int(), people: z.number().int() })),
    days: z.array(z.object({ day: z.string(), serviceId: z.uuid(), launches: z.number().int(), people: z.number().int() })),
  }),
});

export const networkUsage = defineContract({
  method: "GET",
  path: "/api/v1/portal/catalog/usage",
  summary: "Launches of catalogue services per platform over the last days (deployment operator; counts only)",
  tags: ["portal"],
  query: z.object({ days: z.coerce.number().int().min(1).max(366).default(30) }),
  response: z.object({
    items: z.array(z.object({ catalogId: z.uuid(), platform: z.string(), launches: z.number().int() })),
  }),
});
