import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, ModalButton, PageTitle, QueryError, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { decideRegistration, deleteSession, getSession, listRegistrations, type Registration } from "../shared/contract.ts";
import { MyState, RegisterButton, registrationsKey, Seats, SessionForm, sessionKey, sessionsKey, useWhen } from "./parts.tsx";

/** One session: details and the person's registration; for teachers, who registered, approvals and the attendance sheet. */
export function SessionPage() {
  const t = useT();
  const { id, sessionId } = useParams({ strict: false }) as { id: string; sessionId: string };
  const q = useQuery({ queryKey: sessionKey(id, sessionId), queryFn: () => api(getSession, { params: { courseId: id, sessionId } }) });
  const when = useWhen();
  const [editing, setEditing] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const s = q.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id/sessions" params={{ id }}>
          <span aria-hidden="true">← </span>
          {t("ui.sessions.backToList", { course: s.course.title })}
        </Link>
      </p>
      <PageTitle
        actions={
          s.canEdit && (
            <>
              <ModalButton label={t("ui.common.edit")} title={t("ui.sessions.edit")} variant="secondary" isOpen={editing} onOpenChange={setEditing}>
                {() => <SessionForm courseId={id} session={s} onDone={() => setEditing(false)} />}
              </ModalButton>
              <DeleteSession courseId={id} sessionId={sessionId} title={s.title} />
            </>
          )
        }
      >
        {s.title}
      </PageTitle>
      <div className="card section">
        <dl className="meta">
          <dt>{t("ui.sessions.field.when")}</dt>
          <dd>{when(s)}</dd>
          <dt>{s.kind === "online" ? t("ui.sessions.field.videoUrl") : t("ui.sessions.field.place")}</dt>
          <dd>
            {s.kind === "online" && s.videoUrl ? (
              <a href={s.videoUrl} target="_blank" rel="noopener noreferrer">
                {s.videoUrl}
              </a>
            ) : (
              s.place
            )}
          </dd>
          <dt>{t("ui.sessions.field.seats")}</dt>
          <dd>
            <Seats s={s} />
          </dd>
          {s.approval && (
            <>
              <dt>{t("ui.sessions.field.registration")}</dt>
              <dd>{t("ui.sessions.needsApproval")}</dd>
            </>
          )}
        </dl>
        {(s.canRegister || s.me) && (
          <div className="session-card-actions">
            <MyState s={s} />
            <RegisterButton s={s} />
          </div>
        )}
      </div>
      {s.canTeach && <Registrations courseId={id} sessionId={sessionId} canEdit={s.canEdit} />}
    </>
  );
}

function DeleteSession({ courseId, sessionId, title }: { courseId: string; sessionId: string; title: string }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const m = useMutation({
    mutationFn: () => api(deleteSession, { params: { courseId, sessionId } }),
    onError: (e) => announce(errorText(e), "error"),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: sessionsKey(courseId) });
      announce(t("ui.sessions.deleted"));
      navigate({ to: "/courses/$id/sessions", params: { id: courseId } });
    },
  });
  return (
    <ModalButton label={t("ui.sessions.delete")} title={t("ui.sessions.deleteTitle", { title })} variant="secondary">
      {(close) => (
        <>
          <p>{t("ui.sessions.deleteWarning")}</p>
          <div className="form-actions">
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
            <Button className="btn btn-danger" onPress={() => m.mutate()} isPending={m.isPending}>
              {t("ui.sessions.delete")}
            </Button>
          </div>
        </>
      )}
    </ModalButton>
  );
}

const statusTone = { approved: "ok", pending: "warn", waiting: "warn", refused: "error" } as const;

function Registrations({ courseId, sessionId, canEdit }: { courseId: string; sessionId: string; canEdit: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const q = useQuery({ queryKey: registrationsKey(sessionId), queryFn: () => api(listRegistrations, { params: { courseId, sessionId } }) });
  const decide = useMutation({
    mutationFn: (v: { r: Registration; decision: "approve" | "refuse" }) =>
      api(decideRegistration, { params: { courseId, sessionId, registrationId: v.r.id }, body: { decision: v.decision } }),
    onError: (e) => announce(errorText(e), "error"),
    onSuccess: (r, v) => {
      qc.invalidateQueries({ queryKey: registrationsKey(sessionId) });
      qc.invalidateQueries({ queryKey: sessionKey(courseId, sessionId) });
      qc.invalidateQueries({ queryKey: sessionsKey(courseId) });
      announce(
        t(
          v.decision === "approve" ? (r.status === "waiting" ? "ui.sessions.decided.waiting" : "ui.sessions.decided.approved") : "ui.sessions.decided.refused",
          { name: `${r.givenName} ${r.familyName}` },
        ),
      );
    },
  });
  const label = (r: Registration) =>
    r.status === "waiting" ? t("ui.sessions.state.waitingShort", { position: r.position ?? 0 }) : t(`ui.sessions.status.${r.status}`);
  return (
    <section className="section" aria-labelledby="registrations">
      <div className="section-head">
        <h2 id="registrations">{t("ui.sessions.registrations")}</h2>
        <div className="page-actions">
          <Link className="btn btn-primary" to="/courses/$id/sessions/$sessionId/attendance" params={{ id: courseId, sessionId }}>
            {t("ui.sessions.takeAttendance")}
          </Link>
          <a className="btn btn-secondary" href={url(`/api/v1/courses/${courseId}/sessions/${sessionId}/attendance.pdf`)} download>
            {t("ui.sessions.downloadSheet")}
          </a>
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t("ui.sessions.noRegistrations")} />
      ) : (
        <div className="table-wrap">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">{t("ui.sessions.person")}</th>
                <th scope="col">{t("ui.sessions.field.registration")}</th>
                <th scope="col">{t("ui.sessions.attendance")}</th>
                {canEdit && <th scope="col">{t("ui.common.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((r) => (
                <tr key={r.id}>
                  <th scope="row">
                    {r.familyName} {r.givenName}
                  </th>
                  <td>
                    <span className={`badge badge-${statusTone[r.status]}`}>{label(r)}</span>
                  </td>
                  <td>
                    {r.attendance ? t(`ui.sessions.presence.${r.attendance.status}`) : r.status === "approved" ? t("ui.sessions.presence.unrecorded") : "—"}
                  </td>
                  {canEdit && (
                    <td>
                      <div className="row-buttons">
                        {(r.status === "pending" || r.status === "refused") && (
                          <Button
                            className="btn btn-secondary btn-small"
                            onPress={() => decide.mutate({ r, decision: "approve" })}
                            aria-label={t("ui.sessions.approveName", { name: `${r.givenName} ${r.familyName}` })}
                          >
                            {t("ui.sessions.approve")}
                          </Button>
                        )}
                        {r.status !== "refused" && (
                          <Button
                            className="btn btn-danger btn-small"
                            onPress={() => decide.mutate({ r, decision: "refuse" })}
                            aria-label={t("ui.sessions.refuseName", { name: `${r.givenName} ${r.familyName}` })}
                          >
                            {t("ui.sessions.refuse")}
                          </Button>
                        )}
                      </div>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
