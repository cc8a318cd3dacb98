import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useSearch } from "@tanstack/react-router";
import { type ReactNode, useState } from "react";
import { Button, Form, Input, Label, TextField } from "react-aria-components";
import { useIntl } from "react-intl";
import { url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { EmptyState, Field, formValues, PageTitle, SelectField, useAnnounce } from "../../../web/ui.tsx";
import type { ReportQuery, ReportRow } from "../shared/contract.ts";
import { hoursMinutes } from "../shared/format.ts";
import "./reporting.css";

/** What the funder reports share: their filters, the frame of a course's or a programme's report and the cells of its table. */

const ALL = "all";

/**
 * A report under its filters: the filters open with those of the page's address (links from the
 * funders overview carry them); the previous figures stay while new ones load; withQuery gives
 * the addresses of its downloads (CSV, attestations) under the same filters.
 */
export function useReport<R>(queryKey: unknown[], load: (f: ReportQuery) => Promise<R>) {
  const s = useSearch({ strict: false }) as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));
  const [f, setF] = useState<ReportQuery>({ from: str(s.from), to: str(s.to), funder: str(s.funder) });
  const q = useQuery({ queryKey: [...queryKey, f], queryFn: () => load(f), placeholderData: keepPreviousData });
  const search = new URLSearchParams(Object.entries(f).filter(([, v]) => !!v) as [string, string][]).toString();
  const withQuery = (path: string) => url(`${path}${search ? `?${search}` : ""}`);
  return { f, setF, q, withQuery };
}

/** Period (applied with a button) and funder (applied at once) of a report. */
export function ReportFilters({ f, setF, funders }: { f: ReportQuery; setF: (f: ReportQuery) => void; funders: string[] }) {
  const t = useT();
  return (
    <Form
      className="filters report-filters"
      aria-label={t("ui.reporting.filters")}
      onSubmit={(e) => {
        const v = formValues(e);
        setF({ from: v.from || undefined, to: v.to || undefined, funder: f.funder });
      }}
    >
      <TextField name="from" type="date" className="field" defaultValue={f.from}>
        <Label>{t("ui.reporting.from")}</Label>
        <Input />
      </TextField>
      <TextField name="to" type="date" className="field" defaultValue={f.to}>
        <Label>{t("ui.reporting.to")}</Label>
        <Input />
      </TextField>
      <Button type="submit" className="btn btn-secondary">
        {t("ui.reporting.applyPeriod")}
      </Button>
      <SelectField
        label={t("ui.reporting.funder")}
        value={f.funder ?? ALL}
        options={[{ id: ALL, label: t("ui.reporting.allFunders") }, ...funders.map((x) => ({ id: x, label: x }))]}
        onChange={(v) => setF({ ...f, funder: v === ALL ? undefined : v })}
      />
    </Form>
  );
}

/**
 * The page of a course's or a programme's report: the way back, the title and the CSV, how the
 * figures are computed, the filters, then the table (one row per learner: name, funder, time
 * online, attendance, progress, result, attestation) whose body the page gives.
 */
export function ReportLayout({
  back,
  title,
  csvHref,
  method,
  report,
  filters: { f, setF },
  emptyHelp,
  progressColumn,
  children,
}: {
  /** the training's page, its title and the name of the way back */
  back: { to: "/courses/$id" | "/programmes/$id"; id: string; title: string; label: string };
  title: string;
  csvHref: string;
  /** how the figures are computed: a message each, given the gap between two visits */
  method: string[];
  report: { gapMinutes: number; funders: string[]; rows: unknown[] };
  filters: { f: ReportQuery; setF: (f: ReportQuery) => void };
  emptyHelp: string;
  progressColumn: string;
  /** the table's body or bodies */
  children: ReactNode;
}) {
  const t = useT();
  const count = report.rows.length;
  return (
    <>
      <nav className="breadcrumb" aria-label={back.label}>
        <Link to={back.to} params={{ id: back.id }}>
          <span aria-hidden="true">← </span>
          {back.title}
        </Link>
      </nav>
      <PageTitle
        actions={
          <a className="btn btn-secondary" href={csvHref} download>
            {t("ui.reporting.csv.download")}
          </a>
        }
      >
        {title}
      </PageTitle>
      <details className="card section report-method">
        <summary>{t("ui.reporting.methodTitle")}</summary>
        <ul>
          {method.map((id) => (
            <li key={id}>{t(id, { gap: report.gapMinutes })}</li>
          ))}
        </ul>
      </details>
      <ReportFilters f={f} setF={setF} funders={report.funders} />
      <p>
        <Link to="/funder-reports" search={{ from: f.from, to: f.to }}>
          {t("ui.reporting.overviewLink")}
        </Link>
      </p>
      <p className="result-count" role="status">
        {t("ui.reporting.count", { count })}
      </p>
      {count === 0 ? (
        <EmptyState title={t("ui.reporting.empty")}>
          <p>{emptyHelp}</p>
        </EmptyState>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
        <section className="table-wrap" aria-label={title} tabIndex={0}>
          <table className="table report-table">
            <caption className="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.reporting.col.learner")}</th>
                <th scope="col">{t("ui.reporting.col.funder")}</th>
                <th scope="col">{t("ui.reporting.col.online")}</th>
                <th scope="col">{t("ui.reporting.col.attendance")}</th>
                <th scope="col">{progressColumn}</th>
                <th scope="col">{t("ui.reporting.col.result")}</th>
                <th scope="col">{t("ui.reporting.col.attestation")}</th>
              </tr>
            </thead>
            {children}
          </table>
        </section>
      )}
    </>
  );
}

/** A day as the reports show it (2 Mar 2026). */
export function useDay() {
  const intl = useIntl();
  return (iso: string) => intl.formatDate(iso, { day: "numeric", month: "short", year: "numeric" });
}

/** A learner's row: their name, their funder (changed through save), the figures the page gives, their attestation. */
export function LearnerRow({
  x,
  save,
  queryKey,
  attestationHref,
  children,
}: {
  x: Pick<ReportRow, "givenName" | "familyName" | "username" | "funder">;
  save: (funder: string) => Promise<unknown>;
  /** the report's query, refreshed once the funder is saved */
  queryKey: unknown[];
  attestationHref: string;
  children: ReactNode;
}) {
  const t = useT();
  const name = `${x.givenName} ${x.familyName}`;
  return (
    <tr>
      <th scope="row" className="report-name">
        {x.familyName} {x.givenName}
        <div className="muted small">{x.username}</div>
      </th>
      <td>
        <FunderCell name={name} funder={x.funder} save={save} queryKey={queryKey} />
      </td>
      {children}
      <td>
        <a href={attestationHref} download>
          {t("ui.reporting.pdf", { name })}
        </a>
      </td>
    </tr>
  );
}

/** Time online and attendance: a course's figures, or a programme's totals. */
export function TimeCells({ x }: { x: Pick<ReportRow, "online" | "attendance"> }) {
  const t = useT();
  return (
    <>
      <td>
        {hoursMinutes(x.online.seconds)}
        <div className="muted small">{t("ui.reporting.visits", { count: x.online.visits })}</div>
      </td>
      <td>
        {t("ui.reporting.presentOf", { present: x.attendance.present, sessions: x.attendance.sessions })}
        <div className="muted small">{t("ui.reporting.presentHours", { time: hoursMinutes(x.attendance.presentMinutes * 60) })}</div>
      </td>
    </>
  );
}

/** A learner's figures in one course: time online, attendance, items completed, result. */
export function CourseCells({ x }: { x: Pick<ReportRow, "online" | "attendance" | "completion" | "result"> }) {
  const t = useT();
  const day = useDay();
  return (
    <>
      <TimeCells x={x} />
      <td>
        {t("ui.reporting.itemsDone", { done: x.completion.done, total: x.completion.total })}
        {x.completion.completedAt && <div className="muted small">{t("ui.reporting.completedOn", { date: day(x.completion.completedAt) })}</div>}
      </td>
      <td>{x.result.text || <span className="muted">{t("ui.reporting.noResult")}</span>}</td>
    </>
  );
}

/** A learner's funder with a dialog to change it. */
function FunderCell({
  name,
  funder,
  save,
  queryKey,
}: {
  name: string;
  funder: string | null;
  save: (funder: string) => Promise<unknown>;
  queryKey: unknown[];
}) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: save,
    onSuccess: () => {
      announce(t("ui.reporting.funderSaved"));
      qc.invalidateQueries({ queryKey });
      qc.invalidateQueries({ queryKey: ["funders-overview"] });
    },
  });
  return (
    <>
      {funder ?? <span className="muted">{t("ui.reporting.noFunder")}</span>}{" "}
      <FormDialog
        label={t("ui.reporting.editFunder")}
        ariaLabel={t("ui.reporting.editFunderNamed", { name })}
        title={t("ui.reporting.editFunderNamed", { name })}
        submitLabel={t("ui.common.save")}
        onSubmit={(data) => m.mutateAsync(String(data.get("funder") ?? ""))}
      >
        {() => <Field name="funder" label={t("ui.reporting.funder")} description={t("ui.reporting.funderHelp")} defaultValue={funder ?? ""} autoFocus />}
      </FormDialog>
    </>
  );
}
