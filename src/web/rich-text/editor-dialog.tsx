import type { ReactNode } from "react";
import { Button, Dialog, Heading, Modal, ModalOverlay } from "react-aria-components";
import { useT } from "../i18n.tsx";

/**
 * A dialog of the editor (link, image, embed, formula): one form whose submit stays inside the
 * dialog, then the submit button, any other action, and Cancel.
 */
export function EditorDialog({
  title,
  onClose,
  onSubmit,
  submit,
  submitDisabled,
  extra,
  wide,
  className,
  children,
}: {
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  /** the submit button's text */
  submit: string;
  submitDisabled?: boolean;
  /** an action between submit and Cancel (removing a link) */
  extra?: ReactNode;
  /** a wider modal (the formula's inputs and preview) */
  wide?: boolean;
  /** classes of the dialog besides "dialog" */
  className?: string;
  children: ReactNode;
}) {
  const t = useT();
  return (
    <ModalOverlay className="modal-overlay" isDismissable isOpen onOpenChange={(o) => !o && onClose()}>
      <Modal className={wide ? "modal modal-wide" : "modal"}>
        <Dialog className={className ? `dialog ${className}` : "dialog"}>
          <div className="dialog-head">
            <Heading slot="title">{title}</Heading>
            <Button className="btn btn-quiet btn-icon" onPress={onClose} aria-label={t("ui.common.close")}>
              <span aria-hidden="true">✕</span>
            </Button>
          </div>
          <form
            className="form"
            onSubmit={(e) => {
              e.preventDefault();
              // the dialog is portalled, but React bubbles its submit to the form around the editor
              e.stopPropagation();
              onSubmit();
            }}
          >
            {children}
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary" isDisabled={submitDisabled}>
                {submit}
              </Button>
              {extra}
              <Button className="btn btn-secondary" onPress={onClose}>
                {t("ui.common.cancel")}
              </Button>
            </div>
          </form>
        </Dialog>
      </Modal>
    </ModalOverlay>
  );
}
