import "./qti.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams, useSearch } from "@tanstack/react-router";
import { Fragment, useRef, useState } from "react";
import { Button, Checkbox, CheckboxGroup, FileTrigger, Label } from "react-aria-components";
import { ApiError, api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
import { getCourse } from "../../courses/shared/contract.ts";
import { listBanks, listQuestions } from "../../questions/shared/contract.ts";
import { type ImportReport, importQti, type Note, QTI_MAX_MB } from "../shared/contract.ts";

/**
 * QTI import and export for a course's question bank. Import: choose a category and a ZIP or XML
 * file, check it (a dry run: a table says, per item and per interaction, what will be imported
 * and what will not and why), then import. Export: a category, a selection of its questions, or
 * a quiz of the course, as QTI 3.0 content packages.
 */
export function QtiPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { category?: string };
  const banks = useQuery({ queryKey: ["questions", "banks", id], queryFn: () => api(listBanks, { params: { courseId: id } }) });
  const course = useQuery({ queryKey: ["course", id], queryFn: () => api(getCourse, { params: { id } }) });
  const [category, setCategory] = useState<string | undefined>(search.category);
  const [file, setFile] = useState<File | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [message, setMessage] = useState<{ kind: "error" | "success"; text: string } | null>(null);
  const reportRef = useRef<HTMLElement>(null);

  const run = useMutation({
    mutationFn: async (dryRun: boolean) => {
      const form = new FormData();
      form.append("file", file!);
      return api(importQti, { params: { categoryId: category! }, query: { dryRun: dryRun ? "true" : "false" } }, { form });
    },
    onSuccess: (r, dry) => {
      setReport(r);
      if (dry) setMessage(null);
      else {
        const n = r.items.reduce((s, i) => s + i.questions.length, 0);
        setMessage({ kind: "success", text: t("ui.qti.imported", { n }) });
        announce(t("ui.qti.imported", { n }));
        qc.invalidateQueries({ queryKey: ["questions", "banks", id] });
        qc.invalidateQueries({ queryKey: ["questions"] });
        setFile(null);
      }
      requestAnimationFrame(() => reportRef.current?.focus());
    },
    onError: (e) => {
      const details = e instanceof ApiError ? (e.details as ImportReport | undefined) : undefined;
      if (details?.items) setReport(details);
      setMessage({ kind: "error", text: e instanceof ApiError ? e.message : t("ui.errors.unexpected") });
      requestAnimationFrame(() => reportRef.current?.focus());
    },
  });

  if (banks.isPending) return <Loading />;
  if (banks.isError) return <QueryError error={banks.error} />;
  const label = (b: { kind: string; name: string }, c: { name: string }) => (b.kind === "course" ? c.name : `${b.name} — ${c.name}`);
  const editable = banks.data.banks.filter((b) => b.canEdit).flatMap((b) => b.categories.map((c) => ({ id: c.id, label: label(b, c) })));
  const visible = banks.data.banks.flatMap((b) => b.categories.map((c) => ({ id: c.id, label: label(b, c), count: c.questionCount })));
  const chosen = category ?? editable[0]?.id ?? visible[0]?.id;
  const quizzes = (course.data?.sections ?? []).flatMap((s) => s.items.filter((i) => i.kind === "quiz"));
  const checked = report?.dryRun === true;
  const toImport = report ? report.items.reduce((s, i) => s + i.questions.length, 0) : 0;

  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id/questions" params={{ id }} search={{ category: chosen }}>
          <span aria-hidden="true">← </span>
          {t("ui.questions.title")}
        </Link>
      </nav>
      <PageTitle>{t("ui.qti.title")}</PageTitle>
      <div className="qti-columns">
        <section className="card qti-import" aria-labelledby="qti-import-h">
          <h2 id="qti-import-h">{t("ui.qti.importTitle")}</h2>
          <p className="field-help">{t("ui.qti.importHelp", { max: QTI_MAX_MB })}</p>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              run.mutate(true);
            }}
          >
            {editable.length > 0 ? (
              <SelectField
                label={t("ui.qti.category")}
                value={chosen ?? null}
                onChange={(v) => {
                  setCategory(v);
                  setReport(null);
                }}
                options={editable}
                isRequired
              />
            ) : (
              <p>{t("ui.qti.noCategory")}</p>
            )}
            <div className="field">
              <FileTrigger
                acceptedFileTypes={[".zip", ".xml", "application/zip", "application/xml", "text/xml"]}
                onSelect={(files) => {
                  const f = files?.[0];
                  if (!f) return;
                  setFile(f);
                  setReport(null);
                  setMessage(null);
                }}
              >
                <Button className="btn btn-secondary">{t("ui.qti.chooseFile")}</Button>
              </FileTrigger>
              <p className="field-help" aria-live="polite">
                {file ? t("ui.qti.fileChosen", { name: file.name }) : t("ui.qti.noFile")}
              </p>
            </div>
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary" isDisabled={!file || !chosen} isPending={run.isPending && run.variables === true}>
                {t("ui.qti.check")}
              </Button>
              {checked && file && (
                <Button
                  className="btn btn-primary"
                  onPress={() => run.mutate(false)}
                  isDisabled={toImport === 0}
                  isPending={run.isPending && run.variables === false}
                >
                  {t("ui.qti.confirm", { n: toImport })}
                </Button>
              )}
            </div>
          </form>
        </section>
        <ExportPanel categories={visible} initial={chosen} quizzes={quizzes} courseId={id} />
      </div>
      {(report || message) && (
        <section className="card qti-report" ref={reportRef} tabIndex={-1} aria-label={t("ui.qti.report")}>
          <h2>{t("ui.qti.report")}</h2>
          {message && (
            <p className={`alert ${message.kind === "error" ? "alert-error" : "alert-ok"}`} role={message.kind === "error" ? "alert" : "status"}>
              {message.text}
            </p>
          )}
          {report && <ReportView report={report} />}
        </section>
      )}
    </>
  );
}

const levelClass = (l: Note["level"]) => `qti-note qti-note-${l}`;

function Notes({ notes }: { notes: Note[] }) {
  const t = useT();
  if (notes.length === 0) return null;
  return (
    <ul className="qti-notes">
      {notes.map((n) => (
        <li key={`${n.code}:${n.message}`} className={levelClass(n.level)}>
          <span className="qti-level">{t(`ui.qti.level.${n.level}`)}</span> {n.message}
        </li>
      ))}
    </ul>
  );
}

function ReportView({ report }: { report: ImportReport }) {
  const t = useT();
  const questions = report.items.reduce((s, i) => s + i.questions.length, 0);
  const counts = Object.entries(report.counts).sort(([a], [b]) => a.localeCompare(b));
  return (
    <>
      <p>
        {report.dryRun
          ? t("ui.qti.summaryDry", { items: report.found, questions })
          : t("ui.qti.summaryDone", { items: report.found, questions: report.imported })}
      </p>
      <Notes notes={report.notes} />
      {counts.length > 0 && (
        <table className="table qti-counts">
          <caption>{t("ui.qti.countsCaption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ui.qti.interaction")}</th>
              <th scope="col">{t("ui.qti.importedCol")}</th>
              <th scope="col">{t("ui.qti.notImportedCol")}</th>
            </tr>
          </thead>
          <tbody>
            {counts.map(([k, v]) => (
              <tr key={k}>
                <th scope="row">{k}</th>
                <td>{v.imported}</td>
                <td>{v.notImported}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.items.length > 0 && (
        // a wide table scrolls sideways on small screens: the keyboard must reach it too (axe: scrollable-region-focusable)
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must be focusable to be scrolled by keyboard
        <section className="qti-table-wrap" tabIndex={0} aria-label={t("ui.qti.itemsCaption", { n: report.items.length })}>
          <table className="table qti-items">
            <caption>{t("ui.qti.itemsCaption", { n: report.items.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.qti.item")}</th>
                <th scope="col">{t("ui.qti.interaction")}</th>
                <th scope="col">{t("ui.qti.result")}</th>
                <th scope="col">{t("ui.qti.why")}</th>
              </tr>
            </thead>
            <tbody>
              {report.items.map((item) => {
                const rows = Math.max(1, item.interactions.length);
                return (
                  <Fragment key={`${item.file}#${item.identifier}`}>
                    {(item.interactions.length ? item.interactions : [null]).map((r, j) => (
                      <tr key={r ? `${r.interaction}:${r.responseId}:${j}` : "none"} className={r?.status === "imported" ? "qti-ok" : "qti-ko"}>
                        {j === 0 && (
                          <th scope="rowgroup" rowSpan={rows}>
                            <span className="qti-item-title">{item.title || item.identifier}</span>
                            <span className="qti-item-file">
                              {item.file} · QTI {item.version}
                            </span>
                            <Notes notes={item.notes} />
                          </th>
                        )}
                        <td>{r ? `${r.interaction}${r.responseId ? ` (${r.responseId})` : ""}` : "—"}</td>
                        <td>
                          {r?.status === "imported" ? (
                            <span className="qti-badge qti-badge-ok">{t("ui.qti.importedAs", { type: t(`ui.questions.types.${r.questionType}`) })}</span>
                          ) : (
                            <span className="qti-badge qti-badge-ko">{t("ui.qti.notImported")}</span>
                          )}
                        </td>
                        <td>{r ? <Notes notes={r.notes} /> : null}</td>
                      </tr>
                    ))}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

function ExportPanel({
  categories,
  initial,
  quizzes,
  courseId,
}: {
  categories: { id: string; label: string; count: number }[];
  initial: string | undefined;
  quizzes: { id: string; title: string }[];
  courseId: string;
}) {
  const t = useT();
  const [category, setCategory] = useState<string | undefined>(initial);
  const [selected, setSelected] = useState<string[]>([]);
  const questions = useQuery({
    queryKey: ["questions", "list", category, "qti"],
    queryFn: () => api(listQuestions, { params: { categoryId: category! }, query: {} }),
    enabled: !!category,
  });
  const base = category ? url(`/api/v1/question-categories/${category}/qti-export.zip`) : "";
  return (
    <section className="card qti-export" aria-labelledby="qti-export-h">
      <h2 id="qti-export-h">{t("ui.qti.exportTitle")}</h2>
      <p className="field-help">{t("ui.qti.exportHelp")}</p>
      <SelectField
        label={t("ui.qti.category")}
        value={category ?? null}
        onChange={(v) => {
          setCategory(v);
          setSelected([]);
        }}
        options={categories.map((c) => ({ id: c.id, label: `${c.label} (${c.count})` }))}
      />
      {category && (
        <div className="form-actions">
          <a className="btn btn-secondary" href={base} download>
            {t("ui.qti.exportCategory")}
          </a>
        </div>
      )}
      {questions.data && questions.data.items.length > 0 && (
        <>
          <CheckboxGroup className="qti-select" value={selected} onChange={setSelected}>
            <Label>{t("ui.qti.selection")}</Label>
            {questions.data.items.map((q) => (
              <Checkbox key={q.id} value={q.id} className="checkbox">
                <span className="checkbox-box" aria-hidden="true" />
                <span>
                  {q.name} <span className="qti-type">({t(`ui.questions.types.${q.type}`)})</span>
                </span>
              </Checkbox>
            ))}
          </CheckboxGroup>
          <div className="form-actions">
            {selected.length > 0 ? (
              <a className="btn btn-secondary" href={`${base}?ids=${selected.join(",")}`} download>
                {t("ui.qti.exportSelected", { n: selected.length })}
              </a>
            ) : (
              <p className="field-help">{t("ui.qti.selectHint")}</p>
            )}
          </div>
        </>
      )}
      {quizzes.length > 0 && (
        <>
          <h3>{t("ui.qti.quizzes")}</h3>
          <ul className="qti-quizzes">
            {quizzes.map((q) => (
              <li key={q.id}>
                <a className="btn btn-quiet" href={url(`/api/v1/courses/${courseId}/quizzes/${q.id}/qti-export.zip`)} download>
                  {t("ui.qti.exportQuiz", { title: q.title })}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
