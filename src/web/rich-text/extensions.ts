import { Extension, type Extensions, Mark, mergeAttributes, Node } from "@tiptap/core";
import Image from "@tiptap/extension-image";
import { Mathematics } from "@tiptap/extension-mathematics";
import { TableKit } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import { Fragment, type Node as PMNode, Slice } from "@tiptap/pm/model";
import { Plugin } from "@tiptap/pm/state";
import { embedProvider } from "../../kernel/richtext/embeds.ts";
import { isSafeHref, isSafeImageSrc } from "../../kernel/richtext/schema.ts";

/**
 * The editor's schema: node and mark names, and attributes, exactly those the server accepts
 * (src/kernel/richtext/schema.ts). KaTeX in the editor uses the same safe options as the server.
 */
export const EDITOR_KATEX = { throwOnError: false, trust: false, strict: "ignore", maxSize: 20, maxExpand: 500 } as const;

const Subscript = Mark.create({
  name: "subscript",
  excludes: "superscript",
  parseHTML: () => [{ tag: "sub" }],
  renderHTML: ({ HTMLAttributes }) => ["sub", mergeAttributes(HTMLAttributes), 0],
  addKeyboardShortcuts() {
    return { "Mod-,": () => this.editor.commands.toggleMark(this.name) };
  },
});

const Superscript = Mark.create({
  name: "superscript",
  excludes: "subscript",
  parseHTML: () => [{ tag: "sup" }],
  renderHTML: ({ HTMLAttributes }) => ["sup", mergeAttributes(HTMLAttributes), 0],
  addKeyboardShortcuts() {
    return { "Mod-.": () => this.editor.commands.toggleMark(this.name) };
  },
});

/** A video or applet from an allowed provider; shown as a card while editing (the player plays in the reader's view). */
const Embed = Node.create({
  name: "embed",
  group: "block",
  atom: true,
  draggable: true,
  selectable: true,
  addAttributes: () => ({ src: { default: null }, title: { default: "" } }),
  // never parsed from pasted HTML: an embed comes only from the insert dialog
  parseHTML: () => [],
  renderHTML: ({ node }) => [
    "figure",
    { class: "rt-embed-card", "data-provider": embedProvider(String(node.attrs.src))?.name ?? "" },
    ["span", { class: "rt-embed-icon", "aria-hidden": "true" }, "▶"],
    ["span", { class: "rt-embed-title" }, String(node.attrs.title ?? "")],
    ["span", { class: "rt-embed-src" }, String(node.attrs.src ?? "")],
  ],
});

// images need an alt string for the server: a pasted image without one is decorative ("")
const SafeImage = Image.extend({
  addAttributes() {
    return { ...this.parent?.(), alt: { default: "" } };
  },
}).configure({ allowBase64: true, inline: false });

/** Drops pasted images and links the server would refuse (http images, svg, javascript: …). */
const PasteFilter = Extension.create({
  name: "pasteFilter",
  addProseMirrorPlugins() {
    const clean = (frag: Fragment): Fragment => {
      const nodes: PMNode[] = [];
      frag.forEach((n) => {
        if (n.type.name === "image" && !isSafeImageSrc(String(n.attrs.src ?? ""))) return;
        const marks = n.marks.filter((m) => m.type.name !== "link" || isSafeHref(String(m.attrs.href ?? "")));
        nodes.push(n.isText ? n.mark(marks) : n.copy(clean(n.content)).mark(marks));
      });
      return Fragment.fromArray(nodes);
    };
    return [new Plugin({ props: { transformPasted: (slice) => new Slice(clean(slice.content), slice.openStart, slice.openEnd) } })];
  },
});

export type MathClick = (kind: "inline" | "block", latex: string, pos: number) => void;

export function editorExtensions(opts: { onMathClick: MathClick; placeholder?: string }): Extensions {
  return [
    StarterKit.configure({
      heading: { levels: [1, 2, 3, 4] },
      link: {
        openOnClick: false,
        autolink: true,
        defaultProtocol: "https",
        isAllowedUri: (url) => isSafeHref(url),
        HTMLAttributes: { target: "_blank", rel: "noopener noreferrer nofollow", class: null },
      },
    }),
    Subscript,
    Superscript,
    SafeImage,
    TableKit.configure({ table: { resizable: false } }),
    Mathematics.configure({
      katexOptions: EDITOR_KATEX,
      inlineOptions: { onClick: (node, pos) => opts.onMathClick("inline", node.attrs.latex, pos) },
      blockOptions: { onClick: (node, pos) => opts.onMathClick("block", node.attrs.latex, pos) },
    }),
    Embed,
    PasteFilter,
  ];
}
