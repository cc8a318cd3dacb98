import type { ClassSummary, Subject, Teaching } from "../shared/contract.ts";
import type { ClassRow, TeachingRow } from "./repo.ts";

export const presentSubject = (s: { id: string; code: string; name: string; color: string; archived_at: Date | string | null }): Subject => ({
  id: s.id,
  code: s.code,
  name: s.name,
  color: s.color,
  archived: s.archived_at !== null,
});

export const presentTeaching = (t: TeachingRow): Teaching => ({
  id: t.id,
  subject: presentSubject({ id: t.subject_id, code: t.code, name: t.subject_name, color: t.color, archived_at: t.subject_archived }),
  teacher: { id: t.teacher_id, name: `${t.given_name} ${t.family_name}` },
});

export const presentClass = (c: ClassRow, teachings: TeachingRow[], canManage: boolean): ClassSummary => ({
  id: c.id,
  name: c.name,
  code: c.code,
  parentName: c.parent_name,
  pupils: c.pupils,
  teachings: teachings.filter((t) => t.class_id === c.id).map(presentTeaching),
  canManage,
});
