import "./questions.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams, useSearch } from "@tanstack/react-router";
import { type KeyboardEvent, type ReactNode, useEffect, useLayoutEffect, useRef, useState } from "react";
import { Button, Checkbox, Input, Label, NumberField, Text, TextArea, TextField } from "react-aria-components";
import { ApiError, api } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { Loading, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
import { createQuestion, getQuestion, listBanks, listVersions, type QuestionDetail, updateQuestion } from "../shared/contract.ts";
import { QUESTION_TYPES, type QuestionDefinitionInput, type QuestionType } from "../shared/types.ts";
import { banksKey, questionsKey } from "./bank.tsx";
import { PreviewPanel } from "./preview.tsx";

const rid = () => crypto.randomUUID().replace(/-/g, "").slice(0, 10);
const MOD = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "⌘" : "Ctrl";

type Def = QuestionDefinitionInput;
type Draft = { name: string; points: number; tags: string; definition: Def };

/** A new question's starting definition: the fast path is a choice question with two empty options. */
export function emptyDefinition(type: QuestionType): Def {
  const stem = "";
  switch (type) {
    case "single":
    case "multiple":
      return { type: "single", stem, options: [{ id: rid(), text: "", fraction: 0 }] };
    case "truefalse":
      return { type, stem, correct: true };
    case "short":
      return { type, stem, answers: [{ pattern: "", fraction: 1 }] };
    case "numeric":
      return { type, stem, answers: [{ value: 0, tolerance: 0, fraction: 1 }], units: [] };
    case "math":
      return { type, stem, answer: "" };
    case "matching":
      return {
        type,
        stem,
        pairs: [
          { id: rid(), prompt: "", answer: "" },
          { id: rid(), prompt: "", answer: "" },
        ],
      };
    case "ordering":
      return {
        type,
        stem,
        items: [
          { id: rid(), text: "" },
          { id: rid(), text: "" },
        ],
      };
    case "cloze":
      return { type, stem, text: "[[1]]", gaps: [{ id: "1", kind: "typed", answers: [{ text: "", fraction: 1 }] }] };
    case "essay":
      return { type, stem };
    case "file":
      return { type, stem, maxFiles: 1, accept: [] };
  }
}

export function NewQuestionPage() {
  const { id } = useParams({ strict: false }) as { id: string };
  const search = useSearch({ strict: false }) as { category?: string; type?: string; n?: string };
  const type = (QUESTION_TYPES as readonly string[]).includes(search.type ?? "") ? (search.type as QuestionType) : "single";
  if (!search.category) return <QueryError error={new ApiError(404, "not_found", "")} />;
  return (
    <QuestionEditor
      key={`${search.category}-${type}-${search.n ?? ""}`}
      courseId={id}
      categoryId={search.category}
      initial={{ name: "", points: 1, tags: "", definition: emptyDefinition(type) }}
    />
  );
}

export function EditQuestionPage() {
  const { id, questionId } = useParams({ strict: false }) as { id: string; questionId: string };
  const q = useQuery({ queryKey: ["questions", "detail", questionId], queryFn: () => api(getQuestion, { params: { questionId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return <QuestionEditor key={`${questionId}-${q.data.version}`} courseId={id} categoryId={q.data.categoryId} existing={q.data} initial={draftOf(q.data)} />;
}

const draftOf = (q: QuestionDetail): Draft => ({ name: q.name, points: q.points, tags: q.tags.join(", "), definition: q.definition as Def });

/** Readable place of a server field error ("definition.options.2.text" → "Option 3"). */
function useFieldLabel() {
  const t = useT();
  return (path: string) => {
    const p = path.replace(/^(body\.)?definition\./, "").split(".");
    const n = p[1] !== undefined && /^\d+$/.test(p[1]) ? Number(p[1]) + 1 : null;
    const key = `ui.questions.fields.${p[0]}`;
    const label = t(key);
    const base = label === key ? p[0] : label;
    return n ? `${base} ${n}` : base;
  };
}

/**
 * The question editor. Keyboard first for choice questions: type the stem, Enter goes to the
 * options, Enter adds the next option, Alt+C (or Ctrl+Enter) marks the focused option right,
 * Ctrl+S saves, Alt+P shows the learner's preview. Several right options make it a
 * multiple-answer question.
 */
function QuestionEditor({ courseId, categoryId, initial, existing }: { courseId: string; categoryId: string; initial: Draft; existing?: QuestionDetail }) {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const fieldLabel = useFieldLabel();
  const [draft, setDraft] = useState<Draft>(initial);
  const [category, setCategory] = useState(categoryId);
  const banks = useQuery({ queryKey: banksKey(courseId), queryFn: () => api(listBanks, { params: { courseId } }) });
  const categoryOptions = (banks.data?.banks ?? [])
    .filter((b) => b.canEdit)
    .flatMap((b) => b.categories.map((c) => ({ id: c.id, label: b.kind === "course" ? c.name : `${b.name} — ${c.name}` })));
  const [preview, setPreview] = useState(false);
  const [error, setError] = useState<{ message: string; fields: [string, string][] } | null>(null);
  const [showFeedback, setShowFeedback] = useState(false);
  const errorRef = useRef<HTMLDivElement>(null);
  const stemRef = useRef<HTMLTextAreaElement>(null);
  const optionsRef = useRef<HTMLDivElement>(null);
  const def = draft.definition;
  const setDef = (d: Def) => setDraft((x) => ({ ...x, definition: d }));

  // a new question starts in its stem: once the router has moved focus to the page title
  // (which it does a frame after navigating), focus goes on to the stem, unless the person moved it
  useEffect(() => {
    if (existing) return;
    const timer = setTimeout(() => {
      const at = document.activeElement;
      if (!at || at === document.body || at.tagName === "H1") stemRef.current?.focus();
    }, 150);
    return () => clearTimeout(timer);
  }, [existing]);

  const save = useMutation({
    mutationFn: async (andNew: boolean) => {
      const body = {
        name: draft.name.trim() || undefined,
        points: draft.points,
        tags: draft.tags
          .split(",")
          .map((s) => s.trim())
          .filter(Boolean),
        definition: cleaned(def) as never,
      };
      const saved = existing
        ? await api(updateQuestion, { params: { questionId: existing.id }, body: { ...body, categoryId: category } })
        : await api(createQuestion, { params: { categoryId: category }, body });
      return { saved, andNew };
    },
    onSuccess: ({ saved, andNew }) => {
      setError(null);
      qc.invalidateQueries({ queryKey: questionsKey(categoryId) });
      qc.invalidateQueries({ queryKey: questionsKey(category) });
      qc.invalidateQueries({ queryKey: banksKey(courseId) });
      qc.setQueryData(["questions", "detail", saved.id], saved);
      qc.invalidateQueries({ queryKey: ["questions", "versions", saved.id] });
      announce(existing && saved.version > existing.version ? t("ui.questions.savedNewVersion", { n: saved.version }) : t("ui.questions.saved"));
      if (andNew)
        navigate({
          to: "/courses/$id/questions/new",
          params: { id: courseId },
          search: { category, type: def.type === "multiple" ? "single" : def.type, n: String(Date.now()) },
        });
      else if (!existing) navigate({ to: "/courses/$id/questions/$questionId", params: { id: courseId, questionId: saved.id }, replace: true });
    },
    onError: (e) => {
      const fields = e instanceof ApiError ? Object.entries(e.fields).filter(([k]) => !/\.\d+$/.test(k) || true) : [];
      setError({
        message: e instanceof ApiError && e.message ? e.message : t("ui.errors.unexpected"),
        fields: dedupe(fields.map(([k, v]) => [fieldLabel(k), v])),
      });
      requestAnimationFrame(() => errorRef.current?.focus());
    },
  });

  const onKeyDown = (e: KeyboardEvent) => {
    const mod = e.ctrlKey || e.metaKey;
    if (mod && !e.altKey && e.key.toLowerCase() === "s") {
      e.preventDefault();
      if (!save.isPending) save.mutate(e.shiftKey);
    } else if (e.altKey && !mod && (e.key.toLowerCase() === "p" || e.code === "KeyP")) {
      e.preventDefault();
      setPreview((p) => !p);
    }
  };

  const isChoice = def.type === "single" || def.type === "multiple";
  const title = existing ? t("ui.questions.editTitle", { name: existing.name }) : t(`ui.questions.newTitle.${isChoice ? "choice" : def.type}`);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: page-wide shortcuts (Ctrl+S, Alt+P) announced in the page
    <div className="q-editor-page" onKeyDown={onKeyDown}>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id/questions" params={{ id: courseId }} search={{ category }}>
          <span aria-hidden="true">← </span>
          {t("ui.questions.title")}
        </Link>
      </nav>
      <PageTitle>{title}</PageTitle>
      <p className="q-shortcuts" id="q-shortcuts">
        {t(isChoice ? "ui.questions.shortcutsChoice" : "ui.questions.shortcuts", { mod: MOD })}
      </p>
      {existing?.used && <p className="alert alert-info">{t("ui.questions.usedWarning", { n: existing.version })}</p>}
      <form
        className="form q-editor"
        onSubmit={(e) => {
          e.preventDefault();
          save.mutate(false);
        }}
      >
        {error && (
          <div className="alert alert-error" role="alert" tabIndex={-1} ref={errorRef}>
            <p>{error.message}</p>
            {error.fields.length > 0 && (
              <ul>
                {error.fields.map(([k, v]) => (
                  <li key={`${k}${v}`}>
                    {k} : {v}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <TextField className="field" value={def.stem} onChange={(stem) => setDef({ ...def, stem })} isRequired={def.type !== "cloze"}>
          <Label>{t(def.type === "cloze" ? "ui.questions.instruction" : "ui.questions.stem")}</Label>
          <TextArea
            ref={stemRef}
            rows={3}
            className="q-stem-input"
            aria-describedby="q-shortcuts"
            onKeyDown={(e) => {
              if (e.key === "Enter" && !e.shiftKey && !e.ctrlKey && !e.metaKey && !e.altKey && isChoice) {
                e.preventDefault();
                optionsRef.current?.querySelector<HTMLInputElement>("input[data-option]")?.focus();
              }
            }}
          />
          <Text slot="description" className="field-help">
            {t(isChoice ? "ui.questions.stemHelpChoice" : "ui.questions.stemHelp")}
          </Text>
        </TextField>
        <div ref={optionsRef}>
          <TypeFields def={def} setDef={setDef} showFeedback={showFeedback} />
        </div>
        <Checkbox className="checkbox" isSelected={showFeedback} onChange={setShowFeedback}>
          <span className="checkbox-box" aria-hidden="true" />
          {t("ui.questions.showFeedback")}
        </Checkbox>
        {showFeedback && <FeedbackFields def={def} setDef={setDef} />}
        <details className="q-more">
          <summary>{t("ui.questions.moreSettings")}</summary>
          {categoryOptions.length > 1 && <SelectField label={t("ui.questions.category")} value={category} onChange={setCategory} options={categoryOptions} />}
          <TextField className="field" value={draft.name} onChange={(name) => setDraft({ ...draft, name })}>
            <Label>{t("ui.questions.name")}</Label>
            <Input />
            <Text slot="description" className="field-help">
              {t("ui.questions.nameHelp")}
            </Text>
          </TextField>
          <NumberField
            className="field"
            value={draft.points}
            minValue={0}
            maxValue={1000}
            step={0.5}
            onChange={(points) => setDraft({ ...draft, points: Number.isFinite(points) ? points : 1 })}
          >
            <Label>{t("ui.questions.points")}</Label>
            <Input />
          </NumberField>
          <TextField className="field" value={draft.tags} onChange={(tags) => setDraft({ ...draft, tags })}>
            <Label>{t("ui.questions.tags")}</Label>
            <Input />
            <Text slot="description" className="field-help">
              {t("ui.questions.tagsHelp")}
            </Text>
          </TextField>
        </details>
        {existing && <VersionHistory questionId={existing.id} />}
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
            {t("ui.questions.save")}
          </Button>
          <Button className="btn btn-secondary" onPress={() => save.mutate(true)} isDisabled={save.isPending}>
            {t("ui.questions.saveAndNew")}
          </Button>
          <Button className="btn btn-secondary" onPress={() => setPreview((p) => !p)} aria-expanded={preview} aria-controls="q-preview-panel">
            {preview ? t("ui.questions.hidePreview") : t("ui.questions.preview")}
          </Button>
        </div>
      </form>
      {preview && (
        <section id="q-preview-panel" className="card q-preview-card" aria-labelledby="q-preview-title">
          <h2 id="q-preview-title">{t("ui.questions.learnerPreview")}</h2>
          <PreviewPanel courseId={courseId} definition={cleaned(def)} points={draft.points} />
        </section>
      )}
    </div>
  );
}

const dedupe = (xs: [string, string][]) => xs.filter(([k, v], i) => xs.findIndex(([a, b]) => a === k && b === v) === i);

/** Drops empty trailing rows the fast path leaves behind (an Enter too many) and sets the choice type. */
function cleaned(d: Def): Def {
  switch (d.type) {
    case "single":
    case "multiple": {
      const options = d.options.filter((o) => o.text.trim() !== "");
      const rights = options.filter((o) => ("correct" in o ? o.correct : (o as { fraction: number }).fraction === 1)).length;
      const base = { ...d, options } as Def & { options: unknown[] };
      if (rights > 1) {
        const { fraction: _f, ...rest } = base as unknown as { fraction?: unknown };
        void _f;
        return {
          ...(rest as object),
          type: "multiple",
          options: options.map((o) => ({
            id: o.id,
            text: o.text,
            feedback: o.feedback ?? "",
            correct: "correct" in o ? !!o.correct : (o as { fraction: number }).fraction === 1,
          })),
        } as Def;
      }
      return {
        ...(base as object),
        type: "single",
        options: options.map((o) => ({
          id: o.id,
          text: o.text,
          feedback: o.feedback ?? "",
          fraction: "correct" in o ? (o.correct ? 1 : 0) : (o as { fraction: number }).fraction,
        })),
      } as Def;
    }
    case "ordering":
      return { ...d, items: d.items.filter((i) => i.text.trim() !== "") };
    case "matching":
      return { ...d, pairs: d.pairs.filter((p) => p.prompt.trim() || p.answer.trim()) };
    default:
      return d;
  }
}

type Sub = { def: Def; setDef: (d: Def) => void; showFeedback: boolean };

function TypeFields(p: Sub) {
  switch (p.def.type) {
    case "single":
    case "multiple":
      return <ChoiceFields {...p} />;
    case "truefalse":
      return <TrueFalseFields {...p} />;
    case "short":
      return <ShortFields {...p} />;
    case "numeric":
      return <NumericFields {...p} />;
    case "math":
      return <MathFields {...p} />;
    case "matching":
      return <MatchingFields {...p} />;
    case "ordering":
      return <OrderingFields {...p} />;
    case "cloze":
      return <ClozeFields {...p} />;
    case "essay":
      return <EssayFields {...p} />;
    case "file":
      return <FileFields {...p} />;
  }
}

type ChoiceOption = { id: string; text: string; feedback?: string; fraction?: number; correct?: boolean };
const isRight = (o: ChoiceOption) => (o.correct !== undefined ? o.correct : o.fraction === 1);

function ChoiceFields({ def, setDef, showFeedback }: Sub) {
  const t = useT();
  const announce = useAnnounce();
  const d = def as Extract<Def, { type: "single" | "multiple" }>;
  const options = d.options as ChoiceOption[];
  const listRef = useRef<HTMLOListElement>(null);
  const inputAt = (i: number) => listRef.current?.querySelectorAll<HTMLInputElement>("input[data-option]")[i];
  // focus moves in the same task as the change (a layout effect), so keys typed right after Enter
  // land in the new option, however fast the typist
  const pendingFocus = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (pendingFocus.current === null) return;
    inputAt(pendingFocus.current)?.focus();
    pendingFocus.current = null;
  });
  const focusOption = (i: number) => {
    pendingFocus.current = i;
    inputAt(i)?.focus();
  };
  const setOptions = (opts: ChoiceOption[]) => setDef({ ...d, options: opts } as Def);
  const toggle = (i: number) => {
    const o = options[i];
    const right = !isRight(o);
    setOptions(options.map((x, j) => (j === i ? { ...x, correct: right, fraction: right ? 1 : 0 } : x)));
    announce(t(right ? "ui.questions.markedRight" : "ui.questions.markedWrong", { n: i + 1, text: o.text || "…" }));
  };
  const rights = options.filter(isRight).length;
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.options")}</legend>
      <p className="field-help" id="q-options-help">
        {rights > 1 ? t("ui.questions.multipleMode", { n: rights }) : t("ui.questions.singleMode")}
      </p>
      <ol className="q-option-list" ref={listRef}>
        {options.map((o, i) => (
          <li key={o.id} className={`q-option-edit${isRight(o) ? " is-right" : ""}`}>
            <Checkbox
              className="checkbox q-right-toggle"
              isSelected={isRight(o)}
              onChange={() => toggle(i)}
              aria-label={t("ui.questions.rightN", { n: i + 1 })}
            >
              <span className="checkbox-box" aria-hidden="true" />
              <span className="q-right-word">{t("ui.questions.right")}</span>
            </Checkbox>
            <TextField
              className="field q-option-text"
              value={o.text}
              onChange={(text) => setOptions(options.map((x, j) => (j === i ? { ...x, text } : x)))}
              aria-label={t(isRight(o) ? "ui.questions.optionNRight" : "ui.questions.optionN", { n: i + 1 })}
            >
              <Input
                data-option={i}
                aria-describedby="q-options-help q-shortcuts"
                onKeyDown={(e) => {
                  const mod = e.ctrlKey || e.metaKey;
                  if ((e.altKey && (e.key.toLowerCase() === "c" || e.code === "KeyC")) || (mod && e.key === "Enter")) {
                    e.preventDefault();
                    toggle(i);
                  } else if (e.key === "Enter" && !e.shiftKey && !e.altKey && !mod) {
                    e.preventDefault();
                    const next = [...options];
                    next.splice(i + 1, 0, { id: rid(), text: "", fraction: 0, correct: d.type === "multiple" ? false : undefined });
                    setOptions(next);
                    focusOption(i + 1);
                  } else if (e.key === "Backspace" && o.text === "" && options.length > 1) {
                    e.preventDefault();
                    setOptions(options.filter((_, j) => j !== i));
                    focusOption(Math.max(0, i - 1));
                  } else if (e.key === "ArrowDown" && i < options.length - 1) {
                    e.preventDefault();
                    focusOption(i + 1);
                  } else if (e.key === "ArrowUp" && i > 0) {
                    e.preventDefault();
                    focusOption(i - 1);
                  }
                }}
              />
            </TextField>
            {showFeedback && (
              <TextField
                className="field q-option-feedback"
                value={o.feedback ?? ""}
                onChange={(feedback) => setOptions(options.map((x, j) => (j === i ? { ...x, feedback } : x)))}
              >
                <Label>{t("ui.questions.feedbackN", { n: i + 1 })}</Label>
                <Input />
              </TextField>
            )}
            <Button
              className="btn btn-quiet btn-icon"
              onPress={() => setOptions(options.filter((_, j) => j !== i))}
              isDisabled={options.length <= 1}
              aria-label={t("ui.questions.removeN", { n: i + 1 })}
            >
              <span aria-hidden="true">✕</span>
            </Button>
          </li>
        ))}
      </ol>
      <Button
        className="btn btn-secondary btn-small"
        onPress={() => {
          setOptions([...options, { id: rid(), text: "", fraction: 0 }]);
          focusOption(options.length);
        }}
      >
        {t("ui.questions.addOption")}
      </Button>
      <Checkbox className="checkbox" isSelected={d.shuffle !== false} onChange={(shuffle) => setDef({ ...d, shuffle } as Def)}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.questions.shuffle")}
      </Checkbox>
      {rights > 1 && (
        <SelectField
          label={t("ui.questions.grading")}
          value={(d as { grading?: string }).grading ?? "partial"}
          onChange={(grading) => setDef({ ...d, grading } as Def)}
          options={[
            { id: "partial", label: t("ui.questions.gradingPartial") },
            { id: "all-or-nothing", label: t("ui.questions.gradingAll") },
          ]}
        />
      )}
    </fieldset>
  );
}

function TrueFalseFields({ def, setDef, showFeedback }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "truefalse" }>;
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.rightAnswer")}</legend>
      <SelectField
        label={t("ui.questions.statementIs")}
        value={d.correct ? "true" : "false"}
        onChange={(v) => setDef({ ...d, correct: v === "true" })}
        options={[
          { id: "true", label: t("ui.questions.view.true") },
          { id: "false", label: t("ui.questions.view.false") },
        ]}
      />
      {showFeedback && (
        <>
          <TextBox label={t("ui.questions.feedbackTrue")} value={d.trueFeedback ?? ""} onChange={(trueFeedback) => setDef({ ...d, trueFeedback })} />
          <TextBox label={t("ui.questions.feedbackFalse")} value={d.falseFeedback ?? ""} onChange={(falseFeedback) => setDef({ ...d, falseFeedback })} />
        </>
      )}
    </fieldset>
  );
}

function TextBox({
  label,
  value,
  onChange,
  description,
  multiline,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  description?: string;
  multiline?: boolean;
}) {
  return (
    <TextField className="field" value={value} onChange={onChange}>
      <Label>{label}</Label>
      {multiline ? <TextArea rows={3} /> : <Input />}
      {description && (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      )}
    </TextField>
  );
}

function Percent({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  return (
    <NumberField
      className="field q-percent"
      value={value}
      minValue={0}
      maxValue={1}
      step={0.05}
      formatOptions={{ style: "percent" }}
      onChange={(v) => onChange(Number.isFinite(v) ? v : 0)}
    >
      <Label>{label}</Label>
      <Input />
    </NumberField>
  );
}

/** Rows of (text, share of the mark, feedback): short answers, gaps. */
function AnswerRows({
  rows,
  onChange,
  textLabel,
  showFeedback,
  help,
}: {
  rows: { text: string; fraction: number; feedback?: string }[];
  onChange: (rows: { text: string; fraction: number; feedback?: string }[]) => void;
  textLabel: (n: number) => string;
  showFeedback: boolean;
  help?: string;
}) {
  const t = useT();
  const set = (i: number, patch: object) => onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div className="q-rows">
      {help && <p className="field-help">{help}</p>}
      {rows.map((r, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; the list is edited in place
        <div key={i} className="q-row-edit">
          <TextBox label={textLabel(i + 1)} value={r.text} onChange={(text) => set(i, { text })} />
          <Percent label={t("ui.questions.markShare")} value={r.fraction} onChange={(fraction) => set(i, { fraction })} />
          {showFeedback && <TextBox label={t("ui.questions.feedbackN", { n: i + 1 })} value={r.feedback ?? ""} onChange={(feedback) => set(i, { feedback })} />}
          <Button
            className="btn btn-quiet btn-icon"
            isDisabled={rows.length <= 1}
            onPress={() => onChange(rows.filter((_, j) => j !== i))}
            aria-label={t("ui.questions.removeN", { n: i + 1 })}
          >
            <span aria-hidden="true">✕</span>
          </Button>
        </div>
      ))}
      <Button className="btn btn-secondary btn-small" onPress={() => onChange([...rows, { text: "", fraction: 0 }])}>
        {t("ui.questions.addAnswer")}
      </Button>
    </div>
  );
}

function ShortFields({ def, setDef, showFeedback }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "short" }>;
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.acceptedAnswers")}</legend>
      <AnswerRows
        rows={d.answers.map((a) => ({ text: a.pattern, fraction: a.fraction, feedback: a.feedback }))}
        onChange={(rows) => setDef({ ...d, answers: rows.map((r) => ({ pattern: r.text, fraction: r.fraction, feedback: r.feedback })) })}
        textLabel={(n) => t("ui.questions.patternN", { n })}
        showFeedback={showFeedback}
        help={t("ui.questions.patternHelp")}
      />
      <Checkbox className="checkbox" isSelected={!!d.caseSensitive} onChange={(caseSensitive) => setDef({ ...d, caseSensitive })}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.questions.caseSensitive")}
      </Checkbox>
      <Checkbox className="checkbox" isSelected={d.accentSensitive !== false} onChange={(accentSensitive) => setDef({ ...d, accentSensitive })}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.questions.accentSensitive")}
      </Checkbox>
    </fieldset>
  );
}

function NumericFields({ def, setDef, showFeedback }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "numeric" }>;
  const answers = d.answers;
  const units = d.units ?? [];
  const setA = (i: number, patch: object) => setDef({ ...d, answers: answers.map((a, j) => (j === i ? { ...a, ...patch } : a)) });
  const setU = (i: number, patch: object) => setDef({ ...d, units: units.map((u, j) => (j === i ? { ...u, ...patch } : u)) });
  return (
    <>
      <fieldset className="q-fieldset">
        <legend>{t("ui.questions.acceptedAnswers")}</legend>
        {answers.map((a, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; the list is edited in place
          <div key={i} className="q-row-edit">
            <NumberField className="field" value={a.value} onChange={(value) => setA(i, { value: Number.isFinite(value) ? value : 0 })}>
              <Label>{t("ui.questions.valueN", { n: i + 1 })}</Label>
              <Input />
            </NumberField>
            <NumberField
              className="field"
              value={a.tolerance ?? 0}
              minValue={0}
              onChange={(tolerance) => setA(i, { tolerance: Number.isFinite(tolerance) ? tolerance : 0 })}
            >
              <Label>{t("ui.questions.tolerance")}</Label>
              <Input />
            </NumberField>
            <SelectField
              label={t("ui.questions.toleranceKind")}
              value={a.toleranceKind ?? "absolute"}
              onChange={(toleranceKind) => setA(i, { toleranceKind })}
              options={[
                { id: "absolute", label: t("ui.questions.absolute") },
                { id: "relative", label: t("ui.questions.relative") },
              ]}
            />
            <Percent label={t("ui.questions.markShare")} value={a.fraction} onChange={(fraction) => setA(i, { fraction })} />
            {showFeedback && (
              <TextBox label={t("ui.questions.feedbackN", { n: i + 1 })} value={a.feedback ?? ""} onChange={(feedback) => setA(i, { feedback })} />
            )}
            <Button
              className="btn btn-quiet btn-icon"
              isDisabled={answers.length <= 1}
              onPress={() => setDef({ ...d, answers: answers.filter((_, j) => j !== i) })}
              aria-label={t("ui.questions.removeN", { n: i + 1 })}
            >
              <span aria-hidden="true">✕</span>
            </Button>
          </div>
        ))}
        <Button className="btn btn-secondary btn-small" onPress={() => setDef({ ...d, answers: [...answers, { value: 0, tolerance: 0, fraction: 0 }] })}>
          {t("ui.questions.addAnswer")}
        </Button>
      </fieldset>
      <fieldset className="q-fieldset">
        <legend>{t("ui.questions.units")}</legend>
        <p className="field-help">{t("ui.questions.unitsHelp")}</p>
        {units.map((u, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; the list is edited in place
          <div key={i} className="q-row-edit">
            <TextBox label={t("ui.questions.unitN", { n: i + 1 })} value={u.unit} onChange={(unit) => setU(i, { unit })} />
            <NumberField
              className="field"
              value={u.multiplier}
              minValue={0}
              onChange={(multiplier) => setU(i, { multiplier: Number.isFinite(multiplier) ? multiplier : 1 })}
              isDisabled={i === 0}
            >
              <Label>{t("ui.questions.multiplier")}</Label>
              <Input />
            </NumberField>
            <Button
              className="btn btn-quiet btn-icon"
              onPress={() => setDef({ ...d, units: units.filter((_, j) => j !== i) })}
              aria-label={t("ui.questions.removeN", { n: i + 1 })}
            >
              <span aria-hidden="true">✕</span>
            </Button>
          </div>
        ))}
        <Button className="btn btn-secondary btn-small" onPress={() => setDef({ ...d, units: [...units, { unit: "", multiplier: 1 }] })}>
          {t("ui.questions.addUnit")}
        </Button>
        {units.length > 0 && (
          <Percent label={t("ui.questions.unitPenalty")} value={d.unitPenalty ?? 0} onChange={(unitPenalty) => setDef({ ...d, unitPenalty })} />
        )}
      </fieldset>
    </>
  );
}

function MathFields({ def, setDef }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "math" }>;
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.rightAnswer")}</legend>
      <TextBox label={t("ui.questions.mathAnswer")} value={d.answer} onChange={(answer) => setDef({ ...d, answer })} description={t("ui.questions.mathHelp")} />
      <TextBox
        label={t("ui.questions.mathAlternatives")}
        multiline
        value={(d.alternatives ?? []).join("\n")}
        onChange={(v) => setDef({ ...d, alternatives: v.split("\n").filter((x) => x.trim()) })}
        description={t("ui.questions.onePerLine")}
      />
    </fieldset>
  );
}

function MatchingFields({ def, setDef }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "matching" }>;
  const set = (i: number, patch: object) => setDef({ ...d, pairs: d.pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)) });
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.pairs")}</legend>
      {d.pairs.map((p, i) => (
        <div key={p.id} className="q-row-edit">
          <TextBox label={t("ui.questions.promptN", { n: i + 1 })} value={p.prompt} onChange={(prompt) => set(i, { prompt })} />
          <TextBox label={t("ui.questions.matchN", { n: i + 1 })} value={p.answer} onChange={(answer) => set(i, { answer })} />
          <Button
            className="btn btn-quiet btn-icon"
            isDisabled={d.pairs.length <= 2}
            onPress={() => setDef({ ...d, pairs: d.pairs.filter((_, j) => j !== i) })}
            aria-label={t("ui.questions.removeN", { n: i + 1 })}
          >
            <span aria-hidden="true">✕</span>
          </Button>
        </div>
      ))}
      <Button className="btn btn-secondary btn-small" onPress={() => setDef({ ...d, pairs: [...d.pairs, { id: rid(), prompt: "", answer: "" }] })}>
        {t("ui.questions.addPair")}
      </Button>
      <TextBox
        label={t("ui.questions.distractors")}
        multiline
        value={(d.extraAnswers ?? []).join("\n")}
        onChange={(v) => setDef({ ...d, extraAnswers: v.split("\n").filter((x) => x.trim()) })}
        description={t("ui.questions.onePerLine")}
      />
    </fieldset>
  );
}

function OrderingFields({ def, setDef }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "ordering" }>;
  const items = d.items;
  const move = (i: number, delta: number) => {
    const to = i + delta;
    if (to < 0 || to >= items.length) return;
    const next = [...items];
    [next[i], next[to]] = [next[to], next[i]];
    setDef({ ...d, items: next });
  };
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.itemsInOrder")}</legend>
      <ol className="q-option-list">
        {items.map((it, i) => (
          <li key={it.id} className="q-row-edit">
            <TextBox
              label={t("ui.questions.itemN", { n: i + 1 })}
              value={it.text}
              onChange={(text) => setDef({ ...d, items: items.map((x, j) => (j === i ? { ...x, text } : x)) })}
            />
            <Button
              className="btn btn-quiet btn-icon"
              isDisabled={i === 0}
              onPress={() => move(i, -1)}
              aria-label={t("ui.questions.view.moveUp", { item: it.text || String(i + 1) })}
            >
              <span aria-hidden="true">↑</span>
            </Button>
            <Button
              className="btn btn-quiet btn-icon"
              isDisabled={i === items.length - 1}
              onPress={() => move(i, 1)}
              aria-label={t("ui.questions.view.moveDown", { item: it.text || String(i + 1) })}
            >
              <span aria-hidden="true">↓</span>
            </Button>
            <Button
              className="btn btn-quiet btn-icon"
              isDisabled={items.length <= 2}
              onPress={() => setDef({ ...d, items: items.filter((_, j) => j !== i) })}
              aria-label={t("ui.questions.removeN", { n: i + 1 })}
            >
              <span aria-hidden="true">✕</span>
            </Button>
          </li>
        ))}
      </ol>
      <Button className="btn btn-secondary btn-small" onPress={() => setDef({ ...d, items: [...items, { id: rid(), text: "" }] })}>
        {t("ui.questions.addItem")}
      </Button>
    </fieldset>
  );
}

function ClozeFields({ def, setDef, showFeedback }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "cloze" }>;
  const setGap = (i: number, patch: object) => setDef({ ...d, gaps: d.gaps.map((g, j) => (j === i ? { ...g, ...patch } : g)) });
  const addGap = () => {
    let n = d.gaps.length + 1;
    while (d.gaps.some((g) => g.id === String(n))) n++;
    setDef({ ...d, text: `${d.text} [[${n}]]`, gaps: [...d.gaps, { id: String(n), kind: "typed", answers: [{ text: "", fraction: 1 }] }] });
  };
  return (
    <>
      <TextBox
        label={t("ui.questions.clozeText")}
        multiline
        value={d.text}
        onChange={(text) => setDef({ ...d, text })}
        description={t("ui.questions.clozeHelp")}
      />
      {d.gaps.map((g, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity of their own; the list is edited in place
        <fieldset key={i} className="q-fieldset">
          <legend>{t("ui.questions.gapN", { id: g.id })}</legend>
          <SelectField
            label={t("ui.questions.gapKind")}
            value={g.kind}
            onChange={(kind) => setGap(i, { kind })}
            options={[
              { id: "typed", label: t("ui.questions.gapTyped") },
              { id: "select", label: t("ui.questions.gapSelect") },
            ]}
          />
          <AnswerRows
            rows={g.answers as { text: string; fraction: number; feedback?: string }[]}
            onChange={(answers) => setGap(i, { answers })}
            textLabel={(n) => t(g.kind === "select" ? "ui.questions.choiceN" : "ui.questions.patternN", { n })}
            showFeedback={showFeedback}
          />
          <Button
            className="btn btn-quiet btn-small"
            isDisabled={d.gaps.length <= 1}
            onPress={() => setDef({ ...d, gaps: d.gaps.filter((_, j) => j !== i), text: d.text.replace(`[[${g.id}]]`, "") })}
          >
            {t("ui.questions.removeGap", { id: g.id })}
          </Button>
        </fieldset>
      ))}
      <Button className="btn btn-secondary btn-small" onPress={addGap}>
        {t("ui.questions.addGap")}
      </Button>
    </>
  );
}

function EssayFields({ def, setDef }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "essay" }>;
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.essaySettings")}</legend>
      <NumberField className="field" value={d.minWords ?? Number.NaN} minValue={0} onChange={(v) => setDef({ ...d, minWords: Number.isFinite(v) ? v : null })}>
        <Label>{t("ui.questions.minWords")}</Label>
        <Input />
      </NumberField>
      <NumberField className="field" value={d.maxWords ?? Number.NaN} minValue={1} onChange={(v) => setDef({ ...d, maxWords: Number.isFinite(v) ? v : null })}>
        <Label>{t("ui.questions.maxWords")}</Label>
        <Input />
      </NumberField>
      <TextBox label={t("ui.questions.graderInfo")} multiline value={d.graderInfo ?? ""} onChange={(graderInfo) => setDef({ ...d, graderInfo })} />
    </fieldset>
  );
}

function FileFields({ def, setDef }: Sub) {
  const t = useT();
  const d = def as Extract<Def, { type: "file" }>;
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.fileSettings")}</legend>
      <NumberField
        className="field"
        value={d.maxFiles ?? 1}
        minValue={1}
        maxValue={20}
        onChange={(v) => setDef({ ...d, maxFiles: Number.isFinite(v) ? v : 1 })}
      >
        <Label>{t("ui.questions.maxFiles")}</Label>
        <Input />
      </NumberField>
      <TextBox
        label={t("ui.questions.accept")}
        value={(d.accept ?? []).join(", ")}
        onChange={(v) =>
          setDef({
            ...d,
            accept: v
              .split(/[,\s]+/)
              .map((x) => x.replace(/^\./, "").toLowerCase())
              .filter(Boolean),
          })
        }
        description={t("ui.questions.acceptHelp")}
      />
      <TextBox label={t("ui.questions.graderInfo")} multiline value={d.graderInfo ?? ""} onChange={(graderInfo) => setDef({ ...d, graderInfo })} />
    </fieldset>
  );
}

function FeedbackFields({ def, setDef }: { def: Def; setDef: (d: Def) => void }): ReactNode {
  const t = useT();
  const auto = def.type !== "essay" && def.type !== "file";
  return (
    <fieldset className="q-fieldset">
      <legend>{t("ui.questions.feedback")}</legend>
      <TextBox
        label={t("ui.questions.generalFeedback")}
        multiline
        value={def.generalFeedback ?? ""}
        onChange={(generalFeedback) => setDef({ ...def, generalFeedback })}
      />
      {auto && (
        <>
          <TextBox
            label={t("ui.questions.correctFeedback")}
            value={def.correctFeedback ?? ""}
            onChange={(correctFeedback) => setDef({ ...def, correctFeedback })}
          />
          <TextBox
            label={t("ui.questions.partialFeedback")}
            value={def.partialFeedback ?? ""}
            onChange={(partialFeedback) => setDef({ ...def, partialFeedback })}
          />
          <TextBox
            label={t("ui.questions.incorrectFeedback")}
            value={def.incorrectFeedback ?? ""}
            onChange={(incorrectFeedback) => setDef({ ...def, incorrectFeedback })}
          />
        </>
      )}
      <TextBox
        label={t("ui.questions.hints")}
        multiline
        value={(def.hints ?? []).join("\n")}
        onChange={(v) => setDef({ ...def, hints: v.split("\n").filter((x) => x.trim()) })}
        description={t("ui.questions.onePerLine")}
      />
    </fieldset>
  );
}

/** Versions of the question: those given to learners stay as they were for their attempts. */
function VersionHistory({ questionId }: { questionId: string }) {
  const t = useT();
  const { locale } = useLocale();
  const q = useQuery({ queryKey: ["questions", "versions", questionId], queryFn: () => api(listVersions, { params: { questionId } }) });
  if (!q.data || q.data.items.length < 2) return null;
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <details className="q-more">
      <summary>{t("ui.questions.history", { n: q.data.items.length })}</summary>
      <ol className="q-history">
        {q.data.items.map((v) => (
          <li key={v.id}>
            <strong>{t("ui.questions.versionN", { n: v.version })}</strong> · {when.format(new Date(v.createdAt))} ·{" "}
            {t(v.used ? "ui.questions.versionUsed" : "ui.questions.versionUnused")}
            <br />
            <span className="muted">{v.stem}</span>
          </li>
        ))}
      </ol>
    </details>
  );
}
