import { useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useEffect } from "react";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, PageTitle } from "../../../web/ui.tsx";
import { getItem } from "../shared/contract.ts";
import { MarkDone } from "../../enrolment/client/course-parts.tsx";
import { FileDownload, VideoPlayer } from "../../files/client/index.ts";
import { CourseUnavailable, StoredHtml } from "./parts.tsx";
import { courseQuery } from "./queries.ts";

/** One item of a course: a page's content, a link to open. Opening it counts as viewed. */
export function ItemPage() {
  const t = useT();
  const qc = useQueryClient();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const q = useQuery({ queryKey: ["course", id, "item", itemId], queryFn: () => api(getItem, { params: { id, itemId } }), staleTime: 0 });
  const course = useQuery(courseQuery(id));
  // the course page shows the new progress when going back
  useEffect(() => {
    if (q.data?.progress) qc.invalidateQueries({ queryKey: ["course", id], exact: true });
  }, [q.data, qc, id]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <CourseUnavailable error={q.error} />;
  const item = q.data;
  const all = course.data?.sections.flatMap((s) => s.items) ?? [];
  const at = all.findIndex((i) => i.id === itemId);
  const prev = at > 0 ? all[at - 1] : undefined;
  const next = at >= 0 && at < all.length - 1 ? all[at + 1] : undefined;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id" params={{ id }}>
          {course.data?.course.title ?? t("ui.courses.backToCourse")}
        </Link>
      </nav>
      <PageTitle
        actions={
          course.data?.capabilities.edit && (
            <Link className="btn btn-secondary" to="/courses/$id/items/$itemId/edit" params={{ id, itemId }}>
              {t("ui.courses.edit")}
            </Link>
          )
        }
      >
        {item.title}
      </PageTitle>
      {item.kind === "page" && <StoredHtml html={item.bodyHtml} />}
      {item.kind === "quiz" && (
        <p>
          <Link className="btn btn-primary" to="/courses/$id/quizzes/$itemId" params={{ id, itemId }}>
            {t("ui.quizzes.open")}
          </Link>
        </p>
      )}
      {item.kind === "assignment" && (
        <p>
          <Link className="btn btn-primary" to="/courses/$id/assignments/$itemId" params={{ id, itemId }}>
            {t("ui.assignments.open")}
          </Link>
        </p>
      )}
      {item.kind === "link" && item.url && (
        <p>
          <a href={item.url} target="_blank" rel="noopener noreferrer" className="btn btn-primary">
            {t("ui.courses.openLink")} <span className="visually-hidden">{t("ui.courses.newTab")}</span>
            <span aria-hidden="true"> ↗</span>
          </a>
          <span className="muted small"> {new URL(item.url).host}</span>
        </p>
      )}
      {item.kind === "video" && item.fileId && (
        <VideoPlayer
          fileId={item.fileId}
          captionsFileId={item.captionsFileId}
          captionsLang={course.data?.course.language}
          title={item.title}
          courseId={id}
          itemId={itemId}
          startAt={item.progress?.positionSeconds ?? null}
          savePosition={!!course.data?.capabilities.learner}
        />
      )}
      {item.kind === "file" && item.fileId && <FileDownload fileId={item.fileId} />}
      <MarkDone courseId={id} itemId={itemId} />
      <nav className="pager" aria-label={t("ui.courses.itemNav")}>
        {prev ? (
          <Link className="btn btn-secondary" to="/courses/$id/items/$itemId" params={{ id, itemId: prev.id }}>
            ← {prev.title}
          </Link>
        ) : (
          <span />
        )}
        {next && (
          <Link className="btn btn-secondary" to="/courses/$id/items/$itemId" params={{ id, itemId: next.id }}>
            {next.title} →
          </Link>
        )}
      </nav>
    </>
  );
}
