import { useQuery } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { RichTextView } from "../../../web/rich-text/index.ts";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { GradeForm, GraderCard, SubmissionsTable } from "../../assignments/client/marking.tsx";
import type { AssignmentView } from "../../assignments/shared/contract.ts";
import { useFormatSize } from "../../files/client/index.ts";
import { getPartnerAssignment, getPartnerCourse, getPartnerSubmission, gradePartnerSubmission, listPartnerSubmissions } from "../shared/contract.ts";
import "../../assignments/client/assignments.css";
import "./federation.css";

type Where = { agreementId: string; courseId: string; itemId: string };
const listKey = (w: Where) => ["federation", "submissions", w.courseId, w.itemId] as const;

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
  const params = { ...w, submissionId };
  const q = useQuery({ queryKey: ["federation", "submission", submissionId], queryFn: () => api(getPartnerSubmission, { params }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  return (
    <GraderCard d={d} handedIn={<PartnerFiles w={w} files={d.files} />}>
      <GradeForm
        v={v}
        d={d}
        grade={(body) => api(gradePartnerSubmission, { params, body })}
        keys={{ submission: ["federation", "submission", d.id], list: listKey(w) }}
      />
    </GraderCard>
  );
}
