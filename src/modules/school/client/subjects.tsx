import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Form, Input, Label, TextField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, formValues, Loading, PageTitle, QueryError, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { createSubject, listSubjects, updateSubject } from "../shared/contract.ts";
import { schoolKey } from "./classes.tsx";
import "./school.css";

/** The platform's subjects (code, name, colour); its admins add and archive them. */
export function SubjectsPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const q = useQuery({ queryKey: [...schoolKey, "subjects"], queryFn: () => api(listSubjects) });
  const { error, onError, clear } = useFormErrors();
  const [color, setColor] = useState("#2563eb");
  const [formKey, setFormKey] = useState(0);
  const create = useMutation({
    mutationFn: (body: { code: string; name: string; color: string }) => api(createSubject, { body }),
    onSuccess: (s) => {
      clear();
      setFormKey((k) => k + 1);
      qc.invalidateQueries({ queryKey: [...schoolKey] });
      announce(t("ui.school.subjects.created", { name: s.name }));
    },
    onError,
  });
  const archive = useMutation({
    mutationFn: (v: { id: string; archived: boolean }) => api(updateSubject, { params: { id: v.id }, body: { archived: v.archived } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: [...schoolKey] }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <PageTitle>{t("ui.school.subjects.title")}</PageTitle>
      <p className="lead">{t("ui.school.subjects.intro")}</p>
      {q.data.canManage && (
        <section className="section card" aria-labelledby="subject-new">
          <h2 id="subject-new">{t("ui.school.subjects.new")}</h2>
          <Form
            key={formKey}
            className="inline-form"
            validationErrors={error?.fields}
            onSubmit={(e) => {
              e.preventDefault();
              const v = formValues(e);
              create.mutate({ code: v.code ?? "", name: v.name ?? "", color });
            }}
          >
            <Field name="code" label={t("ui.school.subjects.code")} description={t("ui.school.subjects.codeHelp")} isRequired />
            <Field name="name" label={t("ui.school.subjects.name")} isRequired />
            <TextField className="field" value={color} onChange={setColor}>
              <Label>{t("ui.school.subjects.color")}</Label>
              <Input type="color" className="color-input" />
            </TextField>
            <Button type="submit" className="btn btn-primary" isPending={create.isPending}>
              {t("ui.school.subjects.add")}
            </Button>
            <FormAlert error={error} />
          </Form>
        </section>
      )}
      {q.data.items.length === 0 ? (
        <EmptyState title={t("ui.school.subjects.empty")}>
          <p>{t("ui.school.subjects.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("ui.school.subjects.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.school.subjects.name")}</th>
                <th scope="col">{t("ui.school.subjects.code")}</th>
                {q.data.canManage && <th scope="col">{t("ui.school.class.actions")}</th>}
              </tr>
            </thead>
            <tbody>
              {q.data.items.map((s) => (
                <tr key={s.id} className={s.archived ? "muted" : ""}>
                  <th scope="row">
                    <span className="teaching">
                      <span className="subject-dot" style={{ background: s.color }} aria-hidden="true" />
                      {s.name}
                      {s.archived && <span className="badge badge-neutral">{t("ui.school.subjects.archived")}</span>}
                    </span>
                  </th>
                  <td>
                    <code>{s.code}</code>
                  </td>
                  {q.data.canManage && (
                    <td>
                      <Button
                        className="btn btn-quiet"
                        onPress={() => archive.mutate({ id: s.id, archived: !s.archived })}
                        aria-label={t(s.archived ? "ui.school.subjects.restoreLabel" : "ui.school.subjects.archiveLabel", { name: s.name })}
                      >
                        {t(s.archived ? "ui.school.subjects.restore" : "ui.school.subjects.archive")}
                      </Button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
