import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { CsvFilePicker, FormAlert, PageTitle, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { checkSchoolImport, runSchoolImport, type SchoolImportReport } from "../shared/contract.ts";
import { schoolKey } from "./classes.tsx";
import "./school.css";

type Kind = "teachings" | "guardians";
const HEADERS: Record<Kind, string[]> = { teachings: ["classe", "matière", "libellé", "couleur", "enseignant"], guardians: ["responsable", "élève"] };

const formOf = (orgId: string, file: File) => {
  const f = new FormData();
  f.append("orgId", orgId); // fields before the file: the server reads them with the file part
  f.append("file", file, file.name);
  return f;
};

/** Admin: import classes, subjects and teachers, or parent–child links, from CSV — check first, then import. */
export function SchoolImportPage() {
  const t = useT();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const orgOptions = useManagedOrgOptions();
  const [kind, setKind] = useState<Kind>("teachings");
  const [orgId, setOrgId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<SchoolImportReport | null>(null);
  const [done, setDone] = useState<SchoolImportReport | null>(null);
  const target = orgId ?? orgOptions[0]?.id ?? null;
  const template = useMemo(() => URL.createObjectURL(new Blob([`${HEADERS[kind].join(";")}\r\n`], { type: "text/csv;charset=utf-8" })), [kind]);
  useEffect(() => () => URL.revokeObjectURL(template), [template]);
  const reset = () => {
    setReport(null);
    setDone(null);
  };
  const check = useMutation({
    mutationFn: () => api(checkSchoolImport, { params: { kind } }, { form: formOf(target!, file!) }),
    onSuccess: (r) => {
      setReport(r);
      announce(r.errors.length ? t("ui.school.import.checkedErrors", { count: r.errors.length }) : t("ui.school.import.checkedOk", { count: r.rows }));
    },
  });
  const run = useMutation({
    mutationFn: () => api(runSchoolImport, { params: { kind } }, { form: formOf(target!, file!) }),
    onSuccess: (r) => {
      setDone(r);
      qc.invalidateQueries({ queryKey: [...schoolKey] });
      announce(t("ui.school.import.done", { count: r.created }));
    },
  });
  const ready = report && report.errors.length === 0;
  return (
    <>
      <PageTitle>{t("ui.school.import.title")}</PageTitle>
      <p className="lead">{t("ui.school.import.intro")}</p>
      <section className="section card" aria-labelledby="school-import-file">
        <h2 id="school-import-file">{t("ui.school.import.step1")}</h2>
        <div className="form">
          <SelectField
            label={t("ui.school.import.kind")}
            options={[
              { id: "teachings", label: t("ui.school.import.kindTeachings") },
              { id: "guardians", label: t("ui.school.import.kindGuardians") },
            ]}
            value={kind}
            onChange={(v) => {
              setKind(v as Kind);
              reset();
            }}
            isRequired
          />
          <p>
            {t(kind === "teachings" ? "ui.school.import.formatTeachings" : "ui.school.import.formatGuardians", { headers: HEADERS[kind].join(";") })}{" "}
            <a href={template} download={`archipel-${kind}.csv`}>
              {t("ui.school.import.template")}
            </a>
          </p>
          <SelectField
            label={t("ui.school.import.target")}
            description={t("ui.school.import.targetHelp")}
            options={orgOptions}
            value={target}
            onChange={(v) => {
              setOrgId(v);
              reset();
            }}
            isRequired
          />
          <CsvFilePicker
            id="school-import-file"
            label={t("ui.school.import.file")}
            file={file}
            onFile={(f) => {
              setFile(f);
              reset();
            }}
            choose={t("ui.school.import.chooseFile")}
            change={t("ui.school.import.changeFile")}
            none={t("ui.school.import.noFile")}
          />
          {check.isError && <FormAlert error={errorText(check.error)} />}
          <div className="form-actions">
            <Button className="btn btn-primary" isDisabled={!target || !file} isPending={check.isPending} onPress={() => check.mutate()}>
              {t("ui.school.import.check")}
            </Button>
          </div>
        </div>
      </section>
      {report && (
        <section className="section card" aria-labelledby="school-import-report">
          <h2 id="school-import-report">{t("ui.school.import.step2")}</h2>
          <p>{t("ui.school.import.rows", { count: report.rows })}</p>
          {report.errors.length > 0 ? (
            <>
              <div className="alert alert-error" role="alert">
                {t("ui.school.import.fixErrors", { count: report.errors.length })}
              </div>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t("ui.school.import.errors")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("ui.school.import.line")}</th>
                      <th scope="col">{t("ui.school.import.column")}</th>
                      <th scope="col">{t("ui.school.import.reason")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {report.errors.map((e) => (
                      <tr key={`${e.line}-${e.column}-${e.code}`}>
                        <th scope="row">{e.line}</th>
                        <td>
                          <code>{e.column}</code>
                        </td>
                        <td>{e.message}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          ) : (
            <div className="alert alert-ok">{t("ui.school.import.ready", { count: report.rows })}</div>
          )}
          {report.newClasses.length > 0 && (
            <p>
              {t("ui.school.import.newClasses")} {report.newClasses.join(", ")}
            </p>
          )}
          {report.newSubjects.length > 0 && (
            <p>
              {t("ui.school.import.newSubjects")} {report.newSubjects.join(", ")}
            </p>
          )}
          {run.isError && <FormAlert error={errorText(run.error)} />}
          {done ? (
            <div className="alert alert-ok" role="status">
              {t("ui.school.import.done", { count: done.created })}
            </div>
          ) : (
            <div className="form-actions">
              <Button className="btn btn-primary" isDisabled={!ready} isPending={run.isPending} onPress={() => run.mutate()}>
                {t("ui.school.import.run")}
              </Button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
