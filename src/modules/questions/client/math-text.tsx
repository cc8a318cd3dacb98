import "katex/dist/katex.min.css";
import katex from "katex";
import { Fragment } from "react";

const KATEX = { throwOnError: false, trust: false, strict: "ignore", maxSize: 20, maxExpand: 500, output: "htmlAndMathml" } as const;

/** Splits text at \( … \) (inline) and \[ … \] (display) formulas. */
export function mathSegments(text: string): { text?: string; latex?: string; display?: boolean }[] {
  const out: { text?: string; latex?: string; display?: boolean }[] = [];
  const re = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) out.push({ text: text.slice(last, m.index) });
    out.push(m[1] !== undefined ? { latex: m[1], display: false } : { latex: m[2], display: true });
    last = m.index + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * Plain text with formulas, as questions hold it. KaTeX escapes what it renders (trust off), so
 * its markup is safe to insert; the rest is React text. Line breaks are kept.
 */
export function MathText({ text, as: Tag = "span", className }: { text: string; as?: "span" | "div"; className?: string }) {
  return (
    <Tag className={`q-text ${className ?? ""}`}>
      {mathSegments(text).map((s, i) =>
        s.latex !== undefined ? (
          <span
            // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable text
            key={i}
            className={s.display ? "q-math-display" : "q-math"}
            // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output with trust disabled
            dangerouslySetInnerHTML={{ __html: katex.renderToString(s.latex, { ...KATEX, displayMode: s.display }) }}
          />
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments of one immutable text
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </Tag>
  );
}

/** A formula alone (the right answer of a maths question). */
export function Formula({ latex }: { latex: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: KaTeX output with trust disabled
  return <span className="q-math" dangerouslySetInnerHTML={{ __html: katex.renderToString(latex, KATEX) }} />;
}
