import { FieldError, Group, Input, Label, NumberField, Radio, RadioGroup, Text, TextArea, TextField } from "react-aria-components";
import { useT } from "../../../web/i18n.tsx";
import { type GuideCriterionT, type RubricCriterionT, type RubricDefinition, type RubricFill, scoreFill } from "../shared/rubric.ts";
import "./rubrics.css";

type Props = {
  definition: RubricDefinition;
  value: RubricFill;
  onChange?: (fill: RubricFill) => void;
  /** shows the fill without letting it change (learners reading their feedback) */
  readOnly?: boolean;
  /** the grade the points are scaled to, shown beside the total */
  maxScore?: number;
  /** server field errors keyed by criterion id */
  errors?: Record<string, string>;
};

/**
 * Grades with a rubric (one radio group of levels per criterion: arrow keys move between levels)
 * or a marking guide (points up to each criterion's maximum, with a comment). The running total
 * is announced politely. Reusable wherever a rubric grades (assignments, quiz essays).
 */
export function RubricGrader({ definition, value, onChange, readOnly, maxScore, errors = {} }: Props) {
  const t = useT();
  const s = scoreFill(definition, value);
  const set = (id: string, patch: RubricFill[string]) => onChange?.({ ...value, [id]: { ...value[id], ...patch } });
  const scaled = maxScore !== undefined && s.max > 0 ? Math.round((s.points / s.max) * maxScore * 100) / 100 : null;
  return (
    <div className="rubric-grader">
      {definition.kind === "rubric"
        ? definition.criteria.map((c) => (
            <RubricRow key={c.id} c={c} fill={value[c.id]} readOnly={readOnly} error={errors[c.id]} onChange={(p) => set(c.id, p)} />
          ))
        : definition.criteria.map((c) => (
            <GuideRow key={c.id} c={c} fill={value[c.id]} readOnly={readOnly} error={errors[c.id]} onChange={(p) => set(c.id, p)} />
          ))}
      <p className="rubric-total" aria-live="polite">
        <strong>{t("ui.rubrics.total", { points: s.points, max: s.max })}</strong>
        {scaled !== null && s.complete && <> · {t("ui.rubrics.grade", { score: scaled, max: maxScore ?? 0 })}</>}
        {!s.complete && !readOnly && <span className="muted"> · {t("ui.rubrics.incomplete", { n: s.problems.length })}</span>}
      </p>
    </div>
  );
}

function RubricRow({
  c,
  fill,
  readOnly,
  error,
  onChange,
}: {
  c: RubricCriterionT;
  fill?: RubricFill[string];
  readOnly?: boolean;
  error?: string;
  onChange: (p: RubricFill[string]) => void;
}) {
  const t = useT();
  return (
    <div className="rubric-criterion">
      <RadioGroup
        className="rubric-levels-group"
        value={fill?.levelId ?? null}
        onChange={(v) => onChange({ levelId: v })}
        isReadOnly={readOnly}
        isInvalid={!!error}
      >
        <Label className="rubric-criterion-title">{c.description}</Label>
        <div className="rubric-levels">
          {c.levels.map((l) => (
            <Radio key={l.id} value={l.id} className="rubric-level">
              <span className="rubric-level-points">{t("ui.rubrics.points", { n: l.points })}</span>
              <span className="rubric-level-text">{l.description}</span>
            </Radio>
          ))}
        </div>
        {error && (
          <Text slot="errorMessage" className="field-error">
            {error}
          </Text>
        )}
      </RadioGroup>
      <Remark fill={fill} readOnly={readOnly} onChange={onChange} criterion={c.description} />
    </div>
  );
}

function GuideRow({
  c,
  fill,
  readOnly,
  error,
  onChange,
}: {
  c: GuideCriterionT;
  fill?: RubricFill[string];
  readOnly?: boolean;
  error?: string;
  onChange: (p: RubricFill[string]) => void;
}) {
  const t = useT();
  return (
    <fieldset className="rubric-criterion">
      <legend className="rubric-criterion-title">{c.title}</legend>
      {c.description && <p className="muted">{c.description}</p>}
      {readOnly ? (
        <p>
          <strong>{t("ui.rubrics.outOf", { points: fill?.points ?? "—", max: c.maxPoints })}</strong>
        </p>
      ) : (
        <NumberField
          className="field rubric-points"
          minValue={0}
          maxValue={c.maxPoints}
          step={0.25}
          value={fill?.points ?? Number.NaN}
          onChange={(v) => onChange({ points: Number.isNaN(v) ? undefined : v })}
          isInvalid={!!error}
        >
          <Label>{t("ui.rubrics.pointsFor", { criterion: c.title, max: c.maxPoints })}</Label>
          <Group>
            <Input />
          </Group>
          {error && <FieldError className="field-error">{error}</FieldError>}
        </NumberField>
      )}
      <Remark fill={fill} readOnly={readOnly} onChange={onChange} criterion={c.title} />
    </fieldset>
  );
}

function Remark({
  fill,
  readOnly,
  onChange,
  criterion,
}: {
  fill?: RubricFill[string];
  readOnly?: boolean;
  onChange: (p: RubricFill[string]) => void;
  criterion: string;
}) {
  const t = useT();
  if (readOnly) return fill?.remark ? <p className="rubric-remark">{fill.remark}</p> : null;
  return (
    <TextField className="field rubric-remark-field" value={fill?.remark ?? ""} onChange={(v) => onChange({ remark: v || undefined })}>
      <Label>{t("ui.rubrics.remarkFor", { criterion })}</Label>
      <TextArea rows={2} />
    </TextField>
  );
}
