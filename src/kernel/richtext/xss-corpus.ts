/**
 * XSS payloads for rich-text fields, shared by the server test (xss.test.ts) and the browser test
 * (test/e2e/richtext-xss.test.ts). A payload that executes sets `window.__xss`. Each entry is a
 * document (or raw JSON text, for shapes JSON.stringify cannot write) and what must happen:
 * "reject" (422) or "render" (accepted; the output must be inert).
 */
export type XssCase = { name: string; expect: "reject" | "render" | "either"; doc?: unknown; json?: string };

const X = "window.__xss=1";
const doc = (...content: unknown[]) => ({ type: "doc", content });
const p = (...content: unknown[]) => ({ type: "paragraph", content });
const text = (t: string, marks?: unknown[]) => ({ type: "text", text: t, ...(marks && { marks }) });
const link = (href: string, extra: object = {}) => p(text("clic", [{ type: "link", attrs: { href, target: "_blank", ...extra } }]));
const img = (src: string, extra: object = {}) => doc({ type: "image", attrs: { src, alt: "image", ...extra } });
const embed = (src: string, extra: object = {}) => doc({ type: "embed", attrs: { src, title: "vidéo", ...extra } });
const inlineMath = (latex: string) => doc(p(text("f = "), { type: "inlineMath", attrs: { latex } }));
const blockMath = (latex: string) => doc({ type: "blockMath", attrs: { latex } });

export const XSS_CORPUS: XssCase[] = [
  // ---- HTML in text: accepted, shown as text
  { name: "script tag in text", expect: "render", doc: doc(p(text(`<script>${X}</script>`))) },
  { name: "img onerror in text", expect: "render", doc: doc(p(text(`<img src=x onerror="${X}">`))) },
  { name: "svg onload in text", expect: "render", doc: doc(p(text(`<svg onload=${X}><circle r=5 /></svg>`))) },
  { name: "attribute break-out in text", expect: "render", doc: doc(p(text(`"><script>${X}</script><a x="`))) },
  { name: "iframe srcdoc in text", expect: "render", doc: doc(p(text(`<iframe srcdoc="<script>parent.__xss=1</script>"></iframe>`))) },
  {
    name: "style with expression in text",
    expect: "render",
    doc: doc(p(text("<style>body{background:url(javascript:alert(1));width:expression(alert(1))}</style>"))),
  },
  {
    name: "raw MathML maction in text",
    expect: "render",
    doc: doc(p(text(`<math><maction actiontype="statusline" xlink:href="javascript:${X}">x</maction></math>`))),
  },
  {
    name: "closing code block in code",
    expect: "render",
    doc: doc({ type: "codeBlock", attrs: { language: null }, content: [text(`</code></pre><script>${X}</script>`)] }),
  },
  { name: "link markup in heading", expect: "render", doc: doc({ type: "heading", attrs: { level: 1 }, content: [text(`<a href="javascript:${X}">x</a>`)] }) },
  { name: "comment and CDATA in text", expect: "render", doc: doc(p(text(`<!--<script>${X}</script>--><![CDATA[<script>${X}</script>]]>`))) },
  { name: "quotes in image alt", expect: "render", doc: img("/api/v1/files/missing/content", { alt: `" onerror="${X}` }) },
  { name: "quotes in image title", expect: "render", doc: img("/api/v1/files/missing/content", { title: `' onload='${X}` }) },
  { name: "quotes in embed title", expect: "render", doc: embed("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", { title: `"><script>${X}</script>` }) },
  { name: "quotes in link title", expect: "render", doc: doc(link("https://example.org", { title: `" onmouseover="${X}` })) },
  { name: "entity-encoded colon in javascript:", expect: "reject", doc: doc(link(`javascript&#58;${X}`)) },

  // ---- link addresses
  { name: "javascript: link", expect: "reject", doc: doc(link(`javascript:${X}`)) },
  { name: "mixed-case JaVaScRiPt: link", expect: "reject", doc: doc(link(`JaVaScRiPt:${X}`)) },
  { name: "leading space before javascript:", expect: "reject", doc: doc(link(` javascript:${X}`)) },
  { name: "tab inside javascript:", expect: "reject", doc: doc(link(`java\tscript:${X}`)) },
  { name: "newline inside javascript:", expect: "reject", doc: doc(link(`java\nscript:${X}`)) },
  { name: "control character before javascript:", expect: "reject", doc: doc(link(`\u0001javascript:${X}`)) },
  { name: "entity-encoded j in javascript:", expect: "reject", doc: doc(link(`&#106;avascript:${X}`)) },
  { name: "vbscript: link", expect: "reject", doc: doc(link("vbscript:msgbox(1)")) },
  { name: "data:text/html link", expect: "reject", doc: doc(link("data:text/html;base64,PHNjcmlwdD53aW5kb3cuX194c3M9MTwvc2NyaXB0Pg==")) },
  { name: "protocol-relative link", expect: "reject", doc: doc(link("//evil.example/x")) },
  { name: "backslash host link", expect: "reject", doc: doc(link("/\\evil.example")) },
  {
    name: "nested marks with a bad href",
    expect: "reject",
    doc: doc(p(text("x", [{ type: "bold" }, { type: "italic" }, { type: "link", attrs: { href: `javascript:${X}` } }, { type: "code" }]))),
  },
  { name: "link with an onclick attribute", expect: "reject", doc: doc(link("https://example.org", { onclick: X })) },
  { name: "link with a style attribute", expect: "reject", doc: doc(link("https://example.org", { style: "position:fixed;inset:0" })) },

  // ---- image sources
  { name: "javascript: image", expect: "reject", doc: img(`javascript:${X}`) },
  { name: "svg data: image", expect: "reject", doc: img(`data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg" onload="${X}"/>`)}`) },
  { name: "data:text/html image", expect: "reject", doc: img(`data:text/html,<script>${X}</script>`) },
  { name: "http image (not https)", expect: "reject", doc: img("http://example.org/a.png") },
  { name: "path traversal image", expect: "reject", doc: img("/api/v1/../../etc/passwd") },
  { name: "attribute break-out in image src", expect: "reject", doc: img(`https://example.org/a.png" onerror="${X}`) },
  { name: "image without alt", expect: "reject", doc: doc({ type: "image", attrs: { src: "https://example.org/a.png" } }) },
  { name: "image with onerror attribute", expect: "reject", doc: img("https://example.org/a.png", { onerror: X }) },
  { name: "oversized data: image", expect: "reject", doc: img(`data:image/png;base64,${"A".repeat(600_000)}`) },

  // ---- embeds
  { name: "embed from an unknown host", expect: "reject", doc: embed("https://evil.example/embed/dQw4w9WgXcQ") },
  { name: "embed look-alike host", expect: "reject", doc: embed("https://www.youtube-nocookie.com.evil.example/embed/dQw4w9WgXcQ") },
  { name: "embed attribute break-out", expect: "reject", doc: embed(`https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"><script>${X}</script>`) },
  { name: "javascript: embed", expect: "reject", doc: embed(`javascript:${X}`) },
  { name: "data:text/html embed", expect: "reject", doc: embed(`data:text/html,<script>${X}</script>`) },
  {
    name: "embed with srcdoc",
    expect: "reject",
    doc: embed("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", { srcdoc: `<script>parent.__xss=1</script>` }),
  },
  { name: "embed without a title", expect: "reject", doc: doc({ type: "embed", attrs: { src: "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ" } }) },

  // ---- maths: KaTeX with trust off, output checked
  { name: "LaTeX \\href javascript:", expect: "render", doc: inlineMath(`\\href{javascript:${X}}{clic}`) },
  { name: "LaTeX \\href data:", expect: "render", doc: inlineMath(`\\href{data:text/html,<script>${X}</script>}{clic}`) },
  { name: "LaTeX \\url", expect: "render", doc: inlineMath(`\\url{javascript:${X}}`) },
  {
    name: "LaTeX \\htmlClass / \\htmlId / \\htmlStyle / \\htmlData",
    expect: "render",
    doc: blockMath("\\htmlClass{x}{a}\\htmlId{y}{b}\\htmlStyle{background:url(javascript:alert(1))}{c}\\htmlData{onload=alert(1)}{d}"),
  },
  { name: "LaTeX \\includegraphics", expect: "render", doc: blockMath(`\\includegraphics[height=1em]{javascript:${X}}`) },
  { name: "LaTeX closing the math element", expect: "render", doc: inlineMath(`</annotation></semantics></math><script>${X}</script>`) },
  { name: "LaTeX annotation-xml text/html", expect: "render", doc: blockMath(`<annotation-xml encoding="text/html"><script>${X}</script></annotation-xml>`) },
  { name: "LaTeX text with an img", expect: "render", doc: inlineMath(`\\text{<img src=x onerror=${X}>}`) },
  { name: "LaTeX operatorname with an svg", expect: "render", doc: inlineMath(`\\operatorname{<svg onload=${X}>}`) },
  { name: "LaTeX \\color with a javascript: colour", expect: "render", doc: inlineMath(`\\color{javascript:${X}}{x}`) },
  { name: "LaTeX expansion bomb", expect: "render", doc: blockMath("\\def\\a{\\a\\a}\\a") },
  { name: "LaTeX huge rule", expect: "render", doc: blockMath("\\rule{100000em}{100000em}") },
  { name: "LaTeX over the length cap", expect: "reject", doc: blockMath("x+".repeat(3000)) },

  // ---- structure
  { name: "unknown node type script", expect: "reject", doc: doc({ type: "script", content: [text(X)] }) },
  { name: "unknown node rawHtml", expect: "reject", doc: doc({ type: "rawHtml", attrs: { html: `<script>${X}</script>` } }) },
  { name: "attributes on a text node", expect: "reject", doc: doc(p({ type: "text", text: "x", attrs: { style: "color:red", onclick: X } })) },
  { name: "unknown mark", expect: "reject", doc: doc(p(text("x", [{ type: "span", attrs: { onmouseover: X } }]))) },
  {
    name: "style attribute on a paragraph",
    expect: "reject",
    doc: doc({ type: "paragraph", attrs: { style: "background:url(javascript:alert(1))" }, content: [text("x")] }),
  },
  { name: "heading level injection", expect: "reject", doc: doc({ type: "heading", attrs: { level: `1 onclick="${X}"` }, content: [text("x")] }) },
  {
    name: "cell colspan injection",
    expect: "reject",
    doc: doc({
      type: "table",
      content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: `2" onclick="${X}` }, content: [p(text("x"))] }] }],
    }),
  },
  {
    name: "cell colspan too large",
    expect: "reject",
    doc: doc({ type: "table", content: [{ type: "tableRow", content: [{ type: "tableCell", attrs: { colspan: 100000 }, content: [p(text("x"))] }] }] }),
  },
  {
    name: "ordered list type injection",
    expect: "reject",
    doc: doc({ type: "orderedList", attrs: { type: `1" onclick="${X}` }, content: [{ type: "listItem", content: [p(text("x"))] }] }),
  },
  {
    name: "code block language injection",
    expect: "reject",
    doc: doc({ type: "codeBlock", attrs: { language: `js" onmouseover="${X}` }, content: [text("x")] }),
  },
  { name: "not a doc at the root", expect: "reject", doc: { type: "html", content: `<script>${X}</script>` } },
  {
    name: "__proto__ key",
    expect: "reject",
    json: `{"type":"doc","content":[{"type":"paragraph","__proto__":{"onclick":"${X}"},"content":[{"type":"text","text":"x"}]}]}`,
  },
  { name: "constructor key in a mark", expect: "reject", doc: doc(p(text("x", [{ type: "bold", constructor: { prototype: { x: 1 } } }]))) },
  {
    name: "nested 100,000 levels deep",
    expect: "reject",
    json: `{"type":"doc","content":[${'{"type":"blockquote","content":['.repeat(100_000)}{"type":"paragraph"}${"]}".repeat(100_000)}]}`,
  },
  { name: "100,000 paragraphs", expect: "reject", doc: doc(...Array.from({ length: 100_000 }, () => p(text("x")))) },
];

/** Corpus entries as parsed values (raw JSON parsed here). */
export const corpusValue = (c: XssCase): unknown => (c.json !== undefined ? JSON.parse(c.json) : c.doc);
