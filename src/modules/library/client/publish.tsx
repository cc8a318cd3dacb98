import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Button, FieldError, Form, Label, Text, TextArea, TextField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Field, FormAlert, formValues, Loading, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { COURSE_LANGUAGES } from "../../courses/shared/contract.ts";
import { getPublication, LEVELS, LICENCES, type PublishInput, publish } from "../shared/contract.ts";
import { Outline } from "./entry.tsx";
import { EntryMeta, VersionList } from "./parts.tsx";

/** A course's place in the library: publish its next version (with change notes), see its versions and usage. */
export function PublishPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errors = useFormErrors();
  const key = ["library", "publication", id];
  const q = useQuery({ queryKey: key, queryFn: () => api(getPublication, { params: { courseId: id } }) });
  const m = useMutation({
    mutationFn: (body: PublishInput) => api(publish, { params: { courseId: id }, body }),
    onSuccess: (e) => {
      errors.clear();
      announce(t("ui.library.publish.done", { n: e.latestVersion }));
      qc.invalidateQueries({ queryKey: ["library"] });
    },
    onError: errors.onError,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const e = d.entry;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {d.course.title}
        </Link>
      </nav>
      <PageTitle>{t("ui.library.publish.title")}</PageTitle>
      <p className="lead">{t("ui.library.publish.lead")}</p>
      <div className="split">
        <div>
          {!d.canPublish ? (
            <div className="alert">
              <p>{t("ui.library.publish.notAllowed")}</p>
            </div>
          ) : (
            <section className="card section" aria-labelledby="publish-form">
              <h2 id="publish-form">{e ? t("ui.library.publish.next", { n: e.latestVersion + 1 }) : t("ui.library.publish.first")}</h2>
              <Form
                className="form"
                validationErrors={errors.error?.fields}
                onSubmit={(ev) => {
                  const v = formValues(ev);
                  m.mutate({
                    title: v.title ?? "",
                    description: v.description ?? "",
                    language: v.language ?? "fr",
                    level: v.level as (typeof LEVELS)[number],
                    licence: v.licence as (typeof LICENCES)[number],
                    subjects: (v.subjects ?? "")
                      .split(",")
                      .map((s) => s.trim())
                      .filter(Boolean),
                    changeNotes: v.changeNotes ?? "",
                  });
                }}
              >
                <FormAlert error={errors.error} />
                <Field name="title" label={t("ui.library.publish.entryTitle")} isRequired defaultValue={e?.title ?? d.course.title} />
                <TextField name="description" className="field" defaultValue={e?.description ?? d.course.summary}>
                  <Label>{t("ui.library.publish.description")}</Label>
                  <TextArea rows={3} />
                  <FieldError className="field-error" />
                </TextField>
                <div className="grid-2">
                  <SelectField
                    name="language"
                    label={t("ui.library.language")}
                    isRequired
                    defaultValue={e?.language ?? d.course.language}
                    options={COURSE_LANGUAGES.map((l) => ({ id: l, label: t(`ui.courses.languages.${l}`) }))}
                  />
                  <SelectField
                    name="level"
                    label={t("ui.library.level")}
                    isRequired
                    defaultValue={e?.level ?? "beginner"}
                    options={LEVELS.map((l) => ({ id: l, label: t(`ui.library.levels.${l}`) }))}
                  />
                </div>
                <SelectField
                  name="licence"
                  label={t("ui.library.licence")}
                  isRequired
                  defaultValue={e?.licence ?? "cc-by-sa"}
                  options={LICENCES.map((l) => ({ id: l, label: t(`ui.library.licences.${l}`) }))}
                  description={t("ui.library.publish.licenceHelp")}
                />
                <Field
                  name="subjects"
                  label={t("ui.library.publish.subjects")}
                  description={t("ui.library.publish.subjectsHelp")}
                  defaultValue={(e?.subjects ?? d.course.tags).join(", ")}
                />
                <TextField name="changeNotes" className="field">
                  <Label>{t("ui.library.publish.changeNotes")}</Label>
                  <TextArea rows={3} />
                  <Text slot="description" className="field-help">
                    {t("ui.library.publish.changeNotesHelp")}
                  </Text>
                  <FieldError className="field-error" />
                </TextField>
                {d.notCarried.length > 0 && (
                  <div className="alert">
                    <p>{t("ui.library.notCarried", { count: d.notCarried.length })}</p>
                    <ul>
                      {d.notCarried.map((n, i) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list read once, never reordered; titles may repeat
                        <li key={`${i}-${n.title}`}>{t("ui.library.notCarriedItem", { kind: t(`ui.courses.kinds.${n.kind}`), title: n.title })}</li>
                      ))}
                    </ul>
                  </div>
                )}
                <div className="form-actions">
                  <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
                    {e ? t("ui.library.publish.submitNext", { n: e.latestVersion + 1 }) : t("ui.library.publish.submit")}
                  </Button>
                </div>
              </Form>
            </section>
          )}
        </div>
        <div className="split-side">
          {e ? (
            <section className="section" aria-labelledby="entry-title">
              <h2 id="entry-title">{t("ui.library.publish.inLibrary")}</h2>
              <p>
                <Link to="/library/entries/$entryId" params={{ entryId: e.id }}>
                  {e.title}
                </Link>
              </p>
              <EntryMeta e={e} />
              <p className="muted small">{t("ui.library.usage", { imports: e.imports, platforms: e.platforms })}</p>
              <h3>{t("ui.library.versions")}</h3>
              <VersionList versions={e.versions} />
              <h3>{t("ui.library.outline", { n: e.preview.version })}</h3>
              <Outline e={e} />
            </section>
          ) : (
            <p className="muted">{t("ui.library.publish.notYet")}</p>
          )}
        </div>
      </div>
    </>
  );
}
