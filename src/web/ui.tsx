import type { CalendarDate } from "@internationalized/date";
import { createContext, type FormEvent, type ReactNode, useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from "react";
import {
  Button,
  DateInput,
  DatePicker,
  DateSegment,
  Dialog,
  DialogTrigger,
  FieldError,
  FileTrigger,
  Group,
  Heading,
  Input,
  type Key,
  Label,
  ListBox,
  ListBoxItem,
  Modal,
  ModalOverlay,
  Popover,
  Select,
  SelectValue,
  Text,
  TextField,
} from "react-aria-components";
import { ApiError } from "./api.ts";
import { useT } from "./i18n.tsx";

/** The page's h1: focused after each navigation so screen readers announce the new page. */
export function PageTitle({ children, actions }: { children: ReactNode; actions?: ReactNode }) {
  return (
    <div className="page-head">
      <h1 tabIndex={-1} className="page-title">
        {children}
      </h1>
      {actions && <div className="page-actions">{actions}</div>}
    </div>
  );
}

// ---- live region: visible and announced status messages ----
type Announce = (message: string, tone?: "ok" | "error") => void;
export const SIGNED_OUT = "archipel:signed-out";
const AnnounceContext = createContext<Announce>(() => undefined);
export const useAnnounce = () => useContext(AnnounceContext);

export function Announcer({ children }: { children: ReactNode }) {
  const [msg, setMsg] = useState<{ text: string; tone: "ok" | "error"; n: number } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const announce = useCallback<Announce>((text, tone = "ok") => {
    clearTimeout(timer.current);
    setMsg((m) => ({ text, tone, n: (m?.n ?? 0) + 1 }));
    timer.current = setTimeout(() => setMsg(null), 6000);
  }, []);
  // what was said to one person is not shown to the next one on a shared device
  useEffect(() => {
    const clear = () => setMsg(null);
    window.addEventListener(SIGNED_OUT, clear);
    return () => window.removeEventListener(SIGNED_OUT, clear);
  }, []);
  return (
    <AnnounceContext.Provider value={announce}>
      {children}
      <div className="toast-region" role="status" aria-live="polite" aria-atomic="true">
        {msg && (
          <p key={msg.n} className={`toast toast-${msg.tone}`}>
            {msg.text}
          </p>
        )}
      </div>
    </AnnounceContext.Provider>
  );
}

// ---- errors ----
export type FormErrorState = { message: string; fields: Record<string, string> } | null;

export function useErrorText() {
  const t = useT();
  return (e: unknown) => {
    if (e instanceof ApiError) {
      if (e.code === "network") return t("ui.errors.network");
      return e.message || t("ui.errors.unexpected");
    }
    return t("ui.errors.unexpected");
  };
}

/** Keeps a mutation's error as a message plus per-field messages (for RAC Form validationErrors). */
export function useFormErrors() {
  const [error, setError] = useState<FormErrorState>(null);
  const text = useErrorText();
  const onError = useCallback(
    (e: unknown) => setError({ message: text(e), fields: e instanceof ApiError ? stripPrefix(e.fields) : {} }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [text],
  );
  return { error, setError, onError, clear: () => setError(null) };
}

/** Server field paths ("body.admin.email", "hostnames.2") to form field names ("admin.email", "hostnames"). */
const stripPrefix = (f: Record<string, string>) => {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(f)) {
    const name = k.replace(/^(body|query)\./, "");
    out[name] = v;
    const collapsed = name.replace(/\.\d+(?=\.|$)/g, "");
    if (!(collapsed in out)) out[collapsed] = v;
  }
  return out;
};

export function FormAlert({ error }: { error: FormErrorState | string | null | undefined }) {
  const ref = useRef<HTMLDivElement>(null);
  const [orphans, setOrphans] = useState<string[]>([]);
  // field messages with no field on screen (e.g. the token of a reset link) are listed here
  useLayoutEffect(() => {
    const form = ref.current?.closest("form");
    if (!form || !error || typeof error === "string") return setOrphans([]);
    const shown = (k: string) =>
      !!form.querySelector(`[name="${CSS.escape(k)}"]`) || !!form.querySelector(`[name="${CSS.escape(k.replace(/\.\d+(?=\.|$)/g, ""))}"]`);
    setOrphans([
      ...new Set(
        Object.entries(error.fields)
          .filter(([k]) => !shown(k))
          .map(([, v]) => v),
      ),
    ]);
    // after a refused submit, focus goes to the first field to fix, or to the message
    requestAnimationFrame(() => {
      const invalid = form.querySelector<HTMLElement>('[aria-invalid="true"]');
      (invalid ?? ref.current)?.focus();
    });
  }, [error]);
  // React Aria drops a field's server message on the field's change event, which comes with the blur when the
  // person presses the submit button: the message goes, the button moves up from under the pointer and the
  // click is lost (and the form never sent). The message goes as soon as they type instead.
  useEffect(() => {
    const form = ref.current?.closest("form");
    if (!form || !error || typeof error === "string") return;
    const typed = (e: Event) => {
      if (e.target instanceof HTMLElement && e.target.getAttribute("aria-invalid") === "true") e.target.dispatchEvent(new Event("change", { bubbles: true }));
    };
    form.addEventListener("input", typed);
    return () => form.removeEventListener("input", typed);
  }, [error]);
  if (!error) return null;
  const text = typeof error === "string" ? error : error.message;
  return (
    <div className="alert alert-error" role="alert" ref={ref} tabIndex={-1}>
      <p>{text}</p>
      {orphans.length > 0 && (
        <ul>
          {orphans.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Field values of a submitted form, as strings. */
export const formValues = (e: FormEvent<HTMLFormElement>) => {
  e.preventDefault();
  return fieldValues(new FormData(e.currentTarget));
};

/** The text fields of a form's data (as MutationForm gives it), by name. */
export const fieldValues = (data: FormData) => {
  const out: Record<string, string> = {};
  for (const [k, v] of data) if (typeof v === "string") out[k] = v;
  return out;
};

/** `null` for an empty text (optional fields). */
export const orNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

// ---- fields ----
type FieldProps = {
  name: string;
  label: string;
  description?: string;
  type?: "text" | "email" | "password" | "search" | "url";
  isRequired?: boolean;
  defaultValue?: string;
  value?: string;
  onChange?: (v: string) => void;
  autoComplete?: string;
  validate?: (v: string) => string | null | undefined;
  isDisabled?: boolean;
  className?: string;
  autoFocus?: boolean;
  inputMode?: "text" | "email";
  pattern?: string;
};

export function Field({ name, label, description, type = "text", className, autoFocus, ...rest }: FieldProps) {
  return (
    <TextField name={name} type={type} className={`field ${className ?? ""}`} autoFocus={autoFocus} {...rest}>
      <Label>
        {label}
        {rest.isRequired && <RequiredMark />}
      </Label>
      <Input />
      {description && (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      )}
      <FieldError className="field-error" />
    </TextField>
  );
}

function RequiredMark() {
  return (
    <span className="required" aria-hidden="true">
      {" "}
      *
    </span>
  );
}

export type Option = { id: string; label: string; depth?: number };

export function SelectField({
  name,
  label,
  options,
  isRequired,
  defaultValue,
  value,
  onChange,
  description,
  placeholder,
  className,
  isDisabled,
}: {
  name?: string;
  label: string;
  options: Option[];
  isRequired?: boolean;
  defaultValue?: string | null;
  value?: string | null;
  onChange?: (v: string) => void;
  description?: string;
  placeholder?: string;
  className?: string;
  isDisabled?: boolean;
}) {
  return (
    <Select
      name={name}
      className={`field select ${className ?? ""}`}
      isRequired={isRequired}
      isDisabled={isDisabled}
      placeholder={placeholder}
      {...(value !== undefined ? { value: value as Key | null } : { defaultValue: defaultValue as Key | null })}
      onChange={(k) => k != null && onChange?.(String(k))}
    >
      <Label>
        {label}
        {isRequired && <RequiredMark />}
      </Label>
      <Button className="select-button">
        <SelectValue />
        <span aria-hidden="true" className="chevron">
          ▾
        </span>
      </Button>
      {description && (
        <Text slot="description" className="field-help">
          {description}
        </Text>
      )}
      <FieldError className="field-error" />
      <Popover className="popover">
        <ListBox className="listbox">
          {options.map((o) => (
            <ListBoxItem
              key={o.id}
              id={o.id}
              className="listbox-item"
              textValue={o.label}
              style={o.depth ? { paddingInlineStart: `${0.75 + o.depth * 1}rem` } : undefined}
            >
              {o.label}
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

// ---- dialogs ----
/** A modal dialog opened by a button; `children` receives `close`. */
export function ModalButton({
  label,
  title,
  children,
  variant = "primary",
  isOpen,
  onOpenChange,
  ariaLabel,
}: {
  ariaLabel?: string;
  label: ReactNode;
  title: string;
  children: (close: () => void) => ReactNode;
  variant?: "primary" | "secondary" | "quiet";
  isOpen?: boolean;
  onOpenChange?: (o: boolean) => void;
}) {
  const t = useT();
  return (
    <DialogTrigger isOpen={isOpen} onOpenChange={onOpenChange}>
      <Button className={`btn btn-${variant}`} aria-label={ariaLabel}>
        {label}
      </Button>
      <ModalOverlay className="modal-overlay" isDismissable>
        <Modal className="modal">
          <Dialog className="dialog">
            {({ close }) => (
              <>
                <div className="dialog-head">
                  <Heading slot="title">{title}</Heading>
                  <Button className="btn btn-quiet btn-icon" onPress={close} aria-label={t("ui.common.close")}>
                    <span aria-hidden="true">✕</span>
                  </Button>
                </div>
                {children(close)}
              </>
            )}
          </Dialog>
        </Modal>
      </ModalOverlay>
    </DialogTrigger>
  );
}

/** The body of a confirmation dialog opened by a ModalButton: a sentence, the action, and Cancel. */
export function Confirm({
  message,
  action,
  danger,
  pending,
  onConfirm,
  close,
}: {
  message: string;
  action: string;
  danger?: boolean;
  pending: boolean;
  onConfirm: () => void;
  close: () => void;
}) {
  const t = useT();
  return (
    <div className="form">
      <p>{message}</p>
      <div className="form-actions">
        <Button className={danger ? "btn btn-danger" : "btn btn-primary"} isPending={pending} onPress={onConfirm}>
          {action}
        </Button>
        <Button className="btn btn-quiet" onPress={close}>
          {t("ui.common.cancel")}
        </Button>
      </div>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {children && <div className="empty-body">{children}</div>}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return (
    <p className="loading" role="status">
      {t("ui.common.loading")}
    </p>
  );
}

export function QueryError({ error }: { error: unknown }) {
  const text = useErrorText();
  return (
    <div className="alert alert-error" role="alert">
      {text(error)}
    </div>
  );
}

export function useProfileOptions() {
  const t = useT();
  return (["learner", "teacher", "parent", "staff", "admin"] as const).map((p) => ({ id: p, label: t(`ui.profiles.${p}`) }));
}

/** A labelled "choose a CSV file" button (or another type: `accept`) with the chosen file's name (imports of people, classes, parents). */
export function CsvFilePicker({
  id,
  label,
  file,
  onFile,
  choose,
  change,
  none,
  accept = [".csv", "text/csv", "text/plain"],
}: { id: string; label: string; file: File | null; onFile: (f: File) => void; choose: string; change: string; none: string; accept?: string[] }) {
  return (
    <div className="field">
      <Label id={`${id}-label`}>{label}</Label>
      <div className="file-pick">
        <FileTrigger
          acceptedFileTypes={accept}
          onSelect={(files) => {
            const f = files?.[0];
            if (f) onFile(f);
          }}
        >
          <Button className="btn btn-secondary" aria-describedby={`${id}-label ${id}-name`}>
            {file ? change : choose}
          </Button>
        </FileTrigger>
        <span id={`${id}-name`} className={file ? "" : "muted"}>
          {file ? file.name : none}
        </span>
      </div>
    </div>
  );
}

/** A required day (react-aria date picker: segments typed or stepped with the arrow keys). */
export function DayField({ label, value, onChange, name }: { label: string; name: string; value: CalendarDate | null; onChange: (v: CalendarDate | null) => void }) {
  return (
    <DatePicker className="field" name={name} value={value} onChange={(v) => onChange(v as CalendarDate | null)} isRequired>
      <Label>{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input">{(s) => <DateSegment segment={s} className="date-segment" />}</DateInput>
      </Group>
      <FieldError className="field-error" />
    </DatePicker>
  );
}
