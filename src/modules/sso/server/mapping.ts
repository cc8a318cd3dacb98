import type { Profile } from "../../../kernel/db/schema.ts";
import { type Mapping, SSO_PROFILES } from "../shared/contract.ts";
import { SsoFailure } from "./failure.ts";
import type { Attributes } from "./protocols/attributes.ts";

export type MappedPerson = { subject: string; email: string | null; givenName: string | null; familyName: string | null; profile: Profile; classes: string[] };

/** Every value of an attribute, as trimmed non-empty strings (providers send one value or a list). */
function values(attrs: Attributes, name: string): string[] {
  if (!name) return [];
  const v = attrs[name];
  const list = Array.isArray(v) ? v : v === undefined || v === null ? [] : [v];
  return list.map((x) => (typeof x === "string" || typeof x === "number" ? String(x).trim() : "")).filter(Boolean);
}

const first = (attrs: Attributes, name: string) => values(attrs, name)[0] ?? null;

/**
 * Applies a provider's mapping. The external id is required; the profile comes from the mapped
 * values (or an attribute already naming a profile), else the provider's default; never admin.
 */
export function mapPerson(mapping: Mapping, defaultProfile: Profile, attrs: Attributes): MappedPerson {
  const subject = first(attrs, mapping.externalId);
  if (!subject) throw new SsoFailure("mapping_missing", `attribute "${mapping.externalId}" (external id) is missing`);
  const profiles = values(attrs, mapping.profile)
    .map((v): Profile | null => mapping.profileValues[v] ?? ((SSO_PROFILES as readonly string[]).includes(v) ? (v as Profile) : null))
    .filter((p) => p !== null);
  // a class attribute may be multi-valued or one comma/semicolon separated list
  const classes = values(attrs, mapping.classes).flatMap((c) =>
    c
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean),
  );
  return {
    subject,
    email: first(attrs, mapping.email),
    givenName: first(attrs, mapping.givenName),
    familyName: first(attrs, mapping.familyName),
    profile: profiles[0] ?? defaultProfile,
    classes: [...new Set(classes)].slice(0, 50),
  };
}
