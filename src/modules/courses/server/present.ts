import type { CourseRole } from "../../../kernel/db/schema.ts";
import type { CourseCard, CourseSettings, Item, OutlineItem } from "../shared/contract.ts";
import type { CourseAccess, CourseRow } from "./access.ts";

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);

type CourseLike = Omit<CourseRow, "org_path" | "org_name" | "search"> & { org_name: string };

export const presentSettings = (c: CourseLike): CourseSettings => ({
  id: c.id,
  orgId: c.org_id,
  orgName: c.org_name,
  title: c.title,
  summary: c.summary,
  descriptionDoc: c.description_doc ?? null,
  descriptionHtml: c.description_html,
  language: c.language,
  tags: c.tags,
  format: c.format,
  status: c.status,
  isTemplate: c.is_template,
  visibleFrom: iso(c.visible_from),
  visibleUntil: iso(c.visible_until),
  updatedAt: new Date(c.updated_at).toISOString(),
});

export const capabilities = (a: CourseAccess) => ({ view: a.canView, edit: a.canEdit, teach: a.canTeach, learner: a.isLearner, team: a.canEdit && !a.partnerTrainer });

type CardRow = {
  id: string;
  title: string;
  summary: string;
  language: string;
  tags: string[];
  format: CourseCard["format"];
  status: CourseCard["status"];
  is_template: boolean;
  org_id: string;
  org_name: string;
  roles: CourseRole[] | null;
  rating_count?: number | null;
  rating_total?: number | null;
};
export const presentCard = (r: CardRow): CourseCard => ({
  id: r.id,
  title: r.title,
  summary: r.summary,
  language: r.language,
  tags: r.tags,
  format: r.format,
  status: r.status,
  isTemplate: r.is_template,
  orgId: r.org_id,
  orgName: r.org_name,
  roles: (r.roles ?? []).filter((x): x is CourseRole => x !== null),
  ...(r.rating_count !== undefined && { rating: r.rating_count ? { average: Math.round(((r.rating_total ?? 0) / r.rating_count) * 10) / 10, count: r.rating_count } : null }),
});

type ItemLike = {
  id: string;
  section_id: string;
  position: number;
  kind: Item["kind"];
  title: string;
  url: string | null;
  file_id: string | null;
  captions_file_id: string | null;
  completion: Item["completion"];
  condition: unknown;
};
export const presentItem = (i: ItemLike): Item => ({
  id: i.id,
  sectionId: i.section_id,
  position: i.position,
  kind: i.kind,
  title: i.title,
  url: i.url,
  fileId: i.file_id,
  captionsFileId: i.captions_file_id,
  completion: i.completion,
  condition: i.condition ?? null,
});

/** An item in the course outline: empty fields left out (contract's OutlineItem). */
export function presentOutlineItem(i: ItemLike): OutlineItem {
  const o: OutlineItem = { id: i.id, kind: i.kind, title: i.title, completion: i.completion };
  if (i.url !== null) o.url = i.url;
  if (i.file_id !== null) o.fileId = i.file_id;
  if (i.captions_file_id !== null) o.captionsFileId = i.captions_file_id;
  if (i.condition !== null && i.condition !== undefined) o.condition = i.condition;
  return o;
}

/** An item with its page's HTML, for the item page and the editor's save answers. */
export const presentItemWithBody = (i: ItemLike & { body_html: string }) => ({ ...presentItem(i), bodyHtml: i.kind === "page" ? i.body_html : "" });

export const presentProgress = (p: { id: string; viewed_at: Date | string | null; done_at: Date | string | null; position_seconds: number | null }) => ({
  itemId: p.id,
  viewedAt: iso(p.viewed_at),
  doneAt: iso(p.done_at),
  positionSeconds: p.position_seconds,
});

export const presentMember = (m: { id: string; user_id: string; given_name: string; family_name: string; username: string; role: CourseRole; status: "active" | "pending" | "unenrolled"; source: string }) => ({
  id: m.id,
  userId: m.user_id,
  givenName: m.given_name,
  familyName: m.family_name,
  username: m.username,
  role: m.role,
  status: m.status,
  source: m.source,
});
