import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { type ComponentProps, useEffect, useState } from "react";
import { parseAbsoluteToLocal } from "@internationalized/date";
import { Button, type DateValue, DateInput, DatePicker, DateSegment, FieldError, GridList, GridListItem, Group, Label, Menu, MenuItem, MenuTrigger, Popover, Text, useDragAndDrop } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog, MutationForm } from "../../../web/mutation-form.tsx";
import { emptyDoc, RichTextEditor } from "../../../web/rich-text/index.ts";
import { EmptyState, Field, FormAlert, fieldValues, Loading, ModalButton, PageTitle, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import {
  addItem,
  addMember,
  addSection,
  COURSE_FORMATS,
  COURSE_LANGUAGES,
  type CoursePage,
  type CourseSettings,
  copyCourse,
  deleteItem,
  deleteSection,
  type OutlineItem,
  removeMember,
  reorderCourse,
  STAFF_ROLES,
  type Section,
  searchPeople,
  updateCourse,
  updateSection,
} from "../shared/contract.ts";
import "./courses.css";
import { CourseUnavailable, cannotEdit } from "./parts.tsx";
import { courseQuery, teamQuery } from "./queries.ts";
import { FileUpload } from "../../files/client/index.ts";

/** The course editor: settings and publication, sections and items (add, edit, delete, reorder), teaching team. */
export function CourseEditorPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery(courseQuery(id));
  if (q.isPending) return <Loading />;
  if (q.isError) return <CourseUnavailable error={q.error} />;
  const { course, capabilities } = q.data;
  if (!capabilities.edit) return <CourseUnavailable error={cannotEdit()} courseId={id} />;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses">{t("ui.courses.title")}</Link>
      </nav>
      <PageTitle
        actions={
          <Link className="btn btn-secondary" to="/courses/$id" params={{ id }}>
            {t("ui.courses.viewAsLearner")}
          </Link>
        }
      >
        {t("ui.courses.editTitle", { title: course.title })}
      </PageTitle>
      <PublishBar course={course} />
      <div className="editor-grid">
        <div>
          <Structure page={q.data} />
        </div>
        <div>
          <Settings course={course} />
          {capabilities.team && <Team courseId={id} />}
          {capabilities.team && <CopyPanel course={course} />}
        </div>
      </div>
    </>
  );
}

function useRefresh(id: string) {
  const qc = useQueryClient();
  return () => qc.invalidateQueries({ queryKey: ["course", id] });
}

// ---- publication ----
function PublishBar({ course }: { course: CourseSettings }) {
  const t = useT();
  const announce = useAnnounce();
  const refresh = useRefresh(course.id);
  const qc = useQueryClient();
  const { error, onError } = useFormErrors();
  const m = useMutation({
    mutationFn: (status: CourseSettings["status"]) => api(updateCourse, { params: { id: course.id }, body: { status } }),
    onSuccess: (c) => {
      refresh();
      qc.invalidateQueries({ queryKey: ["my-courses"] });
      announce(t(`ui.courses.statusChanged.${c.status}`));
    },
    onError,
  });
  return (
    <div className="card publish-bar" role="group" aria-labelledby="publish-state">
      <p id="publish-state">
        {t("ui.courses.statusLabel")} <span className={`badge ${course.status === "published" ? "badge-ok" : "badge-warn"}`}>{t(`ui.courses.statuses.${course.status}`)}</span>
        {course.isTemplate && <span className="badge badge-neutral">{t("ui.courses.template")}</span>}
      </p>
      <FormAlert error={error} />
      <div className="structure-actions">
        {course.status === "draft" && (
          <Button className="btn btn-primary" onPress={() => m.mutate("published")} isPending={m.isPending}>
            {t("ui.courses.publish")}
          </Button>
        )}
        {course.status === "published" && (
          <Button className="btn btn-secondary" onPress={() => m.mutate("draft")} isPending={m.isPending}>
            {t("ui.courses.unpublish")}
          </Button>
        )}
        {course.status !== "archived" ? (
          <Button className="btn btn-quiet" onPress={() => m.mutate("archived")}>
            {t("ui.courses.archive")}
          </Button>
        ) : (
          <Button className="btn btn-secondary" onPress={() => m.mutate("draft")}>
            {t("ui.courses.restore")}
          </Button>
        )}
      </div>
    </div>
  );
}

// ---- settings ----
function Settings({ course }: { course: CourseSettings }) {
  const t = useT();
  const announce = useAnnounce();
  const [from, setFrom] = useState<DateValue | null>(toValue(course.visibleFrom));
  const [until, setUntil] = useState<DateValue | null>(toValue(course.visibleUntil));
  const refresh = useRefresh(course.id);
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(updateCourse, {
        params: { id: course.id },
        body: {
          title: v.title,
          summary: v.summary ?? "",
          description: v.description ? JSON.parse(v.description) : undefined,
          language: v.language as "fr",
          format: v.format as "online",
          tags: (v.tags ?? "")
            .split(",")
            .map((x) => x.trim())
            .filter(Boolean),
          visibleFrom: toIso(from),
          visibleUntil: toIso(until),
        },
      }),
    onSuccess: () => {
      refresh();
      announce(t("ui.courses.saved"));
    },
  });
  return (
    <section className="section card" aria-labelledby="settings-title">
      <h2 id="settings-title">{t("ui.courses.settings")}</h2>
      <MutationForm submitLabel={t("ui.common.save")} onSubmit={(form) => m.mutateAsync(fieldValues(form))}>
        {(error) => (
          <>
            <Field name="title" label={t("ui.courses.fields.title")} isRequired defaultValue={course.title} />
            <Field name="summary" label={t("ui.courses.fields.summary")} defaultValue={course.summary} />
            <RichTextEditor
              name="description"
              label={t("ui.courses.fields.description")}
              defaultValue={(course.descriptionDoc as never) ?? emptyDoc()}
              errorMessage={error?.fields.description}
            />
            <SelectField name="language" label={t("ui.courses.fields.language")} options={COURSE_LANGUAGES.map((l) => ({ id: l, label: t(`ui.courses.languages.${l}`) }))} defaultValue={course.language} />
            <SelectField name="format" label={t("ui.courses.fields.format")} options={COURSE_FORMATS.map((f) => ({ id: f, label: t(`ui.courses.formats.${f}`) }))} defaultValue={course.format} />
            <Field name="tags" label={t("ui.courses.fields.tags")} description={t("ui.courses.fields.tagsHelp")} defaultValue={course.tags.join(", ")} />
            <fieldset className="fieldset">
              <legend>{t("ui.courses.fields.visibility")}</legend>
              <p className="field-help">{t("ui.courses.fields.visibilityHelp")}</p>
              <DateTimeField name="visibleFrom" label={t("ui.courses.fields.visibleFrom")} value={from} onChange={setFrom} />
              <DateTimeField name="visibleUntil" label={t("ui.courses.fields.visibleUntil")} value={until} onChange={setUntil} />
            </fieldset>
          </>
        )}
      </MutationForm>
    </section>
  );
}

const toValue = (iso: string | null) => (iso ? parseAbsoluteToLocal(iso) : null);
const toIso = (v: DateValue | null) => (v && "toDate" in v ? (v as { toDate: (tz?: string) => Date }).toDate(Intl.DateTimeFormat().resolvedOptions().timeZone).toISOString() : null);

/** A date and time (react-aria segments: keyboard and screen readers), empty when not set. */
function DateTimeField({ label, value, onChange, name }: { label: string; name: string; value: DateValue | null; onChange: (v: DateValue | null) => void }) {
  const t = useT();
  return (
    <DatePicker className="field" name={name} value={value} onChange={onChange} granularity="minute" hideTimeZone>
      <Label>{label}</Label>
      <div className="course-date-row">
        <Group className="course-date-group">
          <DateInput className="course-date-input">{(seg) => <DateSegment segment={seg} className="course-date-segment" />}</DateInput>
        </Group>
        {value && (
          <Button className="btn btn-quiet btn-small" onPress={() => onChange(null)} aria-label={t("ui.courses.clearDateNamed", { label })}>
            {t("ui.courses.clearDate")}
          </Button>
        )}
      </div>
      <Text slot="description" className="field-help" />
      <FieldError className="field-error" />
    </DatePicker>
  );
}

// ---- structure ----
type Order = { id: string; items: string[] }[];
const orderOf = (sections: Section[]): Order => sections.map((s) => ({ id: s.id, items: s.items.map((i) => i.id) }));

function Structure({ page }: { page: CoursePage }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const id = page.course.id;
  const [sections, setSections] = useState(page.sections);
  useEffect(() => setSections(page.sections), [page.sections]);
  const save = useMutation({
    mutationFn: (order: Order) => api(reorderCourse, { params: { id }, body: { sections: order } }),
    onError: () => {
      announce(t("ui.courses.reorderFailed"), "error");
      qc.invalidateQueries({ queryKey: ["course", id] });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: ["course", id] }),
  });
  const apply = (next: Section[], message: string) => {
    setSections(next);
    save.mutate(orderOf(next));
    announce(message);
  };
  const moveSection = (from: number, to: number) => {
    if (to < 0 || to >= sections.length) return;
    const next = [...sections];
    const [s] = next.splice(from, 1);
    next.splice(to, 0, s);
    apply(next, t("ui.courses.movedSection", { title: s.title, position: to + 1, count: next.length }));
  };
  const moveItem = (itemId: string, toSection: string, toIndex: number) => {
    const next = sections.map((s) => ({ ...s, items: [...s.items] }));
    const from = next.find((s) => s.items.some((i) => i.id === itemId));
    const target = next.find((s) => s.id === toSection);
    if (!from || !target) return;
    const at = from.items.findIndex((i) => i.id === itemId);
    const [item] = from.items.splice(at, 1);
    const index = Math.max(0, Math.min(toIndex, target.items.length));
    target.items.splice(index, 0, item);
    apply(next, t("ui.courses.movedItem", { title: item.title, section: target.title, position: index + 1, count: target.items.length }));
  };
  return (
    <section className="section" aria-labelledby="structure-title">
      <div className="section-head">
        <h2 id="structure-title">{t("ui.courses.structure")}</h2>
        <AddSection courseId={id} />
      </div>
      <p className="muted small">{t("ui.courses.reorderHelp")}</p>
      {sections.length === 0 ? (
        <EmptyState title={t("ui.courses.noSections")}>
          <p>{t("ui.courses.noSectionsHelp")}</p>
        </EmptyState>
      ) : (
        <ol className="structure-list">
          {sections.map((s, index) => (
            <li key={s.id} className="structure-section">
              <div className="structure-section-head">
                <h3>
                  <span className="visually-hidden">{t("ui.courses.sectionNumber", { n: index + 1 })} </span>
                  {s.title}
                </h3>
                <div className="structure-actions">
                  <Button className="btn btn-quiet btn-small" isDisabled={index === 0} onPress={() => moveSection(index, index - 1)} aria-label={t("ui.courses.moveUpNamed", { title: s.title })}>
                    <span aria-hidden="true">↑</span>
                  </Button>
                  <Button
                    className="btn btn-quiet btn-small"
                    isDisabled={index === sections.length - 1}
                    onPress={() => moveSection(index, index + 1)}
                    aria-label={t("ui.courses.moveDownNamed", { title: s.title })}
                  >
                    <span aria-hidden="true">↓</span>
                  </Button>
                  <RenameSection courseId={id} section={s} />
                  <DeleteButton
                    courseId={id}
                    name={s.title}
                    title={t("ui.courses.deleteSection")}
                    message={t("ui.courses.deleteSectionConfirm", { title: s.title, count: s.items.length })}
                    remove={() => api(deleteSection, { params: { id, sectionId: s.id } })}
                  />
                </div>
              </div>
              <SectionItems courseId={id} section={s} sections={sections} moveItem={moveItem} />
              <AddItem courseId={id} section={s} />
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

function SectionItems({ courseId, section, sections, moveItem }: { courseId: string; section: Section; sections: Section[]; moveItem: (itemId: string, toSection: string, toIndex: number) => void }) {
  const t = useT();
  const { dragAndDropHooks } = useDragAndDrop({
    getItems: (keys) => [...keys].map((key) => ({ "text/plain": String(key), "application/x-archipel-item": String(key) })),
    acceptedDragTypes: ["application/x-archipel-item"],
    getDropOperation: () => "move",
    onReorder(e) {
      const key = String([...e.keys][0]);
      const without = section.items.filter((i) => i.id !== key);
      const target = without.findIndex((i) => i.id === String(e.target.key));
      moveItem(key, section.id, e.target.dropPosition === "after" ? target + 1 : target);
    },
    async onInsert(e) {
      const key = await (e.items[0] as { getText(type: string): Promise<string> }).getText("application/x-archipel-item");
      const without = section.items.filter((i) => i.id !== key);
      const target = without.findIndex((i) => i.id === String(e.target.key));
      moveItem(key, section.id, e.target.dropPosition === "after" ? target + 1 : target);
    },
    async onRootDrop(e) {
      const key = await (e.items[0] as { getText(type: string): Promise<string> }).getText("application/x-archipel-item");
      moveItem(key, section.id, section.items.length);
    },
  });
  return (
    <GridList
      aria-label={t("ui.courses.itemsOf", { title: section.title })}
      className="structure-items"
      items={section.items}
      dragAndDropHooks={dragAndDropHooks}
      renderEmptyState={() => <p className="muted small">{t("ui.courses.emptySectionEdit")}</p>}
    >
      {(item) => <ItemRow courseId={courseId} item={item} section={section} sections={sections} moveItem={moveItem} />}
    </GridList>
  );
}

function ItemRow({ courseId, item, section, sections, moveItem }: { courseId: string; item: OutlineItem; section: Section; sections: Section[]; moveItem: (itemId: string, toSection: string, toIndex: number) => void }) {
  const t = useT();
  const navigate = useNavigate();
  const at = section.items.findIndex((i) => i.id === item.id);
  const others = sections.filter((s) => s.id !== section.id);
  return (
    <GridListItem id={item.id} textValue={item.title} className="structure-item">
      <Button slot="drag" className="drag-handle" aria-label={t("ui.courses.dragNamed", { title: item.title })}>
        <span aria-hidden="true">⠿</span>
      </Button>
      <span className="structure-item-title">
        {item.title} <span className="muted small">({t(`ui.courses.kinds.${item.kind}`)})</span>
      </span>
      <span className="structure-actions">
        <Button className="btn btn-quiet btn-small" isDisabled={at === 0} onPress={() => moveItem(item.id, section.id, at - 1)} aria-label={t("ui.courses.moveUpNamed", { title: item.title })}>
          <span aria-hidden="true">↑</span>
        </Button>
        <Button
          className="btn btn-quiet btn-small"
          isDisabled={at === section.items.length - 1}
          onPress={() => moveItem(item.id, section.id, at + 1)}
          aria-label={t("ui.courses.moveDownNamed", { title: item.title })}
        >
          <span aria-hidden="true">↓</span>
        </Button>
        {others.length > 0 && (
          <MenuTrigger>
            <Button className="btn btn-quiet btn-small" aria-label={t("ui.courses.moveToNamed", { title: item.title })}>
              {t("ui.courses.moveTo")}
            </Button>
            <Popover className="popover">
              <Menu className="menu" onAction={(key) => moveItem(item.id, String(key), Number.MAX_SAFE_INTEGER)}>
                {others.map((s) => (
                  <MenuItem key={s.id} id={s.id} className="menu-item">
                    {s.title}
                  </MenuItem>
                ))}
              </Menu>
            </Popover>
          </MenuTrigger>
        )}
        <Button className="btn btn-quiet btn-small" onPress={() => navigate({ to: "/courses/$id/items/$itemId/edit", params: { id: courseId, itemId: item.id } })} aria-label={t("ui.courses.editNamed", { title: item.title })}>
          {t("ui.courses.edit")}
        </Button>
        <DeleteButton
          courseId={courseId}
          name={item.title}
          title={t("ui.courses.deleteItem")}
          message={t("ui.courses.deleteItemConfirm", { title: item.title })}
          remove={() => api(deleteItem, { params: { id: courseId, itemId: item.id } })}
        />
      </span>
    </GridListItem>
  );
}

function AddSection({ courseId }: { courseId: string }) {
  const t = useT();
  const refresh = useRefresh(courseId);
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: (title: string) => api(addSection, { params: { id: courseId }, body: { title } }),
    onSuccess: (s) => {
      refresh();
      announce(t("ui.courses.sectionAdded", { title: s.title }));
    },
  });
  return (
    <TitleDialog
      variant="primary"
      label={t("ui.courses.addSection")}
      title={t("ui.courses.addSection")}
      fieldLabel={t("ui.courses.fields.sectionTitle")}
      submitLabel={t("ui.courses.add")}
      send={m.mutateAsync}
    />
  );
}

function RenameSection({ courseId, section }: { courseId: string; section: Section }) {
  const t = useT();
  const refresh = useRefresh(courseId);
  const m = useMutation({
    mutationFn: (title: string) => api(updateSection, { params: { id: courseId, sectionId: section.id }, body: { title } }),
    onSuccess: refresh,
  });
  return (
    <TitleDialog
      label={t("ui.courses.rename")}
      ariaLabel={t("ui.courses.renameNamed", { title: section.title })}
      title={t("ui.courses.renameSection")}
      fieldLabel={t("ui.courses.fields.sectionTitle")}
      defaultValue={section.title}
      submitLabel={t("ui.common.save")}
      send={m.mutateAsync}
    />
  );
}

/** A button opening a dialog that asks for one title (a section's, a copy's) and sends it. */
function TitleDialog({
  fieldLabel,
  defaultValue,
  send,
  ...dialog
}: Omit<ComponentProps<typeof FormDialog>, "onSubmit" | "children"> & { fieldLabel: string; defaultValue?: string; send: (title: string) => Promise<unknown> }) {
  return (
    <FormDialog {...dialog} onSubmit={(form) => send(String(form.get("title") ?? ""))}>
      {() => <Field name="title" label={fieldLabel} isRequired autoFocus defaultValue={defaultValue} />}
    </FormDialog>
  );
}

/** Delete, once confirmed; then the outline is refreshed and the deletion announced. */
function DeleteButton({ courseId, name, title, message, remove }: { courseId: string; name: string; title: string; message: string; remove: () => Promise<unknown> }) {
  const t = useT();
  const refresh = useRefresh(courseId);
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: remove,
    onSuccess: () => {
      refresh();
      announce(t("ui.courses.deleted", { title: name }));
    },
  });
  return (
    <ModalButton variant="quiet" label={t("ui.courses.delete")} ariaLabel={t("ui.courses.deleteNamed", { title: name })} title={title}>
      {(close) => (
        <div className="form">
          <p>{message}</p>
          <div className="form-actions">
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
            <Button className="btn btn-danger" onPress={() => m.mutate(undefined, { onSuccess: close })} isPending={m.isPending}>
              {t("ui.courses.delete")}
            </Button>
          </div>
        </div>
      )}
    </ModalButton>
  );
}

function AddItem({ courseId, section }: { courseId: string; section: Section }) {
  const t = useT();
  const refresh = useRefresh(courseId);
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [kind, setKind] = useState<"page" | "link" | "file" | "video" | "quiz" | "assignment">("page");
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(addItem, {
        params: { id: courseId },
        body:
          kind === "page"
            ? { sectionId: section.id, kind, title: v.title, body: emptyDoc() }
            : kind === "quiz"
              ? { sectionId: section.id, kind, title: v.title, completion: "graded" as const }
            : kind === "assignment"
              ? { sectionId: section.id, kind, title: v.title, completion: "graded" as const }
            : kind === "link"
              ? { sectionId: section.id, kind, title: v.title, url: v.url }
              : { sectionId: section.id, kind, title: v.title, fileId: v.fileId || null, captionsFileId: kind === "video" ? v.captionsFileId || null : undefined },
      }),
    onSuccess: (item) => {
      refresh();
      announce(t("ui.courses.itemAdded", { title: item.title }));
      if (item.kind === "page") navigate({ to: "/courses/$id/items/$itemId/edit", params: { id: courseId, itemId: item.id } });
      if (item.kind === "quiz") navigate({ to: "/courses/$id/quizzes/$itemId/edit", params: { id: courseId, itemId: item.id } });
      if (item.kind === "assignment") navigate({ to: "/courses/$id/assignments/$itemId/edit", params: { id: courseId, itemId: item.id } });
    },
  });
  return (
    <FormDialog
      variant="secondary"
      label={t("ui.courses.addItem")}
      ariaLabel={t("ui.courses.addItemTo", { title: section.title })}
      title={t("ui.courses.addItemTo", { title: section.title })}
      submitLabel={t("ui.courses.add")}
      onSubmit={(form) => m.mutateAsync(fieldValues(form))}
    >
      {(error) => (
        <>
          <SelectField
            name="kind"
            label={t("ui.courses.fields.kind")}
            value={kind}
            onChange={(v) => setKind(v as "page" | "link" | "file" | "video" | "quiz" | "assignment")}
            options={(["page", "link", "file", "video", "quiz", "assignment"] as const).map((k) => ({ id: k, label: t(`ui.courses.kinds.${k}`) }))}
          />
          <Field name="title" label={t("ui.courses.fields.itemTitle")} isRequired autoFocus />
          {kind === "link" && <Field name="url" type="url" label={t("ui.courses.fields.url")} description={t("ui.courses.fields.urlHelp")} isRequired />}
          {kind === "file" && <FileUpload purpose="document" name="fileId" label={t("ui.courses.kinds.file")} isRequired errorMessage={error?.fields.fileId} />}
          {kind === "video" && (
            <>
              <FileUpload purpose="video" name="fileId" label={t("ui.courses.kinds.video")} isRequired errorMessage={error?.fields.fileId} />
              <FileUpload purpose="captions" name="captionsFileId" label={t("ui.files.captions")} errorMessage={error?.fields.captionsFileId} />
            </>
          )}
        </>
      )}
    </FormDialog>
  );
}

// ---- team ----
function Team({ courseId }: { courseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const team = useQuery(teamQuery(courseId));
  const [text, setText] = useState("");
  const [role, setRole] = useState<(typeof STAFF_ROLES)[number]>("teacher");
  const [debounced, setDebounced] = useState("");
  useEffect(() => {
    const h = setTimeout(() => setDebounced(text.trim()), 300);
    return () => clearTimeout(h);
  }, [text]);
  const people = useQuery({ queryKey: ["course", courseId, "candidates", debounced], queryFn: () => api(searchPeople, { params: { id: courseId }, query: { q: debounced } }), enabled: debounced.length >= 2 });
  const { error, onError, clear } = useFormErrors();
  const add = useMutation({
    mutationFn: (userId: string) => api(addMember, { params: { id: courseId }, body: { userId, role } }),
    onSuccess: (m) => {
      clear();
      qc.invalidateQueries({ queryKey: ["course", courseId, "team"] });
      announce(t("ui.courses.memberAdded", { name: `${m.givenName} ${m.familyName}`, role: t(`ui.courses.roles.${m.role}`) }));
    },
    onError,
  });
  const remove = useMutation({
    mutationFn: (memberId: string) => api(removeMember, { params: { id: courseId, memberId } }),
    onSuccess: () => {
      clear();
      qc.invalidateQueries({ queryKey: ["course", courseId, "team"] });
      announce(t("ui.courses.memberRemoved"));
    },
    onError,
  });
  const staff = (team.data ?? []).filter((m) => m.role !== "learner");
  return (
    <section className="section card" aria-labelledby="team-title">
      <h2 id="team-title">{t("ui.courses.team")}</h2>
      <FormAlert error={error} />
      {team.isPending ? (
        <Loading />
      ) : (
        <ul className="team-list">
          {staff.map((m) => (
            <li key={m.id}>
              <span>
                {m.givenName} {m.familyName} <span className="muted small">· {t(`ui.courses.roles.${m.role}`)}</span>
              </span>
              <Button className="btn btn-quiet btn-small" onPress={() => remove.mutate(m.id)} aria-label={t("ui.courses.removeNamed", { name: `${m.givenName} ${m.familyName}`, role: t(`ui.courses.roles.${m.role}`) })}>
                {t("ui.courses.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("ui.courses.addMember")}</h3>
      <SelectField label={t("ui.courses.fields.role")} value={role} onChange={(v) => setRole(v as typeof role)} options={STAFF_ROLES.map((r) => ({ id: r, label: t(`ui.courses.roles.${r}`) }))} />
      <Field name="person" type="search" label={t("ui.courses.findPerson")} description={t("ui.courses.findPersonHelp")} value={text} onChange={setText} />
      {people.data && (
        <ul className="team-list" aria-label={t("ui.courses.searchResults")}>
          {people.data.items.length === 0 && <li className="muted">{t("ui.courses.noPeople")}</li>}
          {people.data.items.map((p) => (
            <li key={p.id}>
              <span>
                {p.givenName} {p.familyName} <span className="muted small">({p.username})</span>
              </span>
              <Button className="btn btn-secondary btn-small" onPress={() => add.mutate(p.id)} aria-label={t("ui.courses.addAsNamed", { name: `${p.givenName} ${p.familyName}`, role: t(`ui.courses.roles.${role}`) })}>
                {t("ui.courses.add")}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

// ---- copy and templates ----
function CopyPanel({ course }: { course: CourseSettings }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: (v: { title: string; template: boolean }) => api(copyCourse, { params: { id: course.id }, body: v }),
    onSuccess: (c, v) => {
      qc.invalidateQueries({ queryKey: ["my-courses"] });
      qc.invalidateQueries({ queryKey: ["course-templates"] });
      announce(t(v.template ? "ui.courses.templateSaved" : "ui.courses.copied", { title: c.title }));
      navigate({ to: "/courses/$id/edit", params: { id: c.id } });
    },
  });
  return (
    <section className="section card" aria-labelledby="copy-title">
      <h2 id="copy-title">{t("ui.courses.copyTitle")}</h2>
      <p className="muted small">{t("ui.courses.copyHelp")}</p>
      <div className="structure-actions">
        <TitleDialog
          variant="secondary"
          label={t("ui.courses.copy")}
          title={t("ui.courses.copy")}
          fieldLabel={t("ui.courses.fields.title")}
          defaultValue={t("ui.courses.copyOf", { title: course.title })}
          submitLabel={t("ui.courses.copy")}
          send={(title) => m.mutateAsync({ title, template: false })}
        />
        {!course.isTemplate && (
          <TitleDialog
            variant="secondary"
            label={t("ui.courses.saveAsTemplate")}
            title={t("ui.courses.saveAsTemplate")}
            fieldLabel={t("ui.courses.fields.templateTitle")}
            defaultValue={course.title}
            submitLabel={t("ui.courses.saveAsTemplate")}
            send={(title) => m.mutateAsync({ title, template: true })}
          />
        )}
      </div>
    </section>
  );
}
