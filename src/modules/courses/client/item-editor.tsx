import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { Button, Form } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { emptyDoc, RichTextEditor } from "../../../web/rich-text/index.ts";
import { Field, FormAlert, formValues, Loading, PageTitle, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { COMPLETION_RULES, getItem, updateItem } from "../shared/contract.ts";
import { FileUpload } from "../../files/client/index.ts";
import { CourseUnavailable, cannotEdit } from "./parts.tsx";
import { courseQuery } from "./queries.ts";
import "./courses.css";

/** Editing one item: a page's content with the rich-text editor (maths included), a link's address. */
export function ItemEditorPage() {
  const t = useT();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const q = useQuery({ queryKey: ["course", id, "item", itemId, "edit"], queryFn: () => api(getItem, { params: { id, itemId } }), staleTime: Number.POSITIVE_INFINITY });
  const course = useQuery(courseQuery(id));
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(updateItem, {
        params: { id, itemId },
        body: {
          title: v.title,
          completion: v.completion as "viewed",
          ...(q.data?.kind === "page" && v.body ? { body: JSON.parse(v.body) } : {}),
          ...(q.data?.kind === "link" ? { url: v.url } : {}),
          ...(q.data?.kind === "file" || q.data?.kind === "video" ? { fileId: v.fileId || null } : {}),
          ...(q.data?.kind === "video" ? { captionsFileId: v.captionsFileId || null } : {}),
        },
      }),
    onSuccess: () => {
      clear();
      qc.invalidateQueries({ queryKey: ["course", id] });
      announce(t("ui.courses.saved"));
      navigate({ to: "/courses/$id/edit", params: { id } });
    },
    onError,
  });
  if (q.isError) return <CourseUnavailable error={q.error} />;
  if (course.isError) return <CourseUnavailable error={course.error} />;
  if (q.isPending || course.isPending) return <Loading />;
  if (!course.data.capabilities.edit) return <CourseUnavailable error={cannotEdit()} courseId={id} />;
  const item = q.data;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.courses.breadcrumb")}>
        <Link to="/courses/$id/edit" params={{ id }}>
          {t("ui.courses.backToEditor")}
        </Link>
      </nav>
      <PageTitle>{t("ui.courses.editItem", { title: item.title })}</PageTitle>
      <Form className="form" validationErrors={error?.fields} onSubmit={(e) => m.mutate(formValues(e))}>
        <FormAlert error={error} />
        <Field name="title" label={t("ui.courses.fields.itemTitle")} isRequired defaultValue={item.title} />
        {item.kind === "page" && (
          <RichTextEditor name="body" label={t("ui.courses.fields.body")} defaultValue={(item.bodyDoc as never) ?? emptyDoc()} errorMessage={error?.fields.body} isRequired />
        )}
        {item.kind === "link" && <Field name="url" type="url" label={t("ui.courses.fields.url")} description={t("ui.courses.fields.urlHelp")} isRequired defaultValue={item.url ?? ""} />}
        {item.kind === "file" && <FileUpload purpose="document" name="fileId" label={t("ui.courses.kinds.file")} isRequired initialId={item.fileId} errorMessage={error?.fields.fileId} />}
        {item.kind === "video" && (
          <>
            <FileUpload purpose="video" name="fileId" label={t("ui.courses.kinds.video")} isRequired initialId={item.fileId} errorMessage={error?.fields.fileId} />
            <FileUpload purpose="captions" name="captionsFileId" label={t("ui.files.captions")} initialId={item.captionsFileId} errorMessage={error?.fields.captionsFileId} />
          </>
        )}
        <SelectField
          name="completion"
          label={t("ui.courses.fields.completion")}
          defaultValue={item.completion}
          options={COMPLETION_RULES.map((r) => ({ id: r, label: t(`ui.courses.completion.${r}`) }))}
        />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.common.save")}
          </Button>
          <Link className="btn btn-secondary" to="/courses/$id/edit" params={{ id }}>
            {t("ui.common.cancel")}
          </Link>
        </div>
      </Form>
    </>
  );
}
