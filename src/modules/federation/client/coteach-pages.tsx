import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { Button, Form } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { emptyDoc, type RichTextDocument, RichTextEditor } from "../../../web/rich-text/index.ts";
import { Field, FormAlert, ModalButton, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { addPartnerPage, updatePartnerPage } from "../shared/contract.ts";

type Course = { agreementId: string; courseId: string };

/**
 * Co-teaching: a page written from home into a section of the partner's course, or a page of it
 * changed. The partner's own course rules decide; the page is the partner's.
 */
function PageForm({
  initial,
  onSave,
  pending,
  error,
  close,
}: {
  initial: { title: string; body: RichTextDocument | null };
  onSave: (v: { title: string; body: RichTextDocument }) => void;
  pending: boolean;
  error: ReturnType<typeof useFormErrors>["error"];
  close: () => void;
}) {
  const t = useT();
  const [title, setTitle] = useState(initial.title);
  const [body, setBody] = useState<RichTextDocument>(initial.body ?? emptyDoc());
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSave({ title, body });
  };
  return (
    <Form className="form" onSubmit={submit} validationErrors={error?.fields}>
      <FormAlert error={error} />
      <Field name="title" label={t("ui.federation.coteach.pageTitle")} value={title} onChange={setTitle} isRequired autoFocus />
      <RichTextEditor label={t("ui.federation.coteach.pageText")} defaultValue={initial.body} onChange={setBody} errorMessage={error?.fields.body} />
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={pending}>
          {t("ui.federation.coteach.savePage")}
        </Button>
        <Button className="btn btn-secondary" onPress={close}>
          {t("ui.common.cancel")}
        </Button>
      </div>
    </Form>
  );
}

export function AddPartnerPage({ course, sectionId, sectionTitle }: { course: Course; sectionId: string; sectionTitle: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const { error, onError, clear } = useFormErrors();
  const save = useMutation({
    mutationFn: (v: { title: string; body: RichTextDocument }) => api(addPartnerPage, { params: course, body: { sectionId, ...v } }),
    onSuccess: (r) => {
      clear();
      setOpen(false);
      qc.invalidateQueries({ queryKey: ["federation", "course", course.courseId] });
      announce(t("ui.federation.coteach.pageAdded", { title: r.title }));
    },
    onError,
  });
  return (
    <ModalButton
      variant="secondary"
      label={t("ui.federation.coteach.addPage")}
      ariaLabel={t("ui.federation.coteach.addPageTo", { section: sectionTitle })}
      title={t("ui.federation.coteach.addPageTo", { section: sectionTitle })}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) clear();
      }}
    >
      {(close) => <PageForm initial={{ title: "", body: null }} onSave={(v) => save.mutate(v)} pending={save.isPending} error={error} close={close} />}
    </ModalButton>
  );
}

export function EditPartnerPage({ course, item }: { course: Course; item: { id: string; title: string; bodyDoc: unknown } }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const { error, onError, clear } = useFormErrors();
  const save = useMutation({
    mutationFn: (v: { title: string; body: RichTextDocument }) => api(updatePartnerPage, { params: { ...course, itemId: item.id }, body: v }),
    onSuccess: (r) => {
      clear();
      setOpen(false);
      qc.invalidateQueries({ queryKey: ["federation", "course", course.courseId] });
      qc.invalidateQueries({ queryKey: ["federation", "item", item.id] });
      announce(t("ui.federation.coteach.pageSaved", { title: r.title }));
    },
    onError,
  });
  return (
    <ModalButton
      variant="secondary"
      label={t("ui.federation.coteach.editPage")}
      ariaLabel={t("ui.federation.coteach.editPageNamed", { title: item.title })}
      title={t("ui.federation.coteach.editPageNamed", { title: item.title })}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        if (!o) clear();
      }}
    >
      {(close) => (
        <PageForm
          initial={{ title: item.title, body: (item.bodyDoc as RichTextDocument | null) ?? null }}
          onSave={(v) => save.mutate(v)}
          pending={save.isPending}
          error={error}
          close={close}
        />
      )}
    </ModalButton>
  );
}
