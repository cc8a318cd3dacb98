import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { MutationForm } from "../../../web/mutation-form.tsx";
import { CsvFilePicker, Field, FormAlert, Loading, orNull, PageTitle, QueryError, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { addPartnerPerson, getMyPartner, importPartnerPeople } from "../shared/contract.ts";
import { PeopleSection } from "./people.tsx";
import "./partners.css";

type RowError = { line: number; column: string; message: string };

/** A partner's people: their partnership; its manager adds trainers and learners (form or CSV); trainers find their courses. */
export function MyPartnerPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const q = useQuery({ queryKey: ["partners", "mine"], queryFn: () => api(getMyPartner) });
  const [role, setRole] = useState<"trainer" | "learner">("trainer");
  const [formKey, setFormKey] = useState(0);
  const [file, setFile] = useState<File | null>(null);
  const [rows, setRows] = useState<RowError[]>([]);
  const add = useMutation({
    mutationFn: (form: FormData) => {
      const v = (k: string) => String(form.get(k) ?? "");
      return api(addPartnerPerson, {
        body: { role, username: v("username"), givenName: v("givenName"), familyName: v("familyName"), email: orNull(v("email")), password: v("password") },
      });
    },
    onSuccess: (_, form) => {
      setFormKey((k) => k + 1);
      qc.invalidateQueries({ queryKey: ["partners", "mine"] });
      announce(t("ui.partners.people.added", { name: `${form.get("givenName")} ${form.get("familyName")}` }));
    },
  });
  const upload = useMutation({
    mutationFn: (f: File) => {
      const form = new FormData();
      form.append("file", f, f.name);
      return api(importPartnerPeople, undefined, { form });
    },
    onSuccess: (r) => {
      setRows([]);
      setFile(null);
      qc.invalidateQueries({ queryKey: ["partners", "mine"] });
      announce(t("ui.partners.import.done", { count: r.created }));
    },
    onError: (e: unknown) => setRows(((e as { details?: { errors?: RowError[] } }).details?.errors ?? []) as RowError[]),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const p = q.data;
  return (
    <>
      <PageTitle>{p.name}</PageTitle>
      <p className="lead">{t(`ui.partners.mine.intro.${p.role}`, { partner: p.name })}</p>
      {p.role === "trainer" && (
        <section className="section" aria-labelledby="mine-teach">
          <h2 id="mine-teach">{t("ui.partners.mine.teach")}</h2>
          {p.teach.length === 0 ? (
            <p className="muted">{t("ui.partners.mine.noTeach")}</p>
          ) : (
            <ul className="partner-courses">
              {p.teach.map((c) => (
                <li key={c.id}>
                  <Link to="/courses/$id" params={{ id: c.id }}>
                    {c.name}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
      {p.role === "learner" && (
        <p>
          <Link to="/catalogue" className="btn btn-primary">
            {t("ui.partners.mine.catalogue")}
          </Link>
        </p>
      )}
      {p.role === "manager" && (
        <>
          <PeopleSection people={p.people} isEmpty={p.people.length <= 1} emptyHelp={t("ui.partners.people.noneManager")} usernameColumn />
          <section className="section card" aria-labelledby="mine-add">
            <h2 id="mine-add">{t("ui.partners.people.add")}</h2>
            <MutationForm key={formKey} validationBehavior="aria" submitLabel={t("ui.partners.people.addSubmit")} onSubmit={(form) => add.mutateAsync(form)}>
              {() => (
                <>
                  <SelectField
                    label={t("ui.partners.people.role")}
                    value={role}
                    onChange={(v) => setRole(v as "trainer" | "learner")}
                    options={(["trainer", "learner"] as const).map((r) => ({ id: r, label: t(`ui.partners.roles.${r}`) }))}
                  />
                  <Field name="givenName" label={t("ui.partners.people.givenName")} isRequired />
                  <Field name="familyName" label={t("ui.partners.people.familyName")} isRequired />
                  <Field name="username" label={t("ui.partners.people.username")} description={t("ui.partners.people.usernameHelp")} isRequired />
                  <Field name="email" type="email" label={t("ui.partners.people.email")} />
                  <Field
                    name="password"
                    type="password"
                    label={t("ui.partners.people.firstPassword")}
                    description={t("ui.partners.people.passwordHelp")}
                    isRequired
                    autoComplete="new-password"
                  />
                </>
              )}
            </MutationForm>
          </section>
          <section className="section card" aria-labelledby="mine-import">
            <h2 id="mine-import">{t("ui.partners.import.title")}</h2>
            <p className="muted">{t("ui.partners.import.help")}</p>
            <CsvFilePicker
              id="partner-csv"
              label={t("ui.partners.import.file")}
              file={file}
              onFile={setFile}
              choose={t("ui.partners.import.choose")}
              change={t("ui.partners.import.change")}
              none={t("ui.partners.import.none")}
            />
            {upload.isError && rows.length === 0 && <FormAlert error={errorText(upload.error)} />}
            {rows.length > 0 && (
              <div className="alert alert-error" role="alert">
                <p>{errorText(upload.error)}</p>
                <ul>
                  {rows.map((r) => (
                    <li key={`${r.line}-${r.column}-${r.message}`}>{t("ui.partners.import.row", { line: r.line, message: r.message })}</li>
                  ))}
                </ul>
              </div>
            )}
            <div className="form-actions">
              <Button className="btn btn-primary" isDisabled={!file} isPending={upload.isPending} onPress={() => file && upload.mutate(file)}>
                {t("ui.partners.import.submit")}
              </Button>
            </div>
          </section>
        </>
      )}
    </>
  );
}
