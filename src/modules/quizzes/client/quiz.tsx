import "./quizzes.css";
import { useMutation, useQuery } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, Loading, PageTitle, QueryError, useFormErrors } from "../../../web/ui.tsx";
import { getQuiz, startAttempt, startPreview } from "../shared/contract.ts";
import { AttemptScore, Breadcrumb, quizKey, useDate, usePoints } from "./parts.tsx";

/** A quiz's page: what it is (time, dates, attempts), the learner's attempts and grade, and the button to start or continue. */
export function QuizPage() {
  const t = useT();
  const date = useDate();
  const pts = usePoints();
  const navigate = useNavigate();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const q = useQuery({ queryKey: quizKey(itemId), queryFn: () => api(getQuiz, { params: { courseId: id, itemId } }) });
  const { error, onError } = useFormErrors();
  const start = useMutation({
    mutationFn: () => api(startAttempt, { params: { courseId: id, itemId } }),
    onSuccess: (a) => navigate({ to: "/courses/$id/quizzes/$itemId/attempts/$attemptId", params: { id, itemId, attemptId: a.id } }),
    onError,
  });
  const preview = useMutation({
    mutationFn: () => api(startPreview, { params: { courseId: id, itemId }, body: { fresh: false } }),
    onSuccess: (a) => navigate({ to: "/courses/$id/quizzes/$itemId/attempts/$attemptId", params: { id, itemId, attemptId: a.id } }),
    onError,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const quiz = d.quiz;
  const open = d.attempts.find((a) => a.state === "in_progress");
  return (
    <>
      <Breadcrumb courseId={id} title={d.course.title} />
      <PageTitle
        actions={
          <>
            {d.canEdit && (
              <Link className="btn btn-secondary" to="/courses/$id/quizzes/$itemId/edit" params={{ id, itemId }}>
                {t("ui.quizzes.edit")}
              </Link>
            )}
            {d.canTeach && (
              <Link className="btn btn-secondary" to="/courses/$id/quizzes/$itemId/results" params={{ id, itemId }}>
                {t("ui.quizzes.results")}
              </Link>
            )}
            {d.canPreview && d.quiz.questionCount > 0 && (
              <Button className="btn btn-secondary" onPress={() => preview.mutate()} isPending={preview.isPending}>
                {d.preview?.state === "in_progress" ? t("ui.quizzes.continuePreview") : t("ui.quizzes.preview")}
              </Button>
            )}
          </>
        }
      >
        {quiz.title}
      </PageTitle>
      {quiz.intro && <p className="quiz-intro">{quiz.intro}</p>}
      {!d.isLearner && <FormAlert error={error} />}
      <dl className="quiz-facts card">
        <div>
          <dt>{t("ui.quizzes.questions")}</dt>
          <dd>{t("ui.quizzes.questionCount", { n: quiz.questionCount, points: pts(quiz.maxScore) })}</dd>
        </div>
        <div>
          <dt>{t("ui.quizzes.timeLimit")}</dt>
          <dd>
            {quiz.timeLimitMinutes === null ? t("ui.quizzes.noTimeLimit") : t("ui.quizzes.minutes", { n: quiz.timeLimitMinutes })}
            {d.extraMinutes > 0 && <> {t("ui.quizzes.extraMinutes", { n: d.extraMinutes })}</>}
          </dd>
        </div>
        {quiz.opensAt && (
          <div>
            <dt>{t("ui.quizzes.opens")}</dt>
            <dd>{date(quiz.opensAt)}</dd>
          </div>
        )}
        {quiz.closesAt && (
          <div>
            <dt>{t("ui.quizzes.closes")}</dt>
            <dd>{date(quiz.closesAt)}</dd>
          </div>
        )}
        <div>
          <dt>{t("ui.quizzes.attemptsAllowed")}</dt>
          <dd>{quiz.attemptsAllowed === null ? t("ui.quizzes.unlimited") : quiz.attemptsAllowed}</dd>
        </div>
        <div>
          <dt>{t("ui.quizzes.gradingMethod")}</dt>
          <dd>{t(`ui.quizzes.method.${quiz.gradingMethod}`)}</dd>
        </div>
      </dl>
      {d.isLearner && (
        <section className="section" aria-labelledby="my-attempts">
          <h2 id="my-attempts">{t("ui.quizzes.myAttempts")}</h2>
          {d.grade !== null && <p className="quiz-grade">{t("ui.quizzes.yourGrade", { score: pts(d.grade), max: pts(quiz.maxScore) })}</p>}
          {d.attempts.length === 0 ? (
            <p className="muted">{t("ui.quizzes.noAttemptYet")}</p>
          ) : (
            <ul className="attempt-list">
              {d.attempts.map((a) => (
                <li key={a.id} className="card attempt-row">
                  <Link to="/courses/$id/quizzes/$itemId/attempts/$attemptId" params={{ id, itemId, attemptId: a.id }}>
                    {t("ui.quizzes.attemptN", { n: a.number })}
                  </Link>
                  <span className="muted small">
                    {a.submittedAt ? t("ui.quizzes.submittedOn", { date: date(a.submittedAt) }) : t("ui.quizzes.startedOn", { date: date(a.startedAt) })}
                  </span>
                  <AttemptScore a={a} />
                </li>
              ))}
            </ul>
          )}
          <FormAlert error={error} />
          {open ? (
            <Link className="btn btn-primary quiz-start" to="/courses/$id/quizzes/$itemId/attempts/$attemptId" params={{ id, itemId, attemptId: open.id }}>
              {t("ui.quizzes.continue")}
            </Link>
          ) : d.canStart ? (
            <Button className="btn btn-primary quiz-start" onPress={() => start.mutate()} isPending={start.isPending}>
              {d.attempts.length ? t("ui.quizzes.startAgain") : t("ui.quizzes.start")}
            </Button>
          ) : (
            d.blocked && <p className="quiz-note">{t(`ui.quizzes.blocked.${d.blocked}`)}</p>
          )}
          {d.attemptsLeft !== null && d.canStart && !open && <p className="muted small">{t("ui.quizzes.attemptsLeft", { n: d.attemptsLeft })}</p>}
        </section>
      )}
    </>
  );
}
