import katex from "katex";
import { useEffect, useId, useRef, useState } from "react";
import { Label, Radio, RadioGroup, TextArea, TextField } from "react-aria-components";
import { useT } from "../i18n.tsx";
import { EditorDialog } from "./editor-dialog.tsx";
import { EDITOR_KATEX } from "./extensions.ts";

export type FormulaValue = { latex: string; display: boolean };

type MathfieldLike = HTMLElement & { value: string; setValue?: (v: string, o?: { silenceNotifications?: boolean }) => void };

let mathliveLoading: Promise<unknown> | undefined;
/** MathLive registers <math-field> on import; loaded on first use. Its fonts are KaTeX's, already in the page's CSS. */
function loadMathLive() {
  mathliveLoading ??= import("mathlive").then((m) => {
    m.MathfieldElement.fontsDirectory = null;
    m.MathfieldElement.soundsDirectory = null;
  });
  return mathliveLoading;
}

/**
 * Insert or change a formula: a visual MathLive input and a plain LaTeX field kept in sync, with
 * a live KaTeX preview. Either input alone is enough (the LaTeX field also serves people for
 * whom the visual input does not work with their assistive technology).
 */
export function FormulaDialog({
  initial,
  editing,
  onSubmit,
  onClose,
}: {
  initial: FormulaValue;
  editing: boolean;
  onSubmit: (v: FormulaValue) => void;
  onClose: () => void;
}) {
  const t = useT();
  const [latex, setLatex] = useState(initial.latex);
  const [display, setDisplay] = useState(initial.display);
  const [visualReady, setVisualReady] = useState(false);
  const field = useRef<MathfieldLike | null>(null);
  const preview = useRef<HTMLDivElement>(null);
  const visualLabel = useId();
  const previewLabel = useId();

  useEffect(() => {
    setLatex(initial.latex);
    setDisplay(initial.display);
    let live = true;
    loadMathLive()
      .then(() => live && setVisualReady(true))
      .catch(() => undefined); // the LaTeX field still works
    return () => {
      live = false;
    };
  }, [initial.latex, initial.display]);

  // visual input → LaTeX
  useEffect(() => {
    const mf = field.current;
    if (!mf || !visualReady) return;
    if (mf.value !== latex) {
      if (mf.setValue) mf.setValue(latex, { silenceNotifications: true });
      else mf.value = latex;
    }
    const onInput = () => setLatex(mf.value);
    mf.addEventListener("input", onInput);
    return () => mf.removeEventListener("input", onInput);
  }, [visualReady, latex]);

  // live preview (KaTeX renders into the element: no HTML string handled here)
  useEffect(() => {
    if (!preview.current) return;
    if (!latex.trim()) {
      preview.current.textContent = t("ui.richtext.formula_preview_empty");
      return;
    }
    try {
      katex.render(latex, preview.current, { ...EDITOR_KATEX, throwOnError: true, displayMode: display });
    } catch {
      preview.current.textContent = t("ui.richtext.formula_invalid");
    }
  }, [latex, display, t]);

  const submit = () => {
    if (latex.trim()) onSubmit({ latex: latex.trim(), display });
  };

  return (
    <EditorDialog
      title={t(editing ? "ui.richtext.formula_edit_title" : "ui.richtext.formula_title")}
      onClose={onClose}
      onSubmit={submit}
      submit={t(editing ? "ui.richtext.formula_update" : "ui.richtext.formula_insert")}
      submitDisabled={!latex.trim()}
      wide
      className="rt-formula-dialog"
    >
      <RadioGroup className="rt-radio-group" value={display ? "block" : "inline"} onChange={(v) => setDisplay(v === "block")} orientation="horizontal">
        <Label>{t("ui.richtext.formula_display")}</Label>
        <div className="rt-radios">
          <Radio value="inline" className="rt-radio">
            {t("ui.richtext.formula_inline")}
          </Radio>
          <Radio value="block" className="rt-radio">
            {t("ui.richtext.formula_block")}
          </Radio>
        </div>
      </RadioGroup>
      <div className="field">
        <span id={visualLabel} className="rt-label">
          {t("ui.richtext.formula_visual")}
        </span>
        {visualReady ? (
          <math-field ref={field} aria-labelledby={visualLabel} class="rt-mathfield" math-virtual-keyboard-policy="auto" />
        ) : (
          <p className="field-help">{t("ui.common.loading")}</p>
        )}
      </div>
      <TextField className="field" value={latex} onChange={setLatex} autoFocus>
        <Label>{t("ui.richtext.formula_latex")}</Label>
        <TextArea className="rt-latex" rows={3} spellCheck={false} autoCapitalize="off" autoCorrect="off" dir="ltr" />
      </TextField>
      <div className="field">
        <span id={previewLabel} className="rt-label">
          {t("ui.richtext.formula_preview")}
        </span>
        <div ref={preview} className="rt-formula-preview" role="group" aria-labelledby={previewLabel} aria-live="polite" />
      </div>
    </EditorDialog>
  );
}

declare module "react" {
  namespace JSX {
    interface IntrinsicElements {
      "math-field": React.DetailedHTMLProps<React.HTMLAttributes<HTMLElement>, HTMLElement> & { class?: string; "math-virtual-keyboard-policy"?: string };
    }
  }
}
