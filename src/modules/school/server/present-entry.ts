import type { UserActor } from "../../../kernel/auth/actor.ts";
import type { DiaryEntry } from "../shared/contract.ts";
import { managesPath } from "./access.ts";
import type { EntryRow } from "./diary-repo.ts";
import { presentSubject } from "./present.ts";

export const presentEntry = (actor: UserActor, e: EntryRow): DiaryEntry => ({
  id: e.id,
  classId: e.class_id,
  className: e.class_name,
  subject: presentSubject({ id: e.subject_id, code: e.code, name: e.subject_name, color: e.color, archived_at: e.subject_archived }),
  author: { id: e.author_id, name: `${e.author_given} ${e.author_family}` },
  kind: e.kind,
  day: e.day,
  dueDate: e.due_date,
  title: e.title,
  content: e.content,
  contentHtml: e.content_html,
  fileIds: e.file_ids,
  files: e.files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size) })),
  workloadMinutes: e.workload_minutes,
  courseItemId: e.course_item_id,
  quizId: e.quiz_id,
  link: e.link_course_id ? { courseId: e.link_course_id, itemId: (e.quiz_id ?? e.course_item_id)!, title: e.link_title!, kind: e.link_kind! } : null,
  canEdit: e.author_id === actor.userId || managesPath(actor, e.class_path),
});
