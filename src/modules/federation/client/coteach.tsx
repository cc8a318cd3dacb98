import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { Button, Form, Group, Input, Label, NumberField } from "react-aria-components";
import { useIntl } from "react-intl";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { type RichTextDocument, RichTextEditor, RichTextView } from "../../../web/rich-text/index.ts";
import { EmptyState, FormAlert, Loading, PageTitle, QueryError, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import type { AssignmentView, SubmissionDetail } from "../../assignments/shared/contract.ts";
import { SubmissionsTable, useParticipant } from "../../assignments/client/marking.tsx";
import { useFormatSize } from "../../files/client/index.ts";
import { RubricGrader } from "../../rubrics/client/rubric-grader.tsx";
import type { RubricFill } from "../../rubrics/shared/rubric.ts";
import { getPartnerAssignment, getPartnerCourse, getPartnerSubmission, gradePartnerSubmission, listPartnerSubmissions } from "../shared/contract.ts";
import "../../assignments/client/assignments.css";
import "./federation.css";

type Where = { agreementId: string; courseId: string; itemId: string };
const listKey = (w: Where) => ["federation", "submissions", w.courseId, w.itemId] as const;

/** The grader's heading takes focus when a row is chosen, so keyboard and screen-reader users land on it. */
const focusOnMount = (el: HTMLElement | null) => {
  if (el && document.activeElement?.closest("[role=grid]")) el.focus();
};

/**
 * Co-teaching from home: the marking of one assignment of a partner's course, everyone's
 * submission (from every platform), then one at a time to grade with feedback. The grade is the
 * partner's, given under the co-teacher's name and platform; it stays when the agreement ends.
 */
export function PartnerMarkingPage() {
  const t = useT();
  const w = useParams({ strict: false }) as Where;
  const course = useQuery({ queryKey: ["federation", "course", w.courseId], queryFn: () => api(getPartnerCourse, { params: w }) });
  const a = useQuery({ queryKey: ["federation", "assignment", w.courseId, w.itemId], queryFn: () => api(getPartnerAssignment, { params: w }) });
  const list = useQuery({ queryKey: listKey(w), queryFn: () => api(listPartnerSubmissions, { params: w }) });
  const [selected, setSelected] = useState<string | null>(null);
  const _who = useParticipant();
  const intl = useIntl();
  const _date = (iso: string) => intl.formatDate(new Date(iso), { dateStyle: "short", timeStyle: "short" });
  const back = (
    <p>
      <Link to="/partner-courses/$agreementId/$courseId" params={{ agreementId: w.agreementId, courseId: w.courseId }}>
        <span aria-hidden="true">← </span>
        {course.data ? t("ui.federation.coteach.back", { title: course.data.course.title }) : t("ui.federation.course.back")}
      </Link>
    </p>
  );
  if (a.isPending || list.isPending || course.isPending) return <Loading />;
  const error = a.error ?? list.error ?? course.error;
  if (error)
    return (
      <>
        <PageTitle>{t("ui.federation.course.unavailable")}</PageTitle>
        <QueryError error={error} />
        <p>
          <Link to="/partner-courses">{t("ui.federation.course.back")}</Link>
        </p>
      </>
    );
  const v = a.data!;
  const { rows, anonymous, released } = list.data!;
  const platform = course.data!.platform;
  const submitted = rows.filter((r) => r.status === "submitted").length;
  const graded = rows.filter((r) => r.graded).length;
  return (
    <>
      {back}
      <PageTitle>{t("ui.assignments.markingTitle", { title: v.item.title })}</PageTitle>
      <p className="lead">{t("ui.federation.coteach.lead", { platform })}</p>
      <p className="muted">
        {t("ui.assignments.progress", { submitted, graded, total: rows.length })}
        {anonymous && <> · {t("ui.assignments.anonymousOn")}</>}
        {released && <> · {t("ui.assignments.releasedOn")}</>}
      </p>
      {v.settings.instructionsHtml && (
        <details className="card coteach-instructions">
          <summary>{t("ui.federation.coteach.instructions")}</summary>
          <RichTextView html={v.settings.instructionsHtml} />
        </details>
      )}
      {rows.length === 0 ? (
        <EmptyState title={t("ui.assignments.noParticipants")}>
          <p>{t("ui.federation.coteach.noneYet")}</p>
        </EmptyState>
      ) : (
        <SubmissionsTable rows={rows} v={v} selected={selected} onSelect={setSelected} />
      )}
      {rows.length > 0 && <p className="muted">{t("ui.assignments.pickHelp")}</p>}
      {selected && <Grader key={selected} w={w} v={v} submissionId={selected} />}
    </>
  );
}

/** Files of the partner's course, downloaded from the partner through the co-teaching door. */
export function PartnerFiles({ w, files }: { w: { agreementId: string; courseId: string }; files: { id: string; name: string; size: number }[] }) {
  const t = useT();
  const size = useFormatSize();
  if (files.length === 0) return null;
  return (
    <ul className="assignment-files">
      {files.map((f) => (
        <li key={f.id}>
          <a href={url(`/api/v1/federation/courses/${w.agreementId}/${w.courseId}/files/${f.id}`)} download={f.name}>
            {t("ui.files.download", { name: f.name, size: size(f.size) })}
          </a>
        </li>
      ))}
    </ul>
  );
}

function Grader({ w, v, submissionId }: { w: Where; v: AssignmentView; submissionId: string }) {
  const t = useT();
  const params = { ...w, submissionId };
  const q = useQuery({ queryKey: ["federation", "submission", submissionId], queryFn: () => api(getPartnerSubmission, { params }) });
  const who = useParticipant();
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
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
          <PartnerFiles w={w} files={d.files} />
        </>
      ) : (
        <p className="muted">{t("ui.assignments.notSubmitted")}</p>
      )}
      <GradeForm w={w} v={v} d={d} />
    </section>
  );
}

function GradeForm({ w, v, d }: { w: Where; v: AssignmentView; d: SubmissionDetail }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const rubric = v.settings.rubric;
  const [fill, setFill] = useState<RubricFill>(d.rubricFill ?? {});
  const [score, setScore] = useState<number>(d.score ?? Number.NaN);
  const [feedback, setFeedback] = useState<RichTextDocument | null>((d.feedbackDoc as RichTextDocument | null) ?? null);
  const { error, onError, clear } = useFormErrors();
  const rubricErrors = Object.fromEntries(
    Object.entries(error?.fields ?? {}).flatMap(([k, m]) => (k.startsWith("rubricFill.") ? [[k.slice("rubricFill.".length), m]] : [])),
  );
  const save = useMutation({
    mutationFn: () =>
      api(gradePartnerSubmission, {
        params: { ...w, submissionId: d.id },
        body: { ...(rubric ? { rubricFill: fill } : { score: Number.isNaN(score) ? null : score }), feedback },
      }),
    onSuccess: (r) => {
      clear();
      qc.setQueryData(["federation", "submission", d.id], r);
      qc.invalidateQueries({ queryKey: listKey(w) });
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
      <p className="muted">{v.settings.released ? t("ui.assignments.visibleNow") : t("ui.assignments.hiddenUntilRelease")}</p>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
          {t("ui.assignments.saveGrade")}
        </Button>
      </div>
    </Form>
  );
}
