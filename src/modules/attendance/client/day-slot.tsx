import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useMe } from "../../../web/session.ts";
import type { DayPupil } from "../../school/shared/contract.ts";
import { getWeek, listAbsences, type Occurrence } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";
import { MarkBadge } from "./mark-badge.tsx";

const todays = (w: { today: string; items: Occurrence[] } | undefined) =>
  (w?.items ?? []).filter((o) => o.day === w!.today).sort((a, b) => a.lesson.startsAt.localeCompare(b.lesson.startsAt));

function Lessons({ items, showClass }: { items: Occurrence[]; showClass?: boolean }) {
  const t = useT();
  if (items.length === 0) return <p className="muted">{t("ui.attendance.day.noLesson")}</p>;
  return (
    <ul className="day-list">
      {items.map((o) => (
        <li key={`${o.lesson.id}-${o.day}`}>
          <strong>
            {o.lesson.startsAt}–{o.lesson.endsAt}
          </strong>{" "}
          {o.lesson.subject.name}
          {showClass && ` · ${o.lesson.class.name}`}
          <span className="muted small">
            {" "}
            {o.lesson.room ? `${t("ui.attendance.week.room", { room: o.lesson.room })} · ` : ""}
            {showClass ? "" : o.lesson.teacher.name}
          </span>
          {o.mark && <MarkBadge status={o.mark.status} lateMinutes={o.mark.lateMinutes} justification={o.mark.justification} />}
        </li>
      ))}
    </ul>
  );
}

/** A pupil's part of the entry page: today's lessons, and for their parents the absences still to justify. */
export function PupilAttendanceSlot({ pupil }: { pupil: DayPupil }) {
  const t = useT();
  const me = useMe();
  const parent = me?.profile === "parent";
  const week = useQuery({
    queryKey: [...attendanceKey, "week", "pupil", pupil.id],
    queryFn: () => api(getWeek, { query: parent ? { pupilId: pupil.id } : {} }),
  });
  const toJustify = useQuery({
    queryKey: [...attendanceKey, "absences", pupil.id, "none"],
    queryFn: () => api(listAbsences, { query: { pupilId: pupil.id, justification: "none" } }),
    enabled: parent,
  });
  const open = (toJustify.data?.items ?? []).filter((a) => a.canJustify);
  return (
    <div className="grid-2 day-attendance">
      <div>
        <h3>{t("ui.attendance.day.today")}</h3>
        {week.data ? <Lessons items={todays(week.data)} /> : <p className="muted">…</p>}
      </div>
      {parent && (
        <div>
          <h3>{t("ui.attendance.day.toJustify", { count: open.length })}</h3>
          {open.length === 0 ? (
            <p className="muted">{t("ui.attendance.day.nothingToJustify")}</p>
          ) : (
            <ul className="day-list">
              {open.slice(0, 5).map((a) => (
                <li key={a.id}>
                  <Link to="/attendance/absences">
                    <FormattedDate value={`${a.day}T12:00:00`} dateStyle="medium" /> · {a.subject.name}
                  </Link>{" "}
                  <MarkBadge status={a.status} lateMinutes={a.lateMinutes} justification={a.justification} />
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** A teacher's lessons of the day, with the roll calls still to take. */
export function TeacherAttendanceSlot() {
  const t = useT();
  const week = useQuery({ queryKey: [...attendanceKey, "week", "mine"], queryFn: () => api(getWeek, { query: {} }) });
  const items = todays(week.data);
  return (
    <section className="section card day-card" aria-labelledby="day-lessons">
      <h2 id="day-lessons">{t("ui.attendance.day.myLessons")}</h2>
      {week.data ? <Lessons items={items} showClass /> : <p className="muted">…</p>}
      {items.some((o) => o.canCall && !o.roll) && (
        <p>
          <Link to="/attendance">{t("ui.attendance.day.callRolls")}</Link>
        </p>
      )}
    </section>
  );
}
