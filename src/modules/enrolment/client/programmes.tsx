import "./enrolment.css";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form, Switch } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useMe } from "../../../web/session.ts";
import {
  EmptyState,
  Field,
  FormAlert,
  formValues,
  Loading,
  ModalButton,
  PageTitle,
  QueryError,
  SelectField,
  useAnnounce,
  useErrorText,
  useFormErrors,
} from "../../../web/ui.tsx";
import { listUsers } from "../../accounts/shared/contract.ts";
import { catalogue } from "../../courses/shared/contract.ts";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { createProgramme, deleteProgramme, enrolInProgramme, joinProgramme, type Programme, setProgrammeCourses, updateProgramme } from "../shared/contract.ts";
import { PeopleDialog } from "./people-dialog.tsx";
import { managedProgrammesQuery, myProgrammesQuery, openProgrammesQuery, programmeQuery } from "./queries.ts";

function Bar({ percent, label }: { percent: number; label: string }) {
  return (
    <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
      <div className="progress-fill" style={{ width: `${percent}%` }} />
    </div>
  );
}

function ProgrammeCard({ p }: { p: Programme }) {
  const t = useT();
  return (
    <li className="card">
      <h3>
        <Link to="/programmes/$id" params={{ id: p.id }}>
          {p.title}
        </Link>
      </h3>
      <p className="muted small">{t("ui.programmes.courseCount", { count: p.courses.length })}</p>
      {p.isMember ? (
        <>
          <Bar percent={p.percent} label={t("ui.programmes.progressOf", { title: p.title })} />
          <p className="muted small">{p.completed ? t("ui.programmes.completed") : t("ui.programmes.percent", { percent: p.percent })}</p>
        </>
      ) : (
        <>
          {p.description && <p className="small">{p.description}</p>}
          {p.canJoin && <JoinButton p={p} />}
        </>
      )}
    </li>
  );
}

/** Joins an open programme: enrolled in its courses per its rule, then on its page. */
function JoinButton({ p }: { p: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const join = useMutation({
    mutationFn: () => api(joinProgramme, { params: { id: p.id } }),
    onSuccess: (r) => {
      qc.setQueryData(programmeQuery(p.id).queryKey, r);
      qc.invalidateQueries({ queryKey: ["me"] });
      qc.invalidateQueries({ queryKey: ["my-courses"] });
      announce(t("ui.programmes.joined", { title: p.title }));
      navigate({ to: "/programmes/$id", params: { id: p.id } });
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <Button className="btn btn-primary" onPress={() => join.mutate()} isPending={join.isPending} aria-label={t("ui.programmes.joinNamed", { title: p.title })}>
      {t("ui.programmes.join")}
    </Button>
  );
}

/** My programmes (with progress) and, for organisation admins, the programmes they manage. */
export function ProgrammesPage() {
  const t = useT();
  const me = useMe();
  const mine = useQuery(myProgrammesQuery);
  const managed = useQuery({ ...managedProgrammesQuery, enabled: !!me?.isAdmin });
  const open = useQuery(openProgrammesQuery);
  return (
    <>
      <PageTitle actions={me?.isAdmin && <CreateProgramme />}>{t("ui.programmes.title")}</PageTitle>
      <section className="section" aria-labelledby="prog-mine">
        <h2 id="prog-mine">{t("ui.programmes.mine")}</h2>
        {mine.isPending ? (
          <Loading />
        ) : mine.isError ? (
          <QueryError error={mine.error} />
        ) : mine.data.length === 0 ? (
          <EmptyState title={t("ui.programmes.emptyMine")} />
        ) : (
          <ul className="cards">
            {mine.data.map((p) => (
              <ProgrammeCard key={p.id} p={p} />
            ))}
          </ul>
        )}
      </section>
      {open.data && open.data.length > 0 && (
        <section className="section" aria-labelledby="prog-open">
          <h2 id="prog-open">{t("ui.programmes.open")}</h2>
          <p className="muted">{t("ui.programmes.openHelp")}</p>
          <ul className="cards">
            {open.data.map((p) => (
              <ProgrammeCard key={p.id} p={p} />
            ))}
          </ul>
        </section>
      )}
      {me?.isAdmin && (
        <section className="section" aria-labelledby="prog-managed">
          <h2 id="prog-managed">{t("ui.programmes.managed")}</h2>
          {managed.data && managed.data.length === 0 ? (
            <EmptyState title={t("ui.programmes.emptyManaged")}>
              <p>{t("ui.programmes.emptyManagedHelp")}</p>
            </EmptyState>
          ) : (
            <ul className="list">
              {managed.data?.map((p) => (
                <li key={p.id} className="list-item">
                  <Link to="/programmes/$id" params={{ id: p.id }}>
                    {p.title}
                  </Link>
                  <span className="muted small">
                    {t("ui.programmes.courseCount", { count: p.courses.length })} · {t("ui.programmes.memberCount", { count: p.members })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </>
  );
}

function RuleFields({ p }: { p?: Programme }) {
  const t = useT();
  const [completion, setCompletion] = useState<string>(p?.completion ?? "all");
  return (
    <>
      <div className="row">
        <SelectField
          name="completion"
          label={t("ui.programmes.completion")}
          value={completion}
          onChange={setCompletion}
          options={[
            { id: "all", label: t("ui.programmes.completionAll") },
            { id: "count", label: t("ui.programmes.completionCount") },
          ]}
        />
        {completion === "count" && (
          <Field name="requiredCount" label={t("ui.programmes.requiredCount")} defaultValue={String(p?.requiredCount ?? 1)} isRequired pattern="[0-9]+" />
        )}
      </div>
      <SelectField
        name="enrolInto"
        label={t("ui.programmes.enrolInto")}
        defaultValue={p?.enrolInto ?? "all"}
        options={[
          { id: "all", label: t("ui.programmes.enrolAll") },
          { id: "first", label: t("ui.programmes.enrolFirst") },
        ]}
      />
      <Switch name="ordered" defaultSelected={p?.ordered ?? false} className="checkbox" value="true">
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.programmes.ordered")}
      </Switch>
      <Switch name="selfEnrol" defaultSelected={p?.selfEnrol ?? false} className="checkbox" value="true">
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.programmes.selfEnrol")}
      </Switch>
    </>
  );
}

const ruleBody = (v: Record<string, string>) => ({
  completion: (v.completion || "all") as "all" | "count",
  requiredCount: v.completion === "count" ? Number(v.requiredCount) || null : null,
  enrolInto: (v.enrolInto || "all") as "all" | "first",
  ordered: v.ordered === "true",
  selfEnrol: v.selfEnrol === "true",
});

function CreateProgramme() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const orgs = useManagedOrgOptions();
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(createProgramme, { body: { orgId: v.orgId, title: v.title, description: v.description ?? "", ...ruleBody(v) } }),
    onError,
  });
  return (
    <ModalButton label={t("ui.programmes.create")} title={t("ui.programmes.create")} onOpenChange={clear}>
      {(close) => (
        <Form
          className="form"
          validationBehavior="aria"
          validationErrors={error?.fields}
          onSubmit={(e) =>
            m.mutate(formValues(e), {
              onSuccess: (p) => {
                qc.invalidateQueries({ queryKey: ["programmes"] });
                announce(t("ui.programmes.created", { title: p.title }));
                close();
                navigate({ to: "/programmes/$id", params: { id: p.id } });
              },
            })
          }
        >
          <FormAlert error={error} />
          <Field name="title" label={t("ui.programmes.name")} isRequired autoFocus />
          <Field name="description" label={t("ui.programmes.description")} />
          <SelectField name="orgId" label={t("ui.programmes.org")} options={orgs} defaultValue={orgs[0]?.id} isRequired />
          <RuleFields />
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
              {t("ui.programmes.create")}
            </Button>
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

/** One programme: its courses in order with my progress; managers edit it and enrol people. */
export function ProgrammePage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery(programmeQuery(id));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const p = q.data;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.programmes.breadcrumb")}>
        <Link to="/programmes">{t("ui.programmes.title")}</Link>
      </nav>
      <PageTitle
        actions={
          p.canManage && (
            <>
              <Link className="btn btn-secondary" to="/programmes/$id/funder-report" params={{ id: p.id }}>
                {t("ui.reporting.programmeLink")}
              </Link>
              <EditProgramme p={p} />
            </>
          )
        }
      >
        {p.title}
      </PageTitle>
      {p.description && <p className="lead">{p.description}</p>}
      {p.canJoin && (
        <section className="card enrol-panel" aria-label={t("ui.programmes.join")}>
          <p>{t("ui.programmes.notMember")}</p>
          <JoinButton p={p} />
        </section>
      )}
      <p className="muted">
        {p.completion === "all" ? t("ui.programmes.ruleAll") : t("ui.programmes.ruleCount", { count: p.requiredCount ?? 0 })}
        {p.ordered && ` · ${t("ui.programmes.inOrder")}`}
      </p>
      {p.isMember && (
        <div className="progress">
          <div className="progress-head">
            <span id="prog-progress">{t("ui.programmes.progress")}</span>
            <span>{p.completed ? t("ui.programmes.completed") : t("ui.programmes.percent", { percent: p.percent })}</span>
          </div>
          <div className="progress-track" role="progressbar" aria-labelledby="prog-progress" aria-valuemin={0} aria-valuemax={100} aria-valuenow={p.percent}>
            <div className="progress-fill" style={{ width: `${p.percent}%` }} />
          </div>
        </div>
      )}
      <section className="section" aria-labelledby="prog-courses">
        <h2 id="prog-courses">{t("ui.programmes.courses")}</h2>
        {p.courses.length === 0 ? (
          <EmptyState title={t("ui.programmes.noCourses")}>{p.canManage && <p>{t("ui.programmes.noCoursesHelp")}</p>}</EmptyState>
        ) : (
          <ol className="list">
            {p.courses.map((c) => (
              <li key={c.courseId} className="list-item">
                <span>
                  {c.enrolled ? (
                    <Link to="/courses/$id" params={{ id: c.courseId }}>
                      {c.title}
                    </Link>
                  ) : (
                    c.title
                  )}
                  {c.locked && <span className="badge badge-neutral">{t("ui.programmes.locked")}</span>}
                  {c.completed && <span className="badge badge-ok">{t("ui.programmes.courseDone")}</span>}
                </span>
                {c.enrolled && <span className="muted small">{t("ui.programmes.percent", { percent: c.percent })}</span>}
              </li>
            ))}
          </ol>
        )}
      </section>
      {p.canManage && <ManageCourses p={p} />}
      {p.canManage && <EnrolPeople p={p} />}
    </>
  );
}

function EditProgramme({ p }: { p: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(updateProgramme, { params: { id: p.id }, body: { title: v.title, description: v.description ?? "", ...ruleBody(v) } }),
    onError,
  });
  const del = useMutation({
    mutationFn: () => api(deleteProgramme, { params: { id: p.id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["programmes"] });
      announce(t("ui.programmes.deleted"));
      navigate({ to: "/programmes" });
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <ModalButton variant="secondary" label={t("ui.common.edit")} title={t("ui.programmes.edit")} onOpenChange={clear}>
      {(close) => (
        <Form
          className="form"
          validationBehavior="aria"
          validationErrors={error?.fields}
          onSubmit={(e) =>
            m.mutate(formValues(e), {
              onSuccess: () => {
                qc.invalidateQueries({ queryKey: ["programmes"] });
                announce(t("ui.common.saved"));
                close();
              },
            })
          }
        >
          <FormAlert error={error} />
          <Field name="title" label={t("ui.programmes.name")} defaultValue={p.title} isRequired />
          <Field name="description" label={t("ui.programmes.description")} defaultValue={p.description} />
          <RuleFields p={p} />
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
              {t("ui.common.save")}
            </Button>
            <Button className="btn btn-danger" onPress={() => del.mutate()} isPending={del.isPending}>
              {t("ui.programmes.delete")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

function ManageCourses({ p }: { p: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const [q, setQ] = useState("");
  const found = useQuery({ queryKey: ["catalogue", "programme", q], queryFn: () => api(catalogue, { query: { q } }), placeholderData: keepPreviousData });
  const ids = p.courses.map((c) => c.courseId);
  const save = useMutation({
    mutationFn: (courseIds: string[]) => api(setProgrammeCourses, { params: { id: p.id }, body: { courseIds } }),
    onSuccess: (np) => {
      qc.setQueryData(programmeQuery(p.id).queryKey, np);
      qc.invalidateQueries({ queryKey: ["programmes"] });
      announce(t("ui.common.saved"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const move = (i: number, d: -1 | 1) => {
    const next = [...ids];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    save.mutate(next);
  };
  return (
    <section className="section" aria-labelledby="prog-manage">
      <h2 id="prog-manage">{t("ui.programmes.manageCourses")}</h2>
      <ol className="list">
        {p.courses.map((c, i) => (
          <li key={c.courseId} className="list-item">
            <span>{c.title}</span>
            <span className="row-actions">
              <Button
                className="btn btn-quiet btn-small"
                isDisabled={i === 0}
                onPress={() => move(i, -1)}
                aria-label={t("ui.programmes.moveUp", { title: c.title })}
              >
                ↑
              </Button>
              <Button
                className="btn btn-quiet btn-small"
                isDisabled={i === ids.length - 1}
                onPress={() => move(i, 1)}
                aria-label={t("ui.programmes.moveDown", { title: c.title })}
              >
                ↓
              </Button>
              <Button
                className="btn btn-quiet btn-small"
                onPress={() => save.mutate(ids.filter((x) => x !== c.courseId))}
                aria-label={t("ui.programmes.removeCourse", { title: c.title })}
              >
                {t("ui.programmes.remove")}
              </Button>
            </span>
          </li>
        ))}
      </ol>
      <Field name="q" type="search" label={t("ui.programmes.findCourse")} value={q} onChange={setQ} />
      <ul className="list">
        {found.data?.items
          .filter((c) => !ids.includes(c.id) && !c.isTemplate)
          .slice(0, 8)
          .map((c) => (
            <li key={c.id} className="list-item">
              <span>
                {c.title} <span className="muted small">{c.orgName}</span>
              </span>
              <Button
                className="btn btn-secondary btn-small"
                onPress={() => save.mutate([...ids, c.id])}
                aria-label={t("ui.programmes.addCourse", { title: c.title })}
              >
                {t("ui.programmes.add")}
              </Button>
            </li>
          ))}
      </ul>
    </section>
  );
}

function EnrolPeople({ p }: { p: Programme }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  return (
    <section className="section" aria-labelledby="prog-people">
      <h2 id="prog-people">{t("ui.programmes.people", { count: p.members })}</h2>
      <PeopleDialog
        title={t("ui.programmes.enrol")}
        help={t(p.enrolInto === "first" ? "ui.programmes.enrolFirstHelp" : "ui.programmes.enrolAllHelp")}
        search={(q) => ({
          queryKey: ["users", "programme", q],
          queryFn: () => api(listUsers, { query: { q: q || undefined, status: "active", pageSize: 20 } }),
        })}
        onSubmit={(userIds) =>
          api(enrolInProgramme, { params: { id: p.id }, body: { userIds } }).then((np) => {
            qc.setQueryData(programmeQuery(p.id).queryKey, np);
            announce(t("ui.programmes.enrolled", { count: userIds.length }));
          })
        }
      />
    </section>
  );
}
