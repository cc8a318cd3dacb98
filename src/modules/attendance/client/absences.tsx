import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form, Label, TextArea, TextField } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { useMe } from "../../../web/session.ts";
import { EmptyState, FormAlert, fieldValues, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { FileDownload, FileUpload } from "../../files/client/index.ts";
import { type Absence, decideAbsence, justifyAbsence, listAbsences, REASONS } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";
import { MarkBadge } from "./mark-badge.tsx";
import "./attendance.css";

type Show = "pending" | "none" | "all";

/**
 * Absences, lateness and exclusions: a parent's children's (to justify), a pupil's own, the
 * classes a teacher follows, and for the school-life office the justifications waiting for a
 * decision (or every absence, or those nobody justified yet).
 */
export function AbsencesPage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { show?: string };
  const staff = !!me?.grants.some((g) => g.role === "staff" || g.role === "admin");
  const show: Show = search.show === "pending" || search.show === "none" || search.show === "all" ? search.show : staff ? "pending" : "all";
  const q = useQuery({
    queryKey: [...attendanceKey, "absences", show],
    queryFn: () => api(listAbsences, { query: show === "all" ? {} : { justification: show } }),
  });
  const items = q.data?.items ?? [];
  const pupils = new Set(items.map((a) => a.pupil.id));
  return (
    <>
      <PageTitle
        actions={
          (staff || me?.profile === "teacher") && (
            <Link to="/attendance/counts" className="btn btn-secondary">
              {t("ui.attendance.counts.link")}
            </Link>
          )
        }
      >
        {t("ui.attendance.absences.title")}
      </PageTitle>
      {me?.profile === "parent" && <p className="lead">{t("ui.attendance.absences.parentIntro")}</p>}
      <div className="att-toolbar">
        <SelectField
          label={t("ui.attendance.absences.show")}
          options={(["pending", "none", "all"] as const).map((s) => ({ id: s, label: t(`ui.attendance.absences.shows.${s}`) }))}
          value={show}
          onChange={(v) => navigate({ to: "/attendance/absences", search: { show: v } })}
        />
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : items.length === 0 ? (
        <EmptyState title={t(show === "pending" ? "ui.attendance.absences.noPending" : "ui.attendance.absences.empty")}>
          <p>{t("ui.attendance.absences.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ul className="att-absences">
          {items.map((a) => (
            <AbsenceCard key={a.id} a={a} showPupil={staff || me?.profile === "teacher" || pupils.size > 1 || me?.profile === "parent"} />
          ))}
        </ul>
      )}
    </>
  );
}

function AbsenceCard({ a, showPupil }: { a: Absence; showPupil: boolean }) {
  const t = useT();
  return (
    <li className="card att-absence" style={{ borderInlineStartColor: a.subject.color }}>
      <h2 className="att-absence-head">
        {showPupil && <span>{a.pupil.name} · </span>}
        <FormattedDate value={`${a.day}T12:00:00`} weekday="long" day="numeric" month="long" />
        <span className="muted">
          {" "}
          · {a.startsAt}–{a.endsAt} · {a.subject.name}
        </span>
      </h2>
      <MarkBadge status={a.status} lateMinutes={a.lateMinutes} justification={a.justification} />
      <p className="muted small">{t("ui.attendance.absences.recorded", { name: a.recordedBy, class: a.class.name })}</p>
      {a.reason && (
        <div className="att-justification">
          <p>
            <strong>{t(`ui.attendance.reasons.${a.reason}`)}</strong>
            {a.reasonNote && <> — {a.reasonNote}</>}
          </p>
          {a.justifiedBy && (
            <p className="muted small">
              {t("ui.attendance.absences.justifiedBy", { name: a.justifiedBy })}{" "}
              {a.justifiedAt && <FormattedDate value={a.justifiedAt} dateStyle="medium" timeStyle="short" />}
            </p>
          )}
          {a.fileId && <FileDownload fileId={a.fileId} />}
        </div>
      )}
      {a.decidedBy && (
        <p className="small">
          {t(a.justification === "accepted" ? "ui.attendance.absences.acceptedBy" : "ui.attendance.absences.refusedBy", { name: a.decidedBy })}
          {a.decisionComment && (
            <>
              {" — "}
              <q>{a.decisionComment}</q>
            </>
          )}
        </p>
      )}
      <div className="att-actions">
        {a.canJustify && <Justify a={a} />}
        {a.canDecide && <Decide a={a} />}
      </div>
    </li>
  );
}

function Justify({ a }: { a: Absence }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(justifyAbsence, { params: { id: a.id }, body: { reason: v.reason as Absence["reason"] & string, note: v.note || null, fileId: v.fileId || null } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...attendanceKey] });
      announce(t("ui.attendance.absences.justified"));
    },
  });
  return (
    <FormDialog
      variant="primary"
      label={t("ui.attendance.absences.justify")}
      ariaLabel={t("ui.attendance.absences.justifyLabel", { name: a.pupil.name, day: a.day, time: a.startsAt })}
      title={t("ui.attendance.absences.justifyTitle", { name: a.pupil.name })}
      submitLabel={t("ui.attendance.absences.send")}
      cancel
      onSubmit={(form) => m.mutateAsync(fieldValues(form))}
    >
      {(error) => (
        <>
          <SelectField
            name="reason"
            label={t("ui.attendance.absences.reason")}
            options={REASONS.map((r) => ({ id: r, label: t(`ui.attendance.reasons.${r}`) }))}
            isRequired
          />
          <TextField name="note" className="field" maxLength={500}>
            <Label>{t("ui.attendance.absences.note")}</Label>
            <TextArea rows={3} />
          </TextField>
          <FileUpload purpose="document" name="fileId" label={t("ui.attendance.absences.document")} errorMessage={error?.fields.fileId} />
        </>
      )}
    </FormDialog>
  );
}

function Decide({ a }: { a: Absence }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [comment, setComment] = useState("");
  const m = useMutation({
    mutationFn: (v: { accept: boolean; comment: string }) =>
      api(decideAbsence, { params: { id: a.id }, body: { accept: v.accept, comment: v.comment || null } }),
    onError,
  });
  return (
    <ModalButton
      label={t("ui.attendance.absences.decide")}
      variant="secondary"
      ariaLabel={t("ui.attendance.absences.decideLabel", { name: a.pupil.name, day: a.day, time: a.startsAt })}
      title={t("ui.attendance.absences.decideTitle", { name: a.pupil.name })}
    >
      {(close) => {
        const submit = (accept: boolean) =>
          m.mutate(
            { accept, comment },
            {
              onSuccess: () => {
                clear();
                qc.invalidateQueries({ queryKey: [...attendanceKey] });
                announce(t(accept ? "ui.attendance.absences.accepted" : "ui.attendance.absences.refused"));
                close();
              },
            },
          );
        return (
          <Form className="form" validationErrors={error?.fields} onSubmit={(e) => e.preventDefault()}>
            <p>
              {a.reason ? t(`ui.attendance.reasons.${a.reason}`) : t("ui.attendance.absences.noReason")}
              {a.reasonNote && <> — {a.reasonNote}</>}
            </p>
            <TextField name="comment" className="field" maxLength={500} value={comment} onChange={setComment}>
              <Label>{t("ui.attendance.absences.comment")}</Label>
              <TextArea rows={2} />
            </TextField>
            <FormAlert error={error} />
            <div className="form-actions">
              <Button className="btn btn-primary" isPending={m.isPending} onPress={() => submit(true)}>
                {t("ui.attendance.absences.accept")}
              </Button>
              <Button className="btn btn-danger" isPending={m.isPending} onPress={() => submit(false)}>
                {t("ui.attendance.absences.refuse")}
              </Button>
            </div>
          </Form>
        );
      }}
    </ModalButton>
  );
}
