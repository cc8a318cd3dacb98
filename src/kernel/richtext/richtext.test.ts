import { describe, expect, it } from "vitest";
import { AppError } from "../errors.ts";
import { checkHtml, emptyDoc, parseRichText, renderRichText, richTextToPlain, toEmbedSrc } from "./index.ts";
import type { RichBlock } from "./schema.ts";

const doc = (...content: unknown[]) => ({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks && { marks }) });

function fieldsOf(input: unknown, field = "doc") {
  try {
    parseRichText(input, field);
  } catch (e) {
    expect(e).toBeInstanceOf(AppError);
    expect((e as AppError).status).toBe(422);
    return (e as AppError).fields ?? {};
  }
  throw new Error("accepted");
}

/** What Tiptap's getJSON() writes for a page using every allowed node and mark (defaults included). */
const tiptapDoc = doc(
  { type: "heading", attrs: { level: 2 }, content: [text("Théorème")] },
  p(
    text("Soit "),
    { type: "inlineMath", attrs: { latex: "a^2+b^2=c^2" } },
    text(" gras", [{ type: "bold" }, { type: "italic" }]),
    text("lien", [
      { type: "link", attrs: { href: "https://example.org/a?b=1&c=2", target: "_blank", rel: "noopener noreferrer nofollow", class: null, title: null } },
    ]),
    { type: "hardBreak" },
    text("2", [{ type: "superscript" }]),
    text("i", [{ type: "subscript" }]),
    text("u", [{ type: "underline" }, { type: "strike" }, { type: "code" }]),
  ),
  { type: "blockMath", attrs: { latex: "\\int_0^1 x\\,dx = \\frac{1}{2}" } },
  { type: "bulletList", content: [{ type: "listItem", content: [p(text("un"))] }] },
  { type: "orderedList", attrs: { start: 3, type: null }, content: [{ type: "listItem", content: [p(text("trois"))] }] },
  { type: "blockquote", content: [p(text("cité"))] },
  { type: "codeBlock", attrs: { language: null }, content: [text("x < y && y > z")] },
  { type: "horizontalRule" },
  { type: "image", attrs: { src: "/api/v1/files/0190-abc/content", alt: "Figure 1", title: null, width: null, height: null } },
  { type: "image", attrs: { src: "data:image/png;base64,iVBORw0KGgo=", alt: "", title: null, width: 10, height: 10 } },
  { type: "embed", attrs: { src: "https://player.vimeo.com/video/76979871", title: "Une vidéo" } },
  {
    type: "table",
    content: [
      {
        type: "tableRow",
        content: [
          { type: "tableHeader", attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p(text("x"))] },
          { type: "tableHeader", attrs: { colspan: 1, rowspan: 1, colwidth: [120], align: "center" }, content: [p(text("f(x)"))] },
        ],
      },
      {
        type: "tableRow",
        content: [
          { type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p(text("1"))] },
          { type: "tableCell", attrs: { colspan: 1, rowspan: 1, colwidth: null, align: null }, content: [p({ type: "inlineMath", attrs: { latex: "e" } })] },
        ],
      },
    ],
  },
);

describe("rich text", () => {
  it("accepts what the editor writes and stores it unchanged", () => {
    expect(parseRichText(tiptapDoc)).toEqual(tiptapDoc);
    expect(parseRichText(emptyDoc())).toEqual(emptyDoc());
  });

  it("renders semantic, escaped HTML on the allow-list, maths as MathML", () => {
    const html = renderRichText(parseRichText(tiptapDoc), "fr");
    expect(checkHtml(html)).toBeUndefined();
    expect(html).toContain("<h3>Théorème</h3>"); // level 2 sits below the page's h1 and h2
    expect(html).toContain('<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><msup><mi>a</mi><mn>2</mn></msup>');
    expect(html).toContain('display="block"');
    expect(html).toContain('<a href="https://example.org/a?b=1&amp;c=2" rel="noopener noreferrer nofollow" target="_blank">lien</a>');
    expect(html).toContain("<strong><em> gras</em></strong>");
    expect(html).toContain("<sup>2</sup><sub>i</sub>");
    expect(html).toContain("<pre><code>x &lt; y &amp;&amp; y &gt; z</code></pre>");
    expect(html).toContain('<ol start="3">');
    expect(html).toContain('<th scope="col" class="rt-align-center">');
    expect(html).toContain('<div class="rt-table" role="region" tabindex="0" aria-label="Tableau">');
    expect(html).toContain('<iframe src="https://player.vimeo.com/video/76979871" title="Une vidéo" sandbox=');
    expect(html).toContain('<img src="/api/v1/files/0190-abc/content" alt="Figure 1" loading="lazy" decoding="async">');
  });

  it("renders a LaTeX error as escaped code with a localized title", () => {
    const html = renderRichText(parseRichText(doc({ type: "blockMath", attrs: { latex: "\\frac{<b>" } })), "en");
    expect(html).toBe(
      '<div class="rt-math-block"><code class="rt-math-error" title="Invalid LaTeX formula: correct it in the editor.">\\frac{&lt;b&gt;</code></div>',
    );
  });

  it("names the path of what it refuses, under the field", () => {
    const f = fieldsOf(doc(p(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }]))), "description");
    expect(Object.keys(f)).toEqual(["description.content.0.content.0.marks.0.attrs.href", "description"]);
    expect(f.description).toEqual({ code: "richtext.invalid", params: { path: "content.0.content.0.marks.0.attrs.href" } });
    expect(Object.keys(fieldsOf(doc({ type: "paragraph", attrs: { onclick: "x" } })))).toContain("doc.content.0.attrs.onclick");
    expect(Object.keys(fieldsOf(doc({ type: "iframe" })))).toContain("doc.content.0.type");
    expect(Object.keys(fieldsOf(doc(p({ type: "text", text: "x", attrs: { style: "x" } }))))).toContain("doc.content.0.content.0.attrs");
  });

  it("refuses documents too deep or too large with a 422, without recursion", () => {
    let deep: unknown = p(text("x"));
    for (let i = 0; i < 200_000; i++) deep = { type: "blockquote", content: [deep] };
    const f = fieldsOf(doc(deep));
    expect(Object.values(f)[0]).toMatchObject({ code: "field.too_big" });
    const wide = doc(...Array.from({ length: 30_000 }, () => p(text("x"))));
    expect(Object.values(fieldsOf(wide))[0]).toMatchObject({ code: "field.too_big" });
    expect(fieldsOf(doc(p(text("x".repeat(100_001))))));
    expect(fieldsOf("not a document")).toHaveProperty("doc");
    expect(fieldsOf(null)).toHaveProperty("doc");
  });

  it("gives plain text for search", () => {
    const plain = richTextToPlain(parseRichText(tiptapDoc));
    expect(plain.split("\n")[0]).toBe("Théorème");
    expect(plain).toContain("Soit a^2+b^2=c^2 gras");
    expect(plain).toContain("\\int_0^1");
    expect(plain).toContain("Figure 1");
    expect(plain).toContain("f(x)");
  });

  it("renders defensively even an unvalidated document (unknown nodes and bad addresses dropped)", () => {
    const bad = {
      type: "doc",
      content: [
        { type: "script", content: [text("alert(1)")] },
        p(text("x", [{ type: "link", attrs: { href: "javascript:alert(1)" } }, { type: "onmouseover" }])),
        { type: "image", attrs: { src: "javascript:alert(1)", alt: "x" } },
        { type: "embed", attrs: { src: "https://evil.example/embed", title: "x" } },
      ] as unknown as RichBlock[],
    } as const;
    const html = renderRichText(bad as never);
    expect(html).toBe("<p>x</p>");
  });

  it("turns pasted video addresses into allowed player addresses", () => {
    expect(toEmbedSrc("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42")).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?start=42");
    expect(toEmbedSrc("https://youtu.be/dQw4w9WgXcQ")).toBe("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ");
    expect(toEmbedSrc("https://vimeo.com/76979871")).toBe("https://player.vimeo.com/video/76979871");
    expect(toEmbedSrc("https://framatube.org/w/9c9de5e8-0a1e-484a-b099-e80766180a6d")).toBe(
      "https://framatube.org/videos/embed/9c9de5e8-0a1e-484a-b099-e80766180a6d",
    );
    expect(toEmbedSrc("https://www.geogebra.org/m/abc123")).toBe("https://www.geogebra.org/material/iframe/id/abc123");
    expect(toEmbedSrc("https://evil.example/watch?v=dQw4w9WgXcQ")).toBeUndefined();
    expect(toEmbedSrc("javascript:alert(1)")).toBeUndefined();
  });
});
