import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { useMe } from "../../../web/session.ts";
import { EmptyState, Field, fieldValues, Loading, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
import { orgsQuery } from "../../orgs/client/queries.ts";
import { COURSE_FORMATS, COURSE_LANGUAGES, copyCourse, createCourse, type CourseCard } from "../shared/contract.ts";
import { CourseCardView } from "./parts.tsx";
import { myCoursesQuery, templatesQuery } from "./queries.ts";

/** Nodes where I may create a course: those I administer, and those at or under a node where I teach. */
export function useCourseOrgOptions() {
  const me = useMe();
  const q = useQuery(orgsQuery(false));
  const nodes = q.data ?? [];
  const teaching = new Set((me?.grants ?? []).filter((g) => g.role === "teacher" || g.role === "admin").map((g) => g.orgId));
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const under = (id: string | null): boolean => {
    for (let n = id ? byId.get(id) : undefined; n; n = n.parentId ? byId.get(n.parentId) : undefined) if (teaching.has(n.id)) return true;
    return false;
  };
  return nodes.filter((n) => n.canManage || under(n.id)).map((n) => ({ id: n.id, label: n.name, depth: n.depth }));
}

/** My courses (any role), course templates, and creating a course. */
export function MyCoursesPage() {
  const t = useT();
  const q = useQuery(myCoursesQuery);
  const orgOptions = useCourseOrgOptions();
  const canCreate = orgOptions.length > 0;
  const templates = useQuery({ ...templatesQuery, enabled: canCreate });
  return (
    <>
      <PageTitle actions={canCreate && <CreateCourse orgOptions={orgOptions} />}>{t("ui.courses.title")}</PageTitle>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.length === 0 ? (
        <EmptyState title={t("ui.courses.empty")}>
          <p>{canCreate ? t("ui.courses.emptyTeacher") : t("ui.courses.emptyLearner")}</p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {q.data.map((c) => (
            <CourseCardView key={c.id} c={c} />
          ))}
        </ul>
      )}
      {canCreate && (
        <section className="section" aria-labelledby="templates">
          <h2 id="templates">{t("ui.courses.templates")}</h2>
          {templates.data && templates.data.length > 0 ? (
            <ul className="cards">
              {templates.data.map((c) => (
                <TemplateCard key={c.id} c={c} orgOptions={orgOptions} />
              ))}
            </ul>
          ) : (
            <p className="muted">{t("ui.courses.noTemplates")}</p>
          )}
        </section>
      )}
    </>
  );
}

function CreateCourse({ orgOptions }: { orgOptions: { id: string; label: string; depth: number }[] }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(createCourse, {
        body: { orgId: v.orgId, title: v.title, summary: v.summary ?? "", language: (v.language || "fr") as "fr", format: (v.format || "online") as "online" },
      }),
    onSuccess: (c) => {
      qc.invalidateQueries({ queryKey: ["my-courses"] });
      announce(t("ui.courses.created"));
      navigate({ to: "/courses/$id/edit", params: { id: c.id } });
    },
  });
  return (
    <FormDialog
      variant="primary"
      label={t("ui.courses.create")}
      title={t("ui.courses.create")}
      submitLabel={t("ui.courses.create")}
      onSubmit={(form) => m.mutateAsync(fieldValues(form))}
    >
      {() => (
        <>
          <Field name="title" label={t("ui.courses.fields.title")} isRequired autoFocus />
          <Field name="summary" label={t("ui.courses.fields.summary")} />
          <SelectField name="orgId" label={t("ui.courses.fields.org")} options={orgOptions} isRequired defaultValue={orgOptions[0]?.id} />
          <SelectField name="language" label={t("ui.courses.fields.language")} options={COURSE_LANGUAGES.map((l) => ({ id: l, label: t(`ui.courses.languages.${l}`) }))} defaultValue="fr" />
          <SelectField name="format" label={t("ui.courses.fields.format")} options={COURSE_FORMATS.map((f) => ({ id: f, label: t(`ui.courses.formats.${f}`) }))} defaultValue="online" />
        </>
      )}
    </FormDialog>
  );
}

function TemplateCard({ c, orgOptions }: { c: CourseCard; orgOptions: { id: string; label: string; depth: number }[] }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => api(copyCourse, { params: { id: c.id }, body: { title: v.title, orgId: v.orgId, template: false } }),
    onSuccess: (n) => {
      qc.invalidateQueries({ queryKey: ["my-courses"] });
      navigate({ to: "/courses/$id/edit", params: { id: n.id } });
    },
  });
  return (
    <li className="card course-card">
      <h3 className="course-card-title">{c.title}</h3>
      <p className="muted small">{c.orgName}</p>
      {c.summary && <p className="course-card-summary">{c.summary}</p>}
      <div>
        <FormDialog
          variant="secondary"
          label={t("ui.courses.useTemplate")}
          ariaLabel={t("ui.courses.useTemplateNamed", { title: c.title })}
          title={t("ui.courses.fromTemplate", { title: c.title })}
          submitLabel={t("ui.courses.create")}
          onSubmit={(form) => m.mutateAsync(fieldValues(form))}
        >
          {() => (
            <>
              <Field name="title" label={t("ui.courses.fields.title")} isRequired autoFocus />
              <SelectField name="orgId" label={t("ui.courses.fields.org")} options={orgOptions} isRequired defaultValue={orgOptions[0]?.id} />
            </>
          )}
        </FormDialog>
      </div>
    </li>
  );
}
