import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useMemo, useState } from "react";
import { Button, Cell, Column, Label, ProgressBar, Row, Table, TableBody, TableHeader } from "react-aria-components";
import { FormattedNumber } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { CsvFilePicker, FormAlert, PageTitle, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { PROFILES } from "../../accounts/shared/contract.ts";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { checkUserImport, getUserImport, type ImportReport, type ImportStatus, startUserImport } from "../shared/contract.ts";

export const TEMPLATE_HEADERS = ["username", "email", "given_name", "family_name", "profile", "class", "password"];

/** A CSV template generated in the browser (semicolons, as Excel writes them in French). */
function useTemplateUrl() {
  const href = useMemo(() => URL.createObjectURL(new Blob([`${TEMPLATE_HEADERS.join(";")}\r\n`], { type: "text/csv;charset=utf-8" })), []);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return href;
}

const formOf = (orgId: string, file: File) => {
  const f = new FormData();
  f.append("orgId", orgId); // fields before the file: the server reads them with the file part
  f.append("file", file, file.name);
  return f;
};

/** Admin: import people and classes from a CSV file — check first, then import with progress. */
export function ImportPage() {
  const t = useT();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const orgOptions = useManagedOrgOptions();
  const template = useTemplateUrl();
  const [orgId, setOrgId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [importId, setImportId] = useState<string | null>(null);
  const target = orgId ?? orgOptions[0]?.id ?? null;
  const qc = useQueryClient();
  const profileLabel = (p: string) => (PROFILES.includes(p as (typeof PROFILES)[number]) ? t(`ui.profiles.${p}`) : p);

  const reset = () => {
    setReport(null);
    setImportId(null);
  };
  const check = useMutation({
    mutationFn: () => api(checkUserImport, undefined, { form: formOf(target!, file!) }),
    onSuccess: (r) => {
      setReport(r);
      announce(r.errors.length ? t("ui.import.checkedErrors", { count: r.errors.length }) : t("ui.import.checkedOk", { count: r.rows }));
    },
  });
  const start = useMutation({
    mutationFn: () => api(startUserImport, undefined, { form: formOf(target!, file!) }),
    onSuccess: (s) => {
      setImportId(s.id);
      announce(t("ui.import.started"));
    },
  });
  const progress = useQuery({
    queryKey: ["import", importId],
    queryFn: () => api(getUserImport, { params: { id: importId! } }),
    enabled: !!importId,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : 500),
  });
  const status: ImportStatus | undefined = progress.data ?? start.data;
  useEffect(() => {
    if (status?.status === "done") for (const k of ["users", "home", "orgs"]) qc.invalidateQueries({ queryKey: [k] });
    if (status?.status === "done") announce(t("ui.import.doneAnnounce", { users: status.createdUsers, classes: status.createdClasses }));
    if (status?.status === "failed") announce(t("ui.import.failed"), "error");
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [status?.status]);

  const running = !!importId && status?.status === "running";
  const canSubmit = !!target && !!file && !running;
  const noErrors = report && report.errors.length === 0;

  return (
    <>
      <PageTitle>{t("ui.import.title")}</PageTitle>
      <p className="lead">{t("ui.import.intro")}</p>
      <section className="section card" aria-labelledby="import-file">
        <h2 id="import-file">{t("ui.import.step1")}</h2>
        <p>
          {t("ui.import.format", { headers: TEMPLATE_HEADERS.join(";") })}{" "}
          <a href={template} download="archipel-import-template.csv">
            {t("ui.import.template")}
          </a>
        </p>
        <div className="form">
          <SelectField
            label={t("ui.import.target")}
            description={t("ui.import.targetHelp")}
            options={orgOptions}
            value={target}
            onChange={(v) => {
              setOrgId(v);
              reset();
            }}
            isRequired
          />
          <CsvFilePicker
            id="import-file"
            label={t("ui.import.file")}
            file={file}
            onFile={(f) => {
              setFile(f);
              reset();
            }}
            choose={t("ui.import.chooseFile")}
            change={t("ui.import.changeFile")}
            none={t("ui.import.noFile")}
          />
          {check.isError && <FormAlert error={errorText(check.error)} />}
          <div className="form-actions">
            <Button className="btn btn-primary" isDisabled={!canSubmit} isPending={check.isPending} onPress={() => check.mutate()}>
              {t("ui.import.check")}
            </Button>
          </div>
        </div>
      </section>

      {report && (
        <section className="section card" aria-labelledby="import-report">
          <h2 id="import-report">{t("ui.import.step2")}</h2>
          <ul className="stats stats-small">
            <li className="stat">
              <span className="stat-value">
                <FormattedNumber value={report.rows} />
              </span>
              <span className="stat-label">{t("ui.import.rows")}</span>
            </li>
            <li className={`stat ${report.errors.length ? "stat-error" : ""}`}>
              <span className="stat-value">
                <FormattedNumber value={report.errors.length} />
              </span>
              <span className="stat-label">{t("ui.import.errors")}</span>
            </li>
            <li className="stat">
              <span className="stat-value">
                <FormattedNumber value={report.newClasses.length} />
              </span>
              <span className="stat-label">{t("ui.import.newClasses")}</span>
            </li>
          </ul>
          <p className="muted small">{t("ui.import.fileInfo", { name: report.fileName, encoding: report.encoding, delimiter: report.delimiter })}</p>
          {report.errors.length > 0 ? (
            <>
              <div className="alert alert-error" role="alert">
                {t("ui.import.fixErrors", { count: report.errors.length })}
              </div>
              <div className="table-wrap">
                <Table aria-label={t("ui.import.errors")} className="table">
                  <TableHeader>
                    <Column isRowHeader>{t("ui.import.line")}</Column>
                    <Column>{t("ui.import.column")}</Column>
                    <Column>{t("ui.import.reason")}</Column>
                  </TableHeader>
                  <TableBody items={report.errors.map((e, i) => ({ ...e, id: i }))}>
                    {(e) => (
                      <Row>
                        <Cell>{e.line}</Cell>
                        <Cell>
                          <code>{e.column}</code>
                        </Cell>
                        <Cell>{e.message}</Cell>
                      </Row>
                    )}
                  </TableBody>
                </Table>
              </div>
            </>
          ) : (
            <div className="alert alert-ok">{t("ui.import.ready", { count: report.rows })}</div>
          )}
          {report.newClasses.length > 0 && (
            <>
              <h3>{t("ui.import.newClasses")}</h3>
              <ul className="tags">
                {report.newClasses.map((c) => (
                  <li key={c} className="badge badge-neutral">
                    {c}
                  </li>
                ))}
              </ul>
            </>
          )}
          {report.preview.length > 0 && (
            <>
              <h3>{t("ui.import.preview")}</h3>
              <div className="table-wrap">
                <Table aria-label={t("ui.import.preview")} className="table">
                  <TableHeader>
                    <Column className="hide-sm">{t("ui.import.line")}</Column>
                    <Column isRowHeader>{t("ui.people.name")}</Column>
                    <Column>{t("ui.people.username")}</Column>
                    <Column className="hide-sm">{t("ui.people.profile")}</Column>
                    <Column className="hide-sm">{t("ui.import.class")}</Column>
                  </TableHeader>
                  <TableBody items={report.preview.map((p) => ({ ...p, id: p.line }))}>
                    {(p) => (
                      <Row>
                        <Cell className="hide-sm">{p.line}</Cell>
                        <Cell>
                          {p.familyName} {p.givenName}
                        </Cell>
                        <Cell>{p.username}</Cell>
                        <Cell className="hide-sm">{profileLabel(p.profile)}</Cell>
                        <Cell className="hide-sm">{p.className ?? "—"}</Cell>
                      </Row>
                    )}
                  </TableBody>
                </Table>
              </div>
            </>
          )}
          {noErrors && !importId && (
            <>
              {start.isError && <FormAlert error={errorText(start.error)} />}
              <div className="form-actions">
                <Button className="btn btn-primary" isDisabled={!canSubmit} isPending={start.isPending} onPress={() => start.mutate()}>
                  {t("ui.import.start", { count: report.rows })}
                </Button>
              </div>
            </>
          )}
        </section>
      )}

      {importId && status && (
        <section className="section card" aria-labelledby="import-progress">
          <h2 id="import-progress">{t("ui.import.step3")}</h2>
          <ProgressBar className="progress" value={status.done} minValue={0} maxValue={Math.max(1, status.total)} valueLabel={t("ui.import.progressValue", { done: status.done, total: status.total })}>
            {({ percentage, valueText }) => (
              <>
                <div className="progress-head">
                  <Label>{t("ui.import.progress")}</Label>
                  <span className="progress-value">{valueText}</span>
                </div>
                <div className="progress-track">
                  <div className="progress-fill" style={{ width: `${percentage ?? 0}%` }} />
                </div>
              </>
            )}
          </ProgressBar>
          {status.status === "done" && (
            <div className="alert alert-ok">
              <p>{t("ui.import.done", { users: status.createdUsers, classes: status.createdClasses })}</p>
              <p>
                <Link to="/admin/people">{t("ui.import.seePeople")}</Link>
              </p>
            </div>
          )}
          {status.status === "failed" && (
            <div className="alert alert-error" role="alert">
              {t("ui.import.failed")} {status.error}
            </div>
          )}
          {progress.isError && <FormAlert error={errorText(progress.error)} />}
        </section>
      )}
    </>
  );
}
