import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Cell, Column, Row, Table, TableBody, TableHeader } from "react-aria-components";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, PageTitle, QueryError, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { StoredHtml } from "../../courses/client/parts.tsx";
import { getPartnerCourse, getPartnerItem, markPartnerItemDone, partnerCourseProgress } from "../shared/contract.ts";
import { AddPartnerPage, EditPartnerPage } from "./coteach-pages.tsx";
import "./federation.css";

/**
 * A partner platform's course, followed from my own platform: the outline, each item opened here
 * (its content comes from the partner under the agreement), "mark as done", and for co-teachers
 * the learners' progress.
 */
export function PartnerCoursePage() {
  const t = useT();
  const params = useParams({ strict: false }) as { agreementId: string; courseId: string };
  const [open, setOpen] = useState<string | null>(null);
  const q = useQuery({ queryKey: ["federation", "course", params.courseId], queryFn: () => api(getPartnerCourse, { params }) });
  if (q.isPending) return <Loading />;
  if (q.isError)
    return (
      <>
        <PageTitle>{t("ui.federation.course.unavailable")}</PageTitle>
        <QueryError error={q.error} />
        <p>
          <Link to="/partner-courses">{t("ui.federation.course.back")}</Link>
        </p>
      </>
    );
  const c = q.data;
  const done = new Set(c.progress.filter((p) => p.doneAt).map((p) => p.itemId));
  const teaching = c.roles.includes("teacher");
  return (
    <>
      <PageTitle>{c.course.title}</PageTitle>
      <p className="lead">
        {t("ui.federation.course.from", { platform: c.platform })}
        {teaching && c.course.status !== "published" && <span className="badge badge-warn">{t(`ui.courses.statuses.${c.course.status}`)}</span>}
      </p>
      {teaching && <p className="card coteach-intro">{t("ui.federation.coteach.intro", { platform: c.platform })}</p>}
      <p>
        <Link to="/partner-courses">{t("ui.federation.course.back")}</Link>
      </p>
      {teaching && c.course.summary && <p>{c.course.summary}</p>}
      {c.sections.map((s) => (
        <section key={s.id} className="section" aria-labelledby={`s-${s.id}`}>
          <div className="section-head">
            <h2 id={`s-${s.id}`}>{s.title}</h2>
            {teaching && <AddPartnerPage course={params} sectionId={s.id} sectionTitle={s.title} />}
          </div>
          {teaching && s.summary && <p className="muted">{s.summary}</p>}
          {s.items.length === 0 ? (
            <p className="muted">{t("ui.courses.emptySection")}</p>
          ) : (
            <ul className="list">
              {s.items.map((i) => (
                <li key={i.id} className="list-item partner-item">
                  {teaching && i.kind === "assignment" ? (
                    <Link
                      className="link-like"
                      to="/partner-courses/$agreementId/$courseId/assignments/$itemId"
                      params={{ agreementId: params.agreementId, courseId: params.courseId, itemId: i.id }}
                    >
                      {i.title}
                    </Link>
                  ) : (
                    <Button className="link-like" aria-expanded={open === i.id} onPress={() => setOpen(open === i.id ? null : i.id)}>
                      {i.title}
                    </Button>
                  )}{" "}
                  <span className="partner-item-tags">
                    {teaching && <span className="badge badge-neutral">{t(`ui.courses.kinds.${i.kind}`)}</span>}
                    {teaching && i.condition != null && <span className="badge badge-warn">{t("ui.federation.coteach.restricted")}</span>}
                    {teaching && i.kind === "assignment" && (
                      <Link
                        className="btn btn-secondary btn-small"
                        to="/partner-courses/$agreementId/$courseId/assignments/$itemId"
                        params={{ agreementId: params.agreementId, courseId: params.courseId, itemId: i.id }}
                        aria-label={t("ui.federation.coteach.markFor", { title: i.title })}
                      >
                        {t("ui.federation.coteach.mark")}
                      </Link>
                    )}
                    {done.has(i.id) && <span className="badge badge-ok">{t("ui.federation.course.done")}</span>}
                  </span>
                  {open === i.id && <PartnerItem agreementId={params.agreementId} courseId={params.courseId} itemId={i.id} learner={!teaching} />}
                </li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {teaching && <CoTeacherProgress agreementId={params.agreementId} courseId={params.courseId} />}
    </>
  );
}

function PartnerItem({ agreementId, courseId, itemId, learner }: { agreementId: string; courseId: string; itemId: string; learner: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const params = { agreementId, courseId, itemId };
  const q = useQuery({ queryKey: ["federation", "item", itemId], queryFn: () => api(getPartnerItem, { params }) });
  const done = useMutation({
    mutationFn: () => api(markPartnerItemDone, { params }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["federation"] });
      announce(t("ui.federation.course.markedDone"));
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const item = q.data;
  const fileOf = (fileId: string) => url(`/api/v1/federation/courses/${agreementId}/${courseId}/files/${fileId}`);
  return (
    <div className="card partner-item-body">
      {item.kind === "page" && <StoredHtml html={item.bodyHtml} />}
      {item.url && (
        <p>
          <a href={item.url} rel="noopener noreferrer" target="_blank">
            {item.url}
          </a>
        </p>
      )}
      {done.isError && (
        <p className="field-error" role="alert">
          {errorText(done.error)}
        </p>
      )}
      {item.kind === "video" && item.fileId && (
        // the partner's video and captions come through the agreement (byte ranges: seeking works)
        <video className="partner-video" controls preload="metadata" src={fileOf(item.fileId)}>
          {item.captionsFileId && <track kind="captions" src={fileOf(item.captionsFileId)} label={t("ui.files.captions")} default />}
        </video>
      )}
      {item.fileId && (
        <p>
          <a href={fileOf(item.fileId)} download>
            {t("ui.federation.coteach.downloadItem", { title: item.title })}
          </a>
        </p>
      )}
      {!learner && item.kind === "page" && (
        <div className="form-actions">
          <EditPartnerPage course={{ agreementId, courseId }} item={item} />
        </div>
      )}
      {learner && item.completion === "done" && !item.progress?.doneAt && (
        <Button className="btn btn-primary" isPending={done.isPending} onPress={() => done.mutate()}>
          {t("ui.federation.course.markDone")}
        </Button>
      )}
    </div>
  );
}

function CoTeacherProgress({ agreementId, courseId }: { agreementId: string; courseId: string }) {
  const t = useT();
  const q = useQuery({
    queryKey: ["federation", "progress", courseId],
    queryFn: () => api(partnerCourseProgress, { params: { agreementId, courseId }, query: {} }),
  });
  return (
    <section className="section" aria-labelledby="coteach-progress">
      <h2 id="coteach-progress">{t("ui.federation.course.progress")}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
        <div className="table-wrap">
          <Table aria-labelledby="coteach-progress" className="table">
            <TableHeader>
              <Column isRowHeader>{t("ui.federation.course.learner")}</Column>
              <Column>{t("ui.federation.course.percent")}</Column>
            </TableHeader>
            <TableBody items={q.data.learners.map((l) => ({ ...l, id: l.userId }))}>
              {(l) => (
                <Row id={l.id}>
                  <Cell>
                    {l.givenName} {l.familyName} <span className="muted small">{l.username}</span>
                  </Cell>
                  <Cell>{l.percent} %</Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
