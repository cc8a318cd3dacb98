import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button, FieldError, Form, Input, Label, NumberField, TextArea, TextField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { FormAlert, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { type Cell, type GradeItem, revertOverride, setGrade } from "../shared/contract.ts";

export const gradebookKey = (courseId: string) => ["course", courseId, "gradebook"] as const;

/** Numbers in the reader's language: "12,5". */
export function useNumber() {
  const { locale } = useLocale();
  return (n: number | null | undefined, digits = 2) =>
    n === null || n === undefined ? "" : new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}

export function Breadcrumb({ courseId, courseTitle, gradebook }: { courseId: string; courseTitle: string; gradebook?: boolean }) {
  const t = useT();
  return (
    <nav className="breadcrumb" aria-label={t("ui.gradebook.breadcrumb")}>
      <Link to="/courses/$id" params={{ id: courseId }}>
        {courseTitle}
      </Link>
      {gradebook && (
        <>
          <span aria-hidden="true"> › </span>
          <Link to="/courses/$id/gradebook" params={{ id: courseId }}>
            {t("ui.gradebook.title")}
          </Link>
        </>
      )}
    </nav>
  );
}

/** What a source is, for a column's subtitle. */
export function SourceBadge({ item }: { item: GradeItem }) {
  const t = useT();
  return <span className="badge badge-neutral gb-source">{t(`ui.gradebook.sources.${item.source}`)}</span>;
}

/**
 * Enter a grade, or override a computed one (a reason is then required), or drop an override.
 * Used from the grid (Enter on a cell of a quiz or an assignment) and from the per-learner and
 * per-item pages.
 */
export function GradeForm({
  courseId,
  item,
  userId,
  learnerName,
  cell,
  onDone,
}: {
  courseId: string;
  item: GradeItem;
  userId: string;
  learnerName: string;
  cell: Cell | null;
  onDone: () => void;
}) {
  const t = useT();
  const num = useNumber();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError } = useFormErrors();
  const manual = item.source === "manual";
  const [score, setScore] = useState<number>(cell?.score ?? Number.NaN);
  const [reason, setReason] = useState("");
  const done = (message: string) => {
    qc.invalidateQueries({ queryKey: gradebookKey(courseId) });
    announce(message);
    onDone();
  };
  const save = useMutation({
    mutationFn: () => api(setGrade, { params: { id: courseId, itemId: item.id, userId }, body: { score: Number.isNaN(score) ? null : score, reason } }),
    onSuccess: () => done(t("ui.gradebook.saved", { name: learnerName })),
    onError,
  });
  const revert = useMutation({
    mutationFn: () => api(revertOverride, { params: { id: courseId, itemId: item.id, userId }, body: { reason } }),
    onSuccess: () => done(t("ui.gradebook.reverted", { name: learnerName })),
    onError,
  });
  return (
    <Form
      className="form"
      validationErrors={error?.fields}
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate();
      }}
    >
      <FormAlert error={error} />
      {!manual && (
        <p className="muted">
          {t("ui.gradebook.computedIs", { score: cell?.computed === null || cell?.computed === undefined ? "—" : num(cell.computed), max: num(item.maxScore) })}
        </p>
      )}
      <NumberField
        name="score"
        className="field"
        minValue={0}
        maxValue={item.maxScore}
        step={0.01}
        value={score}
        onChange={setScore}
        autoFocus
        formatOptions={{ maximumFractionDigits: 2 }}
      >
        <Label>{t("ui.gradebook.scoreOutOf", { max: num(item.maxScore) })}</Label>
        <Input />
        <FieldError className="field-error" />
      </NumberField>
      <TextField name="reason" className="field" value={reason} onChange={setReason}>
        <Label>
          {t(manual ? "ui.gradebook.reasonOptional" : "ui.gradebook.reason")}
          {!manual && (
            <span className="required" aria-hidden="true">
              {" "}
              *
            </span>
          )}
        </Label>
        <TextArea rows={2} maxLength={1000} aria-required={!manual || undefined} />
        <FieldError className="field-error" />
      </TextField>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
          {t(manual ? "ui.gradebook.save" : "ui.gradebook.override")}
        </Button>
        {!manual && cell?.overridden && (
          <Button className="btn btn-secondary" onPress={() => revert.mutate()} isPending={revert.isPending}>
            {t("ui.gradebook.revert")}
          </Button>
        )}
      </div>
    </Form>
  );
}

/** How the total is computed, in words, with this course's categories. */
export function TotalExplained({
  categories,
  uncategorisedWeight,
  scaleName,
}: {
  categories: { name: string; weight: number; dropLowest: number }[];
  uncategorisedWeight: number;
  scaleName: string;
}) {
  const t = useT();
  const num = useNumber();
  return (
    <details className="gb-explain">
      <summary>{t("ui.gradebook.explain.summary")}</summary>
      <p>{t("ui.gradebook.explain.category")}</p>
      <p>{t("ui.gradebook.explain.total")}</p>
      <ul>
        {categories.map((c) => (
          <li key={c.name}>
            {t("ui.gradebook.explain.weight", { name: c.name, weight: num(c.weight) })}
            {c.dropLowest > 0 && <> — {t("ui.gradebook.explain.drop", { count: c.dropLowest })}</>}
          </li>
        ))}
        <li>{t("ui.gradebook.explain.uncategorised", { weight: num(uncategorisedWeight) })}</li>
      </ul>
      <p>{t("ui.gradebook.explain.scale", { scale: scaleName })}</p>
    </details>
  );
}
