import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Checkbox, Input, Label, NumberField, TextArea, TextField } from "react-aria-components";
import type { Input as In } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { MutationForm } from "../../../web/mutation-form.tsx";
import { EmptyState, Field, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
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
  const [kind, setKind] = useState<(typeof FORUM_KINDS)[number]>("standard");
  const m = useMutation({
    mutationFn: (body: In<typeof createCourseForum>["body"]) => api(createCourseForum, { params: { courseId }, body }),
    onSuccess: (f) => {
      qc.invalidateQueries({ queryKey: courseForumsKey(courseId) });
      announce(t("ui.forums.forumCreated", { title: f.title }));
      onDone();
    },
  });
  return (
    <MutationForm
      submitLabel={t("ui.forums.create")}
      onSubmit={(form) =>
        m.mutateAsync({
          kind,
          title: String(form.get("title") ?? ""),
          description: String(form.get("description") ?? ""),
          separateGroups: form.get("separateGroups") === "on",
          premoderateNew: form.get("premoderateNew") === "on",
          editMinutes: Number(form.get("editMinutes") || 30),
        })
      }
    >
      {() => (
        <>
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
        </>
      )}
    </MutationForm>
  );
}
