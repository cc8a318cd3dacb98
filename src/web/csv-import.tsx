import { useMutation, useQuery } from "@tanstack/react-query";
import { type ReactNode, useEffect, useId, useMemo, useState } from "react";
import { Button, Label, ProgressBar } from "react-aria-components";
import { useT } from "./i18n.tsx";
import { CsvFilePicker, FormAlert, type Option, PageTitle, SelectField, useAnnounce, useErrorText } from "./ui.tsx";

/** What a dry run says: how many rows the file has and which cells stop it from being imported. */
export type CsvCheck = { rows: number; errors: { line: number; column: string; code: string; message: string }[] };

/** Where an import that goes on in the background has got to. */
export type ImportProgress = { status: "running" | "done" | "failed"; done: number; total: number };

/** A template file generated in the browser: the header line only (semicolons, as Excel writes them in French). */
export function useCsvTemplate(headers: string[]) {
  const line = headers.join(";");
  const href = useMemo(() => URL.createObjectURL(new Blob([`${line}\r\n`], { type: "text/csv;charset=utf-8" })), [line]);
  useEffect(() => () => URL.revokeObjectURL(href), [href]);
  return href;
}

const formOf = (orgId: string, file: File) => {
  const f = new FormData();
  f.append("orgId", orgId); // fields before the file: the server reads them with the file part
  f.append("file", file, file.name);
  return f;
};

type Props<R extends CsvCheck, D> = {
  /**
   * Prefix of the page's messages: title, intro, step1, file, chooseFile, changeFile, noFile, check,
   * checkedOk, checkedErrors, step2, fixErrors, errors, line, column, reason, ready, run; with
   * `follow`, also step3, progress and progressValue.
   */
  messages: string;
  /** the organisations the file may be imported into */
  orgs: Option[];
  target: { label: string; description?: string };
  /** fields above the target (a format, a kind, the expected columns and a template) */
  fields?: ReactNode;
  /** what the file is read as (a format, a kind): a change drops the report, and the file when `accept` changes too */
  scope?: string;
  accept?: string[];
  check: (form: FormData) => Promise<R>;
  run: (form: FormData) => Promise<D>;
  /** once the run request has answered (fresh queries, an announcement) */
  onRun: (d: D) => void;
  /** what the report shows above the errors (counts), and below them (what will be created) */
  summary: (r: R) => ReactNode;
  details?: (r: R) => ReactNode;
  /** the count in checkedOk and ready (rows by default) */
  readyCount?: (r: R) => number;
  lineLabel?: string;
  runLabel?: (r: R) => string;
  /** what the page says once the import is over: in place of the run button, or in the progress step with `follow` */
  result: (d: D) => ReactNode;
  /** a run that goes on in the background: read again every half second until it is over, shown with a progress bar */
  follow?: { read: (d: D) => Promise<D & ImportProgress>; onOver: (d: D & ImportProgress) => void };
};

/**
 * An admin's CSV import: choose the organisation and the file, check it (a dry run that lists the
 * wrong cells by line and column), then import it — at once, or in the background with progress.
 */
export function CsvImportPage<R extends CsvCheck, D>(p: Props<R, D>) {
  const t = useT();
  const m = (key: string, values?: Record<string, string | number>) => t(`${p.messages}.${key}`, values);
  const id = useId();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const accept = p.accept ?? [".csv", "text/csv", "text/plain"];
  const [orgId, setOrgId] = useState<string | null>(null);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<R | null>(null);
  const [started, setStarted] = useState<D | null>(null);
  const [readAs, setReadAs] = useState({ scope: p.scope, accept: accept.join() });
  const target = orgId ?? p.orgs[0]?.id ?? null;
  const readyCount = p.readyCount ?? ((r: R) => r.rows);
  const reset = () => {
    setReport(null);
    setStarted(null);
  };
  if (readAs.scope !== p.scope || readAs.accept !== accept.join()) {
    setReadAs({ scope: p.scope, accept: accept.join() });
    if (readAs.accept !== accept.join()) setFile(null);
    reset();
  }

  const check = useMutation({
    mutationFn: () => p.check(formOf(target!, file!)),
    onSuccess: (r) => {
      setReport(r);
      announce(r.errors.length ? m("checkedErrors", { count: r.errors.length }) : m("checkedOk", { count: readyCount(r) }));
    },
  });
  const run = useMutation({
    mutationFn: () => p.run(formOf(target!, file!)),
    onSuccess: (d) => {
      setStarted(d);
      p.onRun(d);
    },
  });
  const progress = useQuery({
    queryKey: [p.messages, "progress", started],
    queryFn: () => p.follow!.read(started!),
    enabled: !!p.follow && !!started,
    refetchInterval: (q) => (q.state.data && q.state.data.status !== "running" ? false : 500),
  });
  const status = started && p.follow ? (progress.data ?? (started as D & ImportProgress)) : null;
  // biome-ignore lint/correctness/useExhaustiveDependencies: once when the run is over, not on each reading
  useEffect(() => {
    if (status && status.status !== "running") p.follow!.onOver(status);
  }, [status?.status]);
  const running = status?.status === "running";

  return (
    <>
      <PageTitle>{m("title")}</PageTitle>
      <p className="lead">{m("intro")}</p>
      <section className="section card" aria-labelledby={`${id}-file`}>
        <h2 id={`${id}-file`}>{m("step1")}</h2>
        <div className="form">
          {p.fields}
          <SelectField
            label={p.target.label}
            description={p.target.description}
            options={p.orgs}
            value={target}
            onChange={(v) => {
              setOrgId(v);
              reset();
            }}
            isRequired
          />
          <CsvFilePicker
            id={`${id}-picker`}
            label={m("file")}
            file={file}
            accept={accept}
            onFile={(f) => {
              setFile(f);
              reset();
            }}
            choose={m("chooseFile")}
            change={m("changeFile")}
            none={m("noFile")}
          />
          {check.isError && <FormAlert error={errorText(check.error)} />}
          <div className="form-actions">
            <Button className="btn btn-primary" isDisabled={!target || !file || running} isPending={check.isPending} onPress={() => check.mutate()}>
              {m("check")}
            </Button>
          </div>
        </div>
      </section>

      {report && (
        <section className="section card" aria-labelledby={`${id}-report`}>
          <h2 id={`${id}-report`}>{m("step2")}</h2>
          {p.summary(report)}
          {report.errors.length > 0 ? (
            <>
              <div className="alert alert-error" role="alert">
                {m("fixErrors", { count: report.errors.length })}
              </div>
              <div className="table-wrap">
                <table className="table">
                  <caption className="visually-hidden">{m("errors")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{p.lineLabel ?? m("line")}</th>
                      <th scope="col">{m("column")}</th>
                      <th scope="col">{m("reason")}</th>
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
            <div className="alert alert-ok">{m("ready", { count: readyCount(report) })}</div>
          )}
          {p.details?.(report)}
          {run.isError && <FormAlert error={errorText(run.error)} />}
          {started ? (
            !p.follow && p.result(started)
          ) : (
            <div className="form-actions">
              <Button className="btn btn-primary" isDisabled={report.errors.length > 0} isPending={run.isPending} onPress={() => run.mutate()}>
                {p.runLabel ? p.runLabel(report) : m("run")}
              </Button>
            </div>
          )}
        </section>
      )}

      {status && (
        <section className="section card" aria-labelledby={`${id}-progress`}>
          <h2 id={`${id}-progress`}>{m("step3")}</h2>
          <ProgressBar
            className="progress"
            value={status.done}
            minValue={0}
            maxValue={Math.max(1, status.total)}
            valueLabel={m("progressValue", { done: status.done, total: status.total })}
          >
            {({ percentage, valueText }) => (
              <>
                <div className="progress-head">
                  <Label>{m("progress")}</Label>
                  <span className="progress-value">{valueText}</span>
                </div>
                <div className="progress-track">
                  <div className="progress-fill" style={{ width: `${percentage ?? 0}%` }} />
                </div>
              </>
            )}
          </ProgressBar>
          {p.result(status)}
          {progress.isError && <FormAlert error={errorText(progress.error)} />}
        </section>
      )}
    </>
  );
}
