import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { LOCALE_CODES, USERNAME } from "../../accounts/shared/contract.ts";
import { Branding, logo as LOGO } from "../../orgs/shared/contract.ts";

const slug = z.string().trim().toLowerCase().regex(/^[a-z0-9][a-z0-9-]{1,39}$/);
const hostname = z.string().trim().toLowerCase().regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/).transform((s) => s.toLowerCase());

export const FirstAdmin = z.object({
  username: z.string().trim().toLowerCase().regex(USERNAME),
  email: z.email(),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  password: z.string().min(10).max(200),
});

export const PlatformInfo = z.object({
  setupRequired: z.boolean(),
  basePath: z.string(),
  csrfToken: z.string(),
  locale: z.enum(LOCALE_CODES),
  platform: z
    .object({ id: z.uuid(), slug: z.string(), rootOrgId: z.uuid(), defaultLocale: z.string(), branding: Branding })
    .nullable(),
});
export type PlatformInfo = z.infer<typeof PlatformInfo>;

export const getPlatformInfo = defineContract({
  method: "GET",
  path: "/api/v1/platform",
  summary: "The platform at this address (branding for the sign-in page), whether first-run setup is needed, and a CSRF token",
  tags: ["platforms"],
  auth: false,
  response: PlatformInfo,
});

export const setup = defineContract({
  method: "POST",
  path: "/api/v1/setup",
  summary: "First run: create the first platform and the deployment admin (needs the setup code printed by the server)",
  tags: ["platforms"],
  auth: false,
  body: z.object({
    setupCode: z.string().trim().min(1).max(40),
    platformName: z.string().trim().min(1).max(200),
    slug,
    defaultLocale: z.enum(LOCALE_CODES),
    admin: FirstAdmin,
  }),
  response: z.object({ slug: z.string() }),
});

export const PlatformRow = z.object({
  id: z.uuid(),
  slug: z.string(),
  name: z.string(),
  status: z.enum(["active", "suspended"]),
  defaultLocale: z.string(),
  hostnames: z.array(z.string()),
  /** the platform this one sits under in its network (null: it heads a network, maybe of one) */
  parentId: z.uuid().nullable(),
  primaryColor: z.string().nullable(),
  logoUrl: z.string().nullable(),
  users: z.number().int(),
  /** people who used the platform in the last 30 days (a session seen) */
  activePeople: z.number().int(),
  /** courses that are neither archived nor templates */
  courses: z.number().int(),
  /** bytes of stored files */
  storageBytes: z.number().int(),
  createdAt: z.string(),
});

/** A network: a platform with no parent and the platforms under it, with their usage added up. */
export const NetworkTotals = z.object({
  /** the platform heading the network */
  id: z.uuid(),
  platforms: z.number().int(),
  users: z.number().int(),
  activePeople: z.number().int(),
  courses: z.number().int(),
  storageBytes: z.number().int(),
});

export const listPlatforms = defineContract({
  method: "GET",
  path: "/api/v1/platforms",
  summary: "Every platform of the deployment, each network's head followed by its platforms, and each network's totals (deployment admin)",
  tags: ["platforms"],
  response: z.object({ items: z.array(PlatformRow), networks: z.array(NetworkTotals) }),
});

export const createPlatform = defineContract({
  method: "POST",
  path: "/api/v1/platforms",
  summary: "Create a platform with its hostnames and its first admin (deployment admin)",
  tags: ["platforms"],
  body: z.object({
    name: z.string().trim().min(1).max(200),
    slug,
    hostnames: z.array(hostname).max(20).default([]),
    defaultLocale: z.enum(LOCALE_CODES),
    /** the network's head platform this one sits under; none: it heads its own network */
    parentId: z.uuid().nullish(),
    primaryColor: color.nullish(),
    logoUrl: LOGO.nullish(),
    admin: FirstAdmin,
  }),
  response: PlatformRow,
});

export const updatePlatform = defineContract({
  method: "PATCH",
  path: "/api/v1/platforms/:id",
  summary: "Change a platform's hostnames, default language, network (parent platform) or status (deployment admin)",
  tags: ["platforms"],
  params: z.object({ id: z.uuid() }),
  body: z.object({
    hostnames: z.array(hostname).max(20).optional(),
    defaultLocale: z.enum(LOCALE_CODES).optional(),
    parentId: z.uuid().nullable().optional(),
    status: z.enum(["active", "suspended"]).optional(),
  }),
  response: PlatformRow,
});

export const listOutbox = defineContract({
  method: "GET",
  path: "/api/v1/outbox",
  summary: "Mails of every platform, newest first: kept when no SMTP server is set, sent or failed otherwise (deployment admin)",
  tags: ["platforms"],
  query: z.object({ page: z.coerce.number().int().min(1).max(100000).default(1), to: z.string().trim().max(254).optional() }),
  response: z.object({
    items: z.array(
      z.object({
        id: z.uuid(),
        platform: z.string(),
        to: z.string(),
        subject: z.string(),
        text: z.string(),
        html: z.string(),
        status: z.enum(["kept", "sent", "failed"]),
        error: z.string().nullable(),
        createdAt: z.string(),
      }),
    ),
    total: z.number().int(),
  }),
});
