import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useT } from "../../../web/i18n.tsx";
import { Loading, PageTitle } from "../../../web/ui.tsx";
import type { CourseSession } from "../../sessions/shared/contract.ts";
import { UpcomingSessions } from "../../sessions/client/course-panel.tsx";
import { CourseReviews } from "../../reviews/client/reviews.tsx";
import { CourseUnavailable, StoredHtml } from "./parts.tsx";
import { aboutQuery } from "./queries.ts";

/** A course's catalogue page: what it is about, who teaches it, its sessions. */
export function CourseAboutPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery(aboutQuery(id));
  if (q.isPending) return <Loading />;
  if (q.isError) return <CourseUnavailable error={q.error} />;
  const { course, teachers, sessions, sectionCount, itemCount } = q.data;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/catalogue">{t("ui.catalogue.title")}</Link>
      </nav>
      <PageTitle
        actions={
          // members go in; others see the course page, where they may enrol
          <Link className="btn btn-primary" to="/courses/$id" params={{ id }}>
            {t("ui.catalogue.open")}
          </Link>
        }
      >
        {course.title}
      </PageTitle>
      <p className="muted">
        {course.orgName} · {t(`ui.courses.languages.${course.language}`)} · {t(`ui.courses.formats.${course.format}`)} ·{" "}
        {t("ui.catalogue.size", { sections: sectionCount, items: itemCount })}
      </p>
      {course.summary && <p className="lead">{course.summary}</p>}
      {course.descriptionHtml ? <StoredHtml html={course.descriptionHtml} /> : null}
      <section className="section" aria-labelledby="about-teachers">
        <h2 id="about-teachers">{t("ui.catalogue.teachers")}</h2>
        {teachers.length === 0 ? (
          <p className="muted">{t("ui.catalogue.noTeachers")}</p>
        ) : (
          <ul className="team-list">
            {teachers.map((p) => (
              <li key={p.id}>
                {p.givenName} {p.familyName} <span className="muted">· {t(`ui.courses.roles.${p.role}`)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="about-sessions">
        <h2 id="about-sessions">{t("ui.catalogue.sessions")}</h2>
        {sessions.length === 0 && <p className="muted">{t("ui.catalogue.noSessions")}</p>}
        {sessions.length > 0 && <UpcomingSessions courseId={id} items={sessions as CourseSession[]} canRegister={false} />}
      </section>
      <CourseReviews courseId={id} />
      {course.tags.length > 0 && (
        <ul className="tags" aria-label={t("ui.courses.tags")}>
          {course.tags.map((tag) => (
            <li key={tag} className="badge badge-neutral">
              #{tag}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
