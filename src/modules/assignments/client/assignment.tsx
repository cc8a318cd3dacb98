import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "react-aria-components";
import { useIntl } from "react-intl";
import { ApiError, api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { type RichTextDocument, RichTextEditor, RichTextView } from "../../../web/rich-text/index.ts";
import { FormAlert, Loading, ModalButton, PageTitle, QueryError, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { FileUpload, useFormatSize } from "../../files/client/index.ts";
import { RubricGrader } from "../../rubrics/client/rubric-grader.tsx";
import { type AssignmentView, type FileRef, getAssignment, type MySubmission, saveSubmission, submitSubmission } from "../shared/contract.ts";
import "./assignments.css";

export const assignmentKey = (courseId: string, itemId: string) => ["assignment", courseId, itemId] as const;
export const assignmentQuery = (courseId: string, itemId: string) => ({
  queryKey: assignmentKey(courseId, itemId),
  queryFn: () => api(getAssignment, { params: { courseId, itemId } }),
});

export function useDate() {
  const intl = useIntl();
  return (iso: string) =>
    intl.formatDate(new Date(iso), { weekday: "long", day: "numeric", month: "long", year: "numeric", hour: "2-digit", minute: "2-digit" });
}

/** An assignment: its instructions and dates; a learner's (or group's) submission and released feedback; links for teachers. */
export function AssignmentPage() {
  const t = useT();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const q = useQuery(assignmentQuery(id, itemId));
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const v = q.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {v.course.title}
        </Link>
      </p>
      <PageTitle
        actions={
          (v.canEdit || v.canGrade) && (
            <div className="row-buttons">
              {v.canGrade && (
                <Link className="btn btn-primary" to="/courses/$id/assignments/$itemId/marking" params={{ id, itemId }}>
                  {t("ui.assignments.marking")}
                </Link>
              )}
              {v.canEdit && (
                <Link className="btn btn-secondary" to="/courses/$id/assignments/$itemId/edit" params={{ id, itemId }}>
                  {t("ui.assignments.settings")}
                </Link>
              )}
            </div>
          )
        }
      >
        {v.item.title}
      </PageTitle>
      <Dates v={v} />
      {v.settings.instructionsHtml && (
        <section className="section" aria-labelledby="assignment-instructions">
          <h2 id="assignment-instructions">{t("ui.assignments.instructions")}</h2>
          <RichTextView html={v.settings.instructionsHtml} />
        </section>
      )}
      {v.mine && <MyWork v={v} mine={v.mine} />}
    </>
  );
}

function Dates({ v }: { v: AssignmentView }) {
  const t = useT();
  const date = useDate();
  const s = v.settings;
  const due = v.mine?.dueAt ?? s.dueAt;
  const closes = v.mine?.closesAt ?? s.cutoffAt;
  return (
    <dl className="assignment-dates">
      {s.opensAt && (
        <div>
          <dt>{t("ui.assignments.opensAt")}</dt>
          <dd>{date(s.opensAt)}</dd>
        </div>
      )}
      <div>
        <dt>{t("ui.assignments.dueAt")}</dt>
        <dd>
          {due ? date(due) : t("ui.assignments.noDue")}
          {v.mine?.extended && <span className="badge badge-ok">{t("ui.assignments.extended")}</span>}
        </dd>
      </div>
      {closes && closes !== due && (
        <div>
          <dt>{t("ui.assignments.cutoffAt")}</dt>
          <dd>{date(closes)}</dd>
        </div>
      )}
      <div>
        <dt>{t("ui.assignments.mode")}</dt>
        <dd>{s.groupMode ? t("ui.assignments.groupMode") : t("ui.assignments.individualMode")}</dd>
      </div>
      <div>
        <dt>{t("ui.assignments.maxScore")}</dt>
        <dd>{s.maxScore}</dd>
      </div>
    </dl>
  );
}

export function FileList({ files, onRemove }: { files: FileRef[]; onRemove?: (id: string) => void }) {
  const t = useT();
  const size = useFormatSize();
  if (files.length === 0) return null;
  return (
    <ul className="assignment-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={url(`/api/v1/files/${f.id}`)} download={f.name}>
            {t("ui.files.download", { name: f.name, size: size(f.size) })}
          </a>
          {onRemove && (
            <Button className="btn btn-quiet btn-small" aria-label={t("ui.assignments.removeFile", { name: f.name })} onPress={() => onRemove(f.id)}>
              {t("ui.assignments.remove")}
            </Button>
          )}
        </li>
      ))}
    </ul>
  );
}

function StatusBadge({ mine }: { mine: MySubmission }) {
  const t = useT();
  const tone = mine.status === "submitted" ? (mine.late ? "warn" : "ok") : "neutral";
  return (
    <span className={`badge badge-${tone}`}>
      {t(`ui.assignments.status.${mine.status}`)}
      {mine.status === "submitted" && mine.late && ` · ${t("ui.assignments.late")}`}
    </span>
  );
}

function MyWork({ v, mine }: { v: AssignmentView; mine: MySubmission }) {
  const t = useT();
  const date = useDate();
  const s = v.settings;
  return (
    <>
      <section className="section card" aria-labelledby="my-work">
        <div className="assignment-head">
          <h2 id="my-work">{mine.group ? t("ui.assignments.groupWork", { name: mine.group.name }) : t("ui.assignments.myWork")}</h2>
          <StatusBadge mine={mine} />
        </div>
        {mine.group && (
          <p className="muted">
            {t("ui.assignments.members")} {mine.group.members.map((m) => m.name).join(", ")}
          </p>
        )}
        {mine.groupProblem && (
          <div className="alert alert-warn" role="status">
            {t(mine.groupProblem === "none" ? "errors.assignments.no_group" : "errors.assignments.several_groups")}
          </div>
        )}
        {mine.status === "submitted" ? (
          <>
            <p>
              {mine.submittedBy
                ? t("ui.assignments.submittedBy", { when: date(mine.submittedAt!), name: mine.submittedBy })
                : t("ui.assignments.submittedOn", { when: date(mine.submittedAt!) })}
            </p>
            <p className="assignment-receipt">
              {t("ui.assignments.receipt")} <code>{mine.receipt}</code>
            </p>
            {mine.textHtml && <RichTextView html={mine.textHtml} className="assignment-text" />}
            <FileList files={mine.files} />
          </>
        ) : mine.window === "open" && !mine.groupProblem ? (
          <Editor v={v} mine={mine} />
        ) : (
          !mine.groupProblem && (
            <div className="alert alert-warn" role="status">
              {mine.window === "not_open"
                ? t("ui.assignments.notOpenYet", { when: date(s.opensAt!) })
                : t("ui.assignments.closedNow", { when: date(mine.closesAt!) })}
            </div>
          )
        )}
      </section>
      {mine.feedback ? (
        <section className="section card" aria-labelledby="feedback">
          <h2 id="feedback">{t("ui.assignments.feedback")}</h2>
          <p className="assignment-score">
            {mine.feedback.score === null
              ? t("ui.assignments.noScore")
              : t("ui.assignments.score", { score: mine.feedback.score, max: mine.feedback.maxScore })}
          </p>
          {s.rubric && mine.feedback.rubricFill && <RubricGrader definition={s.rubric} value={mine.feedback.rubricFill} readOnly maxScore={s.maxScore} />}
          {mine.feedback.feedbackHtml && <RichTextView html={mine.feedback.feedbackHtml} />}
          <FileList files={mine.feedback.files} />
        </section>
      ) : (
        mine.status === "submitted" && <p className="muted">{t("ui.assignments.feedbackLater")}</p>
      )}
    </>
  );
}

function Editor({ v, mine }: { v: AssignmentView; mine: MySubmission }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const s = v.settings;
  const params = { courseId: v.course.id, itemId: v.item.id };
  const [text, setText] = useState<RichTextDocument | null>((mine.textDoc as RichTextDocument | null) ?? null);
  const [files, setFiles] = useState<FileRef[]>(mine.files);
  const [uploadKey, setUploadKey] = useState(0);
  const [dirty, setDirty] = useState(false);
  const { error, onError, clear } = useFormErrors();
  const refresh = (m: MySubmission) =>
    qc.setQueryData(assignmentKey(v.course.id, v.item.id), (old: AssignmentView | undefined) => (old ? { ...old, mine: m } : old));
  const onConflict = (e: unknown) => {
    if (e instanceof ApiError && e.code === "assignments.stale_revision") qc.invalidateQueries({ queryKey: assignmentKey(v.course.id, v.item.id) });
    onError(e);
  };
  const save = useMutation({
    mutationFn: () =>
      api(saveSubmission, {
        params,
        body: { revision: mine.revision, ...(s.onlineText && { text }), ...(s.fileSubmissions && { fileIds: files.map((f) => f.id) }) },
      }),
    onSuccess: (m) => {
      clear();
      setDirty(false);
      refresh(m);
      announce(t("ui.assignments.draftSaved"));
    },
    onError: onConflict,
  });
  const submit = useMutation({
    mutationFn: async () => {
      let revision = mine.revision;
      if (dirty || mine.status === "new") revision = (await save.mutateAsync()).revision;
      return api(submitSubmission, { params, body: { revision } });
    },
    onSuccess: (m) => {
      clear();
      refresh(m);
      announce(t("ui.assignments.submitted", { receipt: m.receipt ?? "" }));
    },
    onError: onConflict,
  });
  return (
    <div className="form assignment-editor">
      <FormAlert error={error} />
      {s.onlineText && (
        <RichTextEditor
          label={t("ui.assignments.onlineText")}
          description={t("ui.assignments.onlineTextHelp")}
          defaultValue={text}
          onChange={(d) => {
            setText(d);
            setDirty(true);
          }}
          errorMessage={error?.fields.text}
        />
      )}
      {s.fileSubmissions && (
        <div className="field">
          <FileList
            files={files}
            onRemove={(id) => {
              setFiles(files.filter((f) => f.id !== id));
              setDirty(true);
            }}
          />
          {files.length < s.maxFiles && (
            <FileUpload
              key={uploadKey}
              purpose="document"
              name="file"
              label={t("ui.assignments.addFile", { max: s.maxFiles, mb: s.maxFileMb })}
              onChange={(f) => {
                if (!f) return;
                setFiles((cur) => [...cur, { id: f.id, name: f.name, size: f.size, mime: f.mime }]);
                setUploadKey((n) => n + 1);
                setDirty(true);
              }}
              errorMessage={error?.fields.fileIds}
            />
          )}
        </div>
      )}
      <p className="muted">{mine.status === "draft" ? t("ui.assignments.draftHelp") : t("ui.assignments.newHelp")}</p>
      <div className="form-actions">
        <Button className="btn btn-secondary" isPending={save.isPending && !submit.isPending} onPress={() => save.mutate()}>
          {t("ui.assignments.saveDraft")}
        </Button>
        <ModalButton label={t("ui.assignments.submit")} title={t("ui.assignments.submitTitle")}>
          {(close) => (
            <div className="form">
              <p>{v.settings.groupMode ? t("ui.assignments.submitConfirmGroup") : t("ui.assignments.submitConfirm")}</p>
              <div className="form-actions">
                <Button className="btn btn-primary" isPending={submit.isPending} onPress={() => submit.mutate(undefined, { onSettled: close })}>
                  {t("ui.assignments.submitNow")}
                </Button>
                <Button className="btn btn-quiet" onPress={close}>
                  {t("ui.common.cancel")}
                </Button>
              </div>
            </div>
          )}
        </ModalButton>
      </div>
    </div>
  );
}
