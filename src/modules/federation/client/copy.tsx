import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import type { z } from "zod";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useMe } from "../../../web/session.ts";
import { Field, FormAlert, formValues, Loading, ModalButton, QueryError, SelectField, useFormErrors } from "../../../web/ui.tsx";
import { useCourseOrgOptions } from "../../courses/client/my-courses.tsx";
import { useWhen } from "./copy-notice.tsx";
import "./copy.css";
import { type CopyableCourse, copyPartnerCourse, listCopyableCourses } from "../shared/contract.ts";

type Course = z.infer<typeof CopyableCourse>;
type Result = z.infer<typeof copyPartnerCourse.response>;

/** Whether the person may create courses somewhere here (a teacher or an admin of some node), as the server decides it. */
export function useMayCopy() {
  const me = useMe();
  return !!me && !me.partner && me.grants.some((g) => g.role === "teacher" || g.role === "admin");
}

/**
 * On the partner courses page, for people who may create courses here: the partner courses that
 * an agreement in force lets this platform copy, each with a dialog to copy it onto a node.
 * Nothing is shown when no agreement grants the copy right.
 */
export function CopyablePartnerCourses() {
  const mayCopy = useMayCopy();
  if (!mayCopy) return null;
  return <CopyableList />;
}

function CopyableList() {
  const t = useT();
  const q = useQuery({ queryKey: ["federation", "copyable"], queryFn: () => api(listCopyableCourses) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  if (q.data.items.length === 0) return null;
  return (
    <section className="section" aria-labelledby="copyable-courses">
      <h2 id="copyable-courses">{t("ui.federation.copy.title")}</h2>
      <p className="muted">{t("ui.federation.copy.lead")}</p>
      <ul className="cards">
        {q.data.items.map((c) => (
          <CopyableCard key={`${c.agreementId}:${c.courseId}`} c={c} />
        ))}
      </ul>
    </section>
  );
}

function CopyableCard({ c }: { c: Course }) {
  const t = useT();
  const when = useWhen();
  return (
    <li className="card copy-card">
      <h3>{c.title}</h3>
      <p className="muted small">{t("ui.federation.courses.from", { platform: c.platform })}</p>
      {c.summary && <p>{c.summary}</p>}
      <p className="small">{t("ui.federation.copy.size", { sections: c.sections, items: c.items })}</p>
      {c.copies.length > 0 && (
        <div className="copy-made">
          <p className="small">{t("ui.federation.copy.copies")}</p>
          <ul>
            {c.copies.map((x) => (
              <li key={x.courseId} className="small">
                <Link to="/courses/$id" params={{ id: x.courseId }}>
                  {x.title}
                </Link>{" "}
                <span className="muted">{t("ui.federation.copy.copiedOn", { when: when(x.copiedAt) })}</span>
              </li>
            ))}
          </ul>
        </div>
      )}
      <div className="form-actions">
        <CopyDialog c={c} />
      </div>
    </li>
  );
}

function CopyDialog({ c }: { c: Course }) {
  const t = useT();
  const qc = useQueryClient();
  const orgOptions = useCourseOrgOptions();
  const { error, onError, clear } = useFormErrors();
  const [done, setDone] = useState<Result | null>(null);
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(copyPartnerCourse, { params: { agreementId: c.agreementId, courseId: c.courseId }, body: { orgId: v.orgId, title: v.title?.trim() || undefined } }),
    onError,
    onSuccess: (r) => {
      setDone(r);
      qc.invalidateQueries({ queryKey: ["federation", "copyable"] });
      qc.invalidateQueries({ queryKey: ["my-courses"] });
    },
  });
  return (
    <ModalButton
      variant="secondary"
      label={t("ui.federation.copy.copy")}
      ariaLabel={t("ui.federation.copy.copyNamed", { title: c.title })}
      title={t("ui.federation.copy.dialogTitle", { title: c.title })}
      onOpenChange={(open) => {
        clear();
        if (!open) setDone(null);
      }}
    >
      {(close) =>
        done ? (
          <div className="copy-result">
            <div className="alert alert-ok" role="status">
              <p>{t("ui.federation.copy.done", { title: done.title })}</p>
            </div>
            {done.files > 0 && <p>{t("ui.federation.copy.files", { n: done.files })}</p>}
            {done.notCopied.length > 0 && (
              <p>
                {t("ui.federation.copy.notCopied")} {done.notCopied.map((i) => i.title).join(", ")}
              </p>
            )}
            <div className="form-actions">
              <Link className="btn btn-primary" to="/courses/$id" params={{ id: done.courseId }}>
                {t("ui.federation.copy.openCopy")}
              </Link>
              <Button className="btn btn-secondary" onPress={close}>
                {t("ui.common.close")}
              </Button>
            </div>
          </div>
        ) : (
          <Form className="form" validationErrors={error?.fields} onSubmit={(e) => m.mutate(formValues(e))}>
            <p className="muted">{t("ui.federation.copy.explain", { platform: c.platform })}</p>
            <FormAlert error={error} />
            <Field name="title" label={t("ui.federation.copy.titleField")} defaultValue={c.title} isRequired autoFocus />
            {orgOptions.length === 0 ? (
              <Loading />
            ) : (
              <SelectField
                name="orgId"
                label={t("ui.federation.copy.node")}
                description={t("ui.federation.copy.nodeHelp")}
                options={orgOptions}
                isRequired
                defaultValue={orgOptions[0]?.id}
              />
            )}
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary" isPending={m.isPending} isDisabled={orgOptions.length === 0}>
                {t("ui.federation.copy.submit")}
              </Button>
            </div>
          </Form>
        )
      }
    </ModalButton>
  );
}
