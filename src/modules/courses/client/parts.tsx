import { Link } from "@tanstack/react-router";
import { ApiError } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { RichTextView } from "../../../web/rich-text/index.ts";
import { PageTitle, QueryError } from "../../../web/ui.tsx";
import { Stars } from "../../reviews/client/reviews.tsx";
import type { CourseCard } from "../shared/contract.ts";
import "./courses.css";

/** A course in a list: title (link), organisation, language, format, tags, the person's roles. */
export function CourseCardView({ c, to = "course" }: { c: CourseCard; to?: "course" | "about" }) {
  const t = useT();
  const member = c.roles.length > 0;
  return (
    <li className="card course-card">
      <h3 className="course-card-title">
        {to === "about" && !member ? (
          <Link to="/courses/$id/about" params={{ id: c.id }}>
            {c.title}
          </Link>
        ) : (
          <Link to="/courses/$id" params={{ id: c.id }}>
            {c.title}
          </Link>
        )}
      </h3>
      <p className="muted small">
        {c.orgName} · {t(`ui.courses.languages.${c.language}`)} · {t(`ui.courses.formats.${c.format}`)}
      </p>
      {c.summary && <p className="course-card-summary">{c.summary}</p>}
      {c.rating && <Stars value={c.rating.average} count={c.rating.count} />}
      <div className="course-card-meta">
        {c.status !== "published" && <span className={`badge ${c.status === "draft" ? "badge-warn" : "badge-neutral"}`}>{t(`ui.courses.statuses.${c.status}`)}</span>}
        {c.isTemplate && <span className="badge badge-neutral">{t("ui.courses.template")}</span>}
        {c.roles.map((r) => (
          <span key={r} className="badge badge-ok">
            {t(`ui.courses.roles.${r}`)}
          </span>
        ))}
        {c.tags.length > 0 && (
          <ul className="tags" aria-label={t("ui.courses.tags")}>
            {c.tags.map((tag) => (
              <li key={tag} className="badge badge-neutral">
                #{tag}
              </li>
            ))}
          </ul>
        )}
      </div>
    </li>
  );
}

/** Server-rendered, sanitised rich text (the rich-text module's viewer). */
export function StoredHtml({ html, className }: { html: string; className?: string }) {
  return <RichTextView html={html} className={className} />;
}

/**
 * Why a course page cannot be shown, as a page of its own: a course that does not exist or is
 * not open to the person (404: the same words, so nothing leaks), or an editor page for someone
 * who may only follow the course (403).
 */
export function CourseUnavailable({ error, courseId }: { error: unknown; courseId?: string }) {
  const t = useT();
  if (error instanceof ApiError && error.status === 403 && courseId)
    return (
      <>
        <PageTitle>{t("ui.courses.cannotEditTitle")}</PageTitle>
        <p>{t("ui.courses.cannotEditBody")}</p>
        <p>
          <Link className="btn btn-primary" to="/courses/$id" params={{ id: courseId }}>
            {t("ui.courses.backToCourse")}
          </Link>
        </p>
      </>
    );
  if (error instanceof ApiError && error.status === 404)
    return (
      <>
        <PageTitle>{t("ui.courses.notFoundTitle")}</PageTitle>
        <p>{t("ui.courses.notFoundBody")}</p>
        <p className="quick-links">
          <Link className="btn btn-primary" to="/catalogue">
            {t("ui.courses.browseCatalogue")}
          </Link>
          <Link className="btn btn-secondary" to="/courses">
            {t("ui.courses.title")}
          </Link>
        </p>
      </>
    );
  return <QueryError error={error} />;
}

/** The error an editor page shows to someone who may see the course but not change it. */
export const cannotEdit = () => new ApiError(403, "forbidden", "");
