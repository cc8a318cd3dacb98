import type { listTenants } from "./repo.ts";

type Row = Awaited<ReturnType<typeof listTenants>>[number];

export const presentPlatform = (r: Row) => ({
  id: r.id,
  slug: r.slug,
  name: r.name,
  status: r.status,
  defaultLocale: r.default_locale,
  hostnames: r.hostnames,
  primaryColor: r.primary_color,
  users: Number(r.users),
  activePeople: Number(r.active_people),
  courses: Number(r.courses),
  storageBytes: Number(r.storage_bytes),
  createdAt: new Date(r.created_at).toISOString(),
});
