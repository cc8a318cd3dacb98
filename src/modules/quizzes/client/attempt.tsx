import "./quizzes.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { Button } from "react-aria-components";
import { ApiError, api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, Loading, ModalButton, PageTitle, QueryError, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import { QuestionView } from "../../questions/client/question-view.tsx";
import type { QuestionResponse } from "../../questions/shared/types.ts";
import { RubricGrader } from "../../rubrics/client/rubric-grader.tsx";
import type { RubricDefinition, RubricFill } from "../../rubrics/shared/rubric.ts";
import { type Attempt, getAttempt, gradeAnswer as gradeAnswerContract, saveAnswer, startPreview, submitAttempt } from "../shared/contract.ts";
import { AttemptOutbox } from "./outbox.ts";
import { attemptKey, Breadcrumb, quizKey, useDate, usePoints } from "./parts.tsx";

/** No answer from the server (network cut, server restarting, overloaded): keep the answer and try again. */
const transient = (e: unknown) => e instanceof ApiError && (e.status === 0 || e.status >= 500 || e.status === 429);

/** An attempt: answering while in progress, the review once submitted. */
export function AttemptPage() {
  const { attemptId } = useParams({ strict: false }) as { attemptId: string };
  const q = useQuery({
    queryKey: attemptKey(attemptId),
    queryFn: () => api(getAttempt, { params: { attemptId } }),
    staleTime: Number.POSITIVE_INFINITY,
    retry: 1,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return q.data.state === "in_progress" && !q.data.grader ? <TakeAttempt attempt={q.data} /> : <ReviewAttempt attempt={q.data} />;
}

function useOutbox(attempt: Attempt) {
  // one queue per attempt, built from the answers the server had when the page opened
  // biome-ignore lint/correctness/useExhaustiveDependencies: later copies of the attempt must not reset the queue
  const outbox = useMemo(
    () =>
      new AttemptOutbox(
        attempt.id,
        attempt.questions.flatMap((q) => (q.answer ? [{ slot: q.slot, seq: q.answer.seq, response: q.answer.response }] : [])),
        (slot, seq, response) => api(saveAnswer, { params: { attemptId: attempt.id, slot }, body: { seq, response } }),
        undefined,
        transient,
      ),
    [attempt.id],
  );
  const version = useSyncExternalStore(
    useCallback((l: () => void) => outbox.subscribe(l), [outbox]),
    () => outbox.rev,
  );
  useEffect(() => {
    void outbox.flush();
    const retry = () => {
      if (outbox.pending() && outbox.status !== "error") void outbox.flush();
    };
    const timer = setInterval(retry, 3000);
    window.addEventListener("online", retry);
    return () => {
      clearInterval(timer);
      window.removeEventListener("online", retry);
    };
  }, [outbox]);
  return { outbox, version };
}

/** Time left, from the server's clock (the offset measured when the page loaded). */
function useRemaining(attempt: Attempt) {
  const offset = useMemo(() => new Date(attempt.serverNow).getTime() - Date.now(), [attempt.serverNow]);
  const end = attempt.deadline ? new Date(attempt.deadline).getTime() : null;
  const [now, setNow] = useState(() => Date.now() + offset);
  useEffect(() => {
    if (end === null) return;
    const t = setInterval(() => setNow(Date.now() + offset), 1000);
    return () => clearInterval(t);
  }, [end, offset]);
  return end === null ? null : Math.max(0, Math.ceil((end - now) / 1000));
}

const clock = (s: number) => {
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, "0");
  return h ? `${h}:${String(m).padStart(2, "0")}:${sec}` : `${m}:${sec}`;
};

function SaveState({ outbox }: { outbox: AttemptOutbox }) {
  const t = useT();
  const text = useErrorText();
  const n = outbox.pending();
  const label =
    outbox.status === "error"
      ? text(outbox.error)
      : outbox.status === "offline"
        ? t("ui.quizzes.save.offline", { n })
        : outbox.status === "saving" || n > 0
          ? t("ui.quizzes.save.saving")
          : t("ui.quizzes.save.saved");
  const tone = outbox.status === "error" ? "error" : outbox.status === "offline" ? "offline" : n > 0 ? "saving" : "saved";
  return (
    <p className={`save-state save-${tone}`} role="status" data-state={tone}>
      <span aria-hidden="true" className="save-dot" />
      {label}
    </p>
  );
}

function TakeAttempt({ attempt }: { attempt: Attempt }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { outbox } = useOutbox(attempt);
  const remaining = useRemaining(attempt);
  const [page, setPage] = useState(1);
  const [offlineSubmit, setOfflineSubmit] = useState(false);
  const { error, onError } = useFormErrors();
  const pages = attempt.pages;
  const numberOf = new Map(attempt.questions.map((q, i) => [q.slot, i + 1]));
  const unanswered = attempt.questions.filter((q) => outbox.response(q.slot) === null).length;
  const submit = useMutation({
    mutationFn: async () => {
      await outbox.flush();
      if (outbox.pending() > 0 && outbox.status !== "error") {
        setOfflineSubmit(true);
        throw new ApiError(0, "network", "");
      }
      return api(submitAttempt, { params: { attemptId: attempt.id } });
    },
    onSuccess: (a) => {
      outbox.forget();
      qc.setQueryData(attemptKey(attempt.id), a);
      void qc.invalidateQueries({ queryKey: quizKey(attempt.quizId) });
      announce(t("ui.quizzes.submitted"));
      window.scrollTo(0, 0);
    },
    onError,
  });
  // time is up: what is saved is submitted (the server does it too once the grace is over)
  const fired = useRef(false);
  useEffect(() => {
    if (remaining === 0 && !fired.current) {
      fired.current = true;
      submit.mutate();
    }
    if (remaining === 300 || remaining === 60) announce(t("ui.quizzes.minutesLeft", { n: remaining / 60 }));
  }, [remaining, submit, announce, t]);
  const go = (p: number) => {
    setPage(p);
    requestAnimationFrame(() => document.getElementById(`page-${p}`)?.focus());
  };
  return (
    <>
      <Breadcrumb courseId={attempt.courseId} title={attempt.courseTitle} itemId={attempt.quizId} quizTitle={attempt.quizTitle} />
      <PageTitle>{t("ui.quizzes.attemptTitle", { title: attempt.quizTitle, n: attempt.number })}</PageTitle>
      {attempt.preview && <PreviewBar attempt={attempt} />}
      <div className="attempt-bar">
        {remaining !== null && (
          <p className={`attempt-timer${remaining < 300 ? " attempt-timer-low" : ""}`}>
            <span className="muted">{t("ui.quizzes.timeLeft")}</span>{" "}
            <span role="timer" aria-label={t("ui.quizzes.timeLeftAria", { time: clock(remaining) })}>
              {clock(remaining)}
            </span>
          </p>
        )}
        <SaveState outbox={outbox} />
      </div>
      {pages > 1 && (
        <nav className="attempt-pages" aria-label={t("ui.quizzes.pages")}>
          {Array.from({ length: pages }, (_, i) => i + 1).map((p) => (
            <Button
              key={p}
              className={`btn btn-small ${p === page ? "btn-primary" : "btn-secondary"}`}
              aria-current={p === page ? "page" : undefined}
              onPress={() => go(p)}
            >
              {t("ui.quizzes.pageN", { n: p })}
            </Button>
          ))}
        </nav>
      )}
      {/* every page is rendered (hidden but the current one): what a question needs is loaded while online, and nothing typed is unmounted */}
      {Array.from({ length: pages }, (_, i) => i + 1).map((p) => (
        <section
          key={p}
          id={`page-${p}`}
          tabIndex={-1}
          hidden={p !== page}
          aria-label={t("ui.quizzes.pageOf", { n: p, total: pages })}
          className="attempt-questions"
        >
          {attempt.questions
            .filter((q) => q.page === p)
            .map((q) => (
              <div key={q.slot} className="card attempt-question">
                <QuestionView
                  number={numberOf.get(q.slot)}
                  question={q.question}
                  response={outbox.response(q.slot)}
                  onChange={(r: QuestionResponse) => outbox.set(q.slot, r)}
                />
              </div>
            ))}
        </section>
      ))}
      <div className="attempt-actions">
        {page > 1 && (
          <Button className="btn btn-secondary" onPress={() => go(page - 1)}>
            {t("ui.quizzes.previous")}
          </Button>
        )}
        {page < pages && (
          <Button className="btn btn-primary" onPress={() => go(page + 1)}>
            {t("ui.quizzes.next")}
          </Button>
        )}
        {page === pages && (
          <ModalButton label={t("ui.quizzes.submit")} title={t("ui.quizzes.submitTitle")}>
            {(close) => (
              <div className="form">
                <p>{unanswered > 0 ? t("ui.quizzes.unansweredWarning", { n: unanswered }) : t("ui.quizzes.allAnswered")}</p>
                <p className="muted">{t("ui.quizzes.submitFinal")}</p>
                <div className="form-actions">
                  <Button className="btn btn-secondary" onPress={close}>
                    {t("ui.quizzes.keepWorking")}
                  </Button>
                  <Button
                    className="btn btn-primary"
                    isPending={submit.isPending}
                    onPress={() => {
                      setOfflineSubmit(false);
                      submit.mutate(undefined, { onSettled: close });
                    }}
                  >
                    {t("ui.quizzes.submitNow")}
                  </Button>
                </div>
              </div>
            )}
          </ModalButton>
        )}
      </div>
      {offlineSubmit ? (
        <p className="alert alert-error" role="alert">
          {t("ui.quizzes.submitOffline")}
        </p>
      ) : (
        <FormAlert error={error} />
      )}
    </>
  );
}

function ReviewAttempt({ attempt }: { attempt: Attempt }) {
  const t = useT();
  const pts = usePoints();
  const date = useDate();
  return (
    <>
      <Breadcrumb courseId={attempt.courseId} title={attempt.courseTitle} itemId={attempt.quizId} quizTitle={attempt.quizTitle} />
      <PageTitle>{t("ui.quizzes.attemptTitle", { title: attempt.quizTitle, n: attempt.number })}</PageTitle>
      {attempt.preview && <PreviewBar attempt={attempt} />}
      <div className="card review-summary">
        {attempt.grader && <p>{t("ui.quizzes.learner", { name: attempt.learnerName })}</p>}
        <p>
          {attempt.state === "in_progress"
            ? t("ui.quizzes.inProgress")
            : attempt.autoSubmitted
              ? t("ui.quizzes.autoSubmittedOn", { date: date(attempt.submittedAt) })
              : t("ui.quizzes.submittedOn", { date: date(attempt.submittedAt) })}
        </p>
        {attempt.showMarks ? (
          attempt.needsGrading ? (
            <p className="badge badge-warn">{t("ui.quizzes.awaitingGrading")}</p>
          ) : (
            <p className="quiz-grade">{t("ui.quizzes.scoreOf", { score: pts(attempt.score), max: pts(attempt.maxScore) })}</p>
          )
        ) : (
          attempt.state === "submitted" && <p className="muted">{t("ui.quizzes.marksLater")}</p>
        )}
        <Link className="btn btn-secondary" to="/courses/$id/quizzes/$itemId" params={{ id: attempt.courseId, itemId: attempt.quizId }}>
          {t("ui.quizzes.backToQuiz")}
        </Link>
      </div>
      <ol className="review-list">
        {attempt.questions.map((q, i) => (
          <li key={q.slot} className="card attempt-question">
            <QuestionView
              number={i + 1}
              question={q.question}
              response={q.answer?.response ?? null}
              onChange={() => undefined}
              readOnly
              review={q.result?.review ? { ...q.result.review, score: q.result.points } : null}
            />
            {!attempt.grader && q.rubric && q.result?.rubricFill && (
              <div className="review-rubric">
                <p className="small muted">{t(`ui.quizzes.rubricFeedback.${q.rubric.kind}`)}</p>
                <RubricGrader definition={q.rubric} value={q.result.rubricFill} readOnly maxScore={q.points} />
              </div>
            )}
            {q.result?.comment && (
              <div className="review-comment">
                <p className="small muted">{t("ui.quizzes.teacherComment")}</p>
                <p>{q.result.comment}</p>
              </div>
            )}
            {attempt.grader && (
              <GradeBox
                attempt={attempt}
                slot={q.slot}
                max={q.points}
                current={q.result?.points ?? null}
                rubric={q.rubric}
                currentFill={q.result?.rubricFill ?? null}
                currentComment={q.result?.comment ?? null}
              />
            )}
          </li>
        ))}
      </ol>
      {attempt.grader && attempt.log.length > 0 && (
        <section className="section" aria-labelledby="grade-log">
          <h2 id="grade-log">{t("ui.quizzes.log")}</h2>
          <ul className="grade-log">
            {attempt.log.map((l) => (
              <li key={`${l.at}-${l.slot}`}>
                {t("ui.quizzes.logLine", {
                  n: l.slot + 1,
                  reason: t(`ui.quizzes.reason.${l.reason}`),
                  from: pts(l.oldPoints),
                  to: pts(l.newPoints),
                  by: l.by ?? "—",
                  date: date(l.at),
                })}
                {l.comment && <span className="muted"> — {l.comment}</span>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

/** Marks a preview as such, with a way to throw it away and try again. */
function PreviewBar({ attempt }: { attempt: Attempt }) {
  const t = useT();
  const navigate = useNavigate();
  const { error, onError } = useFormErrors();
  const again = useMutation({
    mutationFn: () => api(startPreview, { params: { courseId: attempt.courseId, itemId: attempt.quizId }, body: { fresh: true } }),
    onSuccess: (a) =>
      navigate({ to: "/courses/$id/quizzes/$itemId/attempts/$attemptId", params: { id: attempt.courseId, itemId: attempt.quizId, attemptId: a.id } }),
    onError,
  });
  return (
    <div className="quiz-note preview-bar">
      <p>{t("ui.quizzes.previewNote")}</p>
      <Button className="btn btn-secondary btn-small" onPress={() => again.mutate()} isPending={again.isPending}>
        {t("ui.quizzes.newPreview")}
      </Button>
      <FormAlert error={error} />
    </div>
  );
}

/**
 * A teacher's grade for one answer: by hand, or an override of the automatic mark; with the
 * question's rubric or marking guide when it has one (the points are then computed from it).
 */
export function GradeBox({
  attempt,
  slot,
  max,
  current,
  rubric = null,
  currentFill = null,
  currentComment = null,
  onDone,
}: {
  attempt: Pick<Attempt, "id" | "quizId">;
  slot: number;
  max: number;
  current: number | null;
  rubric?: RubricDefinition | null;
  currentFill?: RubricFill | null;
  currentComment?: string | null;
  onDone?: () => void;
}) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [points, setPoints] = useState(current === null ? "" : String(current));
  const [fill, setFill] = useState<RubricFill>(currentFill ?? {});
  const [comment, setComment] = useState(currentComment ?? "");
  const rubricErrors = Object.fromEntries(
    Object.entries(error?.fields ?? {}).flatMap(([k, msg]) => (k.startsWith("rubricFill.") ? [[k.slice("rubricFill.".length), msg]] : [])),
  );
  const m = useMutation({
    mutationFn: () =>
      api(gradeAnswerContract, {
        params: { attemptId: attempt.id, slot },
        body: rubric ? { rubricFill: fill, comment } : { points: points.trim() === "" ? null : Number(points.replace(",", ".")), comment },
      }),
    onSuccess: (a) => {
      qc.setQueryData(attemptKey(attempt.id), a);
      void qc.invalidateQueries({ queryKey: ["quiz-grading", attempt.quizId] });
      announce(t("ui.quizzes.graded"));
      clear();
      onDone?.();
    },
    onError,
  });
  const id = `grade-${attempt.id}-${slot}`;
  return (
    <form
      className="grade-box"
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <FormAlert error={error} />
      {rubric && <RubricGrader definition={rubric} value={fill} onChange={setFill} maxScore={max} errors={rubricErrors} />}
      <div className={rubric ? "grade-fields grade-fields-one" : "grade-fields"}>
        {!rubric && (
          <label htmlFor={`${id}-p`}>
            {t("ui.quizzes.gradePoints", { max })}
            <input id={`${id}-p`} name="points" inputMode="decimal" value={points} onChange={(e) => setPoints(e.target.value)} className="input" />
          </label>
        )}
        <label htmlFor={`${id}-c`}>
          {t("ui.quizzes.comment")}
          <textarea id={`${id}-c`} name="comment" value={comment} onChange={(e) => setComment(e.target.value)} rows={2} className="input" />
        </label>
      </div>
      <Button type="submit" className="btn btn-primary btn-small" isPending={m.isPending}>
        {t("ui.quizzes.saveGrade")}
      </Button>
    </form>
  );
}
