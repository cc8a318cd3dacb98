import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { Confirm, Field, FormAlert, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { listUsers } from "../../accounts/shared/contract.ts";
import { addTeaching, type ClassDetail, getClass, inviteParent, listSubjects, type Pupil, removeTeaching, unlinkGuardian } from "../shared/contract.ts";
import { schoolKey } from "./classes.tsx";
import { TeachingChip } from "./teaching-chip.tsx";
import "./school.css";

/** One class: who teaches what (admins assign and withdraw), its pupils and their parents (admins invite). */
export function ClassPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: [...schoolKey, "class", id], queryFn: () => api(getClass, { params: { id } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const c = q.data;
  return (
    <>
      <PageTitle
        actions={
          <Link to="/school/diary" search={{ classId: c.id }} className="btn btn-secondary">
            {t("ui.school.diary.open")}
          </Link>
        }
      >
        {c.name}
      </PageTitle>
      <p className="lead">
        {c.parentName ? `${c.parentName} · ` : ""}
        {t("ui.school.classes.pupils", { count: c.pupils })}
      </p>
      <section className="section card" aria-labelledby="teachings-title">
        <h2 id="teachings-title">{t("ui.school.class.teachings")}</h2>
        {c.teachings.length === 0 ? (
          <p className="muted">{t(c.canManage ? "ui.school.class.noTeachingAdmin" : "ui.school.classes.noTeaching")}</p>
        ) : (
          <ul className="teachings">
            {c.teachings.map((x) => (
              <li key={x.id} className="inline-form">
                <TeachingChip teaching={x} />
                {c.canManage && <RemoveTeaching id={x.id} label={`${x.subject.name} · ${x.teacher.name}`} />}
              </li>
            ))}
          </ul>
        )}
        {c.canManage && <AddTeaching cls={c} />}
      </section>
      {c.pupilList && (
        <section className="section card" aria-labelledby="pupils-title">
          <h2 id="pupils-title">{t("ui.school.class.pupils")}</h2>
          {c.pupilList.length === 0 ? (
            <p className="muted">{t("ui.school.class.noPupil")}</p>
          ) : (
            <div className="table-wrap">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">{t("ui.school.class.pupil")}</th>
                    <th scope="col">{t("ui.school.class.parents")}</th>
                    {c.canManage && <th scope="col">{t("ui.school.class.actions")}</th>}
                  </tr>
                </thead>
                <tbody>
                  {c.pupilList.map((p) => (
                    <PupilRow key={p.id} pupil={p} classId={c.id} canManage={c.canManage} />
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </section>
      )}
    </>
  );
}

function RemoveTeaching({ id, label }: { id: string; label: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: () => api(removeTeaching, { params: { id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...schoolKey] });
      announce(t("ui.school.class.removed"));
    },
  });
  return (
    <ModalButton
      label={t("ui.school.class.remove")}
      ariaLabel={t("ui.school.class.removeLabel", { name: label })}
      title={t("ui.school.class.remove")}
      variant="quiet"
    >
      {(close) => (
        <Confirm
          message={t("ui.school.class.removeConfirm", { name: label })}
          action={t("ui.school.class.remove")}
          danger
          pending={m.isPending}
          onConfirm={() => m.mutate(undefined, { onSuccess: close })}
          close={close}
        />
      )}
    </ModalButton>
  );
}

function AddTeaching({ cls }: { cls: ClassDetail }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const subjects = useQuery({ queryKey: [...schoolKey, "subjects"], queryFn: () => api(listSubjects) });
  const teachers = useQuery({
    queryKey: ["users", "teachers"],
    queryFn: () => api(listUsers, { query: { profile: "teacher", status: "active", pageSize: 200 } }),
  });
  const [subjectId, setSubjectId] = useState<string | null>(null);
  const [teacherId, setTeacherId] = useState<string | null>(null);
  const m = useMutation({
    mutationFn: () => api(addTeaching, { params: { id: cls.id }, body: { subjectId: subjectId!, teacherId: teacherId! } }),
    onSuccess: (x) => {
      clear();
      qc.invalidateQueries({ queryKey: [...schoolKey] });
      announce(t("ui.school.class.added", { subject: x.subject.name, teacher: x.teacher.name }));
    },
    onError,
  });
  const subjectOptions = (subjects.data?.items ?? []).filter((s) => !s.archived).map((s) => ({ id: s.id, label: `${s.name} (${s.code})` }));
  const teacherOptions = (teachers.data?.items ?? []).map((u) => ({ id: u.id, label: `${u.givenName} ${u.familyName}` }));
  return (
    <Form
      className="inline-form"
      aria-label={t("ui.school.class.add")}
      validationErrors={error?.fields}
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <SelectField name="subjectId" label={t("ui.school.class.subject")} options={subjectOptions} value={subjectId} onChange={setSubjectId} isRequired />
      <SelectField name="teacherId" label={t("ui.school.class.teacher")} options={teacherOptions} value={teacherId} onChange={setTeacherId} isRequired />
      <Button type="submit" className="btn btn-primary" isDisabled={!subjectId || !teacherId} isPending={m.isPending}>
        {t("ui.school.class.add")}
      </Button>
      <FormAlert error={error} />
    </Form>
  );
}

function PupilRow({ pupil, classId, canManage }: { pupil: Pupil; classId: string; canManage: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const unlink = useMutation({
    mutationFn: (linkId: string) => api(unlinkGuardian, { params: { id: linkId } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...schoolKey, "class", classId] });
      announce(t("ui.school.class.unlinked"));
    },
  });
  return (
    <tr>
      <th scope="row">{pupil.name}</th>
      <td>
        {pupil.parents.length === 0 && pupil.pendingInvitations === 0 && <span className="muted">{t("ui.school.class.noParent")}</span>}
        <ul className="people-list">
          {pupil.parents.map((p) => (
            <li key={p.linkId}>
              {p.name}{" "}
              {canManage && (
                <ModalButton
                  label={t("ui.school.class.unlink")}
                  ariaLabel={t("ui.school.class.unlinkLabel", { parent: p.name, child: pupil.name })}
                  title={t("ui.school.class.unlink")}
                  variant="quiet"
                >
                  {(close) => (
                    <Confirm
                      message={t("ui.school.class.unlinkConfirm", { parent: p.name, child: pupil.name })}
                      action={t("ui.school.class.unlink")}
                      danger
                      pending={unlink.isPending}
                      onConfirm={() => unlink.mutate(p.linkId, { onSuccess: close })}
                      close={close}
                    />
                  )}
                </ModalButton>
              )}
            </li>
          ))}
        </ul>
        {pupil.pendingInvitations > 0 && <span className="badge badge-neutral">{t("ui.school.class.pending", { count: pupil.pendingInvitations })}</span>}
      </td>
      {canManage && (
        <td>
          <InviteParent pupil={pupil} classId={classId} />
        </td>
      )}
    </tr>
  );
}

function InviteParent({ pupil, classId }: { pupil: Pupil; classId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: (body: { email: string; givenName: string; familyName: string }) => api(inviteParent, { params: { id: pupil.id }, body }),
    onSuccess: (_, v) => {
      qc.invalidateQueries({ queryKey: [...schoolKey, "class", classId] });
      announce(t("ui.school.invite.sent", { email: v.email }));
    },
  });
  return (
    <FormDialog
      label={t("ui.school.invite.button")}
      ariaLabel={t("ui.school.invite.buttonLabel", { name: pupil.name })}
      title={t("ui.school.invite.title", { name: pupil.name })}
      variant="secondary"
      submitLabel={t("ui.school.invite.send")}
      cancel
      onSubmit={(form) =>
        m.mutateAsync({
          email: String(form.get("email") ?? ""),
          givenName: String(form.get("givenName") ?? ""),
          familyName: String(form.get("familyName") ?? ""),
        })
      }
    >
      {() => (
        <>
          <p>{t("ui.school.invite.help")}</p>
          <Field name="email" type="email" label={t("ui.school.invite.email")} isRequired autoFocus />
          <Field name="givenName" label={t("ui.school.invite.givenName")} isRequired />
          <Field name="familyName" label={t("ui.school.invite.familyName")} isRequired />
        </>
      )}
    </FormDialog>
  );
}
