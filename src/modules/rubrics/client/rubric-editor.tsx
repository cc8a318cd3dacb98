import { Button, FieldError, Group, Input, Label, NumberField, Radio, RadioGroup, TextArea, TextField } from "react-aria-components";
import { useT } from "../../../web/i18n.tsx";
import { maxPoints, type RubricDefinition } from "../shared/rubric.ts";
import "./rubrics.css";

const newKey = () => Math.random().toString(36).slice(2, 10);

export const emptyRubric = (): RubricDefinition => ({
  kind: "rubric",
  criteria: [
    {
      id: newKey(),
      description: "",
      levels: [
        { id: newKey(), points: 0, description: "" },
        { id: newKey(), points: 1, description: "" },
      ],
    },
  ],
});
export const emptyGuide = (): RubricDefinition => ({ kind: "guide", criteria: [{ id: newKey(), title: "", description: "", maxPoints: 5 }] });

/**
 * Builds a rubric (criteria × levels with points) or a marking guide (criteria with a maximum).
 * Plain fields and buttons: everything is reachable by keyboard; additions focus nothing
 * unexpected. `errors` are the server's field messages (paths like `rubric.criteria.0.levels.1.description`).
 */
export function RubricEditor({
  value,
  onChange,
  errors = {},
}: {
  value: RubricDefinition | null;
  onChange: (v: RubricDefinition | null) => void;
  errors?: Record<string, string>;
}) {
  const t = useT();
  const kind = value?.kind ?? "none";
  const err = (path: string) => errors[`rubric.${path}`];
  return (
    <div className="rubric-editor">
      <RadioGroup
        className="field"
        value={kind}
        orientation="horizontal"
        onChange={(k) => onChange(k === "none" ? null : k === value?.kind ? value : k === "rubric" ? emptyRubric() : emptyGuide())}
      >
        <Label>{t("ui.rubrics.method")}</Label>
        <div className="rubric-kinds">
          {(["none", "rubric", "guide"] as const).map((k) => (
            <Radio key={k} value={k} className="choice">
              {t(`ui.rubrics.kinds.${k}`)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      {value?.kind === "rubric" && (
        <>
          {value.criteria.map((c, i) => (
            <fieldset key={c.id} className="rubric-edit-criterion">
              <legend>{t("ui.rubrics.criterionN", { n: i + 1 })}</legend>
              <TextField
                className="field"
                value={c.description}
                isRequired
                isInvalid={!!err(`criteria.${i}.description`)}
                onChange={(v) => onChange({ ...value, criteria: value.criteria.map((x, j) => (j === i ? { ...x, description: v } : x)) })}
              >
                <Label>{t("ui.rubrics.criterion")}</Label>
                <Input />
                <FieldError className="field-error">{err(`criteria.${i}.description`)}</FieldError>
              </TextField>
              <ol className="rubric-edit-levels">
                {c.levels.map((l, li) => {
                  const setLevel = (patch: Partial<typeof l>) =>
                    onChange({
                      ...value,
                      criteria: value.criteria.map((x, j) => (j === i ? { ...x, levels: x.levels.map((y, m) => (m === li ? { ...y, ...patch } : y)) } : x)),
                    });
                  return (
                    <li key={l.id} className="rubric-edit-level">
                      <NumberField
                        className="field rubric-points"
                        minValue={0}
                        maxValue={1000}
                        value={l.points}
                        onChange={(v) => setLevel({ points: Number.isNaN(v) ? 0 : v })}
                      >
                        <Label>{t("ui.rubrics.levelPoints", { n: li + 1 })}</Label>
                        <Group>
                          <Input />
                        </Group>
                      </NumberField>
                      <TextField
                        className="field rubric-level-desc"
                        value={l.description}
                        isRequired
                        isInvalid={!!err(`criteria.${i}.levels.${li}.description`)}
                        onChange={(v) => setLevel({ description: v })}
                      >
                        <Label>{t("ui.rubrics.levelDescription", { n: li + 1 })}</Label>
                        <Input />
                        <FieldError className="field-error">{err(`criteria.${i}.levels.${li}.description`)}</FieldError>
                      </TextField>
                      {c.levels.length > 1 && (
                        <Button
                          className="btn btn-quiet btn-small"
                          aria-label={t("ui.rubrics.removeLevel", { n: li + 1 })}
                          onPress={() =>
                            onChange({
                              ...value,
                              criteria: value.criteria.map((x, j) => (j === i ? { ...x, levels: x.levels.filter((_, m) => m !== li) } : x)),
                            })
                          }
                        >
                          ✕
                        </Button>
                      )}
                    </li>
                  );
                })}
              </ol>
              <div className="row-buttons">
                <Button
                  className="btn btn-secondary btn-small"
                  isDisabled={c.levels.length >= 10}
                  onPress={() =>
                    onChange({
                      ...value,
                      criteria: value.criteria.map((x, j) =>
                        j === i
                          ? { ...x, levels: [...x.levels, { id: newKey(), points: Math.max(0, ...x.levels.map((y) => y.points)) + 1, description: "" }] }
                          : x,
                      ),
                    })
                  }
                >
                  {t("ui.rubrics.addLevel")}
                </Button>
                {value.criteria.length > 1 && (
                  <Button className="btn btn-quiet btn-small" onPress={() => onChange({ ...value, criteria: value.criteria.filter((_, j) => j !== i) })}>
                    {t("ui.rubrics.removeCriterion")}
                  </Button>
                )}
              </div>
            </fieldset>
          ))}
          <Button
            className="btn btn-secondary"
            onPress={() =>
              onChange({
                ...value,
                criteria: [
                  ...value.criteria,
                  {
                    id: newKey(),
                    description: "",
                    levels: [
                      { id: newKey(), points: 0, description: "" },
                      { id: newKey(), points: 1, description: "" },
                    ],
                  },
                ],
              })
            }
          >
            {t("ui.rubrics.addCriterion")}
          </Button>
        </>
      )}
      {value?.kind === "guide" && (
        <>
          {value.criteria.map((c, i) => {
            const set = (patch: Partial<typeof c>) => onChange({ ...value, criteria: value.criteria.map((x, j) => (j === i ? { ...x, ...patch } : x)) });
            return (
              <fieldset key={c.id} className="rubric-edit-criterion">
                <legend>{t("ui.rubrics.criterionN", { n: i + 1 })}</legend>
                <div className="rubric-edit-level">
                  <TextField
                    className="field rubric-level-desc"
                    value={c.title}
                    isRequired
                    isInvalid={!!err(`criteria.${i}.title`)}
                    onChange={(v) => set({ title: v })}
                  >
                    <Label>{t("ui.rubrics.criterion")}</Label>
                    <Input />
                    <FieldError className="field-error">{err(`criteria.${i}.title`)}</FieldError>
                  </TextField>
                  <NumberField
                    className="field rubric-points"
                    minValue={0.25}
                    maxValue={1000}
                    value={c.maxPoints}
                    onChange={(v) => set({ maxPoints: Number.isNaN(v) ? 1 : v })}
                  >
                    <Label>{t("ui.rubrics.maxPoints")}</Label>
                    <Group>
                      <Input />
                    </Group>
                  </NumberField>
                </div>
                <TextField className="field" value={c.description} onChange={(v) => set({ description: v })}>
                  <Label>{t("ui.rubrics.guideDescription")}</Label>
                  <TextArea rows={2} />
                </TextField>
                {value.criteria.length > 1 && (
                  <Button className="btn btn-quiet btn-small" onPress={() => onChange({ ...value, criteria: value.criteria.filter((_, j) => j !== i) })}>
                    {t("ui.rubrics.removeCriterion")}
                  </Button>
                )}
              </fieldset>
            );
          })}
          <Button
            className="btn btn-secondary"
            onPress={() => onChange({ ...value, criteria: [...value.criteria, { id: newKey(), title: "", description: "", maxPoints: 5 }] })}
          >
            {t("ui.rubrics.addCriterion")}
          </Button>
        </>
      )}
      {value && <p className="muted">{t("ui.rubrics.maxTotal", { max: maxPoints(value) })}</p>}
    </div>
  );
}
