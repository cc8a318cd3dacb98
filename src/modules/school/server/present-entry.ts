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
  workloadMinutes: e.workload_minutes,
  courseItemId: e.course_item_id,
  quizId: e.quiz_id,
  canEdit: e.author_id === actor.userId || managesPath(actor, e.class_path),
});
