import "katex/dist/katex.min.css";
import "./rich-text.css";
import { Extension } from "@tiptap/core";
import { NodeSelection } from "@tiptap/pm/state";
import { type Editor, EditorContent, useEditor, useEditorState } from "@tiptap/react";
import { type ReactNode, useCallback, useEffect, useId, useRef, useState } from "react";
import {
  Button,
  Checkbox,
  Group,
  Input,
  Label,
  Menu,
  MenuItem,
  MenuTrigger,
  Popover,
  Separator,
  Text,
  TextField,
  ToggleButton,
  Toolbar,
} from "react-aria-components";
import { toEmbedSrc } from "../../kernel/richtext/embeds.ts";
import { emptyDoc, isSafeHref, isSafeImageSrc, type RichTextDocument } from "../../kernel/richtext/schema.ts";
import { previewRichText } from "../../modules/richtext/shared/contract.ts";
import { api, ApiError } from "../api.ts";
import { useT } from "../i18n.tsx";
import { EditorDialog } from "./editor-dialog.tsx";
import { editorExtensions } from "./extensions.ts";
import { type FormulaValue, FormulaDialog } from "./formula-dialog.tsx";
import { RichTextView } from "./view.tsx";

export type RichTextEditorProps = {
  /** visible label; the editing area is a labelled multi-line textbox */
  label: string;
  description?: string;
  /** initial document (ProseMirror JSON as the server stores it) */
  defaultValue?: RichTextDocument | null;
  onChange?: (doc: RichTextDocument) => void;
  /** also writes the JSON into a hidden input of that name, for plain forms */
  name?: string;
  /** a field error from the server (422) to show under the editor */
  errorMessage?: string;
  isRequired?: boolean;
  /** shows the "Preview" button (server rendering); default true */
  preview?: boolean;
};

type Dialogs = { kind: "formula"; value: FormulaValue; pos?: number } | { kind: "link"; href: string } | { kind: "image" } | { kind: "embed" } | null;

const MOD = typeof navigator !== "undefined" && /Mac|iPhone|iPad/.test(navigator.platform) ? "Meta" : "Control";

/**
 * The rich-text editor of every module (pages, descriptions, questions, posts): Tiptap with a
 * react-aria toolbar (arrow keys move between its buttons), formulas (visual input and LaTeX),
 * tables, images, links and allowed embeds. Its value is the JSON the server validates.
 */
export function RichTextEditor({ label, description, defaultValue, onChange, name, errorMessage, isRequired, preview = true }: RichTextEditorProps) {
  const ids = { label: useId(), description: useId(), error: useId(), editor: useId() };
  const [dialog, setDialog] = useState<Dialogs>(null);
  const [json, setJson] = useState(() => JSON.stringify(defaultValue ?? emptyDoc()));
  const onChangeRef = useRef(onChange);
  onChangeRef.current = onChange;
  const openers = useRef({ formula: () => {}, link: () => {} });

  const describedBy = [description && ids.description, errorMessage && ids.error].filter(Boolean).join(" ");
  const editor = useEditor({
    extensions: [
      ...editorExtensions({ onMathClick: (kind, latex, pos) => setDialog({ kind: "formula", value: { latex, display: kind === "block" }, pos }) }),
      Extension.create({
        name: "archipelShortcuts",
        addKeyboardShortcuts: () => ({
          "Mod-k": () => {
            openers.current.link();
            return true;
          },
          "Mod-Shift-m": () => {
            openers.current.formula();
            return true;
          },
        }),
      }),
    ],
    content: defaultValue ?? emptyDoc(),
    editorProps: {
      attributes: {
        id: ids.editor,
        class: "rt-content rich-text",
        role: "textbox",
        "aria-multiline": "true",
        "aria-labelledby": ids.label,
        ...(describedBy && { "aria-describedby": describedBy }),
        ...(errorMessage && { "aria-invalid": "true" }),
        ...(isRequired && { "aria-required": "true" }),
      },
    },
    onUpdate: ({ editor: e }) => {
      const doc = e.getJSON() as RichTextDocument;
      setJson(JSON.stringify(doc));
      onChangeRef.current?.(doc);
    },
  });

  // keep aria attributes in step with the error shown
  useEffect(() => {
    if (!editor) return;
    const el = editor.view.dom;
    if (errorMessage) el.setAttribute("aria-invalid", "true");
    else el.removeAttribute("aria-invalid");
    if (describedBy) el.setAttribute("aria-describedby", describedBy);
    else el.removeAttribute("aria-describedby");
  }, [editor, errorMessage, describedBy]);

  const openFormula = useCallback(() => {
    if (!editor) return;
    const sel = editor.state.selection;
    if (sel instanceof NodeSelection && (sel.node.type.name === "inlineMath" || sel.node.type.name === "blockMath")) {
      setDialog({ kind: "formula", value: { latex: sel.node.attrs.latex, display: sel.node.type.name === "blockMath" }, pos: sel.from });
    } else {
      const selected = editor.state.doc.textBetween(sel.from, sel.to, " ").slice(0, 500);
      setDialog({ kind: "formula", value: { latex: selected, display: false } });
    }
  }, [editor]);
  const openLink = useCallback(() => {
    if (!editor) return;
    setDialog({ kind: "link", href: editor.getAttributes("link").href ?? "" });
  }, [editor]);
  openers.current = { formula: openFormula, link: openLink };

  const closeDialog = () => {
    setDialog(null);
    editor?.commands.focus();
  };

  const submitFormula = (v: FormulaValue) => {
    if (!editor || dialog?.kind !== "formula") return;
    const type = v.display ? "blockMath" : "inlineMath";
    const chain = editor.chain().focus();
    if (dialog.pos !== undefined) {
      const node = editor.state.doc.nodeAt(dialog.pos);
      if (node && node.type.name === type) chain.setNodeSelection(dialog.pos).updateAttributes(type, { latex: v.latex }).run();
      else
        chain
          .setNodeSelection(dialog.pos)
          .deleteSelection()
          .insertContent({ type, attrs: { latex: v.latex } })
          .run();
    } else {
      chain
        .deleteSelection()
        .insertContent({ type, attrs: { latex: v.latex } })
        .run();
    }
    setDialog(null);
  };

  return (
    <div className={`rt-field${errorMessage ? " rt-invalid" : ""}`}>
      {/* a label for a contenteditable: clicking it puts the caret in the editor */}
      <span id={ids.label} className="rt-label" onClick={() => editor?.commands.focus()}>
        {label}
        {isRequired && (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </span>
      {description && (
        <p id={ids.description} className="field-help">
          {description}
        </p>
      )}
      <div className="rt-frame">
        {editor && <EditorToolbar editor={editor} editorId={ids.editor} onFormula={openFormula} onLink={openLink} onDialog={setDialog} />}
        <EditorContent editor={editor} />
      </div>
      {errorMessage && (
        <p id={ids.error} className="field-error">
          {errorMessage}
        </p>
      )}
      {name && <input type="hidden" name={name} value={json} />}
      {preview && <PreviewPanel json={json} />}

      {dialog?.kind === "formula" && (
        <FormulaDialog initial={dialog.value} editing={dialog.pos !== undefined} onSubmit={submitFormula} onClose={closeDialog} />
      )}
      {dialog?.kind === "link" && editor && <LinkDialog editor={editor} initial={dialog.href} onClose={closeDialog} />}
      {dialog?.kind === "image" && editor && <ImageDialog editor={editor} onClose={closeDialog} />}
      {dialog?.kind === "embed" && editor && <EmbedDialog editor={editor} onClose={closeDialog} />}
    </div>
  );
}

// ---- toolbar ----------------------------------------------------------------------------------

function EditorToolbar({
  editor,
  editorId,
  onFormula,
  onLink,
  onDialog,
}: {
  editor: Editor;
  editorId: string;
  onFormula: () => void;
  onLink: () => void;
  onDialog: (d: Dialogs) => void;
}) {
  const t = useT();
  const s = useEditorState({
    editor,
    selector: ({ editor: e }) => ({
      bold: e.isActive("bold"),
      italic: e.isActive("italic"),
      underline: e.isActive("underline"),
      strike: e.isActive("strike"),
      code: e.isActive("code"),
      subscript: e.isActive("subscript"),
      superscript: e.isActive("superscript"),
      link: e.isActive("link"),
      bulletList: e.isActive("bulletList"),
      orderedList: e.isActive("orderedList"),
      blockquote: e.isActive("blockquote"),
      codeBlock: e.isActive("codeBlock"),
      heading: ([1, 2, 3, 4] as const).find((level) => e.isActive("heading", { level })) ?? 0,
      table: e.isActive("table"),
      math: e.state.selection instanceof NodeSelection && /^(inline|block)Math$/.test(e.state.selection.node.type.name),
      canUndo: e.can().undo(),
      canRedo: e.can().redo(),
    }),
  });
  const run = (f: (c: ReturnType<Editor["chain"]>) => ReturnType<Editor["chain"]>) => () => f(editor.chain().focus()).run();
  const mark = (key: keyof typeof s & string, icon: ReactNode, command: () => void, shortcut?: string) => (
    <ToggleButton
      className="rt-tool"
      isSelected={!!s[key]}
      onChange={command}
      aria-label={t(`ui.richtext.${key}`)}
      aria-keyshortcuts={shortcut}
      aria-controls={editorId}
    >
      <span aria-hidden="true">{icon}</span>
    </ToggleButton>
  );
  const action = (key: string, icon: ReactNode, command: () => void, opts: { shortcut?: string; disabled?: boolean } = {}) => (
    <Button className="rt-tool" onPress={command} aria-label={t(`ui.richtext.${key}`)} aria-keyshortcuts={opts.shortcut} isDisabled={opts.disabled}>
      <span aria-hidden="true">{icon}</span>
    </Button>
  );
  const blockLabel = s.heading ? t("ui.richtext.heading_n", { level: s.heading }) : t("ui.richtext.paragraph");

  return (
    <Toolbar className="rt-toolbar" aria-label={t("ui.richtext.toolbar")}>
      <Group className="rt-group" aria-label={t("ui.richtext.group_block")}>
        <MenuTrigger>
          <Button className="rt-tool rt-block-menu" aria-label={t("ui.richtext.block_style", { style: blockLabel })}>
            <span aria-hidden="true">{blockLabel}</span>
            <span aria-hidden="true" className="chevron">
              ▾
            </span>
          </Button>
          <Popover className="popover">
            <Menu
              className="menu"
              onAction={(k) => {
                const level = Number(k);
                if (level)
                  editor
                    .chain()
                    .focus()
                    .setHeading({ level: level as 1 | 2 | 3 | 4 })
                    .run();
                else editor.chain().focus().setParagraph().run();
              }}
            >
              <MenuItem id="0" className="menu-item">
                {t("ui.richtext.paragraph")}
              </MenuItem>
              {[1, 2, 3, 4].map((level) => (
                <MenuItem key={level} id={String(level)} className={`menu-item rt-menu-h${level}`}>
                  {t("ui.richtext.heading_n", { level })}
                </MenuItem>
              ))}
            </Menu>
          </Popover>
        </MenuTrigger>
      </Group>
      <Separator orientation="vertical" className="rt-sep" />
      <Group className="rt-group" aria-label={t("ui.richtext.group_text")}>
        {mark(
          "bold",
          <b>B</b>,
          run((c) => c.toggleBold()),
          `${MOD}+B`,
        )}
        {mark(
          "italic",
          <i>I</i>,
          run((c) => c.toggleItalic()),
          `${MOD}+I`,
        )}
        {mark(
          "underline",
          <u>U</u>,
          run((c) => c.toggleUnderline()),
          `${MOD}+U`,
        )}
        {mark(
          "strike",
          <s>S</s>,
          run((c) => c.toggleStrike()),
          `${MOD}+Shift+S`,
        )}
        {mark(
          "code",
          <code>{"</>"}</code>,
          run((c) => c.toggleCode()),
          `${MOD}+E`,
        )}
        {mark(
          "subscript",
          <>x₂</>,
          run((c) => c.toggleMark("subscript")),
          `${MOD}+,`,
        )}
        {mark(
          "superscript",
          <>x²</>,
          run((c) => c.toggleMark("superscript")),
          `${MOD}+.`,
        )}
        {mark("link", <LinkIcon />, onLink, `${MOD}+K`)}
      </Group>
      <Separator orientation="vertical" className="rt-sep" />
      <Group className="rt-group" aria-label={t("ui.richtext.group_lists")}>
        {mark(
          "bulletList",
          <>•≡</>,
          run((c) => c.toggleBulletList()),
          `${MOD}+Shift+8`,
        )}
        {mark(
          "orderedList",
          <>1≡</>,
          run((c) => c.toggleOrderedList()),
          `${MOD}+Shift+7`,
        )}
        {mark(
          "blockquote",
          <>❝</>,
          run((c) => c.toggleBlockquote()),
          `${MOD}+Shift+B`,
        )}
        {mark(
          "codeBlock",
          <>{"{ }"}</>,
          run((c) => c.toggleCodeBlock()),
          `${MOD}+Alt+C`,
        )}
      </Group>
      <Separator orientation="vertical" className="rt-sep" />
      <Group className="rt-group" aria-label={t("ui.richtext.group_insert")}>
        {action(s.math ? "formula_edit" : "formula", <>∑</>, onFormula, { shortcut: `${MOD}+Shift+M` })}
        {action("image", <ImageIcon />, () => onDialog({ kind: "image" }))}
        {action("embed", <>▶</>, () => onDialog({ kind: "embed" }))}
        {action(
          "horizontalRule",
          <>―</>,
          run((c) => c.setHorizontalRule()),
        )}
        {s.table ? (
          <MenuTrigger>
            <Button className="rt-tool" aria-label={t("ui.richtext.table_menu")}>
              <span aria-hidden="true">⊞▾</span>
            </Button>
            <Popover className="popover">
              <Menu
                className="menu"
                onAction={(k) => {
                  const c = editor.chain().focus();
                  ({
                    addRowAfter: () => c.addRowAfter(),
                    addColumnAfter: () => c.addColumnAfter(),
                    deleteRow: () => c.deleteRow(),
                    deleteColumn: () => c.deleteColumn(),
                    toggleHeaderRow: () => c.toggleHeaderRow(),
                    deleteTable: () => c.deleteTable(),
                  })
                    [String(k) as "addRowAfter"]()
                    .run();
                }}
              >
                {["addRowAfter", "addColumnAfter", "deleteRow", "deleteColumn", "toggleHeaderRow", "deleteTable"].map((k) => (
                  <MenuItem key={k} id={k} className="menu-item">
                    {t(`ui.richtext.table_${k}`)}
                  </MenuItem>
                ))}
              </Menu>
            </Popover>
          </MenuTrigger>
        ) : (
          action(
            "table",
            <>⊞</>,
            run((c) => c.insertTable({ rows: 3, cols: 3, withHeaderRow: true })),
          )
        )}
      </Group>
      <Separator orientation="vertical" className="rt-sep" />
      <Group className="rt-group" aria-label={t("ui.richtext.group_history")}>
        {action(
          "undo",
          <>↶</>,
          run((c) => c.undo()),
          { shortcut: `${MOD}+Z`, disabled: !s.canUndo },
        )}
        {action(
          "redo",
          <>↷</>,
          run((c) => c.redo()),
          { shortcut: `${MOD}+Shift+Z`, disabled: !s.canRedo },
        )}
      </Group>
    </Toolbar>
  );
}

const LinkIcon = () => (
  <svg
    width="18"
    height="18"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2.2"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    <path d="M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7" />
    <path d="M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7" />
  </svg>
);
const ImageIcon = () => (
  <svg
    width="18"
    height="18"
    viewBox="0 0 24 24"
    fill="none"
    stroke="currentColor"
    strokeWidth="2.2"
    strokeLinecap="round"
    strokeLinejoin="round"
    aria-hidden="true"
  >
    <rect x="3" y="4" width="18" height="16" rx="2" />
    <circle cx="8.5" cy="9.5" r="1.5" />
    <path d="m21 16-5-5-9 9" />
  </svg>
);

// ---- small dialogs ----------------------------------------------------------------------------

function DialogField({
  label,
  value,
  onChange,
  error,
  help,
  autoFocus,
  type = "text",
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: string;
  help?: string;
  autoFocus?: boolean;
  type?: string;
}) {
  return (
    <TextField className="field" value={value} onChange={onChange} isInvalid={!!error} autoFocus={autoFocus} type={type}>
      <Label>{label}</Label>
      <Input />
      {help && (
        <Text slot="description" className="field-help">
          {help}
        </Text>
      )}
      {error && <p className="field-error">{error}</p>}
    </TextField>
  );
}

function LinkDialog({ editor, initial, onClose }: { editor: Editor; initial: string; onClose: () => void }) {
  const t = useT();
  const [href, setHref] = useState(initial);
  const [error, setError] = useState<string>();
  const normalized = () => {
    const h = href.trim();
    return /^[a-z][a-z0-9+.-]*:|^[/#?.]/i.test(h) ? h : `https://${h}`;
  };
  return (
    <EditorDialog
      title={t(initial ? "ui.richtext.link_edit_title" : "ui.richtext.link_title")}
      onClose={onClose}
      submit={t("ui.richtext.apply")}
      onSubmit={() => {
        const h = normalized();
        if (!isSafeHref(h)) return setError(t("ui.richtext.link_invalid"));
        editor.chain().focus().extendMarkRange("link").setLink({ href: h, target: "_blank" }).run();
        onClose();
      }}
      extra={
        initial ? (
          <Button
            className="btn btn-danger"
            onPress={() => {
              editor.chain().focus().extendMarkRange("link").unsetLink().run();
              onClose();
            }}
          >
            {t("ui.richtext.link_remove")}
          </Button>
        ) : undefined
      }
    >
      <DialogField
        label={t("ui.richtext.link_href")}
        value={href}
        onChange={(v) => {
          setHref(v);
          setError(undefined);
        }}
        error={error}
        help={t("ui.richtext.link_help")}
        autoFocus
      />
    </EditorDialog>
  );
}

function ImageDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const t = useT();
  const [src, setSrc] = useState("");
  const [alt, setAlt] = useState("");
  const [decorative, setDecorative] = useState(false);
  const [errors, setErrors] = useState<{ src?: string; alt?: string }>({});
  return (
    <EditorDialog
      title={t("ui.richtext.image_title")}
      onClose={onClose}
      submit={t("ui.richtext.insert")}
      onSubmit={() => {
        const next = {
          src: isSafeImageSrc(src.trim()) ? undefined : t("ui.richtext.image_invalid"),
          alt: decorative || alt.trim() ? undefined : t("ui.richtext.image_alt_required"),
        };
        setErrors(next);
        if (next.src || next.alt) return;
        editor
          .chain()
          .focus()
          .setImage({ src: src.trim(), alt: decorative ? "" : alt.trim() })
          .run();
        onClose();
      }}
    >
      <DialogField label={t("ui.richtext.image_src")} value={src} onChange={setSrc} error={errors.src} help={t("ui.richtext.image_help")} autoFocus type="url" />
      {!decorative && <DialogField label={t("ui.richtext.image_alt")} value={alt} onChange={setAlt} error={errors.alt} help={t("ui.richtext.image_alt_help")} />}
      <Checkbox className="checkbox" isSelected={decorative} onChange={setDecorative}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.richtext.image_decorative")}
      </Checkbox>
    </EditorDialog>
  );
}

function EmbedDialog({ editor, onClose }: { editor: Editor; onClose: () => void }) {
  const t = useT();
  const [url, setUrl] = useState("");
  const [title, setTitle] = useState("");
  const [errors, setErrors] = useState<{ url?: string; title?: string }>({});
  return (
    <EditorDialog
      title={t("ui.richtext.embed_title")}
      onClose={onClose}
      submit={t("ui.richtext.insert")}
      onSubmit={() => {
        const src = toEmbedSrc(url);
        const next = { url: src ? undefined : t("ui.richtext.embed_invalid"), title: title.trim() ? undefined : t("ui.richtext.embed_title_required") };
        setErrors(next);
        if (!src || next.title) return;
        editor
          .chain()
          .focus()
          .insertContent({ type: "embed", attrs: { src, title: title.trim() } })
          .run();
        onClose();
      }}
    >
      <DialogField label={t("ui.richtext.embed_url")} value={url} onChange={setUrl} error={errors.url} help={t("ui.richtext.embed_help")} autoFocus type="url" />
      <DialogField label={t("ui.richtext.embed_name")} value={title} onChange={setTitle} error={errors.title} help={t("ui.richtext.embed_name_help")} />
    </EditorDialog>
  );
}

// ---- preview (server rendering) ---------------------------------------------------------------

function PreviewPanel({ json }: { json: string }) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<{ html?: string; error?: string; fields?: string[] }>({});
  useEffect(() => {
    if (!open) return;
    let live = true;
    const timer = setTimeout(() => {
      api(previewRichText, { body: { doc: JSON.parse(json) } })
        .then((r) => live && setState({ html: r.html }))
        .catch(
          (e) =>
            live &&
            setState({ error: e instanceof ApiError ? e.message : t("ui.errors.unexpected"), fields: e instanceof ApiError ? Object.values(e.fields) : [] }),
        );
    }, 300);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [open, json, t]);
  return (
    <div className="rt-preview">
      <ToggleButton className="btn btn-secondary btn-small" isSelected={open} onChange={setOpen}>
        {t(open ? "ui.richtext.preview_hide" : "ui.richtext.preview_show")}
      </ToggleButton>
      {open && (
        <section className="rt-preview-body" aria-label={t("ui.richtext.preview_region")}>
          {state.error ? (
            <div className="alert alert-error" role="alert">
              <p>{state.error}</p>
              {state.fields && state.fields.length > 0 && (
                <ul>
                  {state.fields.map((f) => (
                    <li key={f}>{f}</li>
                  ))}
                </ul>
              )}
            </div>
          ) : state.html !== undefined ? (
            <RichTextView html={state.html} />
          ) : (
            <p className="field-help">{t("ui.common.loading")}</p>
          )}
        </section>
      )}
    </div>
  );
}
