import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { type CourseSession, listSessions } from "../shared/contract.ts";
import { MyState, RegisterButton, SessionLink, sessionsKey, useWhen } from "./parts.tsx";

/** Upcoming sessions as a short list (course page, catalogue page), with a link to all of them. */
export function UpcomingSessions({ courseId, items, canRegister }: { courseId: string; items: CourseSession[]; canRegister: boolean }) {
  const t = useT();
  const when = useWhen();
  return (
    <ul className="list upcoming-sessions">
      {items.map((s) => (
        <li key={s.id} className="list-item">
          <span>
            <strong>
              <SessionLink courseId={courseId} s={s} />
            </strong>
            <br />
            <span className="small">
              {when(s)} · {s.kind === "online" ? t("ui.sessions.kind.online") : s.place}
            </span>
          </span>
          <span className="row-buttons">
            <MyState s={s} />
            {canRegister && <RegisterButton s={s} />}
          </span>
        </li>
      ))}
    </ul>
  );
}

/** The "Sessions" part of a course page: the next three sessions, or for editors a way to add one. */
export function CourseSessionsPanel({ courseId }: { courseId: string }) {
  const t = useT();
  const q = useQuery({ queryKey: sessionsKey(courseId), queryFn: () => api(listSessions, { params: { courseId } }) });
  if (!q.data) return null;
  const upcoming = q.data.items.filter((s) => new Date(s.endsAt).getTime() >= Date.now());
  if (q.data.items.length === 0 && !q.data.canEdit) return null;
  return (
    <section className="section card" aria-labelledby="course-sessions">
      <div className="section-head">
        <h2 id="course-sessions">{t("ui.sessions.title")}</h2>
        <Link to="/courses/$id/sessions" params={{ id: courseId }}>
          {q.data.items.length === 0 ? t("ui.sessions.schedule") : t("ui.sessions.all", { n: q.data.items.length })}
        </Link>
      </div>
      {upcoming.length === 0 ? (
        <p className="muted">{t("ui.sessions.noneUpcoming")}</p>
      ) : (
        <UpcomingSessions courseId={courseId} items={upcoming.slice(0, 3)} canRegister={q.data.canRegister} />
      )}
    </section>
  );
}
