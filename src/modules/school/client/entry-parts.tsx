import { Link } from "@tanstack/react-router";
import { url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useFormatSize } from "../../files/client/index.ts";
import type { DiaryEntry } from "../shared/contract.ts";

/** Where an entry's link opens: a quiz, an assignment, or any other course item. */
export function EntryLink({ link }: { link: NonNullable<DiaryEntry["link"]> }) {
  const t = useT();
  const label = t(link.kind === "quiz" ? "ui.school.diary.openQuiz" : "ui.school.diary.openItem", { title: link.title });
  if (link.kind === "quiz")
    return (
      <Link to="/courses/$id/quizzes/$itemId" params={{ id: link.courseId, itemId: link.itemId }} className="diary-link">
        {label}
      </Link>
    );
  if (link.kind === "assignment")
    return (
      <Link to="/courses/$id/assignments/$itemId" params={{ id: link.courseId, itemId: link.itemId }} className="diary-link">
        {label}
      </Link>
    );
  return (
    <Link to="/courses/$id/items/$itemId" params={{ id: link.courseId, itemId: link.itemId }} className="diary-link">
      {label}
    </Link>
  );
}

/** An entry's attachments, each a download link with its size. */
export function EntryFiles({ files }: { files: DiaryEntry["files"] }) {
  const t = useT();
  const size = useFormatSize();
  if (files.length === 0) return null;
  return (
    <ul className="diary-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={url(`/api/v1/files/${f.id}`)} download={f.name}>
            {t("ui.files.download", { name: f.name, size: size(f.size) })}
          </a>
        </li>
      ))}
    </ul>
  );
}
