import { type ReactNode, useState } from "react";
import { Button, Form } from "react-aria-components";
import { useT } from "./i18n.tsx";
import { FormAlert, type FormErrorState, ModalButton, useFormErrors } from "./ui.tsx";

type FormProps = {
  submitLabel: string;
  /** the submit button in red: the action removes or restricts something */
  danger?: boolean;
  /** sends the form, typically a mutation's mutateAsync; it resolves when the server has accepted it */
  onSubmit: (data: FormData, form: HTMLFormElement) => Promise<unknown>;
  /** the fields, given the server's error for those that are not named form controls (a rich-text editor) */
  children: (error: FormErrorState) => ReactNode;
  submitDisabled?: boolean;
  /** "aria": required fields are marked but the server says what is missing (the browser does not stop the form) */
  validationBehavior?: "aria" | "native";
};

/**
 * A form that sends itself to the server: while `onSubmit` runs the submit button waits; when it
 * fails the error shows above the fields (and is focused) and beside each field the server named.
 */
export function MutationForm({
  className,
  heading,
  submitDisabled = false,
  onDone,
  onCancel,
  submitLabel,
  danger = false,
  onSubmit,
  children,
  validationBehavior,
}: FormProps & {
  /** classes besides "form" */
  className?: string;
  /** shown above the error, as the form's first line (a card's title) */
  heading?: ReactNode;
  /** called once `onSubmit` has resolved */
  onDone?: () => void;
  /** a Cancel button beside the submit one */
  onCancel?: () => void;
}) {
  const t = useT();
  const [pending, setPending] = useState(false);
  const { error, setError, onError } = useFormErrors();
  return (
    <Form
      className={className ? `form ${className}` : "form"}
      validationBehavior={validationBehavior}
      validationErrors={error?.fields}
      onSubmit={(e) => {
        e.preventDefault();
        setError(null);
        setPending(true);
        onSubmit(new FormData(e.currentTarget), e.currentTarget)
          .then(() => onDone?.(), onError)
          .finally(() => setPending(false));
      }}
    >
      {heading}
      <FormAlert error={error} />
      {children(error)}
      <div className="form-actions">
        <Button type="submit" className={`btn ${danger ? "btn-danger" : "btn-primary"}`} isPending={pending} isDisabled={submitDisabled}>
          {submitLabel}
        </Button>
        {onCancel && (
          <Button className="btn btn-quiet" onPress={onCancel}>
            {t("ui.common.cancel")}
          </Button>
        )}
      </div>
    </Form>
  );
}

/**
 * A button that opens a dialog holding one MutationForm; the dialog closes once the form is sent.
 * The form is mounted afresh at each opening, so state held inside `children` starts over.
 */
export function FormDialog({
  label,
  ariaLabel,
  title,
  variant = "quiet",
  onOpenChange,
  cancel = false,
  ...form
}: FormProps & {
  label: ReactNode;
  ariaLabel?: string;
  title: string;
  variant?: "primary" | "secondary" | "quiet";
  /** for state kept outside the form (what the submit button says), to start it over */
  onOpenChange?: (open: boolean) => void;
  /** a Cancel button that closes the dialog, beside the submit one */
  cancel?: boolean;
}) {
  const [open, setOpen] = useState(false);
  return (
    <ModalButton
      label={label}
      ariaLabel={ariaLabel}
      title={title}
      variant={variant}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        onOpenChange?.(o);
      }}
    >
      {(close) => <MutationForm {...form} onDone={() => setOpen(false)} onCancel={cancel ? close : undefined} />}
    </ModalButton>
  );
}
