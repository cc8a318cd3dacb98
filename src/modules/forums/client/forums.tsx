import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Checkbox, Form, Input, Label, NumberField, TextArea, TextField } from "react-aria-components";
import type { Input as In } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { createCourseForum, FORUM_KINDS, listCourseForums } from "../shared/contract.ts";
import { courseForumsKey, KindBadge } from "./parts.tsx";
import "./forums.css";

/** The forums of a course: announcements first; teachers add forums here. */
export function CourseForumsPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: courseForumsKey(id), queryFn: () => api(listCourseForums, { params: { courseId: id } }) });
  const [open, setOpen] = useState(false);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {d.scope.title}
        </Link>
      </p>
      <PageTitle
        actions={
          d.canManage && (
            <ModalButton label={t("ui.forums.newForum")} title={t("ui.forums.newForum")} isOpen={open} onOpenChange={setOpen}>
              {() => <NewForumForm courseId={id} onDone={() => setOpen(false)} />}
            </ModalButton>
          )
        }
      >
        {t("ui.forums.title")}
      </PageTitle>
      {d.forums.length === 0 ? (
        <EmptyState title={t("ui.forums.empty")}>
          <p>{d.canManage ? t("ui.forums.emptyTeacher") : t("ui.forums.emptyLearner")}</p>
        </EmptyState>
      ) : (
        <ul className="forum-cards">
          {d.forums.map((f) => (
            <li key={f.id} className="card forum-card">
              <div className="forum-card-head">
                <h2>
                  <Link to="/forums/$forumId" params={{ forumId: f.id }}>
                    {f.title}
                  </Link>
                </h2>
                <KindBadge kind={f.kind} />
              </div>
              {f.description && <p className="muted">{f.description}</p>}
              <p className="forum-card-meta">
                <span>{t("ui.forums.threadCount", { n: f.threads })}</span>
                {f.unread > 0 && <span className="badge badge-warn">{t("ui.forums.unreadCount", { n: f.unread })}</span>}
                {f.separateGroups && <span className="badge badge-neutral">{t("ui.forums.separateGroupsBadge")}</span>}
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function NewForumForm({ courseId, onDone }: { courseId: string; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, setError, onError } = useFormErrors();
  const [kind, setKind] = useState<(typeof FORUM_KINDS)[number]>("standard");
  const m = useMutation({
    mutationFn: (body: In<typeof createCourseForum>["body"]) => api(createCourseForum, { params: { courseId }, body }),
    onSuccess: (f) => {
      qc.invalidateQueries({ queryKey: courseForumsKey(courseId) });
      announce(t("ui.forums.forumCreated", { title: f.title }));
      onDone();
    },
    onError,
  });
  return (
    <Form
      className="form forum-form"
      validationErrors={error?.fields}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        const fd = new FormData(e.currentTarget);
        m.mutate({
          kind,
          title: String(fd.get("title") ?? ""),
          description: String(fd.get("description") ?? ""),
          separateGroups: fd.get("separateGroups") === "on",
          premoderateNew: fd.get("premoderateNew") === "on",
          editMinutes: Number(fd.get("editMinutes") || 30),
        });
      }}
    >
      <FormAlert error={error} />
      <SelectField
        label={t("ui.forums.kindLabel")}
        options={FORUM_KINDS.map((k) => ({ id: k, label: t(`ui.forums.kind.${k}`) }))}
        value={kind}
        onChange={(v) => setKind(v as typeof kind)}
        description={t(`ui.forums.kindHelp.${kind}`)}
      />
      <Field name="title" label={t("ui.forums.forumTitle")} isRequired />
      <TextField name="description" className="field">
        <Label>{t("ui.forums.description")}</Label>
        <TextArea rows={3} />
      </TextField>
      <NumberField name="editMinutes" className="field" minValue={0} maxValue={10080} defaultValue={30}>
        <Label>{t("ui.forums.editMinutes")}</Label>
        <Input />
      </NumberField>
      <Checkbox name="separateGroups" className="checkbox">
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.forums.separateGroups")}
      </Checkbox>
      <Checkbox name="premoderateNew" className="checkbox">
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.forums.premoderateNew")}
      </Checkbox>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isDisabled={m.isPending}>
          {t("ui.forums.create")}
        </Button>
      </div>
    </Form>
  );
}
