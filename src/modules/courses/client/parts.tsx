import { Link } from "@tanstack/react-router";
import { useT } from "../../../web/i18n.tsx";
import { RichTextView } from "../../../web/rich-text/index.ts";
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
