import { useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useMe } from "../../../web/session.ts";
import { EmptyState, Loading, type Option, PageTitle, QueryError, SelectField } from "../../../web/ui.tsx";
import { listChildren, listClasses } from "../../school/shared/contract.ts";
import { getWeek, type Occurrence } from "../shared/contract.ts";
import { addDays, mondayOf } from "../shared/week.ts";
import { attendanceKey } from "./keys.ts";
import { LessonActions } from "./lesson-actions.tsx";
import { NewLesson } from "./lesson-form.tsx";
import { MarkBadge } from "./mark-badge.tsx";
import "./attendance.css";

const validDay = (s?: string) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(s)) ? s : undefined);

/**
 * The week's timetable: mine (a pupil's, a teacher's), a child's (parents choose which), a class's
 * or a teacher's (staff and admins). Each lesson shows its roll call to who may call it, and the
 * pupil's mark on a pupil's week.
 */
export function TimetablePage() {
  const t = useT();
  const me = useMe();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { view?: string; start?: string };
  const asked = validDay(search.start);
  const isParent = me?.profile === "parent";
  const staff = !!me?.grants.some((g) => g.role === "staff" || g.role === "admin");
  const children = useQuery({ queryKey: ["school", "children"], queryFn: () => api(listChildren), enabled: isParent });
  const classes = useQuery({ queryKey: ["school", "classes"], queryFn: () => api(listClasses), enabled: !!me && !isParent && me.profile !== "learner" });

  const options: Option[] = [];
  if (me?.profile === "learner" || me?.profile === "teacher") options.push({ id: "mine", label: t("ui.attendance.week.mine") });
  for (const c of children.data?.items ?? []) options.push({ id: `pupil:${c.id}`, label: c.name });
  for (const c of classes.data?.items ?? []) options.push({ id: `class:${c.id}`, label: t("ui.attendance.week.classOption", { name: c.name }) });
  if (staff) {
    const teachers = new Map((classes.data?.items ?? []).flatMap((c) => c.teachings.map((x) => [x.teacher.id, x.teacher.name] as const)));
    for (const [id, name] of teachers) if (id !== me?.id) options.push({ id: `teacher:${id}`, label: t("ui.attendance.week.teacherOption", { name }) });
  }
  const view = search.view && options.some((o) => o.id === search.view) ? search.view : options[0]?.id;
  const [kind, id] = view?.includes(":") ? view.split(":") : ["mine", undefined];
  const query = {
    ...(asked && { start: mondayOf(asked) }),
    ...(kind === "class" && { classId: id }),
    ...(kind === "pupil" && { pupilId: id }),
    ...(kind === "teacher" && { teacherId: id }),
  };
  const cls = kind === "class" ? classes.data?.items.find((c) => c.id === id) : undefined;
  const week = useQuery({ queryKey: [...attendanceKey, "week", query], queryFn: () => api(getWeek, { query }), enabled: !!view });
  const go = (s: { view?: string; start?: string }) => navigate({ to: "/attendance", search: { view, start: asked, ...s } });

  // the week and today on the platform's calendar (the server's), whatever the device's time zone
  const start = week.data?.start ?? (asked ? mondayOf(asked) : null);
  const today = week.data?.today;
  const items = week.data?.items ?? [];
  const weekend = !!start && items.some((o) => o.day >= addDays(start, 5));
  const days = start ? Array.from({ length: weekend ? 7 : 5 }, (_, i) => addDays(start, i)) : [];
  return (
    <>
      <PageTitle
        actions={
          <div className="att-actions">
            {week.data?.canManage && cls && <NewLesson cls={cls} />}
            {week.data?.canManage && (
              <Link to="/attendance/import" className="btn btn-secondary">
                {t("ui.attendance.import.link")}
              </Link>
            )}
            {(staff || me?.profile === "teacher") && (
              <Link to="/attendance/counts" className="btn btn-secondary">
                {t("ui.attendance.counts.link")}
              </Link>
            )}
          </div>
        }
      >
        {t("ui.attendance.week.title")}
      </PageTitle>
      <div className="att-toolbar">
        {(options.length > 1 || isParent) && (
          <SelectField label={t("ui.attendance.week.view")} options={options} value={view ?? null} onChange={(v) => go({ view: v })} />
        )}
        {start && (
          <nav className="att-week-nav" aria-label={t("ui.attendance.week.nav")}>
            <Link to="/attendance" search={{ view, start: addDays(start, -7) }} className="btn btn-secondary">
              {t("ui.attendance.week.previous")}
            </Link>
            <span className="att-week-label">
              {t("ui.attendance.week.of")} <FormattedDate value={`${start}T12:00:00`} dateStyle="long" />
              {week.data && <span className="badge badge-neutral">{t("ui.attendance.week.letter", { letter: week.data.weekLetter })}</span>}
            </span>
            <Link to="/attendance" search={{ view, start: addDays(start, 7) }} className="btn btn-secondary">
              {t("ui.attendance.week.next")}
            </Link>
          </nav>
        )}
      </div>
      {!view ? (
        <EmptyState title={t("ui.attendance.week.nothingToShow")}>
          <p>{t(isParent ? "ui.attendance.week.noChildren" : "ui.attendance.week.noClasses")}</p>
        </EmptyState>
      ) : week.isPending ? (
        <Loading />
      ) : week.isError ? (
        <QueryError error={week.error} />
      ) : items.length === 0 ? (
        <EmptyState title={t("ui.attendance.week.empty")}>
          <p>{t(week.data.canManage ? "ui.attendance.week.emptyManager" : "ui.attendance.week.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ol className="att-days">
          {days.map((d) => (
            <li key={d} className={`att-day ${d === today ? "att-today" : ""}`}>
              <h2>
                <FormattedDate value={`${d}T12:00:00`} weekday="long" day="numeric" month="long" />
                {d === today && <span className="badge badge-ok">{t("ui.attendance.week.today")}</span>}
              </h2>
              <ul className="att-lessons">
                {items
                  .filter((o) => o.day === d)
                  .map((o) => (
                    <LessonCard
                      key={`${o.lesson.id}-${o.day}`}
                      o={o}
                      showClass={kind !== "class"}
                      showTeacher={kind !== "teacher" && kind !== "mine"}
                      today={week.data.today}
                      canManage={week.data.canManage}
                    />
                  ))}
              </ul>
              {!items.some((o) => o.day === d) && <p className="muted small">{t("ui.attendance.week.noLesson")}</p>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}

function LessonCard({
  o,
  showClass,
  showTeacher,
  today,
  canManage,
}: {
  o: Occurrence;
  showClass: boolean;
  showTeacher: boolean;
  today: string;
  canManage: boolean;
}) {
  const t = useT();
  const l = o.lesson;
  return (
    <li className="card att-lesson" style={{ borderInlineStartColor: l.subject.color }}>
      <p className="att-time">
        {l.startsAt}–{l.endsAt}
      </p>
      <p className="att-subject">
        <span className="att-dot" style={{ background: l.subject.color }} aria-hidden="true" />
        <strong>{l.subject.name}</strong>
      </p>
      <p className="muted small">
        {[showClass && l.class.name, showTeacher && l.teacher.name, l.room && t("ui.attendance.week.room", { room: l.room })].filter(Boolean).join(" · ")}
      </p>
      {o.mark && <MarkBadge status={o.mark.status} lateMinutes={o.mark.lateMinutes} justification={o.mark.justification} />}
      {o.canCall && (o.roll || o.day <= today) && (
        <Link
          to="/attendance/roll/$lessonId/$day"
          params={{ lessonId: l.id, day: o.day }}
          className={`btn ${o.roll ? "btn-quiet" : "btn-primary"} att-call`}
          aria-label={t(o.roll ? "ui.attendance.week.rollTakenLabel" : "ui.attendance.week.callLabel", { subject: l.subject.name, time: l.startsAt })}
        >
          {o.roll ? t("ui.attendance.week.rollTaken", { absent: o.roll.absent, late: o.roll.late }) : t("ui.attendance.week.call")}
        </Link>
      )}
      {canManage && <LessonActions lesson={l} />}
    </li>
  );
}
