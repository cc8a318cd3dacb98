import { Time } from "@internationalized/date";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { DateInput, DateSegment, FieldError, Label, TimeField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { Field, fieldValues, SelectField, useAnnounce } from "../../../web/ui.tsx";
import { type ClassSummary, listSubjects } from "../../school/shared/contract.ts";
import { createLesson } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";

const DAYS = [1, 2, 3, 4, 5, 6, 7];

function TimeInput({ name, label, value, onChange }: { name: string; label: string; value: Time | null; onChange: (t: Time | null) => void }) {
  return (
    <TimeField className="field" name={name} value={value} onChange={onChange} hourCycle={24} isRequired>
      <Label>{label}</Label>
      <DateInput className="date-input date-group">{(s) => <DateSegment segment={s} className="date-segment" />}</DateInput>
      <FieldError className="field-error" />
    </TimeField>
  );
}

/** Admins of a class add a weekly lesson by hand: subject, teacher of the class, day, times, room, week A/B. */
export function NewLesson({ cls }: { cls: ClassSummary }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const subjects = useQuery({ queryKey: ["school", "subjects"], queryFn: () => api(listSubjects) });
  const teachers = [...new Map(cls.teachings.map((x) => [x.teacher.id, { id: x.teacher.id, label: x.teacher.name }])).values()];
  const [start, setStart] = useState<Time | null>(new Time(8, 30));
  const [end, setEnd] = useState<Time | null>(new Time(9, 25));
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(createLesson, {
        params: { id: cls.id },
        body: {
          subjectId: v.subjectId ?? "",
          teacherId: v.teacherId ?? "",
          weekday: Number(v.weekday),
          startsAt: start?.toString().slice(0, 5) ?? "",
          endsAt: end?.toString().slice(0, 5) ?? "",
          weeks: (v.weeks || "all") as "all",
          room: v.room || null,
        },
      }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...attendanceKey] });
      announce(t("ui.attendance.lesson.created"));
    },
  });
  return (
    <FormDialog
      variant="primary"
      label={t("ui.attendance.lesson.new")}
      title={t("ui.attendance.lesson.newTitle", { name: cls.name })}
      submitLabel={t("ui.attendance.lesson.add")}
      cancel
      onSubmit={(form) => m.mutateAsync(fieldValues(form))}
    >
      {() => (
        <>
          <SelectField
            name="subjectId"
            label={t("ui.attendance.lesson.subject")}
            options={(subjects.data?.items ?? []).filter((s) => !s.archived).map((s) => ({ id: s.id, label: s.name }))}
            isRequired
          />
          <SelectField
            name="teacherId"
            label={t("ui.attendance.lesson.teacher")}
            description={t("ui.attendance.lesson.teacherHelp")}
            options={teachers}
            isRequired
          />
          <SelectField
            name="weekday"
            label={t("ui.attendance.lesson.weekday")}
            options={DAYS.map((d) => ({ id: String(d), label: t(`ui.attendance.lesson.days.${d}`) }))}
            defaultValue="1"
            isRequired
          />
          <TimeInput name="startsAt" label={t("ui.attendance.lesson.start")} value={start} onChange={setStart} />
          <TimeInput name="endsAt" label={t("ui.attendance.lesson.end")} value={end} onChange={setEnd} />
          <SelectField
            name="weeks"
            label={t("ui.attendance.lesson.weeks")}
            options={(["all", "A", "B"] as const).map((w) => ({ id: w, label: t(`ui.attendance.lesson.weeksOptions.${w}`) }))}
            defaultValue="all"
          />
          <Field name="room" label={t("ui.attendance.lesson.room")} />
        </>
      )}
    </FormDialog>
  );
}
