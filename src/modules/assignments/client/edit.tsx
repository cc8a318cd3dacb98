import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { Button, Checkbox, FieldError, Form, Group, Input, Label, NumberField } from "react-aria-components";
import type { Input as ContractInput } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { type RichTextDocument, RichTextEditor } from "../../../web/rich-text/index.ts";
import { Field, FormAlert, Loading, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { DateTime, toLocalInput } from "../../groups/client/groups.tsx";
import { RubricEditor } from "../../rubrics/client/rubric-editor.tsx";
import type { RubricDefinition } from "../../rubrics/shared/rubric.ts";
import { type AssignmentView, updateAssignment } from "../shared/contract.ts";
import { assignmentKey, assignmentQuery } from "./assignment.tsx";
import "./assignments.css";

const fromLocalInput = (v: FormDataEntryValue | null) => (typeof v === "string" && v ? new Date(v).toISOString() : null);

/** An assignment's settings (course editors): instructions, ways to submit, groups, dates, grading, rubric or marking guide. */
export function AssignmentEditPage() {
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const q = useQuery(assignmentQuery(id, itemId));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return <SettingsForm v={q.data} />;
}

function SettingsForm({ v }: { v: AssignmentView }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const s = v.settings;
  const [instructions, setInstructions] = useState<RichTextDocument | null>((s.instructionsDoc as RichTextDocument | null) ?? null);
  const [onlineText, setOnlineText] = useState(s.onlineText);
  const [fileSubmissions, setFileSubmissions] = useState(s.fileSubmissions);
  const [groupMode, setGroupMode] = useState(s.groupMode);
  const [anonymous, setAnonymous] = useState(s.anonymous);
  const [rubric, setRubric] = useState<RubricDefinition | null>(s.rubric);
  const { error, onError, clear } = useFormErrors();
  const params = { courseId: v.course.id, itemId: v.item.id };
  const save = useMutation({
    mutationFn: (body: ContractInput<typeof updateAssignment>["body"]) => api(updateAssignment, { params, body }),
    onSuccess: (r) => {
      clear();
      qc.setQueryData(assignmentKey(v.course.id, v.item.id), r);
      announce(t("ui.assignments.saved"));
      navigate({ to: "/courses/$id/assignments/$itemId", params: { id: v.course.id, itemId: v.item.id } });
    },
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const pass = String(f.get("passScore") ?? "");
    save.mutate({
      title: String(f.get("title") ?? ""),
      instructions,
      onlineText,
      fileSubmissions,
      maxFiles: Number(f.get("maxFiles") || s.maxFiles),
      maxFileMb: Number(f.get("maxFileMb") || s.maxFileMb),
      groupMode,
      groupingId: groupMode ? (f.get("groupingId") as string) || null : null,
      opensAt: fromLocalInput(f.get("opensAt")),
      dueAt: fromLocalInput(f.get("dueAt")),
      cutoffAt: fromLocalInput(f.get("cutoffAt")),
      maxScore: Number(f.get("maxScore") || s.maxScore),
      passScore: pass ? Number(pass) : null,
      anonymous,
      rubric,
    });
  };
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id/assignments/$itemId" params={{ id: v.course.id, itemId: v.item.id }}>
          <span aria-hidden="true">← </span>
          {v.item.title}
        </Link>
      </p>
      <PageTitle>{t("ui.assignments.settingsTitle")}</PageTitle>
      <Form className="form assignment-settings" onSubmit={submit} validationErrors={error?.fields}>
        <FormAlert error={error} />
        <Field name="title" label={t("ui.assignments.title")} defaultValue={v.item.title} isRequired />
        <RichTextEditor
          label={t("ui.assignments.instructions")}
          defaultValue={instructions}
          onChange={setInstructions}
          errorMessage={error?.fields.instructions}
        />
        <fieldset className="assignment-fieldset">
          <legend>{t("ui.assignments.submissionTypes")}</legend>
          <Checkbox className="checkbox" isSelected={onlineText} onChange={setOnlineText} name="onlineText">
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.assignments.onlineText")}
          </Checkbox>
          <Checkbox className="checkbox" isSelected={fileSubmissions} onChange={setFileSubmissions}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.assignments.files")}
          </Checkbox>
          {fileSubmissions && (
            <div className="grid-fields">
              <Num name="maxFiles" label={t("ui.assignments.maxFiles")} value={s.maxFiles} min={1} max={20} />
              <Num name="maxFileMb" label={t("ui.assignments.maxFileMb")} value={s.maxFileMb} min={1} max={1024} />
            </div>
          )}
        </fieldset>
        <fieldset className="assignment-fieldset">
          <legend>{t("ui.assignments.groupsLegend")}</legend>
          <Checkbox className="checkbox" isSelected={groupMode} onChange={setGroupMode}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.assignments.groupModeLabel")}
          </Checkbox>
          {groupMode && (
            <SelectField
              name="groupingId"
              label={t("ui.assignments.grouping")}
              description={t("ui.assignments.groupingHelp")}
              options={[{ id: "", label: t("ui.assignments.allGroups") }, ...v.groupings.map((g) => ({ id: g.id, label: g.name }))]}
              defaultValue={s.groupingId ?? ""}
            />
          )}
          <p>
            <Link to="/courses/$id/groups" params={{ id: v.course.id }}>
              {t("ui.assignments.manageGroups")}
            </Link>
          </p>
        </fieldset>
        <fieldset className="assignment-fieldset">
          <legend>{t("ui.assignments.datesLegend")}</legend>
          <div className="grid-fields">
            <DateTime name="opensAt" label={t("ui.assignments.opensAt")} defaultValue={toLocalInput(s.opensAt)} />
            <DateTime name="dueAt" label={t("ui.assignments.dueAt")} defaultValue={toLocalInput(s.dueAt)} />
            <DateTime name="cutoffAt" label={t("ui.assignments.cutoffAt")} defaultValue={toLocalInput(s.cutoffAt)} />
          </div>
          <p className="muted">{t("ui.assignments.datesHelp")}</p>
        </fieldset>
        <fieldset className="assignment-fieldset">
          <legend>{t("ui.assignments.gradingLegend")}</legend>
          <div className="grid-fields">
            <Num name="maxScore" label={t("ui.assignments.maxScore")} value={s.maxScore} min={0.5} max={1000} />
            <Num name="passScore" label={t("ui.assignments.passScore")} value={s.passScore} min={0} max={1000} />
          </div>
          <Checkbox className="checkbox" isSelected={anonymous} onChange={setAnonymous} isDisabled={s.revealed}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.assignments.anonymous")}
          </Checkbox>
          <p className="muted">{s.revealed ? t("ui.assignments.revealedHelp") : t("ui.assignments.anonymousHelp")}</p>
          <RubricEditor value={rubric} onChange={setRubric} errors={error?.fields} />
        </fieldset>
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
            {t("ui.common.save")}
          </Button>
        </div>
      </Form>
    </>
  );
}

function Num({ name, label, value, min, max }: { name: string; label: string; value: number | null; min: number; max: number }) {
  return (
    <NumberField name={name} className="field" defaultValue={value ?? undefined} minValue={min} maxValue={max} step={name.endsWith("Score") ? 0.5 : 1}>
      <Label>{label}</Label>
      <Group>
        <Input />
      </Group>
      <FieldError className="field-error" />
    </NumberField>
  );
}
