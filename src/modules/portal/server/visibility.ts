import type { Grant } from "../../../kernel/auth/actor.ts";
import type { Profile } from "../../../kernel/db/schema.ts";

export type Setting = { path: string; enabled: boolean; profiles: Profile[] };

/** The setting that applies at a node: the one on the deepest node at or above it. */
export function settingAt<S extends Setting>(settings: S[], path: string): S | undefined {
  let best: S | undefined;
  for (const s of settings) if (path.startsWith(s.path) && (!best || s.path.length > best.path.length)) best = s;
  return best;
}

/**
 * A service shows in a person's portal when, for one of their places (a role on a node), the
 * service is available there (its owner node is at or above it) and the setting that applies
 * there enables it for that role.
 */
export function visibleTo(grants: Grant[], ownerPath: string, settings: Setting[]): boolean {
  return grants.some((g) => {
    if (!g.path.startsWith(ownerPath)) return false;
    const s = settingAt(settings, g.path);
    return !!s && s.enabled && s.profiles.includes(g.role);
  });
}
