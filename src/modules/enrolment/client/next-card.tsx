import "./enrolment.css";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useT } from "../../../web/i18n.tsx";
import { nextQuery } from "./queries.ts";

/** "What's next" on the home page: for each course I follow, the next thing to open. */
export function WhatsNextCard() {
  const t = useT();
  const q = useQuery(nextQuery);
  if (!q.data || q.data.length === 0) return null;
  return (
    <section aria-labelledby="home-next" className="section">
      <h2 id="home-next">{t("ui.enrolment.next.title")}</h2>
      <ul className="cards">
        {q.data.slice(0, 4).map((n) => (
          <li key={n.courseId} className="card next-card">
            <p className="muted small">{n.courseTitle}</p>
            {n.item ? (
              <p>
                <Link to="/courses/$id/items/$itemId" params={{ id: n.courseId, itemId: n.item.id }} className="next-link">
                  {n.item.title}
                </Link>
              </p>
            ) : (
              <p>
                <Link to="/courses/$id" params={{ id: n.courseId }}>
                  {t("ui.enrolment.next.allDone")}
                </Link>
              </p>
            )}
            <div
              className="progress-track"
              role="progressbar"
              aria-label={t("ui.enrolment.next.progressOf", { course: n.courseTitle })}
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={n.percent}
            >
              <div className="progress-fill" style={{ width: `${n.percent}%` }} />
            </div>
            <p className="muted small">{t("ui.enrolment.progress.percentValue", { percent: n.percent })}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
