import "./quizzes.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, FormAlert, Loading, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { QuestionView } from "../../questions/client/question-view.tsx";
import { getQuiz, gradingQueue, listAccommodations, listResults, setAccommodation } from "../shared/contract.ts";
import { GradeBox } from "./attempt.tsx";
import { AttemptScore, Breadcrumb, quizKey, usePoints } from "./parts.tsx";

/** The teacher's side of a quiz: answers to grade by hand, every learner's attempts and grade, accommodations. */
export function QuizResultsPage() {
  const t = useT();
  const pts = usePoints();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const quiz = useQuery({ queryKey: quizKey(itemId), queryFn: () => api(getQuiz, { params: { courseId: id, itemId } }) });
  const results = useQuery({ queryKey: ["quiz-results", itemId], queryFn: () => api(listResults, { params: { courseId: id, itemId } }) });
  if (quiz.isPending || results.isPending) return <Loading />;
  if (quiz.isError) return <QueryError error={quiz.error} />;
  if (results.isError) return <QueryError error={results.error} />;
  const d = quiz.data;
  return (
    <>
      <Breadcrumb courseId={id} title={d.course.title} itemId={itemId} quizTitle={d.quiz.title} />
      <PageTitle
        actions={
          d.canEdit && (
            <Link className="btn btn-secondary" to="/courses/$id/quizzes/$itemId/edit" params={{ id, itemId }}>
              {t("ui.quizzes.edit")}
            </Link>
          )
        }
      >
        {t("ui.quizzes.resultsOf", { title: d.quiz.title })}
      </PageTitle>
      <GradingQueue courseId={id} itemId={itemId} />
      <section className="section" aria-labelledby="results-h">
        <h2 id="results-h">{t("ui.quizzes.learners")}</h2>
        {results.data.items.length === 0 ? (
          <EmptyState title={t("ui.quizzes.noLearners")} />
        ) : (
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
          <section className="table-wrap" aria-labelledby="results-h" tabIndex={0}>
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">{t("ui.quizzes.learnerColumn")}</th>
                  <th scope="col">{t("ui.quizzes.attempts")}</th>
                  <th scope="col">{t("ui.quizzes.grade", { max: pts(results.data.maxScore) })}</th>
                </tr>
              </thead>
              <tbody>
                {results.data.items.map((r) => (
                  <tr key={r.userId}>
                    <th scope="row">{r.name}</th>
                    <td>
                      {r.attempts.length === 0 ? (
                        <span className="muted">{t("ui.quizzes.noAttempt")}</span>
                      ) : (
                        <ul className="inline-list">
                          {r.attempts.map((a) => (
                            <li key={a.id}>
                              <Link to="/courses/$id/quizzes/$itemId/attempts/$attemptId" params={{ id, itemId, attemptId: a.id }}>
                                {t("ui.quizzes.attemptN", { n: a.number })}
                              </Link>{" "}
                              <AttemptScore a={a} />
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                    <td>{pts(r.grade)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        )}
      </section>
      <Accommodations courseId={id} itemId={itemId} learners={results.data.items.map((r) => ({ id: r.userId, label: r.name }))} />
    </>
  );
}

function GradingQueue({ courseId, itemId }: { courseId: string; itemId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const q = useQuery({ queryKey: ["quiz-grading", itemId], queryFn: () => api(gradingQueue, { params: { courseId, itemId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <section className="section" aria-labelledby="grading-h">
      <h2 id="grading-h">{t("ui.quizzes.toGrade", { n: q.data.items.length })}</h2>
      {q.data.items.length === 0 ? (
        <p className="muted">{t("ui.quizzes.nothingToGrade")}</p>
      ) : (
        <ul className="grading-list">
          {q.data.items.map((g) => (
            <li key={`${g.attemptId}-${g.slot}`} className="card attempt-question">
              <p className="small muted">
                {g.name} · {t("ui.quizzes.attemptN", { n: g.number })}
              </p>
              <QuestionView question={g.question} response={g.response} onChange={() => undefined} readOnly />
              {g.graderInfo && (
                <div className="review-comment">
                  <p className="small muted">{t("ui.quizzes.graderInfo")}</p>
                  <p>{g.graderInfo}</p>
                </div>
              )}
              <GradeBox
                attempt={{ id: g.attemptId, quizId: itemId }}
                slot={g.slot}
                max={g.points}
                current={null}
                rubric={g.rubric}
                onDone={() => void qc.invalidateQueries({ queryKey: ["quiz-results", itemId] })}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Accommodations({ courseId, itemId, learners }: { courseId: string; itemId: string; learners: { id: string; label: string }[] }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const q = useQuery({ queryKey: ["quiz-accommodations", itemId], queryFn: () => api(listAccommodations, { params: { courseId, itemId } }) });
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: { userId: string; extraMinutes: number; extraAttempts: number }) =>
      api(setAccommodation, { params: { courseId, itemId, userId: v.userId }, body: v }),
    onSuccess: (r) => {
      qc.setQueryData(["quiz-accommodations", itemId], r);
      announce(t("ui.quizzes.accommodationSaved"));
      clear();
    },
    onError,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <section className="section" aria-labelledby="acc-h">
      <h2 id="acc-h">{t("ui.quizzes.accommodations")}</h2>
      <p className="muted">{t("ui.quizzes.accommodationsHelp")}</p>
      {q.data.items.length > 0 && (
        <ul className="accommodation-list">
          {q.data.items.map((a) => (
            <li key={a.userId}>
              {t("ui.quizzes.accommodationLine", { name: a.name, minutes: a.extraMinutes, attempts: a.extraAttempts })}{" "}
              <Button className="btn btn-quiet btn-small" onPress={() => m.mutate({ userId: a.userId, extraMinutes: 0, extraAttempts: 0 })}>
                {t("ui.quizzes.remove")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      {learners.length > 0 && (
        <form
          className="form form-inline accommodation-form"
          onSubmit={(e) => {
            e.preventDefault();
            const f = new FormData(e.currentTarget);
            m.mutate({
              userId: String(f.get("userId") ?? ""),
              extraMinutes: Number(f.get("extraMinutes") || 0),
              extraAttempts: Number(f.get("extraAttempts") || 0),
            });
          }}
        >
          <FormAlert error={error} />
          <SelectField name="userId" label={t("ui.quizzes.learnerField")} options={learners} isRequired />
          <label className="field">
            {t("ui.quizzes.extraMinutesField")}
            <input name="extraMinutes" type="number" min={0} max={10080} defaultValue={0} className="input" />
          </label>
          <label className="field">
            {t("ui.quizzes.extraAttemptsField")}
            <input name="extraAttempts" type="number" min={0} max={100} defaultValue={0} className="input" />
          </label>
          <Button type="submit" className="btn btn-secondary" isPending={m.isPending}>
            {t("ui.quizzes.saveAccommodation")}
          </Button>
        </form>
      )}
    </section>
  );
}
