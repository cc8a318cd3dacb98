/** The rich-text editor and viewer shared by every module's client. */
export { RichTextEditor, type RichTextEditorProps } from "./editor.tsx";
export { RichTextView } from "./view.tsx";
export { emptyDoc, RichTextDoc, type RichTextDocument } from "../../kernel/richtext/schema.ts";
