import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, ModalButton, PageTitle, QueryError } from "../../../web/ui.tsx";
import { type CourseSession, listSessions } from "../shared/contract.ts";
import { MyState, RegisterButton, Seats, SessionForm, SessionLink, sessionsKey, useWhen } from "./parts.tsx";

/** The sessions of a course: learners register here, editors add sessions, teachers open one to manage it. */
export function SessionsPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: sessionsKey(id), queryFn: () => api(listSessions, { params: { courseId: id } }) });
  const [open, setOpen] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const now = Date.now();
  const upcoming = d.items.filter((s) => new Date(s.endsAt).getTime() >= now);
  const past = d.items.filter((s) => new Date(s.endsAt).getTime() < now);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {d.course.title}
        </Link>
      </p>
      <PageTitle
        actions={
          d.canEdit && (
            <ModalButton label={t("ui.sessions.new")} title={t("ui.sessions.new")} isOpen={open} onOpenChange={setOpen}>
              {() => <SessionForm courseId={id} onDone={() => setOpen(false)} />}
            </ModalButton>
          )
        }
      >
        {t("ui.sessions.title")}
      </PageTitle>
      {d.items.length === 0 ? (
        <EmptyState title={t("ui.sessions.empty")}>
          <p>{d.canEdit ? t("ui.sessions.emptyEditor") : t("ui.sessions.emptyLearner")}</p>
        </EmptyState>
      ) : (
        <>
          <SessionList courseId={id} items={upcoming} canTeach={d.canTeach} canRegister={d.canRegister} label={t("ui.sessions.upcoming")} />
          {past.length > 0 && <SessionList courseId={id} items={past} canTeach={d.canTeach} canRegister={false} label={t("ui.sessions.past")} />}
        </>
      )}
    </>
  );
}

function SessionList({
  courseId,
  items,
  canTeach,
  canRegister,
  label,
}: {
  courseId: string;
  items: CourseSession[];
  canTeach: boolean;
  canRegister: boolean;
  label: string;
}) {
  const t = useT();
  const when = useWhen();
  if (items.length === 0) return null;
  return (
    <section className="section" aria-label={label}>
      <h2>{label}</h2>
      <ul className="session-cards">
        {items.map((s) => (
          <li key={s.id} className="card session-card">
            <div className="session-card-head">
              <h3>
                <SessionLink courseId={courseId} s={s} />
              </h3>
              <span className="badge badge-neutral">{t(`ui.sessions.kind.${s.kind}`)}</span>
            </div>
            <p className="session-when">{when(s)}</p>
            <p className="muted">{s.kind === "online" ? t("ui.sessions.online") : s.place}</p>
            <p className="small">
              <Seats s={s} />
              {s.approval && <> · {t("ui.sessions.needsApproval")}</>}
            </p>
            <div className="session-card-actions">
              <MyState s={s} />
              {canRegister && <RegisterButton s={s} />}
              {!s.me && canRegister && !s.registrationOpen && new Date(s.startsAt) > new Date() && (
                <span className="muted small">{t("ui.sessions.registrationClosed")}</span>
              )}
              {canTeach && (
                <Link className="btn btn-secondary btn-small" to="/courses/$id/sessions/$sessionId/attendance" params={{ id: courseId, sessionId: s.id }}>
                  {t("ui.sessions.takeAttendance")}
                </Link>
              )}
            </div>
          </li>
        ))}
      </ul>
    </section>
  );
}
