import "./questions.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams, useSearch } from "@tanstack/react-router";
import { useRef, useState } from "react";
import { Button, Checkbox, FileTrigger, Label, Text, TextArea, TextField } from "react-aria-components";
import { ApiError, api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
import { type ImportProblem, importQuestions, listBanks } from "../shared/contract.ts";
import { banksKey, questionsKey } from "./bank.tsx";

type Report = { found: number; imported: number; problems: ImportProblem[]; questions: { name: string; type: string; line: number }[] };

const EXAMPLE = `::Capitale::Quelle est la capitale de l'Italie ? {=Rome ~Milan ~Naples}

Le Rhône se jette dans la Méditerranée. {T}

Nombres premiers ? {~%50%2 ~%50%3 ~%-100%4}

Combien font 2+2 ? {#4}

Le chat {=dort ~mange} sur le canapé.`;

/**
 * Bulk creation from GIFT text (typed or pasted) or a Moodle XML file. "Check" lists what would be
 * imported and every problem with its line; nothing is imported while there are errors, unless
 * the teacher chooses to import only the valid questions.
 */
export function ImportPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { category?: string };
  const banks = useQuery({ queryKey: banksKey(id), queryFn: () => api(listBanks, { params: { courseId: id } }) });
  const [format, setFormat] = useState<"gift" | "moodlexml">("gift");
  const [text, setText] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [report, setReport] = useState<{ r: Report; dry: boolean; message?: string } | null>(null);
  const [category, setCategory] = useState<string | undefined>(search.category);
  const reportRef = useRef<HTMLElement>(null);
  const run = useMutation({
    mutationFn: (dryRun: boolean) => api(importQuestions, { params: { categoryId: category! }, body: { format, text, dryRun, skipInvalid } }),
    onSuccess: (r, dry) => {
      setReport({ r, dry });
      if (!dry) {
        qc.invalidateQueries({ queryKey: questionsKey(category!) });
        qc.invalidateQueries({ queryKey: banksKey(id) });
        announce(t("ui.questions.import.done", { n: r.imported }));
      }
      requestAnimationFrame(() => reportRef.current?.focus());
    },
    onError: (e, dry) => {
      const details = e instanceof ApiError ? (e.details as Report | undefined) : undefined;
      setReport({
        r: details ?? { found: 0, imported: 0, problems: [], questions: [] },
        dry,
        message: e instanceof ApiError ? e.message : t("ui.errors.unexpected"),
      });
      requestAnimationFrame(() => reportRef.current?.focus());
    },
  });
  if (banks.isPending) return <Loading />;
  if (banks.isError) return <QueryError error={banks.error} />;
  const editable = banks.data.banks
    .filter((b) => b.canEdit)
    .flatMap((b) => b.categories.map((c) => ({ id: c.id, label: b.kind === "course" ? c.name : `${b.name} — ${c.name}` })));
  const chosen = category ?? editable[0]?.id;
  if (!category && chosen) setCategory(chosen);
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id/questions" params={{ id }} search={{ category: chosen }}>
          <span aria-hidden="true">← </span>
          {t("ui.questions.title")}
        </Link>
      </nav>
      <PageTitle>{t("ui.questions.import.title")}</PageTitle>
      <form
        className="form q-import"
        onSubmit={(e) => {
          e.preventDefault();
          run.mutate(false);
        }}
      >
        <SelectField label={t("ui.questions.import.category")} value={chosen ?? null} onChange={setCategory} options={editable} isRequired />
        <SelectField
          label={t("ui.questions.import.format")}
          value={format}
          onChange={(v) => {
            setFormat(v as "gift" | "moodlexml");
            setReport(null);
          }}
          options={[
            { id: "gift", label: t("ui.questions.import.gift") },
            { id: "moodlexml", label: t("ui.questions.import.moodlexml") },
          ]}
        />
        <div className="field">
          <FileTrigger
            acceptedFileTypes={format === "gift" ? [".txt", ".gift", "text/plain"] : [".xml", "application/xml", "text/xml"]}
            onSelect={async (files) => {
              const f = files?.[0];
              if (!f) return;
              setText(await f.text());
              setFileName(f.name);
              setReport(null);
            }}
          >
            <Button className="btn btn-secondary">{t("ui.questions.import.chooseFile")}</Button>
          </FileTrigger>
          {fileName && <p className="field-help">{t("ui.questions.import.fileLoaded", { name: fileName })}</p>}
        </div>
        <TextField className="field" value={text} onChange={setText} isRequired>
          <Label>{t(format === "gift" ? "ui.questions.import.giftText" : "ui.questions.import.xmlText")}</Label>
          <TextArea rows={12} className="q-import-text" spellCheck={false} placeholder={format === "gift" ? EXAMPLE : "<quiz>…</quiz>"} />
          <Text slot="description" className="field-help">
            {t(format === "gift" ? "ui.questions.import.giftHelp" : "ui.questions.import.xmlHelp")}
          </Text>
        </TextField>
        <Checkbox className="checkbox" isSelected={skipInvalid} onChange={setSkipInvalid}>
          <span className="checkbox-box" aria-hidden="true" />
          {t("ui.questions.import.skipInvalid")}
        </Checkbox>
        <div className="form-actions">
          <Button
            className="btn btn-secondary"
            onPress={() => run.mutate(true)}
            isDisabled={!text.trim() || !chosen}
            isPending={run.isPending && run.variables === true}
          >
            {t("ui.questions.import.check")}
          </Button>
          <Button type="submit" className="btn btn-primary" isDisabled={!text.trim() || !chosen} isPending={run.isPending && run.variables === false}>
            {t("ui.questions.import.run")}
          </Button>
        </div>
      </form>
      {report && (
        <section className="card q-report" ref={reportRef} tabIndex={-1} aria-labelledby="q-report-title">
          <h2 id="q-report-title">{t("ui.questions.import.report")}</h2>
          {report.message && (
            <p className="alert alert-error" role="alert">
              {report.message}
            </p>
          )}
          {!report.message && (
            <p>
              {report.dry
                ? t("ui.questions.import.wouldImport", { found: report.r.found, ok: report.r.questions.length })
                : t("ui.questions.import.done", { n: report.r.imported })}
            </p>
          )}
          {report.r.problems.length > 0 && (
            <table className="table q-problems">
              <caption>{t("ui.questions.import.problems", { n: report.r.problems.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.questions.import.line")}</th>
                  <th scope="col">{t("ui.questions.import.question")}</th>
                  <th scope="col">{t("ui.questions.import.level")}</th>
                  <th scope="col">{t("ui.questions.import.problem")}</th>
                </tr>
              </thead>
              <tbody>
                {report.r.problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a report shown once, never reordered
                  <tr key={i} className={`q-problem-${p.level}`}>
                    <td>{p.line || "—"}</td>
                    <td>{p.question || "—"}</td>
                    <td>{t(`ui.questions.import.${p.level}`)}</td>
                    <td>{p.message}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
          {report.r.questions.length > 0 && (
            <details open={report.dry}>
              <summary>{t("ui.questions.import.valid", { n: report.r.questions.length })}</summary>
              <ul>
                {report.r.questions.map((q, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a report shown once, never reordered
                  <li key={i}>
                    {t("ui.questions.import.lineN", { n: q.line })} — {q.name} ({t(`ui.questions.types.${q.type}`)})
                  </li>
                ))}
              </ul>
            </details>
          )}
        </section>
      )}
    </>
  );
}
