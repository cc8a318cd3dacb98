import "./questions.css";
import { type ReactNode, useEffect, useId, useRef, useState } from "react";
import {
  Button,
  Checkbox,
  CheckboxGroup,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Text,
  TextField,
} from "react-aria-components";
import type { RichTextDocument } from "../../../kernel/richtext/schema.ts";
import { useT } from "../../../web/i18n.tsx";
import { RichTextEditor } from "../../../web/rich-text/index.ts";
import { useAnnounce } from "../../../web/ui.tsx";
import { FileUpload } from "../../files/client/file-upload.tsx";
import { FileDownload } from "../../files/client/video-player.tsx";
import type { PublicQuestion, QuestionResponse, ScoreResult } from "../shared/types.ts";
import { Formula, MathText } from "./math-text.tsx";

/** What review mode shows: the score result of the response, and the points it was out of. */
export type QuestionReview = Pick<ScoreResult, "fraction" | "state" | "feedback"> & {
  rightAnswer?: QuestionResponse | null;
  parts?: Record<string, boolean>;
  /** points earned, when known (manual grades included) */
  score?: number | null;
};

type Props<Q extends PublicQuestion = PublicQuestion> = {
  question: Q;
  response: QuestionResponse | null;
  onChange: (r: QuestionResponse) => void;
  readOnly?: boolean;
  /** shows marks, feedback and (when given) the right answer */
  review?: QuestionReview | null;
  /** "Question 3" above the stem */
  number?: number;
};

type R<T extends QuestionResponse["type"]> = Extract<QuestionResponse, { type: T }>;
const as = <T extends QuestionResponse["type"]>(r: QuestionResponse | null, type: T): R<T> | null => (r && r.type === type ? (r as R<T>) : null);

/**
 * Answers one question of any type, with the keyboard and a screen reader: radio groups, check
 * boxes, text fields, selects for matching and drop-down gaps, buttons and Alt+arrows to reorder,
 * a visual maths input with a LaTeX field beside it, the rich-text editor for essays, uploads for
 * files. In review mode it shows the learner's marks, the feedback and the right answer.
 */
export function QuestionView({ question, response, onChange, readOnly = false, review, number }: Props) {
  const t = useT();
  const stemId = useId();
  const q = question;
  const common = { stemId, readOnly, review, onChange, t };
  let body: ReactNode;
  switch (q.type) {
    case "single":
      body = <SingleView q={q} r={as(response, "single")} {...common} />;
      break;
    case "multiple":
      body = <MultipleView q={q} r={as(response, "multiple")} {...common} />;
      break;
    case "truefalse":
      body = <TrueFalseView r={as(response, "truefalse")} {...common} />;
      break;
    case "short":
      body = <ShortView r={as(response, "short")} {...common} />;
      break;
    case "numeric":
      body = <NumericView q={q} r={as(response, "numeric")} {...common} />;
      break;
    case "math":
      body = <MathView r={as(response, "math")} {...common} />;
      break;
    case "matching":
      body = <MatchingView q={q} r={as(response, "matching")} {...common} />;
      break;
    case "ordering":
      body = <OrderingView q={q} r={as(response, "ordering")} {...common} />;
      break;
    case "cloze":
      body = <ClozeView q={q} r={as(response, "cloze")} {...common} />;
      break;
    case "essay":
      body = <EssayView q={q} r={as(response, "essay")} {...common} />;
      break;
    case "file":
      body = <FileView q={q} r={as(response, "file")} {...common} />;
      break;
  }
  return (
    <section className={`q-view q-${q.type}${review ? ` q-reviewed q-${review.state}` : ""}`} aria-labelledby={stemId}>
      <div className="q-head">
        {number !== undefined && <span className="q-number">{t("ui.questions.view.number", { n: number })}</span>}
        <span className="q-points">{t("ui.questions.view.points", { points: q.points })}</span>
      </div>
      <div id={stemId} className="q-stem">
        <MathText text={q.stem} as="div" />
      </div>
      {body}
      {!readOnly && q.hints.length > 0 && <Hints hints={q.hints} />}
      {review && <ReviewBox q={q} review={review} />}
    </section>
  );
}

type Common = { stemId: string; readOnly: boolean; review?: QuestionReview | null; onChange: (r: QuestionResponse) => void; t: ReturnType<typeof useT> };

/** ✓ / ✗ beside a part in review mode, with words for screen readers. */
function Mark({ ok, right, t }: { ok?: boolean; right?: boolean; t: Common["t"] }) {
  if (ok === undefined && !right) return null;
  return (
    <span className="q-marks">
      {ok !== undefined && (
        <span className={ok ? "q-ok" : "q-ko"}>{ok ? `✓ ${t("ui.questions.view.partRight")}` : `✗ ${t("ui.questions.view.partWrong")}`}</span>
      )}
      {right && <span className="q-right-tag">{t("ui.questions.view.rightOption")}</span>}
    </span>
  );
}

function SingleView({ q, r, stemId, readOnly, review, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "single" }>; r: R<"single"> | null }) {
  const right = as(review?.rightAnswer ?? null, "single")?.optionId;
  return (
    <RadioGroup
      className="q-options"
      aria-labelledby={stemId}
      value={r?.optionId ?? null}
      onChange={(v) => onChange({ type: "single", optionId: v })}
      isReadOnly={readOnly}
    >
      {q.options.map((o) => (
        <Radio key={o.id} value={o.id} className="q-option">
          <span className="q-box" aria-hidden="true" />
          <MathText text={o.text} />
          {review && <Mark ok={r?.optionId === o.id ? (review.parts?.[o.id] ?? false) : undefined} right={right === o.id} t={t} />}
        </Radio>
      ))}
    </RadioGroup>
  );
}

function MultipleView({ q, r, stemId, readOnly, review, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "multiple" }>; r: R<"multiple"> | null }) {
  const right = new Set(as(review?.rightAnswer ?? null, "multiple")?.optionIds ?? []);
  return (
    <CheckboxGroup
      className="q-options"
      aria-labelledby={stemId}
      value={r?.optionIds ?? []}
      onChange={(v) => onChange({ type: "multiple", optionIds: v })}
      isReadOnly={readOnly}
    >
      <Text slot="description" className="field-help">
        {t("ui.questions.view.severalAnswers")}
      </Text>
      {q.options.map((o) => (
        <Checkbox key={o.id} value={o.id} className="q-option">
          <span className="q-box q-check" aria-hidden="true" />
          <MathText text={o.text} />
          {review && <Mark ok={r?.optionIds.includes(o.id) ? (review.parts?.[o.id] ?? false) : undefined} right={right.has(o.id)} t={t} />}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

function TrueFalseView({ r, stemId, readOnly, review, onChange, t }: Common & { r: R<"truefalse"> | null }) {
  const right = as(review?.rightAnswer ?? null, "truefalse")?.value;
  const value = r?.value === true ? "true" : r?.value === false ? "false" : null;
  return (
    <RadioGroup
      className="q-options q-inline"
      aria-labelledby={stemId}
      value={value}
      onChange={(v) => onChange({ type: "truefalse", value: v === "true" })}
      isReadOnly={readOnly}
    >
      {(["true", "false"] as const).map((v) => (
        <Radio key={v} value={v} className="q-option">
          <span className="q-box" aria-hidden="true" />
          {t(`ui.questions.view.${v}`)}
          {review && right !== undefined && <Mark right={String(right) === v} t={t} />}
        </Radio>
      ))}
    </RadioGroup>
  );
}

function ShortView({ r, readOnly, onChange, t }: Common & { r: R<"short"> | null }) {
  return (
    <TextField className="field q-answer" value={r?.text ?? ""} onChange={(text) => onChange({ type: "short", text })} isReadOnly={readOnly}>
      <Label>{t("ui.questions.view.yourAnswer")}</Label>
      <Input autoComplete="off" spellCheck={false} />
    </TextField>
  );
}

function NumericView({ q, r, readOnly, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "numeric" }>; r: R<"numeric"> | null }) {
  return (
    <TextField className="field q-answer" value={r?.text ?? ""} onChange={(text) => onChange({ type: "numeric", text })} isReadOnly={readOnly}>
      <Label>{t("ui.questions.view.yourAnswer")}</Label>
      <Input inputMode="decimal" autoComplete="off" />
      <Text slot="description" className="field-help">
        {q.units.length ? t("ui.questions.view.numberWithUnit", { units: q.units.join(", ") }) : t("ui.questions.view.number_help")}
      </Text>
    </TextField>
  );
}

type MathfieldLike = HTMLElement & { value: string; setValue?: (v: string, o?: { silenceNotifications?: boolean }) => void };
let mathliveLoading: Promise<unknown> | undefined;
const loadMathLive = () =>
  (mathliveLoading ??= import("mathlive").then((m) => {
    m.MathfieldElement.fontsDirectory = null;
    m.MathfieldElement.soundsDirectory = null;
  }));

/** A visual maths input (MathLive) and the same answer as LaTeX, kept in step: either is enough. */
function MathView({ r, readOnly, onChange, t }: Common & { r: R<"math"> | null }) {
  const latex = r?.latex ?? "";
  const [ready, setReady] = useState(false);
  const field = useRef<MathfieldLike | null>(null);
  const visualLabel = useId();
  const latexRef = useRef(latex);
  latexRef.current = latex;
  useEffect(() => {
    if (readOnly) return;
    let live = true;
    loadMathLive()
      .then(() => live && setReady(true))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [readOnly]);
  useEffect(() => {
    const mf = field.current;
    if (!mf || !ready) return;
    if (mf.value !== latex) {
      if (mf.setValue) mf.setValue(latex, { silenceNotifications: true });
      else mf.value = latex;
    }
  }, [ready, latex]);
  useEffect(() => {
    const mf = field.current;
    if (!mf || !ready) return;
    const onInput = () => {
      if (mf.value !== latexRef.current) onChange({ type: "math", latex: mf.value });
    };
    mf.addEventListener("input", onInput);
    return () => mf.removeEventListener("input", onInput);
  }, [ready, onChange]);
  if (readOnly)
    return (
      <p className="q-answer">
        {t("ui.questions.view.yourAnswer")} : {latex ? <Formula latex={latex} /> : "—"}
      </p>
    );
  return (
    <div className="q-math-answer">
      <div className="field">
        <span id={visualLabel} className="q-label">
          {t("ui.questions.view.mathVisual")}
        </span>
        {ready ? (
          <math-field ref={field} aria-labelledby={visualLabel} class="q-mathfield" math-virtual-keyboard-policy="auto" />
        ) : (
          <p className="field-help">{t("ui.common.loading")}</p>
        )}
      </div>
      <TextField className="field" value={latex} onChange={(v) => onChange({ type: "math", latex: v })}>
        <Label>{t("ui.questions.view.mathLatex")}</Label>
        <Input spellCheck={false} autoCapitalize="off" autoCorrect="off" dir="ltr" className="q-latex" />
      </TextField>
    </div>
  );
}

function MatchingView({ q, r, readOnly, review, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "matching" }>; r: R<"matching"> | null }) {
  const matches = r?.matches ?? {};
  const right = as(review?.rightAnswer ?? null, "matching")?.matches;
  return (
    <ul className="q-matching">
      {q.prompts.map((p) => (
        <li key={p.id} className="q-match-row">
          <span className="q-match-prompt" id={`q-prompt-${q.id}-${p.id}`}>
            <MathText text={p.text} />
          </span>
          <ChoiceSelect
            labelledBy={`q-prompt-${q.id}-${p.id}`}
            options={q.answers}
            value={matches[p.id] ?? null}
            isDisabled={readOnly}
            onChange={(v) => onChange({ type: "matching", matches: { ...matches, [p.id]: v } })}
            placeholder={t("ui.questions.view.choose")}
          />
          {review && <Mark ok={matches[p.id] ? (review.parts?.[p.id] ?? false) : undefined} t={t} />}
          {review && right && !review.parts?.[p.id] && <span className="q-right-text">{t("ui.questions.view.rightWas", { answer: right[p.id] ?? "" })}</span>}
        </li>
      ))}
    </ul>
  );
}

/** A compact select (matching rows, drop-down gaps) labelled by nearby text. */
function ChoiceSelect({
  labelledBy,
  label,
  options,
  value,
  onChange,
  isDisabled,
  placeholder,
}: {
  labelledBy?: string;
  label?: string;
  options: string[];
  value: string | null;
  onChange: (v: string) => void;
  isDisabled?: boolean;
  placeholder: string;
}) {
  return (
    <Select
      className="q-select"
      aria-labelledby={labelledBy}
      aria-label={label}
      selectedKey={value && options.includes(value) ? value : null}
      onSelectionChange={(k) => k != null && onChange(String(k))}
      isDisabled={isDisabled}
      placeholder={placeholder}
    >
      <Button className="select-button q-select-button">
        <SelectValue />
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((o) => (
            <ListBoxItem key={o} id={o} className="listbox-item" textValue={o}>
              <MathText text={o} />
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

function OrderingView({ q, r, readOnly, review, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "ordering" }>; r: R<"ordering"> | null }) {
  const announce = useAnnounce();
  const byId = new Map(q.items.map((i) => [i.id, i]));
  const valid = r && r.order.length === q.items.length && r.order.every((id) => byId.has(id));
  const order = valid ? r.order : q.items.map((i) => i.id);
  const listRef = useRef<HTMLOListElement>(null);
  const right = as(review?.rightAnswer ?? null, "ordering")?.order;
  const move = (index: number, delta: number, focus: "up" | "down" | "item") => {
    const to = index + delta;
    if (to < 0 || to >= order.length) return;
    const next = [...order];
    [next[index], next[to]] = [next[to], next[index]];
    onChange({ type: "ordering", order: next });
    announce(t("ui.questions.view.moved", { item: byId.get(order[index])!.text, position: to + 1, count: order.length }));
    requestAnimationFrame(() => {
      const row = listRef.current?.children[to] as HTMLElement | undefined;
      const target = focus === "item" ? row : (row?.querySelector<HTMLElement>(`[data-move="${focus}"]:not([disabled])`) ?? row);
      target?.focus();
    });
  };
  return (
    <>
      <p className="field-help" id={`q-order-help-${q.id}`}>
        {t("ui.questions.view.orderHelp")}
      </p>
      <ol className="q-ordering" ref={listRef}>
        {order.map((id, i) => {
          const item = byId.get(id)!;
          return (
            <li
              key={id}
              className="q-order-item"
              tabIndex={readOnly ? undefined : 0}
              aria-describedby={readOnly ? undefined : `q-order-help-${q.id}`}
              onKeyDown={(e) => {
                if (readOnly || !e.altKey) return;
                if (e.key === "ArrowUp") {
                  e.preventDefault();
                  move(i, -1, "item");
                } else if (e.key === "ArrowDown") {
                  e.preventDefault();
                  move(i, 1, "item");
                }
              }}
            >
              <span className="q-order-pos" aria-hidden="true">
                {i + 1}
              </span>
              <MathText text={item.text} />
              {review && <Mark ok={review.parts?.[id]} t={t} />}
              {!readOnly && (
                <span className="q-order-buttons">
                  <Button
                    className="btn btn-quiet btn-icon"
                    data-move="up"
                    isDisabled={i === 0}
                    onPress={() => move(i, -1, "up")}
                    aria-label={t("ui.questions.view.moveUp", { item: item.text })}
                  >
                    <span aria-hidden="true">↑</span>
                  </Button>
                  <Button
                    className="btn btn-quiet btn-icon"
                    data-move="down"
                    isDisabled={i === order.length - 1}
                    onPress={() => move(i, 1, "down")}
                    aria-label={t("ui.questions.view.moveDown", { item: item.text })}
                  >
                    <span aria-hidden="true">↓</span>
                  </Button>
                </span>
              )}
            </li>
          );
        })}
      </ol>
      {!readOnly && !valid && (
        <Button className="btn btn-secondary btn-small" onPress={() => onChange({ type: "ordering", order })}>
          {t("ui.questions.view.keepOrder")}
        </Button>
      )}
      {review && right && review.state !== "correct" && (
        <p className="q-right-text">{t("ui.questions.view.rightOrder", { order: right.map((id) => byId.get(id)?.text ?? "").join(" → ") })}</p>
      )}
    </>
  );
}

function ClozeView({ q, r, readOnly, review, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "cloze" }>; r: R<"cloze"> | null }) {
  const gaps = r?.gaps ?? {};
  const set = (id: string, v: string) => onChange({ type: "cloze", gaps: { ...gaps, [id]: v } });
  const right = as(review?.rightAnswer ?? null, "cloze")?.gaps;
  let n = 0;
  return (
    <div className="q-cloze">
      {q.parts.map((p, i) => {
        if ("text" in p)
          return (
            // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text, never reordered
            <MathText key={i} text={p.text} />
          );
        n++;
        const label = t("ui.questions.view.gap", { n });
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text, never reordered
          <span key={i} className="q-gap">
            {p.kind === "select" ? (
              <ChoiceSelect
                label={label}
                options={p.options}
                value={gaps[p.gap] ?? null}
                isDisabled={readOnly}
                onChange={(v) => set(p.gap, v)}
                placeholder={t("ui.questions.view.choose")}
              />
            ) : (
              <TextField aria-label={label} value={gaps[p.gap] ?? ""} onChange={(v) => set(p.gap, v)} isReadOnly={readOnly} className="q-gap-field">
                <Input autoComplete="off" spellCheck={false} size={Math.max(6, (gaps[p.gap] ?? "").length + 1)} />
              </TextField>
            )}
            {review && <Mark ok={gaps[p.gap] ? (review.parts?.[p.gap] ?? false) : undefined} t={t} />}
            {review && right && !review.parts?.[p.gap] && <span className="q-right-text">({right[p.gap]})</span>}
          </span>
        );
      })}
    </div>
  );
}

const words = (doc: RichTextDocument | undefined): string => {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (!n || typeof n !== "object") return;
    const node = n as { type?: string; text?: string; content?: unknown[] };
    if (node.type === "text" && node.text) out.push(node.text);
    if (node.type === "paragraph" || node.type === "heading") out.push("\n");
    node.content?.forEach(walk);
  };
  walk(doc);
  return out.join("");
};
const countWords = (s: string) => (s.trim() ? s.trim().split(/\s+/u).length : 0);

function EssayView({ q, r, readOnly, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "essay" }>; r: R<"essay"> | null }) {
  const text = words(r?.doc);
  const n = countWords(text);
  const limits = [q.minWords && t("ui.questions.view.minWords", { n: q.minWords }), q.maxWords && t("ui.questions.view.maxWords", { n: q.maxWords })]
    .filter(Boolean)
    .join(" · ");
  if (readOnly) return <div className="q-essay-read">{text.trim() ? text : "—"}</div>;
  return (
    <div className="q-essay">
      <RichTextEditor
        label={t("ui.questions.view.yourAnswer")}
        description={limits || undefined}
        defaultValue={r?.doc ?? null}
        onChange={(doc) => onChange({ type: "essay", doc })}
        preview={false}
      />
      <p className="field-help" aria-live="polite">
        {t("ui.questions.view.wordCount", { n })}
      </p>
    </div>
  );
}

function FileView({ q, r, readOnly, onChange, t }: Common & { q: Extract<PublicQuestion, { type: "file" }>; r: R<"file"> | null }) {
  const ids = r?.fileIds ?? [];
  if (readOnly) return <div className="q-files">{ids.length ? ids.map((id) => <FileDownload key={id} fileId={id} />) : <p>—</p>}</div>;
  const slots = Array.from({ length: q.maxFiles }, (_, i) => i);
  return (
    <div className="q-files">
      {q.accept.length > 0 && <p className="field-help">{t("ui.questions.view.accepted", { types: q.accept.join(", ") })}</p>}
      {slots.map((i) => (
        <FileUpload
          key={i}
          purpose="document"
          name={`q-file-${q.id}-${i}`}
          label={q.maxFiles > 1 ? t("ui.questions.view.fileN", { n: i + 1 }) : t("ui.questions.view.file")}
          initialId={ids[i] ?? null}
          onChange={(f) => {
            const next = [...ids];
            if (f) next[i] = f.id;
            else next.splice(i, 1);
            onChange({ type: "file", fileIds: next.filter(Boolean) });
          }}
        />
      ))}
    </div>
  );
}

function Hints({ hints }: { hints: string[] }) {
  const t = useT();
  const [shown, setShown] = useState(0);
  return (
    <div className="q-hints">
      {hints.slice(0, shown).map((h, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text, never reordered
        <p key={i} className="q-hint">
          <strong>{t("ui.questions.view.hintN", { n: i + 1 })}</strong> <MathText text={h} />
        </p>
      ))}
      {shown < hints.length && (
        <Button className="btn btn-quiet" onPress={() => setShown((s) => s + 1)}>
          {t(shown === 0 ? "ui.questions.view.showHint" : "ui.questions.view.nextHint")}
        </Button>
      )}
    </div>
  );
}

function ReviewBox({ q, review }: { q: PublicQuestion; review: QuestionReview }) {
  const t = useT();
  const right = review.rightAnswer;
  let rightText: ReactNode = null;
  if (right && review.state !== "correct") {
    if (right.type === "short") rightText = right.text;
    else if (right.type === "numeric") rightText = right.text;
    else if (right.type === "math") rightText = <Formula latex={right.latex} />;
  }
  const score = review.score !== undefined ? review.score : review.fraction === null ? null : Math.round(review.fraction * q.points * 100) / 100;
  return (
    <div className={`q-review q-review-${review.state}`}>
      <p className="q-review-score">
        <strong>{t(`ui.questions.view.state.${review.state}`)}</strong>{" "}
        {score === null ? t("ui.questions.view.toGrade") : t("ui.questions.view.score", { score, points: q.points })}
      </p>
      {rightText && (
        <p className="q-right-text">
          {t("ui.questions.view.rightAnswer")} {rightText}
        </p>
      )}
      {review.feedback.map((f, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: parts of one immutable text, never reordered
        <MathText key={i} text={f} as="div" className="q-feedback" />
      ))}
    </div>
  );
}
