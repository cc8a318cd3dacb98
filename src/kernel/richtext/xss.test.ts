import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { decodeEntities } from "./html-check.ts";
import { checkHtml, parseRichText, renderRichText } from "./index.ts";
import { corpusValue, XSS_CORPUS } from "./xss-corpus.ts";

/**
 * Every payload is either refused (422, nothing stored) or rendered to inert HTML. The output is
 * read with a strict tokenizer (checkHtml: every element and attribute on the allow-list, values
 * checked, tags balanced; there is no parse5 in node_modules, the browser test re-parses with the
 * real HTML parser) plus plain pattern checks.
 */
function inert(html: string) {
  expect(checkHtml(html)).toBeUndefined();
  expect(html).not.toMatch(/<(script|svg|style|object|embed|foreignobject|annotation-xml|base|form|meta|link)\b/i);
  const tags = html.match(/<[^>]*>/g) ?? [];
  for (const tag of tags) {
    // attribute names only: quoted values (escaped text such as an alt) are set aside
    const names = tag.replace(/"[^"]*"/g, '""');
    expect(names).not.toMatch(/\son[a-z]+\s*=/i);
    expect(names).not.toMatch(/\s(style|srcdoc|xlink:href|formaction)\s*=/i);
    const decoded = decodeEntities(tag)
      .toLowerCase()
      .replace(/[\u0000-\u0020]/g, "");
    expect(decoded).not.toMatch(/javascript:|vbscript:|data:text/);
    if (tag.startsWith("<iframe")) expect(tag).toMatch(/ sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"/);
  }
}

describe("XSS corpus", () => {
  it("has at least 40 payloads", () => expect(XSS_CORPUS.length).toBeGreaterThanOrEqual(40));

  for (const c of XSS_CORPUS) {
    it(c.name, () => {
      let doc: ReturnType<typeof parseRichText> | undefined;
      try {
        doc = parseRichText(corpusValue(c), "body");
      } catch (e) {
        expect(e).toBeInstanceOf(AppError);
        expect((e as AppError).status).toBe(422);
        expect(Object.keys((e as AppError).fields ?? {})).toContain("body");
        expect(c.expect).not.toBe("render");
        return;
      }
      expect(c.expect).not.toBe("reject");
      for (const locale of ["fr", "en"] as const) inert(renderRichText(doc, locale));
    });
  }

  it("maths payloads render as escaped text or a LaTeX error, never as markup", () => {
    const html = renderRichText(
      parseRichText({ type: "doc", content: [{ type: "blockMath", attrs: { latex: "</annotation></semantics></math><script>window.__xss=1</script>" } }] }),
    );
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;/annotation&gt;");
    const href = renderRichText(parseRichText({ type: "doc", content: [{ type: "blockMath", attrs: { latex: "\\href{javascript:alert(1)}{x}" } }] }));
    expect(href).not.toMatch(/href=/);
  });
});
