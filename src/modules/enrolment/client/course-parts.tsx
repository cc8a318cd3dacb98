import "./enrolment.css";
import { useIsFetching, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { Link } from "@tanstack/react-router";
import { Button, Form } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Field, FormAlert, formValues, ModalButton, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import { type ItemState, markDone, type MyProgress, selfEnrol, selfUnenrol, unmarkDone } from "../shared/contract.ts";
import { enrolmentQuery, myProgressQuery } from "./queries.ts";

/** After any change of enrolment or progress, everything that shows them is read again. */
export function useRefreshCourse(courseId: string) {
  const qc = useQueryClient();
  return () => {
    qc.invalidateQueries({ queryKey: ["course", courseId] });
    qc.invalidateQueries({ queryKey: ["me"] });
    qc.invalidateQueries({ queryKey: ["my-courses"] });
  };
}

/**
 * The enrolment box of the course page: enrol (open, with a key in a dialog, or asking), the
 * pending state, leave; for teachers, links to manage enrolments and see progress.
 */
export function EnrolPanel({ courseId }: { courseId: string }) {
  const t = useT();
  const q = useQuery(enrolmentQuery(courseId));
  const announce = useAnnounce();
  const errorText = useErrorText();
  const refresh = useRefreshCourse(courseId);
  const enrol = useMutation({
    mutationFn: () => api(selfEnrol, { params: { id: courseId }, body: {} }),
    onSuccess: (s) => {
      refresh();
      announce(t(s.status === "pending" ? "ui.enrolment.requested" : "ui.enrolment.enrolled"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const leave = useMutation({
    mutationFn: () => api(selfUnenrol, { params: { id: courseId } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.enrolment.left"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  if (!q.data) return null;
  const s = q.data;
  const seats = s.capacity !== null ? t("ui.enrolment.seats", { free: Math.max(0, s.capacity - s.activeLearners), capacity: s.capacity }) : null;
  return (
    <section className="card enrol-panel" aria-labelledby="enrol-title">
      <h2 id="enrol-title" className="visually-hidden">
        {t("ui.enrolment.title")}
      </h2>
      {s.status === "active" && <p>{t("ui.enrolment.youAreEnrolled")}</p>}
      {s.status === "pending" && (
        <p>
          <span className="badge badge-warn">{t("ui.enrolment.statuses.pending")}</span> {t("ui.enrolment.pendingHelp")}
        </p>
      )}
      {s.status !== "active" && s.status !== "pending" && !s.canTeach && (
        <>
          {s.canSelfEnrol ? (
            s.selfEnrol === "key" ? (
              <KeyDialog courseId={courseId} />
            ) : (
              <Button className="btn btn-primary" onPress={() => enrol.mutate()} isPending={enrol.isPending}>
                {t(s.selfEnrol === "approval" ? "ui.enrolment.ask" : "ui.enrolment.enrol")}
              </Button>
            )
          ) : (
            <p className="muted">
              {s.blocked === "not_yet" && s.enrolFrom ? (
                <>
                  {t("ui.enrolment.opensOn")} <FormattedDate value={s.enrolFrom} dateStyle="long" />
                </>
              ) : (
                t(`ui.enrolment.blocked.${s.blocked ?? "closed"}`)
              )}
            </p>
          )}
          {seats && s.canSelfEnrol && <p className="muted small">{seats}</p>}
        </>
      )}
      {(s.status === "pending" || s.status === "active") && !s.canTeach && (
        <Button className="btn btn-quiet btn-small" onPress={() => leave.mutate()} isPending={leave.isPending}>
          {t(s.status === "pending" ? "ui.enrolment.withdraw" : "ui.enrolment.leave")}
        </Button>
      )}
      {s.canTeach && (
        <p className="quick-links">
          <Link className="btn btn-secondary" to="/courses/$id/enrolment" params={{ id: courseId }}>
            {t("ui.enrolment.manage")}
          </Link>
          <Link className="btn btn-secondary" to="/courses/$id/progress" params={{ id: courseId }}>
            {t("ui.enrolment.progress.title")}
          </Link>
        </p>
      )}
    </section>
  );
}

function KeyDialog({ courseId }: { courseId: string }) {
  const t = useT();
  const announce = useAnnounce();
  const refresh = useRefreshCourse(courseId);
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({ mutationFn: (key: string) => api(selfEnrol, { params: { id: courseId }, body: { key } }), onError });
  return (
    <ModalButton label={t("ui.enrolment.enrol")} title={t("ui.enrolment.keyTitle")} onOpenChange={clear}>
      {(close) => (
        <Form
          validationBehavior="aria"
          validationErrors={error?.fields}
          className="form"
          onSubmit={(e) =>
            m.mutate(formValues(e).key ?? "", {
              onSuccess: () => {
                refresh();
                announce(t("ui.enrolment.enrolled"));
                close();
              },
            })
          }
        >
          <FormAlert error={error} />
          <Field name="key" type="password" label={t("ui.enrolment.key")} description={t("ui.enrolment.keyHelp")} autoComplete="off" isRequired autoFocus />
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
              {t("ui.enrolment.enrol")}
            </Button>
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

/** The learner's course progress (items with a completion rule). */
export function CourseProgress({ courseId }: { courseId: string }) {
  const t = useT();
  const q = useQuery(myProgressQuery(courseId));
  if (!q.data?.enrolled || q.data.total === 0) return null;
  const p = q.data;
  return (
    <div className="progress">
      <div className="progress-head">
        <span id={`progress-${courseId}`}>{t("ui.enrolment.myProgress")}</span>
        <span>{t("ui.enrolment.progressValue", { done: p.completed, total: p.total, percent: p.percent })}</span>
      </div>
      <div
        className="progress-track"
        role="progressbar"
        aria-labelledby={`progress-${courseId}`}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={p.percent}
      >
        <div className="progress-fill" style={{ width: `${p.percent}%` }} />
      </div>
      {p.completedAt && (
        <p>
          <span className="badge badge-ok">{t("ui.enrolment.courseCompleted")}</span>
        </p>
      )}
    </div>
  );
}

/** Why an item is locked, in words. */
export function LockText({ reason }: { reason: NonNullable<ItemState["locked"]> }) {
  const t = useT();
  if (reason.kind === "from")
    return (
      <>
        {t("ui.enrolment.locked.from")} <FormattedDate value={reason.from} dateStyle="long" />
      </>
    );
  if (reason.kind === "after") return <>{t("ui.enrolment.locked.after", { title: reason.itemTitle })}</>;
  return <>{t("ui.enrolment.locked.group")}</>;
}

const stateOf = (p: MyProgress | undefined, itemId: string) => p?.items.find((i) => i.id === itemId);

/** Beside an item in the course outline: done, to do, or locked with the reason (learners only). */
export function ItemStatus({ courseId, itemId, fallback }: { courseId: string; itemId: string; fallback?: string }) {
  const t = useT();
  const q = useQuery(myProgressQuery(courseId));
  const s = stateOf(q.data, itemId);
  if (!q.data) return fallback ? <span className="item-status muted">{fallback}</span> : null;
  if (!q.data.enrolled || !s) return null;
  if (!s.available && s.locked) {
    return (
      <span className="item-status item-locked">
        <span aria-hidden="true">🔒 </span>
        <span className="visually-hidden">{t("ui.enrolment.locked.label")} </span>
        <LockText reason={s.locked} />
      </span>
    );
  }
  if (s.completion === "none") return null;
  return s.complete ? (
    <span className="item-status item-done">
      <span aria-hidden="true">✓ </span>
      {t("ui.enrolment.done")}
    </span>
  ) : (
    <span className="item-status muted">{t(s.completion === "done" ? "ui.enrolment.toMark" : s.completion === "graded" ? "ui.gradebook.toPass" : "ui.enrolment.toView")}</span>
  );
}

/** On an item's page: "Mark as done" (and undo) for items completed that way; the lock reason otherwise. */
export function MarkDone({ courseId, itemId }: { courseId: string; itemId: string }) {
  const t = useT();
  const q = useQuery(myProgressQuery(courseId));
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const refresh = useRefreshCourse(courseId);
  // opening the item (the courses module's query) may complete it: read my progress once it is recorded
  const openingItem = useIsFetching({ queryKey: ["course", courseId, "item", itemId] });
  useEffect(() => {
    if (openingItem === 0) qc.invalidateQueries({ queryKey: myProgressQuery(courseId).queryKey });
  }, [openingItem, qc, courseId]);
  const m = useMutation({
    mutationFn: (done: boolean) => api(done ? markDone : unmarkDone, { params: { id: courseId, itemId } }),
    onSuccess: (p, done) => {
      qc.setQueryData(myProgressQuery(courseId).queryKey, p);
      refresh();
      announce(done ? t("ui.enrolment.markedDone", { percent: p.percent }) : t("ui.enrolment.unmarked"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const s = stateOf(q.data, itemId);
  if (!q.data?.enrolled || !s) return null;
  if (!s.available && s.locked)
    return (
      <p className="alert">
        <LockText reason={s.locked} />
      </p>
    );
  return (
    <div className="mark-done">
      {s.completion === "graded" &&
        (s.complete ? <span className="badge badge-ok">✓ {t("ui.enrolment.done")}</span> : <span className="muted">{t("ui.gradebook.toPass")}</span>)}
      {s.completion === "done" &&
        (s.doneAt ? (
          <span className="row-actions">
            <span className="badge badge-ok">✓ {t("ui.enrolment.done")}</span>
            <Button className="btn btn-quiet btn-small" onPress={() => m.mutate(false)} isPending={m.isPending}>
              {t("ui.enrolment.undo")}
            </Button>
          </span>
        ) : (
          <Button className="btn btn-primary" onPress={() => m.mutate(true)} isPending={m.isPending}>
            {t("ui.enrolment.markDone")}
          </Button>
        ))}
      <CourseProgress courseId={courseId} />
    </div>
  );
}
