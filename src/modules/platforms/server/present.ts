import type { listTenants } from "./repo.ts";

type Row = Awaited<ReturnType<typeof listTenants>>[number];

export const presentPlatform = (r: Row) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  status: r.status,
  defaultLocale: r.default_locale,
  hostnames: r.hostnames,
  parentId: r.parent_id,
  primaryColor: r.primary_color,
  logoUrl: r.logo_url,
  users: Number(r.users),
  activePeople: Number(r.active_people),
  courses: Number(r.courses),
  storageBytes: Number(r.storage_bytes),
  createdAt: new Date(r.created_at).toISOString(),
});

type Platform = ReturnType<typeof presentPlatform>;

/** Each network (a head platform and the platforms under it) with its usage added up. */
export const networkTotals = (items: Platform[]) => {
  const by = new Map<string, { id: string; platforms: number; users: number; activePeople: number; courses: number; storageBytes: number }>();
  for (const p of items) {
    const id = p.parentId ?? p.id;
    const n = by.get(id) ?? { id, platforms: 0, users: 0, activePeople: 0, courses: 0, storageBytes: 0 };
    n.platforms += 1;
    n.users += p.users;
    n.activePeople += p.activePeople;
    n.courses += p.courses;
    n.storageBytes += p.storageBytes;
    by.set(id, n);
  }
  return [...by.values()];
};
