import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type ReactNode, useId, useState } from "react";
import { Button, Cell, Column, FileTrigger, Label, Row, Table, TableBody, TableHeader, TextArea, TextField } from "react-aria-components";
import { useT } from "./i18n.tsx";
import { CsvFilePicker, FormAlert, ModalButton, useAnnounce, useFormErrors } from "./ui.tsx";

/** What the server says of a CSV, checked (dry run) or applied: one outcome a line. */
export type CsvOutcomes = { applied: boolean; rows: { line: number; outcome: string; error?: string | null }[] };

type Props<R extends CsvOutcomes> = {
  /**
   * Prefix of the dialog's messages: csv (the button), csvTitle, csvHelp, csvWouldDo and csvDone (given
   * `counts`), csvErrors, line, problem, check; with a file, also csvFile, chooseFile, changeFile and
   * noFile; with `paste`, csvChoose and csvText.
   */
  messages: string;
  /** the CSV is pasted into a text area (a chosen file fills it in), else only a file is chosen */
  paste?: { placeholder: string };
  send: (csv: string, dryRun: boolean) => Promise<R>;
  /** the queries read again once the file is applied */
  queryKey: readonly unknown[];
  /** what is announced once the file is applied */
  applied: (r: R) => string;
  /** the values of csvWouldDo and csvDone */
  counts: (r: R) => Record<string, number>;
  /** the error table's columns between the line and the problem */
  columns: { label: string; cell: (row: R["rows"][number]) => ReactNode }[];
  /** the apply button's label, or null when the file would change nothing */
  applyLabel: (r: R) => string | null;
};

/**
 * A course's CSV dialog (enrolments, groups): a file chosen or text pasted, checked by a dry run
 * that reports each line's outcome and lists the wrong lines, then applied.
 */
export function CsvDialog<R extends CsvOutcomes>(p: Props<R>) {
  const t = useT();
  const m = (key: string, values?: Record<string, number>) => t(`${p.messages}.${key}`, values);
  const qc = useQueryClient();
  const announce = useAnnounce();
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [text, setText] = useState("");
  const [report, setReport] = useState<R | null>(null);
  const { error, onError, clear } = useFormErrors();
  const run = useMutation({
    mutationFn: (dryRun: boolean) => p.send(text, dryRun),
    onSuccess: (r) => {
      setReport(r);
      if (r.applied) {
        qc.invalidateQueries({ queryKey: p.queryKey });
        announce(p.applied(r));
      }
    },
    onError,
  });
  const choose = async (f: File) => {
    const content = await f.text();
    setFile(f);
    setText(content);
    setReport(null);
    clear();
  };
  const errors = report?.rows.filter((r) => r.outcome === "error") ?? [];
  const applyLabel = report && !report.applied ? p.applyLabel(report) : null;
  return (
    <ModalButton
      variant="secondary"
      label={m("csv")}
      title={m("csvTitle")}
      onOpenChange={() => {
        clear();
        setReport(null);
        setFile(null);
        setText("");
      }}
    >
      {(close) => (
        <div className="form">
          <p className="muted">{m("csvHelp")}</p>
          <FormAlert error={error} />
          {p.paste ? (
            <>
              <FileTrigger
                acceptedFileTypes={[".csv", "text/csv", "text/plain"]}
                onSelect={(files) => {
                  const f = files?.[0];
                  if (f) choose(f);
                }}
              >
                <Button className="btn btn-secondary">{m("csvChoose")}</Button>
              </FileTrigger>
              <TextField
                className="field"
                value={text}
                onChange={(v) => {
                  setText(v);
                  setReport(null);
                }}
              >
                <Label>{m("csvText")}</Label>
                <TextArea rows={6} className="mono" placeholder={p.paste.placeholder} />
              </TextField>
            </>
          ) : (
            <CsvFilePicker id={id} label={m("csvFile")} file={file} onFile={choose} choose={m("chooseFile")} change={m("changeFile")} none={m("noFile")} />
          )}
          {report && (
            <div role="status">
              <p>{m(report.applied ? "csvDone" : "csvWouldDo", p.counts(report))}</p>
              {errors.length > 0 && (
                <div className="table-wrap">
                  <Table aria-label={m("csvErrors")} className="table">
                    <TableHeader>
                      <Column isRowHeader>{m("line")}</Column>
                      {p.columns.map((c) => (
                        <Column key={c.label}>{c.label}</Column>
                      ))}
                      <Column>{m("problem")}</Column>
                    </TableHeader>
                    <TableBody items={errors.map((r) => ({ ...r, id: r.line }))}>
                      {(r) => (
                        <Row id={r.line}>
                          <Cell>{r.line}</Cell>
                          {p.columns.map((c) => (
                            <Cell key={c.label}>{c.cell(r)}</Cell>
                          ))}
                          <Cell>{r.error}</Cell>
                        </Row>
                      )}
                    </TableBody>
                  </Table>
                </div>
              )}
            </div>
          )}
          <div className="form-actions">
            {!report?.applied && (
              <Button
                className="btn btn-secondary"
                isDisabled={p.paste ? !text.trim() : !file}
                isPending={run.isPending && run.variables}
                onPress={() => run.mutate(true)}
              >
                {m("check")}
              </Button>
            )}
            {applyLabel && (
              <Button className="btn btn-primary" isPending={run.isPending && !run.variables} onPress={() => run.mutate(false)}>
                {applyLabel}
              </Button>
            )}
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.close")}
            </Button>
          </div>
        </div>
      )}
    </ModalButton>
  );
}
