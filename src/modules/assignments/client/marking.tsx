import { type QueryKey, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { type FormEvent, type ReactNode, useState } from "react";
import { Button, Cell, Column, Form, Group, Input, Label, NumberField, Row, Table, TableBody, TableHeader } from "react-aria-components";
import { useIntl } from "react-intl";
import type { z } from "zod";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { type RichTextDocument, RichTextEditor, RichTextView } from "../../../web/rich-text/index.ts";
import { Confirm, EmptyState, FormAlert, Loading, ModalButton, PageTitle, QueryError, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import { FileUpload } from "../../files/client/index.ts";
import { DateTime, toLocalInput } from "../../groups/client/groups.tsx";
import { RubricGrader } from "../../rubrics/client/rubric-grader.tsx";
import type { RubricFill } from "../../rubrics/shared/rubric.ts";
import {
  type AssignmentView,
  type FileRef,
  getSubmission,
  gradeSubmission,
  listSubmissions,
  type MarkingRow,
  releaseGrades,
  reopenSubmission,
  revealIdentities,
  type SubmissionDetail,
  setExtension,
} from "../shared/contract.ts";
import { assignmentKey, assignmentQuery, FileList } from "./assignment.tsx";
import "./assignments.css";

/** The grader's heading takes focus when a row is chosen, so keyboard and screen-reader users land on it. */
const focusOnMount = (el: HTMLElement | null) => {
  if (el && document.activeElement?.closest("[role=grid]")) el.focus();
};

const listKey = (courseId: string, itemId: string) => ["assignment-submissions", courseId, itemId] as const;

/** Who it is: a name (labelled with their platform when they come from a partner one), or "Participant N" while anonymous marking hides identities. */
export function useParticipant() {
  const t = useT();
  return (r: MarkingRow) => r.name ?? t("ui.assignments.participant", { n: r.participantNo });
}

/** Everyone's submission, one row each; choosing a row opens it below (the marking page, and co-teaching from a partner platform). */
export function SubmissionsTable({
  rows,
  v,
  selected,
  onSelect,
}: {
  rows: MarkingRow[];
  v: AssignmentView;
  selected: string | null;
  onSelect: (id: string | null) => void;
}) {
  const t = useT();
  const who = useParticipant();
  const intl = useIntl();
  const date = (iso: string) => intl.formatDate(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  return (
    <div className="table-wrap">
      <Table
        aria-label={t("ui.assignments.submissions")}
        className="table marking-table"
        selectionMode="single"
        selectionBehavior="replace"
        selectedKeys={selected ? [selected] : []}
        onSelectionChange={(keys) => {
          const k = keys === "all" ? null : ([...keys][0] as string | undefined);
          onSelect(k ?? null);
        }}
      >
        <TableHeader>
          <Column isRowHeader>{v.settings.groupMode ? t("ui.assignments.group") : t("ui.assignments.learner")}</Column>
          <Column>{t("ui.assignments.statusColumn")}</Column>
          <Column>{t("ui.assignments.submittedColumn")}</Column>
          <Column>{t("ui.assignments.gradeColumn")}</Column>
        </TableHeader>
        <TableBody items={rows}>
          {(r) => (
            <Row id={r.id}>
              <Cell>
                <span className="marking-who">{who(r)}</span>
                {r.members.length > 0 && <span className="muted marking-members">{r.members.join(", ")}</span>}
              </Cell>
              <Cell>
                {t(`ui.assignments.status.${r.status}`)}
                {r.late && ` · ${t("ui.assignments.late")}`}
                {r.extensionDueAt && ` · ${t("ui.assignments.extended")}`}
              </Cell>
              <Cell>{r.submittedAt ? date(r.submittedAt) : "—"}</Cell>
              <Cell>{r.score === null ? "—" : t("ui.assignments.score", { score: r.score, max: v.settings.maxScore })}</Cell>
            </Row>
          )}
        </TableBody>
      </Table>
    </div>
  );
}

/**
 * Marking (teachers and assistants): everyone's status, then one submission at a time with the
 * rubric or guide, feedback text and files, an extension; release and reveal for the assignment.
 */
export function MarkingPage() {
  const t = useT();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const a = useQuery(assignmentQuery(id, itemId));
  const list = useQuery({ queryKey: listKey(id, itemId), queryFn: () => api(listSubmissions, { params: { courseId: id, itemId } }) });
  const [selected, setSelected] = useState<string | null>(null);
  if (a.isPending || list.isPending) return <Loading />;
  if (a.isError) return <QueryError error={a.error} />;
  if (list.isError) return <QueryError error={list.error} />;
  const v = a.data;
  const rows = list.data.rows;
  const submitted = rows.filter((r) => r.status === "submitted").length;
  const graded = rows.filter((r) => r.graded).length;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id/assignments/$itemId" params={{ id, itemId }}>
          <span aria-hidden="true">← </span>
          {v.item.title}
        </Link>
      </p>
      <PageTitle actions={<AssignmentActions v={v} anonymous={list.data.anonymous} released={list.data.released} />}>
        {t("ui.assignments.markingTitle", { title: v.item.title })}
      </PageTitle>
      <p className="muted">
        {t("ui.assignments.progress", { submitted, graded, total: rows.length })}
        {list.data.anonymous && <> · {t("ui.assignments.anonymousOn")}</>}
        {list.data.released && <> · {t("ui.assignments.releasedOn")}</>}
      </p>
      {rows.length === 0 ? (
        <EmptyState title={t("ui.assignments.noParticipants")}>
          <p>{v.settings.groupMode ? t("ui.assignments.noParticipantsGroups") : t("ui.assignments.noParticipantsLearners")}</p>
        </EmptyState>
      ) : (
        <SubmissionsTable rows={rows} v={v} selected={selected} onSelect={setSelected} />
      )}
      <p className="muted">{t("ui.assignments.pickHelp")}</p>
      {selected && <Grader key={selected} v={v} submissionId={selected} />}
    </>
  );
}

function AssignmentActions({ v, anonymous, released }: { v: AssignmentView; anonymous: boolean; released: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const params = { courseId: v.course.id, itemId: v.item.id };
  const refresh = () => {
    qc.invalidateQueries({ queryKey: listKey(v.course.id, v.item.id) });
    qc.invalidateQueries({ queryKey: assignmentKey(v.course.id, v.item.id) });
  };
  const release = useMutation({
    mutationFn: () => api(releaseGrades, { params }),
    onSuccess: (r) => {
      refresh();
      announce(t("ui.assignments.releasedDone", { n: r.released }));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const reveal = useMutation({
    mutationFn: () => api(revealIdentities, { params }),
    onSuccess: () => {
      refresh();
      announce(t("ui.assignments.revealedDone"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <div className="row-buttons">
      {anonymous && v.canEdit && (
        <ModalButton variant="secondary" label={t("ui.assignments.reveal")} title={t("ui.assignments.reveal")}>
          {(close) => (
            <Confirm
              message={t("ui.assignments.revealConfirm")}
              action={t("ui.assignments.reveal")}
              pending={reveal.isPending}
              onConfirm={() => reveal.mutate(undefined, { onSettled: close })}
              close={close}
            />
          )}
        </ModalButton>
      )}
      <ModalButton label={released ? t("ui.assignments.releaseAgain") : t("ui.assignments.release")} title={t("ui.assignments.release")}>
        {(close) => (
          <Confirm
            message={t("ui.assignments.releaseConfirm")}
            action={t("ui.assignments.releaseNow")}
            pending={release.isPending}
            onConfirm={() => release.mutate(undefined, { onSettled: close })}
            close={close}
          />
        )}
      </ModalButton>
    </div>
  );
}

function Grader({ v, submissionId }: { v: AssignmentView; submissionId: string }) {
  const params = { courseId: v.course.id, itemId: v.item.id, submissionId };
  const q = useQuery({ queryKey: ["assignment-submission", submissionId], queryFn: () => api(getSubmission, { params }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  return (
    <GraderCard
      d={d}
      handedIn={
        <>
          <FileList files={d.files} />
          <ReopenButton v={v} d={d} />
        </>
      }
    >
      <GradeForm
        v={v}
        d={d}
        grade={(body) => api(gradeSubmission, { params, body })}
        keys={{ submission: ["assignment-submission", d.id], list: listKey(v.course.id, v.item.id) }}
        feedbackFiles
      />
      <ExtensionForm v={v} d={d} />
    </GraderCard>
  );
}

/** One submission opened for grading: who, what they handed in (with the page's files and actions), then the page's forms. */
export function GraderCard({ d, handedIn, children }: { d: SubmissionDetail; handedIn: ReactNode; children: ReactNode }) {
  const t = useT();
  const who = useParticipant();
  return (
    <section className="section card grader" aria-labelledby="grader-title">
      <h2 id="grader-title" tabIndex={-1} ref={focusOnMount}>
        {who(d)}
      </h2>
      {d.members.length > 0 && <p className="muted">{d.members.join(", ")}</p>}
      {d.status === "submitted" ? (
        <>
          {d.receipt && (
            <p className="assignment-receipt">
              {t("ui.assignments.receipt")} <code>{d.receipt}</code>
            </p>
          )}
          {d.textHtml ? <RichTextView html={d.textHtml} className="assignment-text" /> : null}
          {handedIn}
        </>
      ) : (
        <p className="muted">{t("ui.assignments.notSubmitted")}</p>
      )}
      {children}
    </section>
  );
}

type GradeBody = z.input<typeof gradeSubmission.body>;

/**
 * The grade of one submission: rubric or guide fill (or a score), feedback text and, where the
 * endpoint takes them, feedback files. The marking page saves through the course's endpoint;
 * co-teaching through the partner's, which takes no files.
 */
export function GradeForm({
  v,
  d,
  grade,
  keys,
  feedbackFiles = false,
}: {
  v: AssignmentView;
  d: SubmissionDetail;
  grade: (body: GradeBody) => Promise<SubmissionDetail>;
  /** the queries of the submission (given the saved grade) and of the list (refreshed) */
  keys: { submission: QueryKey; list: QueryKey };
  feedbackFiles?: boolean;
}) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const rubric = v.settings.rubric;
  const [fill, setFill] = useState<RubricFill>(d.rubricFill ?? {});
  const [score, setScore] = useState<number>(d.score ?? Number.NaN);
  const [feedback, setFeedback] = useState<RichTextDocument | null>((d.feedbackDoc as RichTextDocument | null) ?? null);
  const [files, setFiles] = useState<FileRef[]>(d.feedbackFiles);
  const [uploadKey, setUploadKey] = useState(0);
  const { error, onError, clear } = useFormErrors();
  const rubricErrors = Object.fromEntries(
    Object.entries(error?.fields ?? {}).flatMap(([k, m]) => (k.startsWith("rubricFill.") ? [[k.slice("rubricFill.".length), m]] : [])),
  );
  const save = useMutation({
    mutationFn: () =>
      grade({
        ...(rubric ? { rubricFill: fill } : { score: Number.isNaN(score) ? null : score }),
        feedback,
        ...(feedbackFiles ? { feedbackFileIds: files.map((f) => f.id) } : {}),
      }),
    onSuccess: (r) => {
      clear();
      qc.setQueryData(keys.submission, r);
      qc.invalidateQueries({ queryKey: keys.list });
      announce(t("ui.assignments.gradeSaved", { score: r.score ?? "—", max: v.settings.maxScore }));
    },
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    save.mutate();
  };
  return (
    <Form className="form" onSubmit={submit} validationErrors={error?.fields}>
      <h3>{t("ui.assignments.grading")}</h3>
      <FormAlert error={error} />
      {rubric ? (
        <RubricGrader definition={rubric} value={fill} onChange={setFill} maxScore={v.settings.maxScore} errors={rubricErrors} />
      ) : (
        <NumberField name="score" className="field grade-score" minValue={0} maxValue={v.settings.maxScore} step={0.25} value={score} onChange={setScore}>
          <Label>{t("ui.assignments.scoreLabel", { max: v.settings.maxScore })}</Label>
          <Group>
            <Input />
          </Group>
        </NumberField>
      )}
      <RichTextEditor label={t("ui.assignments.feedbackText")} defaultValue={feedback} onChange={setFeedback} errorMessage={error?.fields.feedback} />
      {feedbackFiles && (
        <div className="field">
          <FileList files={files} onRemove={(id) => setFiles(files.filter((f) => f.id !== id))} />
          <FileUpload
            key={uploadKey}
            purpose="document"
            name="feedbackFile"
            label={t("ui.assignments.feedbackFile")}
            onChange={(f) => {
              if (!f) return;
              setFiles((cur) => [...cur, { id: f.id, name: f.name, size: f.size, mime: f.mime }]);
              setUploadKey((n) => n + 1);
            }}
            errorMessage={error?.fields.feedbackFileIds}
          />
        </div>
      )}
      <p className="muted">{v.settings.released ? t("ui.assignments.visibleNow") : t("ui.assignments.hiddenUntilRelease")}</p>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
          {t("ui.assignments.saveGrade")}
        </Button>
      </div>
    </Form>
  );
}

function ExtensionForm({ v, d }: { v: AssignmentView; d: SubmissionDetail }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const set = useMutation({
    mutationFn: (dueAt: string | null) => api(setExtension, { params: { courseId: v.course.id, itemId: v.item.id, submissionId: d.id }, body: { dueAt } }),
    onSuccess: (r) => {
      clear();
      qc.invalidateQueries({ queryKey: listKey(v.course.id, v.item.id) });
      qc.invalidateQueries({ queryKey: ["assignment-submission", d.id] });
      announce(r.extensionDueAt ? t("ui.assignments.extensionSaved") : t("ui.assignments.extensionRemoved"));
    },
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const value = new FormData(e.currentTarget).get("dueAt");
    set.mutate(typeof value === "string" && value ? new Date(value).toISOString() : null);
  };
  if (d.status === "submitted") return null;
  return (
    <Form className="form extension-form" onSubmit={submit} validationErrors={error?.fields}>
      <h3>{t("ui.assignments.extension")}</h3>
      <FormAlert error={error} />
      <DateTime name="dueAt" label={t("ui.assignments.extensionUntil")} defaultValue={toLocalInput(d.extensionDueAt)} />
      <div className="form-actions">
        <Button type="submit" className="btn btn-secondary" isPending={set.isPending}>
          {t("ui.assignments.extensionSave")}
        </Button>
        {d.extensionDueAt && (
          <Button className="btn btn-quiet" onPress={() => set.mutate(null)}>
            {t("ui.assignments.extensionRemove")}
          </Button>
        )}
      </div>
    </Form>
  );
}

function ReopenButton({ v, d }: { v: AssignmentView; d: SubmissionDetail }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const reopen = useMutation({
    mutationFn: () => api(reopenSubmission, { params: { courseId: v.course.id, itemId: v.item.id, submissionId: d.id } }),
    onSuccess: (r) => {
      qc.setQueryData(["assignment-submission", d.id], r);
      qc.invalidateQueries({ queryKey: listKey(v.course.id, v.item.id) });
      announce(t("ui.assignments.reopened"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <ModalButton variant="secondary" label={t("ui.assignments.reopen")} title={t("ui.assignments.reopen")}>
      {(close) => (
        <Confirm
          message={t("ui.assignments.reopenConfirm")}
          action={t("ui.assignments.reopen")}
          pending={reopen.isPending}
          onConfirm={() => reopen.mutate(undefined, { onSettled: close })}
          close={close}
        />
      )}
    </ModalButton>
  );
}
