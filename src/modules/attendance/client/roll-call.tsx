import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form, Input, Label, NumberField, Radio, RadioGroup } from "react-aria-components";
import { FormattedDate, FormattedTime } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, Loading, PageTitle, QueryError, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { getRoll, type Roll, saveRoll } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";
import "./attendance.css";

type Status = "present" | "absent" | "late" | "excluded";
type Entry = { status: Status; lateMinutes: number | null };
const STATUSES: Status[] = ["present", "absent", "late", "excluded"];

/**
 * The roll call of one lesson on one day: the class's pupils, each with a radio group (Tab moves
 * from pupil to pupil, the arrow keys change the mark), minutes for a late pupil, one save.
 */
export function RollCallPage() {
  const { lessonId, day } = useParams({ strict: false }) as { lessonId: string; day: string };
  const q = useQuery({ queryKey: [...attendanceKey, "roll", lessonId, day], queryFn: () => api(getRoll, { params: { id: lessonId, day } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return <RollForm roll={q.data} lessonId={lessonId} day={day} key={`${lessonId}-${day}`} />;
}

function RollForm({ roll, lessonId, day }: { roll: Roll; lessonId: string; day: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [marks, setMarks] = useState<Record<string, Entry>>(() =>
    Object.fromEntries(roll.pupils.map((p) => [p.id, { status: p.status, lateMinutes: p.lateMinutes }])),
  );
  const [saved, setSaved] = useState(false);
  const set = (id: string, e: Partial<Entry>) => {
    setSaved(false);
    setMarks((m) => ({ ...m, [id]: { ...m[id]!, ...e } }));
  };
  const save = useMutation({
    mutationFn: () =>
      api(saveRoll, {
        params: { id: lessonId, day },
        body: {
          marks: Object.entries(marks)
            .filter(([, e]) => e.status !== "present")
            .map(([pupilId, e]) => ({ pupilId, status: e.status as "absent", lateMinutes: e.status === "late" ? e.lateMinutes : null })),
        },
      }),
    onSuccess: (r) => {
      clear();
      qc.setQueryData([...attendanceKey, "roll", lessonId, day], r);
      qc.invalidateQueries({ queryKey: [...attendanceKey, "week"] });
      qc.invalidateQueries({ queryKey: [...attendanceKey, "absences"] });
      announce(t("ui.attendance.roll.saved"));
      setSaved(true);
    },
    onError,
  });
  const l = roll.lesson;
  const count = (s: Status) => Object.values(marks).filter((e) => e.status === s).length;
  return (
    <>
      <PageTitle>{t("ui.attendance.roll.title", { subject: l.subject.name, class: l.class.name })}</PageTitle>
      <p className="lead">
        <FormattedDate value={`${day}T12:00:00`} weekday="long" day="numeric" month="long" /> · {l.startsAt}–{l.endsAt}
        {l.room && ` · ${t("ui.attendance.week.room", { room: l.room })}`} · {l.teacher.name}
      </p>
      <p>
        <Link to="/attendance" search={{ view: `class:${l.class.id}`, start: day }}>
          {t("ui.attendance.roll.back")}
        </Link>
      </p>
      {roll.taken ? (
        <p className="muted" role="status">
          {t("ui.attendance.roll.takenBy", { name: roll.taken.by })} <FormattedTime value={roll.taken.at} />
          {roll.taken.updatedAt !== roll.taken.at && (
            <>
              {" · "}
              {t("ui.attendance.roll.updatedBy", { name: roll.taken.updatedBy })} <FormattedTime value={roll.taken.updatedAt} />
            </>
          )}
        </p>
      ) : (
        <p className="muted">{t("ui.attendance.roll.notTaken")}</p>
      )}
      {!roll.canEdit && (
        <div className="alert" role="status">
          {t("ui.attendance.roll.readOnly")}
        </div>
      )}
      <Form
        className="form"
        validationErrors={error?.fields}
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate();
        }}
      >
        <p className="muted small">{t("ui.attendance.roll.keyboard")}</p>
        <ul className="att-roll" aria-label={t("ui.attendance.roll.pupils", { count: roll.pupils.length })}>
          {roll.pupils.map((p, i) => {
            const e = marks[p.id]!;
            return (
              <li key={p.id} className={`att-roll-row att-${e.status}`}>
                <RadioGroup
                  className="att-roll-group"
                  orientation="horizontal"
                  value={e.status}
                  onChange={(v) => set(p.id, { status: v as Status, lateMinutes: v === "late" ? (e.lateMinutes ?? 5) : null })}
                  isDisabled={!roll.canEdit}
                >
                  <Label className="att-roll-name">{p.name}</Label>
                  <div className="att-roll-options">
                    {STATUSES.map((s) => (
                      <Radio key={s} value={s} className={`att-option att-option-${s}`}>
                        {t(`ui.attendance.roll.${s}`)}
                      </Radio>
                    ))}
                  </div>
                </RadioGroup>
                {e.status === "late" && (
                  <NumberField
                    className="field att-minutes"
                    minValue={1}
                    maxValue={240}
                    value={e.lateMinutes ?? 5}
                    onChange={(v) => set(p.id, { lateMinutes: Number.isNaN(v) ? null : v })}
                    isDisabled={!roll.canEdit}
                    isRequired
                    name={`marks.${i}.lateMinutes`}
                  >
                    <Label>{t("ui.attendance.roll.minutes", { name: p.name })}</Label>
                    <Input />
                  </NumberField>
                )}
              </li>
            );
          })}
        </ul>
        <FormAlert error={error} />
        {roll.canEdit && (
          <div className="form-actions att-roll-actions">
            <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
              {t(roll.taken ? "ui.attendance.roll.update" : "ui.attendance.roll.save")}
            </Button>
            <span className="muted" aria-live="polite">
              {t("ui.attendance.roll.summary", { absent: count("absent"), late: count("late"), excluded: count("excluded") })}
              {saved && ` · ${t("ui.attendance.roll.saved")}`}
            </span>
          </div>
        )}
      </Form>
    </>
  );
}
