import { type CalendarDate, getLocalTimeZone, parseDate, startOfWeek, today } from "@internationalized/date";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { emptyDoc, RichTextEditor, RichTextView } from "../../../web/rich-text/index.ts";
import { useMe } from "../../../web/session.ts";
import {
  Confirm,
  DayField,
  EmptyState,
  Field,
  FormAlert,
  formValues,
  Loading,
  ModalButton,
  PageTitle,
  QueryError,
  SelectField,
  useAnnounce,
  useFormErrors,
} from "../../../web/ui.tsx";
import { FileUpload, useFormatSize } from "../../files/client/index.ts";
import {
  addDiaryReader,
  type ClassSummary,
  createDiaryEntry,
  type DiaryEntry,
  deleteDiaryEntry,
  getClassDiary,
  getMyWeek,
  getWorkload,
  listClasses,
  listDiaryReaders,
  listLinkable,
  listSubjects,
  removeDiaryReader,
  updateDiaryEntry,
} from "../shared/contract.ts";
import { schoolKey } from "./classes.tsx";
import { EntryFiles, EntryLink } from "./entry-parts.tsx";
import "./school.css";

const MINE = "mine";
/** Monday of the week holding `iso` (or of this week). */
const mondayOf = (iso?: string): CalendarDate => {
  let d: CalendarDate;
  try {
    d = iso ? parseDate(iso) : today(getLocalTimeZone());
  } catch {
    d = today(getLocalTimeZone());
  }
  return startOfWeek(d, "fr-FR");
};
/** The day an entry belongs to in a week: the lesson's day, or the day homework is due. */
const dayOf = (e: DiaryEntry) => e.dueDate ?? e.day;

/**
 * The homework diary's week: "my week" (a pupil's classes, a parent's children's, a teacher's
 * planning) or one class's week with its homework workload per day; teachers write entries.
 */
export function DiaryPage() {
  const t = useT();
  const search = useSearch({ strict: false }) as { classId?: string; start?: string };
  const navigate = useNavigate();
  const monday = mondayOf(search.start);
  const start = monday.toString();
  const classId = search.classId && search.classId !== MINE ? search.classId : null;
  const classes = useQuery({ queryKey: [...schoolKey, "classes"], queryFn: () => api(listClasses) });
  const week = useQuery({
    queryKey: [...schoolKey, "diary", classId ?? MINE, start],
    queryFn: async () =>
      classId ? api(getClassDiary, { params: { id: classId }, query: { start } }) : { ...(await api(getMyWeek, { query: { start } })), canWrite: false },
  });
  const workload = useQuery({
    queryKey: [...schoolKey, "workload", classId, start],
    queryFn: () => api(getWorkload, { params: { id: classId! }, query: { start } }),
    enabled: !!classId,
  });
  const go = (s: { classId?: string; start?: string }) => navigate({ to: "/school/diary", search: { classId: search.classId ?? MINE, start, ...s } });
  const days = Array.from({ length: 7 }, (_, i) => monday.add({ days: i }).toString());
  const cls = classes.data?.items.find((c) => c.id === classId);
  return (
    <>
      <PageTitle actions={week.data?.canWrite && cls && <EntryDialog cls={cls} monday={start} />}>{t("ui.school.diary.title")}</PageTitle>
      <div className="diary-toolbar">
        <SelectField
          label={t("ui.school.diary.view")}
          options={[{ id: MINE, label: t("ui.school.diary.myWeek") }, ...(classes.data?.items ?? []).map((c) => ({ id: c.id, label: c.name }))]}
          value={classId ?? MINE}
          onChange={(v) => go({ classId: v })}
        />
        <nav className="week-nav" aria-label={t("ui.school.diary.weekNav")}>
          <Link to="/school/diary" search={{ classId: classId ?? MINE, start: monday.subtract({ weeks: 1 }).toString() }} className="btn btn-secondary">
            {t("ui.school.diary.previous")}
          </Link>
          <span className="week-label">
            {t("ui.school.diary.weekOf")} <FormattedDate value={`${start}T12:00:00`} dateStyle="long" />
          </span>
          <Link to="/school/diary" search={{ classId: classId ?? MINE, start: monday.add({ weeks: 1 }).toString() }} className="btn btn-secondary">
            {t("ui.school.diary.next")}
          </Link>
        </nav>
      </div>
      {workload.data?.days.some((d) => d.overloaded) && (
        <div className="alert school-alert-heavy" role="status">
          {t("ui.school.diary.overloaded", { threshold: workload.data.threshold })}
        </div>
      )}
      {week.isPending ? (
        <Loading />
      ) : week.isError ? (
        <QueryError error={week.error} />
      ) : week.data.items.length === 0 ? (
        <EmptyState title={t("ui.school.diary.empty")}>
          <p>{t(week.data.canWrite ? "ui.school.diary.emptyTeacher" : "ui.school.diary.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ol className="diary-days">
          {days.map((d) => {
            const items = week.data.items.filter((e) => dayOf(e) === d);
            const load = workload.data?.days.find((w) => w.date === d);
            if (items.length === 0) return null;
            return (
              <li key={d} className="diary-day">
                <h2>
                  <FormattedDate value={`${d}T12:00:00`} weekday="long" day="numeric" month="long" />
                  {load && load.minutes > 0 && (
                    <span className={`badge ${load.overloaded ? "school-badge-heavy" : "badge-neutral"}`}>
                      {t(load.overloaded ? "ui.school.diary.loadHeavy" : "ui.school.diary.load", { minutes: load.minutes })}
                    </span>
                  )}
                </h2>
                <ul className="diary-entries">
                  {items.map((e) => (
                    <EntryCard key={e.id} entry={e} showClass={!classId} />
                  ))}
                </ul>
              </li>
            );
          })}
        </ol>
      )}
      <DiaryReaders />
    </>
  );
}

function EntryCard({ entry: e, showClass }: { entry: DiaryEntry; showClass: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const del = useMutation({
    mutationFn: () => api(deleteDiaryEntry, { params: { id: e.id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...schoolKey] });
      announce(t("ui.school.diary.deleted"));
    },
  });
  return (
    <li className="card diary-entry" style={{ borderInlineStartColor: e.subject.color }}>
      <p className="diary-meta">
        <span className="subject-dot" style={{ background: e.subject.color }} aria-hidden="true" />
        <strong>{e.subject.name}</strong>
        <span className="badge badge-neutral">{t(e.kind === "homework" ? "ui.school.diary.homework" : "ui.school.diary.lesson")}</span>
        {showClass && <span className="muted">{e.className}</span>}
        {e.workloadMinutes !== null && <span className="muted">{t("ui.school.diary.minutes", { minutes: e.workloadMinutes })}</span>}
      </p>
      <h3>{e.title}</h3>
      <RichTextView html={e.contentHtml} />
      {e.link && (
        <p>
          <EntryLink link={e.link} />
        </p>
      )}
      <EntryFiles files={e.files} />
      <p className="muted small">
        {e.kind === "homework" ? (
          <>
            {t("ui.school.diary.givenOn")} <FormattedDate value={`${e.day}T12:00:00`} dateStyle="medium" />
          </>
        ) : null}{" "}
        · {e.author.name}
      </p>
      {e.canEdit && (
        <div className="school-actions">
          <EditEntry entry={e} />
          <ModalButton
            label={t("ui.school.diary.delete")}
            ariaLabel={t("ui.school.diary.deleteLabel", { title: e.title })}
            title={t("ui.school.diary.delete")}
            variant="quiet"
          >
            {(close) => (
              <Confirm
                message={t("ui.school.diary.deleteConfirm", { title: e.title })}
                action={t("ui.school.diary.delete")}
                danger
                pending={del.isPending}
                onConfirm={() => del.mutate(undefined, { onSuccess: close })}
                close={close}
              />
            )}
          </ModalButton>
        </div>
      )}
    </li>
  );
}

/** Editing an entry: the same form, filled in, for the class it belongs to. */
function EditEntry({ entry }: { entry: DiaryEntry }) {
  const t = useT();
  const classes = useQuery({ queryKey: [...schoolKey, "classes"], queryFn: () => api(listClasses) });
  const cls = classes.data?.items.find((c) => c.id === entry.classId);
  if (!cls) return null;
  return <EntryDialog cls={cls} monday={entry.day} entry={entry} label={t("ui.school.diary.edit")} />;
}

const NONE = "none";

/**
 * Writing or changing an entry: kind, subject, days, title, rich content with maths, the course
 * item or quiz it points at (from the courses enrolling the class) and attachments.
 */
function EntryDialog({ cls, monday, entry, label }: { cls: ClassSummary; monday: string; entry?: DiaryEntry; label?: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const subjects = useQuery({ queryKey: [...schoolKey, "subjects"], queryFn: () => api(listSubjects) });
  const linkable = useQuery({ queryKey: [...schoolKey, "linkable", cls.id], queryFn: () => api(listLinkable, { params: { id: cls.id } }) });
  const taught = cls.canManage ? (subjects.data?.items ?? []).filter((s) => !s.archived) : cls.teachings.map((x) => x.subject);
  const options = [...new Map([...taught, ...(entry ? [entry.subject] : [])].map((s) => [s.id, { id: s.id, label: s.name }])).values()];
  const links = [
    { id: NONE, label: t("ui.school.diary.noLink") },
    ...(linkable.data?.items ?? []).flatMap((c) =>
      c.items.map((i) => ({
        id: `${i.kind}:${i.id}`,
        label: `${c.title} — ${i.title} (${t(`ui.school.diary.itemKind.${i.kind === "quiz" || i.kind === "assignment" ? i.kind : "other"}`)})`,
      })),
    ),
  ];
  const [kind, setKind] = useState<"lesson" | "homework">(entry?.kind ?? "homework");
  const [subjectId, setSubjectId] = useState<string | null>(entry?.subject.id ?? null);
  const [day, setDay] = useState<CalendarDate | null>(parseDate(entry?.day ?? monday));
  const [due, setDue] = useState<CalendarDate | null>(entry?.dueDate ? parseDate(entry.dueDate) : parseDate(monday).add({ days: 2 }));
  const [content, setContent] = useState<unknown>(entry?.content ?? emptyDoc());
  const [link, setLink] = useState<string>(entry?.link ? `${entry.link.kind}:${entry.link.itemId}` : NONE);
  const [files, setFiles] = useState<{ id: string; name: string; size: number }[]>(entry?.files ?? []);
  const [uploadKey, setUploadKey] = useState(0);
  const size = useFormatSize();
  const m = useMutation({
    mutationFn: (v: { title: string; workloadMinutes: string }) => {
      const [linkKind, linkId] = link === NONE ? [null, null] : link.split(":");
      const body = {
        kind,
        subjectId: subjectId ?? "",
        day: day?.toString() ?? "",
        dueDate: kind === "homework" ? (due?.toString() ?? null) : null,
        title: v.title,
        content: content as never,
        fileIds: files.map((f) => f.id),
        workloadMinutes: kind === "homework" && v.workloadMinutes ? Number(v.workloadMinutes) : null,
        quizId: linkKind === "quiz" ? linkId : null,
        courseItemId: linkKind && linkKind !== "quiz" ? linkId : null,
      };
      return entry ? api(updateDiaryEntry, { params: { id: entry.id }, body }) : api(createDiaryEntry, { params: { id: cls.id }, body });
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...schoolKey] });
      announce(t(entry ? "ui.school.diary.updated" : "ui.school.diary.created"));
    },
  });
  return (
    <FormDialog
      label={label ?? t("ui.school.diary.new")}
      variant={entry ? "quiet" : "primary"}
      ariaLabel={entry ? t("ui.school.diary.editLabel", { title: entry.title }) : undefined}
      title={entry ? t("ui.school.diary.editTitle", { title: entry.title }) : t("ui.school.diary.newTitle", { name: cls.name })}
      submitLabel={t("ui.school.diary.save")}
      submitDisabled={!subjectId}
      cancel
      onSubmit={(form) => m.mutateAsync({ title: String(form.get("title") ?? ""), workloadMinutes: String(form.get("workloadMinutes") ?? "") })}
    >
      {(error) => (
        <>
          <SelectField
            label={t("ui.school.diary.kind")}
            options={[
              { id: "homework", label: t("ui.school.diary.homework") },
              { id: "lesson", label: t("ui.school.diary.lesson") },
            ]}
            value={kind}
            onChange={(v) => setKind(v as "lesson" | "homework")}
            isRequired
          />
          <SelectField name="subjectId" label={t("ui.school.class.subject")} options={options} value={subjectId} onChange={setSubjectId} isRequired />
          <DayField name="day" label={t(kind === "homework" ? "ui.school.diary.givenOn" : "ui.school.diary.lessonDay")} value={day} onChange={setDay} />
          {kind === "homework" && <DayField name="dueDate" label={t("ui.school.diary.dueDate")} value={due} onChange={setDue} />}
          <Field name="title" label={t("ui.school.diary.entryTitle")} defaultValue={entry?.title} isRequired />
          <RichTextEditor
            label={t("ui.school.diary.content")}
            defaultValue={(entry?.content as never) ?? emptyDoc()}
            onChange={setContent}
            errorMessage={error?.fields.content}
          />
          {kind === "homework" && (
            <Field
              name="workloadMinutes"
              label={t("ui.school.diary.workload")}
              description={t("ui.school.diary.workloadHelp")}
              defaultValue={entry?.workloadMinutes?.toString()}
            />
          )}
          <SelectField
            name={link.startsWith("quiz:") ? "quizId" : "courseItemId"}
            label={t("ui.school.diary.link")}
            description={t(links.length > 1 ? "ui.school.diary.linkHelp" : "ui.school.diary.linkNone")}
            options={links}
            value={link}
            onChange={setLink}
          />
          <div className="field">
            {files.length > 0 && (
              <ul className="diary-files">
                {files.map((f) => (
                  <li key={f.id}>
                    <span>{t("ui.files.download", { name: f.name, size: size(f.size) })}</span>
                    <Button
                      className="btn btn-quiet btn-small"
                      aria-label={t("ui.school.diary.removeFile", { name: f.name })}
                      onPress={() => setFiles(files.filter((x) => x.id !== f.id))}
                    >
                      {t("ui.school.diary.remove")}
                    </Button>
                  </li>
                ))}
              </ul>
            )}
            <FileUpload
              key={uploadKey}
              purpose="document"
              name="file"
              label={t("ui.school.diary.addFile")}
              onChange={(f) => {
                if (!f) return;
                setFiles((cur) => [...cur, { id: f.id, name: f.name, size: f.size }]);
                setUploadKey((n) => n + 1);
              }}
              errorMessage={Object.entries(error?.fields ?? {}).find(([k]) => k.startsWith("fileIds"))?.[1]}
            />
          </div>
        </>
      )}
    </FormDialog>
  );
}

/**
 * For admins: who reads the diary of their branches from outside (inspectors). A grant on a node
 * opens every class's diary under it, read-only; heads of school need none.
 */
function DiaryReaders() {
  const t = useT();
  const me = useMe();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const nodes = (me?.grants ?? []).filter((g) => g.role === "admin").map((g) => ({ id: g.orgId, label: g.orgName }));
  const [orgId, setOrgId] = useState<string | null>(null);
  const readers = useQuery({ queryKey: [...schoolKey, "readers"], queryFn: () => api(listDiaryReaders), enabled: nodes.length > 0 });
  const add = useMutation({ mutationFn: (login: string) => api(addDiaryReader, { body: { orgId: orgId ?? nodes[0]?.id ?? "", login } }), onError });
  const remove = useMutation({
    mutationFn: (id: string) => api(removeDiaryReader, { params: { id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: [...schoolKey, "readers"] });
      announce(t("ui.school.readers.removed"));
    },
  });
  if (nodes.length === 0) return null;
  return (
    <section className="section" aria-labelledby="diary-readers">
      <h2 id="diary-readers">{t("ui.school.readers.title")}</h2>
      <p className="muted">{t("ui.school.readers.help")}</p>
      {readers.data && readers.data.items.length > 0 && (
        <ul className="people-list">
          {readers.data.items.map((r) => (
            <li key={r.id} className="teaching">
              <span>{t("ui.school.readers.item", { person: r.person.name, org: r.org.name })}</span>
              <Button
                className="btn btn-quiet btn-small"
                aria-label={t("ui.school.readers.removeLabel", { person: r.person.name, org: r.org.name })}
                onPress={() => remove.mutate(r.id)}
              >
                {t("ui.school.diary.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Form
        className="inline-form"
        validationErrors={error?.fields}
        onSubmit={(e) => {
          e.preventDefault();
          const form = e.currentTarget;
          add.mutate(formValues(e).login ?? "", {
            onSuccess: () => {
              clear();
              form.reset();
              qc.invalidateQueries({ queryKey: [...schoolKey, "readers"] });
              announce(t("ui.school.readers.added"));
            },
          });
        }}
      >
        {nodes.length > 1 && <SelectField label={t("ui.school.readers.node")} options={nodes} value={orgId ?? nodes[0].id} onChange={setOrgId} isRequired />}
        <Field name="login" label={t("ui.school.readers.login")} isRequired />
        <Button type="submit" className="btn btn-secondary" isPending={add.isPending}>
          {t("ui.school.readers.add")}
        </Button>
      </Form>
      <FormAlert error={error} />
    </section>
  );
}
