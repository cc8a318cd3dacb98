import "./quizzes.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { MathText } from "../../questions/client/math-text.tsx";
import { listBanks, listQuestions } from "../../questions/shared/contract.ts";
import { RubricEditor } from "../../rubrics/client/rubric-editor.tsx";
import type { RubricDefinition } from "../../rubrics/shared/rubric.ts";
import {
  GRADING_METHODS,
  getQuiz,
  listSlots,
  type QuizSettings,
  REVIEW_WHEN,
  regrade,
  replaceSlots,
  type Slot,
  setQuestionRubric,
  updateQuiz,
} from "../shared/contract.ts";
import { Breadcrumb, quizKey } from "./parts.tsx";

const slotsKey = (itemId: string) => ["quiz-slots", itemId];
/** <input type="datetime-local"> value of an ISO date, in the browser's time zone */
const localInput = (iso: string | null) => {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60_000).toISOString().slice(0, 16);
};
const fromLocal = (v: FormDataEntryValue | null) => (v ? new Date(String(v)).toISOString() : null);

/** The teacher's editor of a quiz: its settings, then its questions (from the bank, fixed or drawn at random) page by page. */
export function QuizEditorPage() {
  const t = useT();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const q = useQuery({ queryKey: quizKey(itemId), queryFn: () => api(getQuiz, { params: { courseId: id, itemId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <Breadcrumb courseId={id} title={q.data.course.title} itemId={itemId} quizTitle={q.data.quiz.title} />
      <PageTitle
        actions={
          <Link className="btn btn-secondary" to="/courses/$id/quizzes/$itemId/results" params={{ id, itemId }}>
            {t("ui.quizzes.results")}
          </Link>
        }
      >
        {t("ui.quizzes.editTitle", { title: q.data.quiz.title })}
      </PageTitle>
      <Settings courseId={id} quiz={q.data.quiz} />
      <Slots courseId={id} itemId={itemId} />
    </>
  );
}

function Settings({ courseId, quiz }: { courseId: string; quiz: QuizSettings }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [method, setMethod] = useState<string>(quiz.gradingMethod);
  const [marks, setMarks] = useState<string>(quiz.reviewMarks);
  const [answers, setAnswers] = useState<string>(quiz.reviewAnswers);
  const m = useMutation({
    mutationFn: (f: FormData) => {
      const num = (k: string) => (String(f.get(k) ?? "").trim() === "" ? null : Number(f.get(k)));
      return api(updateQuiz, {
        params: { courseId, itemId: quiz.itemId },
        body: {
          title: String(f.get("title") ?? ""),
          intro: String(f.get("intro") ?? ""),
          timeLimitMinutes: num("timeLimitMinutes"),
          attemptsAllowed: num("attemptsAllowed"),
          passPercent: num("passPercent"),
          opensAt: fromLocal(f.get("opensAt")),
          closesAt: fromLocal(f.get("closesAt")),
          gradingMethod: method as QuizSettings["gradingMethod"],
          reviewMarks: marks as QuizSettings["reviewMarks"],
          reviewAnswers: answers as QuizSettings["reviewAnswers"],
          shuffleQuestions: f.get("shuffleQuestions") === "on",
          shuffleAnswers: f.get("shuffleAnswers") === "on",
        },
      });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: quizKey(quiz.itemId) });
      announce(t("ui.quizzes.settingsSaved"));
      clear();
    },
    onError,
  });
  const review = REVIEW_WHEN.map((w) => ({ id: w, label: t(`ui.quizzes.review.${w}`) }));
  return (
    <section className="section card" aria-labelledby="settings-h">
      <h2 id="settings-h">{t("ui.quizzes.settings")}</h2>
      <Form
        className="form"
        validationErrors={error?.fields}
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate(new FormData(e.currentTarget));
        }}
      >
        <FormAlert error={error} />
        <Field name="title" label={t("ui.quizzes.fields.title")} defaultValue={quiz.title} isRequired />
        <label className="field">
          {t("ui.quizzes.fields.intro")}
          <textarea name="intro" defaultValue={quiz.intro} rows={3} className="textarea" />
        </label>
        <div className="grid-fields">
          <label className="field">
            {t("ui.quizzes.fields.timeLimit")}
            <input name="timeLimitMinutes" type="number" min={1} max={10080} defaultValue={quiz.timeLimitMinutes ?? ""} aria-describedby="tl-help" />
            <span id="tl-help" className="field-help">
              {t("ui.quizzes.fields.timeLimitHelp")}
            </span>
          </label>
          <label className="field">
            {t("ui.quizzes.fields.attempts")}
            <input name="attemptsAllowed" type="number" min={1} max={100} defaultValue={quiz.attemptsAllowed ?? ""} aria-describedby="att-help" />
            <span id="att-help" className="field-help">
              {t("ui.quizzes.fields.attemptsHelp")}
            </span>
          </label>
          <label className="field">
            {t("ui.quizzes.fields.opens")}
            <input name="opensAt" type="datetime-local" defaultValue={localInput(quiz.opensAt)} />
          </label>
          <label className="field">
            {t("ui.quizzes.fields.closes")}
            <input name="closesAt" type="datetime-local" defaultValue={localInput(quiz.closesAt)} />
          </label>
          <SelectField
            label={t("ui.quizzes.gradingMethod")}
            value={method}
            onChange={setMethod}
            options={GRADING_METHODS.map((g) => ({ id: g, label: t(`ui.quizzes.method.${g}`) }))}
          />
          <label className="field">
            {t("ui.quizzes.fields.pass")}
            <input name="passPercent" type="number" min={0} max={100} step="any" defaultValue={quiz.passPercent ?? ""} />
          </label>
          <SelectField label={t("ui.quizzes.fields.reviewMarks")} value={marks} onChange={setMarks} options={review} />
          <SelectField label={t("ui.quizzes.fields.reviewAnswers")} value={answers} onChange={setAnswers} options={review} />
        </div>
        <label className="check">
          <input type="checkbox" name="shuffleQuestions" defaultChecked={quiz.shuffleQuestions} /> {t("ui.quizzes.fields.shuffleQuestions")}
        </label>
        <label className="check">
          <input type="checkbox" name="shuffleAnswers" defaultChecked={quiz.shuffleAnswers} /> {t("ui.quizzes.fields.shuffleAnswers")}
        </label>
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.quizzes.saveSettings")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

type Draft = { page: number; points: number | null; questionId: string | null; versionId: string | null; categoryId: string | null; label: string };

function Slots({ courseId, itemId }: { courseId: string; itemId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const q = useQuery({ queryKey: slotsKey(itemId), queryFn: () => api(listSlots, { params: { courseId, itemId } }) });
  const { error, onError } = useFormErrors();
  const save = useMutation({
    mutationFn: (slots: Draft[]) =>
      api(replaceSlots, {
        params: { courseId, itemId },
        body: { slots: slots.map((s) => ({ page: s.page, points: s.points, questionId: s.questionId, versionId: s.versionId, categoryId: s.categoryId })) },
      }),
    onSuccess: (r) => {
      qc.setQueryData(slotsKey(itemId), r);
      void qc.invalidateQueries({ queryKey: quizKey(itemId) });
      announce(t("ui.quizzes.questionsSaved"));
    },
    onError,
  });
  const re = useMutation({
    mutationFn: (v: { questionId: string; regradeAttempts: boolean }) => api(regrade, { params: { courseId, itemId }, body: v }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: slotsKey(itemId) });
      announce(t("ui.quizzes.regraded", { n: r.attemptsRegraded }));
    },
    onError,
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const slots = q.data.items;
  const draft = (s: Slot): Draft => ({
    page: s.page,
    points: s.points,
    questionId: s.questionId,
    versionId: s.versionId,
    categoryId: s.categoryId,
    label: s.stem ?? "",
  });
  const commit = (list: Draft[]) => save.mutate(list);
  const move = (i: number, d: number) => {
    const list = slots.map(draft);
    const [x] = list.splice(i, 1);
    list.splice(i + d, 0, x);
    commit(list);
  };
  return (
    <section className="section" aria-labelledby="slots-h">
      <h2 id="slots-h">{t("ui.quizzes.questionsTitle", { n: slots.length })}</h2>
      <FormAlert error={error} />
      {slots.length === 0 ? (
        <EmptyState title={t("ui.quizzes.noQuestions")}>
          <p>{t("ui.quizzes.noQuestionsHelp")}</p>
        </EmptyState>
      ) : (
        <ol className="slot-list">
          {slots.map((s, i) => (
            <li key={s.id} className="card slot">
              <div className="slot-main">
                <p className="slot-stem">{s.categoryId ? t("ui.quizzes.randomFrom") : <MathText text={s.stem ?? "—"} />}</p>
                <p className="small muted">
                  {s.type ? t(`ui.quizzes.types.${s.type}`) : t("ui.quizzes.random")} · {t("ui.quizzes.pageN", { n: s.page })} ·{" "}
                  {t("ui.quizzes.points", { n: s.points })}
                  {s.version !== null && <> · v{s.version}</>}
                  {s.rubric && <> · {t(`ui.quizzes.gradedWith.${s.rubric.kind}`, { n: s.rubric.criteria.length })}</>}
                </p>
                {s.questionId && (s.type === "essay" || s.type === "file") && <SlotRubric courseId={courseId} itemId={itemId} slot={s} n={i + 1} />}
                {s.latestVersion !== null && (
                  <div className="quiz-note">
                    <p>{t("ui.quizzes.newVersion", { n: s.latestVersion })}</p>
                    <div className="row-buttons">
                      <Button className="btn btn-small btn-secondary" onPress={() => re.mutate({ questionId: s.questionId!, regradeAttempts: false })}>
                        {t("ui.quizzes.useNewVersion")}
                      </Button>
                      <Button className="btn btn-small btn-primary" onPress={() => re.mutate({ questionId: s.questionId!, regradeAttempts: true })}>
                        {t("ui.quizzes.useAndRegrade")}
                      </Button>
                    </div>
                  </div>
                )}
              </div>
              <div className="slot-actions">
                <label className="slot-number">
                  {t("ui.quizzes.page")}
                  <input
                    type="number"
                    min={1}
                    max={200}
                    defaultValue={s.page}
                    aria-label={t("ui.quizzes.pageOfQuestion", { n: i + 1 })}
                    onBlur={(e) => {
                      const v = Number(e.target.value);
                      if (v >= 1 && v !== s.page) commit(slots.map((x, j) => (j === i ? { ...draft(x), page: v } : draft(x))));
                    }}
                  />
                </label>
                <label className="slot-number">
                  {t("ui.quizzes.pointsShort")}
                  <input
                    type="number"
                    min={0}
                    max={1000}
                    step="any"
                    defaultValue={s.points}
                    aria-label={t("ui.quizzes.pointsOfQuestion", { n: i + 1 })}
                    onBlur={(e) => {
                      const v = Number(e.target.value);
                      if (e.target.value !== "" && v >= 0 && v !== s.points) commit(slots.map((x, j) => (j === i ? { ...draft(x), points: v } : draft(x))));
                    }}
                  />
                </label>
                <Button className="btn btn-quiet btn-small" isDisabled={i === 0} onPress={() => move(i, -1)} aria-label={t("ui.quizzes.moveUp", { n: i + 1 })}>
                  <span aria-hidden="true">↑</span>
                </Button>
                <Button
                  className="btn btn-quiet btn-small"
                  isDisabled={i === slots.length - 1}
                  onPress={() => move(i, 1)}
                  aria-label={t("ui.quizzes.moveDown", { n: i + 1 })}
                >
                  <span aria-hidden="true">↓</span>
                </Button>
                <Button
                  className="btn btn-quiet btn-small"
                  onPress={() => commit(slots.filter((_, j) => j !== i).map(draft))}
                  aria-label={t("ui.quizzes.removeQuestion", { n: i + 1 })}
                >
                  {t("ui.quizzes.remove")}
                </Button>
              </div>
            </li>
          ))}
        </ol>
      )}
      <AddQuestions
        courseId={courseId}
        onAdd={(add) => commit([...slots.map(draft), ...add.map((a) => ({ ...a, page: a.page || Math.max(1, ...slots.map((s) => s.page)) }))])}
      />
      <p className="small">
        <Link to="/courses/$id/questions" params={{ id: courseId }}>
          {t("ui.quizzes.openBank")}
        </Link>
      </p>
    </section>
  );
}

/**
 * The rubric or marking guide manual grading uses for an essay or file question of this quiz:
 * the same editor as assignments', in a dialog.
 */
function SlotRubric({ courseId, itemId, slot, n }: { courseId: string; itemId: string; slot: Slot; n: number }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState<RubricDefinition | null>(slot.rubric);
  const { error, onError, clear } = useFormErrors();
  const save = useMutation({
    mutationFn: () => api(setQuestionRubric, { params: { courseId, itemId, questionId: slot.questionId! }, body: { rubric: value } }),
    onSuccess: (r) => {
      qc.setQueryData(slotsKey(itemId), r);
      announce(t("ui.quizzes.rubricSaved"));
      clear();
      setOpen(false);
    },
    onError,
  });
  return (
    <ModalButton
      variant="secondary"
      label={slot.rubric ? t("ui.quizzes.editRubric") : t("ui.quizzes.addRubric")}
      ariaLabel={t("ui.quizzes.rubricOfQuestion", { n })}
      title={t("ui.quizzes.rubricTitle", { n })}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (o) setValue(slot.rubric);
      }}
    >
      {(close) => (
        <Form
          className="form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate();
          }}
        >
          <p className="muted">{t("ui.quizzes.rubricHelp", { points: slot.points })}</p>
          <FormAlert error={error} />
          <RubricEditor value={value} onChange={setValue} errors={error?.fields} />
          <div className="form-actions">
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
            <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
              {t("ui.quizzes.saveRubric")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

/** Picks questions of a bank category (each as a fixed slot) or a random draw of N from the category. */
function AddQuestions({ courseId, onAdd }: { courseId: string; onAdd: (d: Draft[]) => void }) {
  const t = useT();
  const banks = useQuery({ queryKey: ["question-banks", courseId], queryFn: () => api(listBanks, { params: { courseId } }) });
  const [category, setCategory] = useState<string | null>(null);
  const [picked, setPicked] = useState<Set<string>>(new Set());
  const [random, setRandom] = useState(1);
  const questions = useQuery({
    queryKey: ["questions-of", category],
    queryFn: () => api(listQuestions, { params: { categoryId: category! }, query: {} }),
    enabled: !!category,
  });
  const categories = (banks.data?.banks ?? []).flatMap((b) => b.categories.map((c) => ({ id: c.id, label: `${b.name} — ${c.name} (${c.questionCount})` })));
  return (
    <ModalButton variant="secondary" label={t("ui.quizzes.addQuestions")} title={t("ui.quizzes.addQuestions")} onOpenChange={() => setPicked(new Set())}>
      {(close) => (
        <div className="form">
          {banks.isPending ? (
            <Loading />
          ) : categories.length === 0 ? (
            <p>{t("ui.quizzes.emptyBank")}</p>
          ) : (
            <SelectField
              label={t("ui.quizzes.category")}
              value={category}
              onChange={setCategory}
              options={categories}
              placeholder={t("ui.quizzes.chooseCategory")}
            />
          )}
          {category && questions.data && (
            <>
              <fieldset className="fieldset pick-list">
                <legend>{t("ui.quizzes.pickQuestions")}</legend>
                {questions.data.items.map((x) => (
                  <label key={x.id} className="check">
                    <input
                      type="checkbox"
                      checked={picked.has(x.id)}
                      onChange={(e) => {
                        const s = new Set(picked);
                        if (e.target.checked) s.add(x.id);
                        else s.delete(x.id);
                        setPicked(s);
                      }}
                    />{" "}
                    {x.name} <span className="muted small">({t(`ui.quizzes.types.${x.type}`)})</span>
                  </label>
                ))}
              </fieldset>
              <div className="form-actions">
                <Button
                  className="btn btn-primary"
                  isDisabled={picked.size === 0}
                  onPress={() => {
                    onAdd(
                      questions.data.items
                        .filter((x) => picked.has(x.id))
                        .map((x) => ({ page: 0, points: null, questionId: x.id, versionId: x.versionId, categoryId: null, label: x.name })),
                    );
                    close();
                  }}
                >
                  {t("ui.quizzes.addPicked", { n: picked.size })}
                </Button>
              </div>
              <div className="form-inline random-draw">
                <label className="field">
                  {t("ui.quizzes.randomCount")}
                  <input type="number" min={1} max={50} value={random} onChange={(e) => setRandom(Number(e.target.value) || 1)} />
                </label>
                <Button
                  className="btn btn-secondary"
                  onPress={() => {
                    onAdd(Array.from({ length: random }, () => ({ page: 0, points: 1, questionId: null, versionId: null, categoryId: category, label: "" })));
                    close();
                  }}
                >
                  {t("ui.quizzes.addRandom", { n: random })}
                </Button>
              </div>
            </>
          )}
        </div>
      )}
    </ModalButton>
  );
}
