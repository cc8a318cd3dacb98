import "katex/dist/katex.min.css";
import "./rich-text.css";

/**
 * Shows rich text as the SERVER rendered it (renderRichText: escaped text, allow-listed tags,
 * MathML). Never pass HTML built in the browser or received from anywhere else: this is the one
 * place the web client injects HTML.
 */
export function RichTextView({ html, className }: { html: string; className?: string }) {
  // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered and sanitised by src/kernel/richtext
  return <div className={`rich-text${className ? ` ${className}` : ""}`} dangerouslySetInnerHTML={{ __html: html }} />;
}
