import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useMemo, useState } from "react";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { CsvFilePicker, FormAlert, PageTitle, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { checkTimetableImport, runTimetableImport, type TimetableImportReport } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";
import "./attendance.css";

type Format = "csv" | "ics";
const HEADERS = ["classe", "matière", "enseignant", "salle", "jour", "début", "fin", "semaine", "du", "au"];
const ACCEPT: Record<Format, string[]> = { csv: [".csv", "text/csv", "text/plain"], ics: [".ics", "text/calendar"] };

const formOf = (orgId: string, file: File) => {
  const f = new FormData();
  f.append("orgId", orgId); // fields before the file: the server reads them with the file part
  f.append("file", file, file.name);
  return f;
};

/** Admins import a timetable from a CSV (a school's classes) or an iCalendar file (one class): check first, then import. */
export function TimetableImportPage() {
  const t = useT();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const qc = useQueryClient();
  const orgOptions = useManagedOrgOptions();
  const [format, setFormat] = useState<Format>("csv");
  const [orgId, setOrgId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<TimetableImportReport | null>(null);
  const [done, setDone] = useState<TimetableImportReport | null>(null);
  const target = orgId ?? orgOptions[0]?.id ?? null;
  const template = useMemo(() => URL.createObjectURL(new Blob([`${HEADERS.join(";")}\r\n`], { type: "text/csv;charset=utf-8" })), []);
  useEffect(() => () => URL.revokeObjectURL(template), [template]);
  const reset = () => {
    setReport(null);
    setDone(null);
  };
  const check = useMutation({
    mutationFn: () => api(checkTimetableImport, { params: { format } }, { form: formOf(target!, file!) }),
    onSuccess: (r) => {
      setReport(r);
      announce(
        r.errors.length ? t("ui.attendance.import.checkedErrors", { count: r.errors.length }) : t("ui.attendance.import.checkedOk", { count: r.lessons }),
      );
    },
  });
  const run = useMutation({
    mutationFn: () => api(runTimetableImport, { params: { format } }, { form: formOf(target!, file!) }),
    onSuccess: (r) => {
      setDone(r);
      qc.invalidateQueries({ queryKey: [...attendanceKey] });
      announce(t("ui.attendance.import.done", { count: r.created }));
    },
  });
  return (
    <>
      <PageTitle>{t("ui.attendance.import.title")}</PageTitle>
      <p className="lead">{t("ui.attendance.import.intro")}</p>
      <section className="section card" aria-labelledby="att-import-file">
        <h2 id="att-import-file">{t("ui.attendance.import.step1")}</h2>
        <div className="form">
          <SelectField
            label={t("ui.attendance.import.format")}
            options={[
              { id: "csv", label: t("ui.attendance.import.csv") },
              { id: "ics", label: t("ui.attendance.import.ics") },
            ]}
            value={format}
            onChange={(v) => {
              setFormat(v as Format);
              setFile(null);
              reset();
            }}
            isRequired
          />
          {format === "csv" ? (
            <p>
              {t("ui.attendance.import.formatCsv", { headers: HEADERS.join(";") })}{" "}
              <a href={template} download="archipel-timetable.csv">
                {t("ui.attendance.import.template")}
              </a>
            </p>
          ) : (
            <p>{t("ui.attendance.import.formatIcs")}</p>
          )}
          <SelectField
            label={t(format === "csv" ? "ui.attendance.import.targetCsv" : "ui.attendance.import.targetIcs")}
            options={orgOptions}
            value={target}
            onChange={(v) => {
              setOrgId(v);
              reset();
            }}
            isRequired
          />
          <CsvFilePicker
            id="att-import-picker"
            label={t("ui.attendance.import.file")}
            file={file}
            accept={ACCEPT[format]}
            onFile={(f) => {
              setFile(f);
              reset();
            }}
            choose={t("ui.attendance.import.chooseFile")}
            change={t("ui.attendance.import.changeFile")}
            none={t("ui.attendance.import.noFile")}
          />
          {check.isError && <FormAlert error={errorText(check.error)} />}
          <div className="form-actions">
            <Button className="btn btn-primary" isDisabled={!target || !file} isPending={check.isPending} onPress={() => check.mutate()}>
              {t("ui.attendance.import.check")}
            </Button>
          </div>
        </div>
      </section>
      {report && (
        <section className="section card" aria-labelledby="att-import-report">
          <h2 id="att-import-report">{t("ui.attendance.import.step2")}</h2>
          <p>{t(format === "csv" ? "ui.attendance.import.rows" : "ui.attendance.import.events", { count: report.rows })}</p>
          {report.errors.length > 0 ? (
            <>
              <div className="alert alert-error" role="alert">
                {t("ui.attendance.import.fixErrors", { count: report.errors.length })}
              </div>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{t("ui.attendance.import.errors")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t(format === "csv" ? "ui.attendance.import.line" : "ui.attendance.import.event")}</th>
                      <th scope="col">{t("ui.attendance.import.column")}</th>
                      <th scope="col">{t("ui.attendance.import.reason")}</th>
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
            <div className="alert alert-ok">{t("ui.attendance.import.ready", { count: report.lessons })}</div>
          )}
          {run.isError && <FormAlert error={errorText(run.error)} />}
          {done ? (
            <div className="alert alert-ok" role="status">
              {t("ui.attendance.import.done", { count: done.created })}
            </div>
          ) : (
            <div className="form-actions">
              <Button className="btn btn-primary" isDisabled={report.errors.length > 0} isPending={run.isPending} onPress={() => run.mutate()}>
                {t("ui.attendance.import.run")}
              </Button>
            </div>
          )}
        </section>
      )}
    </>
  );
}
