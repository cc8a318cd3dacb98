import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle } from "../../../web/ui.tsx";
import type { CoursePage as Page, OutlineItem } from "../shared/contract.ts";
import { CourseProgress, EnrolPanel, ItemStatus } from "../../enrolment/client/course-parts.tsx";
import { CopyOriginNotice } from "../../federation/client/copy-notice.tsx";
import { LibraryUpdateNotice } from "../../library/client/course-notice.tsx";
import { CourseSessionsPanel } from "../../sessions/client/course-panel.tsx";
import { CourseUnavailable, StoredHtml } from "./parts.tsx";
import { courseQuery } from "./queries.ts";

/** The course as its people see it: description, sections and items, my progress on each. */
export function CoursePage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery(courseQuery(id));
  if (q.isPending) return <Loading />;
  if (q.isError) return <CourseUnavailable error={q.error} />;
  const { course, sections, capabilities, progress, roles } = q.data;
  const seen = new Map(progress.map((p) => [p.itemId, p]));
  const total = sections.reduce((n, s) => n + s.items.filter((i) => i.completion !== "none").length, 0);
  const viewed = sections.reduce((n, s) => n + s.items.filter((i) => i.completion !== "none" && seen.get(i.id)?.viewedAt).length, 0);
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses">{t("ui.courses.title")}</Link>
      </nav>
      <PageTitle
        actions={
          (capabilities.edit || capabilities.teach || capabilities.learner) && (
            <>
              <Link className="btn btn-secondary" to="/courses/$id/forums" params={{ id }}>
                {t("ui.forums.title")}
              </Link>
              {(capabilities.teach || capabilities.learner) && (
                <Link className="btn btn-secondary" to="/courses/$id/groups" params={{ id }}>
                  {t("ui.groups.title")}
                </Link>
              )}
              {capabilities.teach ? (
                <Link className="btn btn-secondary" to="/courses/$id/gradebook" params={{ id }}>
                  {t("ui.gradebook.title")}
                </Link>
              ) : (
                capabilities.learner && (
                  <Link className="btn btn-secondary" to="/courses/$id/grades" params={{ id }}>
                    {t("ui.gradebook.mine.title")}
                  </Link>
                )
              )}
              {capabilities.edit && (
                <Link className="btn btn-secondary" to="/courses/$id/edit" params={{ id }}>
                  {t("ui.courses.edit")}
                </Link>
              )}
              {capabilities.edit && (
                <Link className="btn btn-secondary" to="/courses/$id/questions" params={{ id }}>
                  {t("ui.questions.courseLink")}
                </Link>
              )}
              {capabilities.edit && (
                <Link className="btn btn-secondary" to="/courses/$id/library" params={{ id }}>
                  {t("ui.library.courseLink")}
                </Link>
              )}
              {(roles.includes("manager") || (capabilities.edit && !roles.includes("teacher"))) && (
                <Link className="btn btn-secondary" to="/courses/$id/funder-report" params={{ id }}>
                  {t("ui.reporting.courseLink")}
                </Link>
              )}
            </>
          )
        }
      >
        {course.title}
      </PageTitle>
      <p className="muted">
        {course.orgName}
        {course.status !== "published" && <span className="badge badge-warn">{t(`ui.courses.statuses.${course.status}`)}</span>}
      </p>
      {capabilities.edit && <LibraryUpdateNotice courseId={id} />}
      {capabilities.edit && <CopyOriginNotice courseId={id} />}
      {course.summary && <p className="lead">{course.summary}</p>}
      {course.descriptionHtml && <StoredHtml html={course.descriptionHtml} />}
      <EnrolPanel courseId={id} />
      <CourseSessionsPanel courseId={id} />
      {capabilities.learner && <CourseProgress courseId={id} />}
      {sections.length === 0 ? (
        <EmptyState title={t("ui.courses.noSections")}>{capabilities.edit && <p>{t("ui.courses.noSectionsHelp")}</p>}</EmptyState>
      ) : (
        <ol className="course-sections">
          {sections.map((s) => (
            <li key={s.id} className="course-section">
              <h2>{s.title}</h2>
              {s.summary && <p className="muted">{s.summary}</p>}
              {s.items.length === 0 ? (
                <p className="muted">{t("ui.courses.emptySection")}</p>
              ) : (
                <ul className="course-items">
                  {s.items.map((i) => (
                    <ItemRow key={i.id} courseId={id} item={i} viewed={!!seen.get(i.id)?.viewedAt} learner={capabilities.learner} />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function ItemRow({ courseId, item, viewed, learner }: { courseId: string; item: OutlineItem; viewed: boolean; learner: boolean }) {
  const t = useT();
  return (
    <li className="course-item">
      <span className="course-item-title">
        {item.kind === "quiz" ? (
          <Link to="/courses/$id/quizzes/$itemId" params={{ id: courseId, itemId: item.id }}>
            {item.title}
          </Link>
        ) : item.kind === "assignment" ? (
          <Link to="/courses/$id/assignments/$itemId" params={{ id: courseId, itemId: item.id }}>
            {item.title}
          </Link>
        ) : (
          <Link to="/courses/$id/items/$itemId" params={{ id: courseId, itemId: item.id }}>
            {item.title}
          </Link>
        )}
      </span>
      <span className="badge badge-neutral course-item-kind">{t(`ui.courses.kinds.${item.kind}`)}</span>
      {learner && item.completion !== "none" && (
        <ItemStatus courseId={courseId} itemId={item.id} fallback={viewed ? `✓ ${t("ui.courses.viewed")}` : t("ui.courses.notViewed")} />
      )}
    </li>
  );
}

export function ProgressBar({ done, total }: { done: number; total: number }) {
  const t = useT();
  const pct = Math.round((done / Math.max(1, total)) * 100);
  return (
    <div className="progress">
      <div className="progress-head">
        <span id="course-progress">{t("ui.courses.progress")}</span>
        <span>{t("ui.courses.progressValue", { done, total })}</span>
      </div>
      <div className="progress-track" role="progressbar" aria-labelledby="course-progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

export type { Page };
