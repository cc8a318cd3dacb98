import { getLocalTimeZone, today } from "@internationalized/date";
import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import type { ReactNode } from "react";
import { FormattedDate, FormattedNumber } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { RichTextView } from "../../../web/rich-text/index.ts";
import { useMe } from "../../../web/session.ts";
import { type DayPupil, type DiaryEntry, type DueItem, getSchoolDay, type SchoolDayData } from "../shared/contract.ts";
import { schoolKey } from "./classes.tsx";
import { EntryLink } from "./entry-parts.tsx";
import "./school.css";

/**
 * What other modules add to each pupil's part of the school day (e.g. attendance: absences to
 * justify for parents). A module pushes a component here when its client code loads.
 */
export const pupilDaySlots: ((props: { pupil: DayPupil }) => ReactNode)[] = [];
/** The same for a teacher's part (e.g. attendance: today's lessons and roll calls to take). */
export const teacherDaySlots: (() => ReactNode)[] = [];

const dateOf = (iso: string) => (iso.length === 10 ? `${iso}T12:00:00` : iso);

/**
 * The school part of the home page: unread messages and announcements; for a pupil (or each
 * child of a parent) what is due and the latest diary entries; for a teacher their classes, the
 * diary entries to write this week and the work to grade.
 */
export function SchoolDay() {
  const t = useT();
  const me = useMe();
  const day = today(getLocalTimeZone()).toString();
  const q = useQuery({ queryKey: [...schoolKey, "day", day], queryFn: () => api(getSchoolDay, { query: { today: day } }) });
  if (!q.data) return null;
  const d = q.data;
  const parent = me?.profile === "parent";
  return (
    <>
      <ul className="stats day-stats" aria-label={t("ui.schoolDay.summary")}>
        <li className="stat">
          <Link to="/messages">
            <span className="stat-value">
              <FormattedNumber value={d.unreadMessages} />
            </span>
            <span className="stat-label">{t("ui.schoolDay.unread", { count: d.unreadMessages })}</span>
          </Link>
        </li>
        {d.pupils.map((p) => (
          <li key={p.id} className="stat">
            <a href={`#pupil-${p.id}`}>
              <span className="stat-value">
                <FormattedNumber value={p.due.length} />
              </span>
              <span className="stat-label">{parent ? t("ui.schoolDay.dueFor", { name: p.name }) : t("ui.schoolDay.dueCount", { count: p.due.length })}</span>
            </a>
          </li>
        ))}
        {d.teaching && (
          <li className="stat">
            <a href="#day-teaching">
              <span className="stat-value">
                <FormattedNumber value={d.teaching.toGrade.reduce((n, g) => n + g.count, 0)} />
              </span>
              <span className="stat-label">{t("ui.schoolDay.toGradeCount")}</span>
            </a>
          </li>
        )}
      </ul>
      {d.pupils.map((p) => (
        <PupilDay key={p.id} pupil={p} parent={parent} />
      ))}
      {d.teaching &&
        teacherDaySlots.map((Slot, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the slots are fixed once loaded
          <Slot key={i} />
        ))}
      {d.teaching && <TeacherDay teaching={d.teaching} />}
      {d.announcements.length > 0 && (
        <section className="section" aria-labelledby="day-news">
          <h2 id="day-news">{t("ui.schoolDay.announcements")}</h2>
          <ul className="day-list">
            {d.announcements.map((a) => (
              <li key={a.threadId}>
                <Link to="/threads/$threadId" params={{ threadId: a.threadId }}>
                  {a.title}
                </Link>
                <span className="muted small">
                  {a.forumTitle} · <FormattedDate value={a.at} dateStyle="medium" />
                </span>
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function PupilDay({ pupil: p, parent }: { pupil: DayPupil; parent: boolean }) {
  const t = useT();
  const headingId = `pupil-${p.id}`;
  return (
    <section className="section card day-card" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {parent ? p.name : t("ui.schoolDay.myDay")}
        {p.classes.length > 0 && <span className="muted day-classes"> · {p.classes.map((c) => c.name).join(", ")}</span>}
      </h2>
      <div className="grid-2">
        <div>
          <h3>{t("ui.schoolDay.due")}</h3>
          {p.due.length === 0 ? (
            <p className="muted">{t("ui.schoolDay.nothingDue")}</p>
          ) : (
            <ul className="day-list">
              {p.due.map((x) => (
                <DueLine key={`${x.kind}-${x.entry?.id ?? x.itemId}`} item={x} />
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t("ui.schoolDay.latest")}</h3>
          {p.latest.length === 0 ? (
            <p className="muted">{t("ui.schoolDay.noEntries")}</p>
          ) : (
            <ul className="day-list">
              {p.latest.map((e) => (
                <LatestEntry key={e.id} entry={e} />
              ))}
            </ul>
          )}
          <p>
            <Link to="/school/diary" search={{ classId: p.classes[0]?.id ?? "mine", start: undefined }}>
              {t("ui.schoolDay.openDiary")}
            </Link>
          </p>
        </div>
      </div>
      {pupilDaySlots.map((Slot, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: the slots are fixed once loaded
        <Slot key={i} pupil={p} />
      ))}
    </section>
  );
}

function DueLine({ item: x }: { item: DueItem }) {
  const t = useT();
  const e = x.entry;
  return (
    <li className="day-due">
      <span className="day-date">
        <FormattedDate value={dateOf(x.dueAt)} weekday="short" day="numeric" month="short" />
      </span>
      <span className="day-what">
        {e ? (
          <>
            <span className="subject-dot" style={{ background: e.subject.color }} aria-hidden="true" /> <strong>{e.subject.name}</strong> · {x.title}
            {e.workloadMinutes !== null && <span className="muted"> · {t("ui.school.diary.minutes", { minutes: e.workloadMinutes })}</span>}
            {e.link && (
              <>
                {" "}
                · <EntryLink link={e.link} />
              </>
            )}
          </>
        ) : (
          <>
            <span className="badge badge-neutral">{t(`ui.schoolDay.kind.${x.kind}`)}</span>{" "}
            {x.kind === "quiz" ? (
              <Link to="/courses/$id/quizzes/$itemId" params={{ id: x.courseId!, itemId: x.itemId! }}>
                {x.title}
              </Link>
            ) : (
              <Link to="/courses/$id/assignments/$itemId" params={{ id: x.courseId!, itemId: x.itemId! }}>
                {x.title}
              </Link>
            )}{" "}
            <span className="muted">· {x.courseTitle}</span>
          </>
        )}
      </span>
    </li>
  );
}

function LatestEntry({ entry: e }: { entry: DiaryEntry }) {
  const t = useT();
  return (
    <li className="day-entry" style={{ borderInlineStartColor: e.subject.color }}>
      <p className="diary-meta">
        <strong>{e.subject.name}</strong>
        <span className="badge badge-neutral">{t(e.kind === "homework" ? "ui.school.diary.homework" : "ui.school.diary.lesson")}</span>
        {e.dueDate && (
          <span className="muted">
            {t("ui.schoolDay.for")} <FormattedDate value={dateOf(e.dueDate)} weekday="long" day="numeric" month="long" />
          </span>
        )}
      </p>
      <p className="day-entry-title">{e.title}</p>
      <RichTextView html={e.contentHtml} />
      {e.link && (
        <p>
          <EntryLink link={e.link} />
        </p>
      )}
    </li>
  );
}

function TeacherDay({ teaching }: { teaching: NonNullable<SchoolDayData["teaching"]> }) {
  const t = useT();
  return (
    <section className="section card day-card" aria-labelledby="day-teaching">
      <h2 id="day-teaching" tabIndex={-1}>
        {t("ui.schoolDay.teaching")}
      </h2>
      <div className="grid-2">
        <div>
          <h3>{t("ui.schoolDay.myClasses")}</h3>
          {teaching.classes.length === 0 ? (
            <p className="muted">{t("ui.schoolDay.noClasses")}</p>
          ) : (
            <ul className="day-list">
              {teaching.classes.map((c) => (
                <li key={c.id}>
                  <Link to="/school/diary" search={{ classId: c.id, start: undefined }}>
                    {c.name}
                  </Link>
                  <span className="muted small">{c.subjects.map((s) => s.name).join(", ")}</span>
                </li>
              ))}
            </ul>
          )}
          <h3>{t("ui.schoolDay.toWrite")}</h3>
          {teaching.toWrite.length === 0 ? (
            <p className="muted">{t("ui.schoolDay.allWritten")}</p>
          ) : (
            <ul className="day-list">
              {teaching.toWrite.map((w) => (
                <li key={`${w.classId}-${w.subject.id}`}>
                  <Link to="/school/diary" search={{ classId: w.classId, start: undefined }}>
                    {t("ui.schoolDay.writeIn", { class: w.className, subject: w.subject.name })}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        <div>
          <h3>{t("ui.schoolDay.toGrade")}</h3>
          {teaching.toGrade.length === 0 ? (
            <p className="muted">{t("ui.schoolDay.nothingToGrade")}</p>
          ) : (
            <ul className="day-list">
              {teaching.toGrade.map((g) => (
                <li key={g.itemId}>
                  {g.kind === "quiz" ? (
                    <Link to="/courses/$id/quizzes/$itemId/results" params={{ id: g.courseId, itemId: g.itemId }}>
                      {g.title}
                    </Link>
                  ) : (
                    <Link to="/courses/$id/assignments/$itemId/marking" params={{ id: g.courseId, itemId: g.itemId }}>
                      {g.title}
                    </Link>
                  )}
                  <span className="muted small">
                    {g.courseTitle} · {t("ui.schoolDay.waiting", { count: g.count })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}
