import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form, Input, Label, TextField } from "react-aria-components";
import { useIntl } from "react-intl";
import { fillPath } from "../../../kernel/contract.ts";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
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
  useFormErrors,
} from "../../../web/ui.tsx";
import { attestationPath, getReport, type ReportQuery, reportCsvPath, setFunder } from "../shared/contract.ts";
import { hoursMinutes } from "../shared/format.ts";
import "./reporting.css";

const ALL = "all";

/** The filters a report opens with: those of its address (links from the funders overview carry them). */
export function useInitialFilters(): ReportQuery {
  const s = useSearch({ strict: false }) as Record<string, unknown>;
  const str = (v: unknown) => (v === undefined || v === null || v === "" ? undefined : String(v));
  return { from: str(s.from), to: str(s.to), funder: str(s.funder) };
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

/** The funder report of a course: filters by period and funder, one row per learner, the CSV and each attestation. */
export function FunderReportPage() {
  const t = useT();
  const intl = useIntl();
  const { id } = useParams({ strict: false }) as { id: string };
  const [f, setF] = useState<ReportQuery>(useInitialFilters());
  const q = useQuery({
    queryKey: ["funder-report", id, f],
    queryFn: () => api(getReport, { params: { courseId: id }, query: f }),
    placeholderData: keepPreviousData,
  });
  const search = new URLSearchParams(Object.entries(f).filter(([, v]) => !!v) as [string, string][]).toString();
  const withQuery = (path: string) => url(`${path}${search ? `?${search}` : ""}`);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const r = q.data;
  const day = (iso: string) => intl.formatDate(iso, { day: "numeric", month: "short", year: "numeric" });
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {r.course.title}
        </Link>
      </nav>
      <PageTitle
        actions={
          <a className="btn btn-secondary" href={withQuery(fillPath(reportCsvPath, { courseId: id }))} download>
            {t("ui.reporting.csv.download")}
          </a>
        }
      >
        {t("ui.reporting.title")}
      </PageTitle>
      <details className="card section report-method">
        <summary>{t("ui.reporting.methodTitle")}</summary>
        <ul>
          <li>{t("ui.reporting.methodOnline", { gap: r.gapMinutes })}</li>
          <li>{t("ui.reporting.methodAttendance")}</li>
          <li>{t("ui.reporting.methodCompletion")}</li>
          <li>{t("ui.reporting.methodResult")}</li>
        </ul>
      </details>
      <ReportFilters f={f} setF={setF} funders={r.funders} />
      <p>
        <Link to="/funder-reports" search={{ from: f.from, to: f.to }}>
          {t("ui.reporting.overviewLink")}
        </Link>
      </p>
      <p className="result-count" role="status">
        {t("ui.reporting.count", { count: r.rows.length })}
      </p>
      {r.rows.length === 0 ? (
        <EmptyState title={t("ui.reporting.empty")}>
          <p>{t("ui.reporting.emptyHelp")}</p>
        </EmptyState>
      ) : (
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
        <section className="table-wrap" aria-label={t("ui.reporting.title")} tabIndex={0}>
          <table className="table report-table">
            <caption className="visually-hidden">{t("ui.reporting.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.reporting.col.learner")}</th>
                <th scope="col">{t("ui.reporting.col.funder")}</th>
                <th scope="col">{t("ui.reporting.col.online")}</th>
                <th scope="col">{t("ui.reporting.col.attendance")}</th>
                <th scope="col">{t("ui.reporting.col.completion")}</th>
                <th scope="col">{t("ui.reporting.col.result")}</th>
                <th scope="col">{t("ui.reporting.col.attestation")}</th>
              </tr>
            </thead>
            <tbody>
              {r.rows.map((x) => (
                <tr key={x.userId}>
                  <th scope="row" className="report-name">
                    {x.familyName} {x.givenName}
                    <div className="muted small">{x.username}</div>
                  </th>
                  <td>
                    <FunderCell
                      name={`${x.givenName} ${x.familyName}`}
                      funder={x.funder}
                      save={(funder) => api(setFunder, { params: { courseId: id, userId: x.userId }, body: { funder } })}
                      queryKey={["funder-report", id]}
                    />
                  </td>
                  <td>
                    {hoursMinutes(x.online.seconds)}
                    <div className="muted small">{t("ui.reporting.visits", { count: x.online.visits })}</div>
                  </td>
                  <td>
                    {t("ui.reporting.presentOf", { present: x.attendance.present, sessions: x.attendance.sessions })}
                    <div className="muted small">{t("ui.reporting.presentHours", { time: hoursMinutes(x.attendance.presentMinutes * 60) })}</div>
                  </td>
                  <td>
                    {t("ui.reporting.itemsDone", { done: x.completion.done, total: x.completion.total })}
                    {x.completion.completedAt && <div className="muted small">{t("ui.reporting.completedOn", { date: day(x.completion.completedAt) })}</div>}
                  </td>
                  <td>{x.result.text || <span className="muted">{t("ui.reporting.noResult")}</span>}</td>
                  <td>
                    <a href={withQuery(fillPath(attestationPath, { courseId: id, userId: x.userId }))} download>
                      {t("ui.reporting.pdf", { name: `${x.givenName} ${x.familyName}` })}
                    </a>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

/** A learner's funder with a dialog to change it (course and programme reports). */
export function FunderCell({
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
  const errors = useFormErrors();
  const [open, setOpen] = useState(false);
  const m = useMutation({
    mutationFn: save,
    onSuccess: () => {
      setOpen(false);
      announce(t("ui.reporting.funderSaved"));
      qc.invalidateQueries({ queryKey });
      qc.invalidateQueries({ queryKey: ["funders-overview"] });
    },
    onError: errors.onError,
  });
  return (
    <>
      {funder ?? <span className="muted">{t("ui.reporting.noFunder")}</span>}{" "}
      <ModalButton
        label={t("ui.reporting.editFunder")}
        ariaLabel={t("ui.reporting.editFunderNamed", { name })}
        title={t("ui.reporting.editFunderNamed", { name })}
        variant="quiet"
        isOpen={open}
        onOpenChange={setOpen}
      >
        {() => (
          <Form className="form" validationErrors={errors.error?.fields} onSubmit={(e) => m.mutate(formValues(e).funder ?? "")}>
            <FormAlert error={errors.error} />
            <Field name="funder" label={t("ui.reporting.funder")} description={t("ui.reporting.funderHelp")} defaultValue={funder ?? ""} autoFocus />
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
                {t("ui.common.save")}
              </Button>
            </div>
          </Form>
        )}
      </ModalButton>
    </>
  );
}
