import "./gradebook.css";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Button, Checkbox, FieldError, Form, Input, Label, SearchField, TextArea, TextField } from "react-aria-components";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, FormAlert, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { Pager } from "../../accounts/client/pager.tsx";
import { exportPath, getGradebook, importGrades } from "../shared/contract.ts";
import { GradeGrid } from "./grid.tsx";
import { Breadcrumb, gradebookKey, TotalExplained } from "./parts.tsx";

const PAGE_SIZE = 200;

/**
 * The teachers' gradebook: learners × grade items, a page of learners at a time from the server
 * (sorted and searched there), rendered in a virtualised grid; exports and import.
 */
export function GradebookPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const [page, setPage] = useState(1);
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [sort, setSort] = useState("name");
  const [dir, setDir] = useState<"asc" | "desc">("asc");
  // searching waits for a pause in typing
  useEffect(() => {
    const h = setTimeout(() => {
      setQ(search.trim());
      setPage(1);
    }, 300);
    return () => clearTimeout(h);
  }, [search]);
  const query = {
    page,
    pageSize: PAGE_SIZE,
    q: q || undefined,
    dir,
    ...(sort === "name" || sort === "total" ? { sort: sort as "name" | "total" } : { sort: "item" as const, sortItem: sort }),
  };
  const g = useQuery({
    queryKey: [...gradebookKey(id), "grid", query],
    queryFn: () => api(getGradebook, { params: { id }, query }),
    placeholderData: keepPreviousData,
  });
  if (g.isPending) return <Loading />;
  if (g.isError) return <QueryError error={g.error} />;
  const d = g.data;
  return (
    <>
      <Breadcrumb courseId={id} courseTitle={d.course.title} />
      <PageTitle
        actions={
          <>
            {d.canEdit && (
              <Link className="btn btn-secondary" to="/courses/$id/gradebook/setup" params={{ id }}>
                {t("ui.gradebook.setup.title")}
              </Link>
            )}
            <a className="btn btn-secondary" href={url(exportPath(id, "csv"))} download>
              {t("ui.gradebook.exportCsv")}
            </a>
            <a className="btn btn-secondary" href={url(exportPath(id, "xlsx"))} download>
              {t("ui.gradebook.exportXlsx")}
            </a>
            {d.canGrade && (
              <ModalButton label={t("ui.gradebook.import.open")} title={t("ui.gradebook.import.title")} variant="secondary">
                {(close) => <ImportForm courseId={id} onDone={close} />}
              </ModalButton>
            )}
          </>
        }
      >
        {t("ui.gradebook.title")}
      </PageTitle>
      <TotalExplained categories={d.categories} uncategorisedWeight={d.uncategorisedWeight} scaleName={d.scale.name} />
      {d.items.length === 0 ? (
        <EmptyState title={t("ui.gradebook.noItems")}>
          <p>{d.canEdit ? t("ui.gradebook.noItemsEditor") : t("ui.gradebook.noItemsTeacher")}</p>
        </EmptyState>
      ) : (
        <>
          <div className="filters gb-filters">
            <SearchField className="field" value={search} onChange={setSearch} aria-label={t("ui.gradebook.search")}>
              <Label>{t("ui.gradebook.search")}</Label>
              <Input />
            </SearchField>
            <SelectField
              label={t("ui.gradebook.sortBy")}
              value={sort}
              onChange={(v) => {
                setSort(v);
                setPage(1);
              }}
              options={[
                { id: "name", label: t("ui.gradebook.sortName") },
                { id: "total", label: t("ui.gradebook.total") },
                ...d.items.map((i) => ({ id: i.id, label: i.title })),
              ]}
            />
            <SelectField
              label={t("ui.gradebook.order")}
              value={dir}
              onChange={(v) => {
                setDir(v as "asc" | "desc");
                setPage(1);
              }}
              options={[
                { id: "asc", label: t("ui.gradebook.asc") },
                { id: "desc", label: t("ui.gradebook.desc") },
              ]}
            />
          </div>
          <p className="result-count" role="status">
            {t("ui.gradebook.count", { count: d.total })}
          </p>
          {d.total === 0 ? (
            <EmptyState title={q ? t("ui.gradebook.noMatch") : t("ui.gradebook.noLearners")} />
          ) : (
            <>
              <p className="muted gb-help" id="gb-help">
                {d.canGrade ? t("ui.gradebook.keyboardHelp") : t("ui.gradebook.readOnlyHelp")}
              </p>
              <GradeGrid
                courseId={id}
                items={d.items}
                learners={d.learners}
                offset={(d.page - 1) * d.pageSize}
                total={d.total}
                canGrade={d.canGrade}
                sort={{ by: sort, dir }}
                label={t("ui.gradebook.gridLabel", { course: d.course.title })}
              />
              <Pager page={page} pageSize={PAGE_SIZE} total={d.total} onChange={setPage} />
            </>
          )}
        </>
      )}
    </>
  );
}

type ImportResult = Awaited<ReturnType<typeof api<typeof importGrades>>>;

/** Paste or pick a CSV; check first (dry run with a per-row report), then import: all or nothing. */
function ImportForm({ courseId, onDone }: { courseId: string; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [csv, setCsv] = useState("");
  const [report, setReport] = useState<ImportResult | null>(null);
  const [apply, setApply] = useState(false);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => api(importGrades, { params: { id: courseId }, body: { csv, dryRun } }),
    onSuccess: (r) => {
      setReport(r);
      if (r.applied) {
        qc.invalidateQueries({ queryKey: gradebookKey(courseId) });
        announce(t("ui.gradebook.import.done", { count: r.changes }));
        onDone();
      }
    },
    onError,
  });
  return (
    <Form
      className="form"
      validationErrors={error?.fields}
      onSubmit={(e) => {
        e.preventDefault();
        clear();
        run.mutate(!apply);
      }}
    >
      <FormAlert error={error} />
      <p className="field-help">{t("ui.gradebook.import.help")}</p>
      <label className="field">
        <span>{t("ui.gradebook.import.file")}</span>
        <input
          type="file"
          accept=".csv,text/csv"
          onChange={async (e) => {
            const f = e.target.files?.[0];
            if (f) {
              setCsv(await f.text());
              setReport(null);
            }
          }}
        />
      </label>
      <TextField
        name="csv"
        className="field"
        value={csv}
        onChange={(v) => {
          setCsv(v);
          setReport(null);
        }}
        isRequired
      >
        <Label>{t("ui.gradebook.import.paste")}</Label>
        <TextArea rows={6} className="gb-csv" />
        <FieldError className="field-error" />
      </TextField>
      {report && <ImportReport report={report} />}
      <Checkbox isSelected={apply} onChange={setApply} isDisabled={!report || report.errors > 0 || report.changes === 0} className="checkbox">
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.gradebook.import.apply")}
      </Checkbox>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={run.isPending} isDisabled={!csv.trim()}>
          {apply ? t("ui.gradebook.import.run") : t("ui.gradebook.import.check")}
        </Button>
      </div>
    </Form>
  );
}

function ImportReport({ report }: { report: ImportResult }) {
  const t = useT();
  const bad = report.rows.filter((r) => r.errors.length);
  const ignored = report.columns.filter((c, n) => n > 0 && !c.itemId);
  return (
    <div className={`alert ${report.errors ? "alert-error" : "alert-ok"}`} role="status">
      <p>
        {report.errors
          ? t("ui.gradebook.import.errors", { count: report.errors })
          : t("ui.gradebook.import.ready", { count: report.changes, rows: report.rows.length })}
      </p>
      {ignored.length > 0 && <p>{t("ui.gradebook.import.ignored", { columns: ignored.map((c) => c.title).join(", ") })}</p>}
      {bad.length > 0 && (
        <ul className="gb-report">
          {bad.slice(0, 200).map((r) => (
            <li key={r.line}>
              {t("ui.gradebook.import.line", { line: r.line })} — {r.errors.map((e) => `${e.column} : ${e.message}`).join(" ; ")}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
