import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form, Input, Label, SearchField, Tag, TagGroup, TagList, TextArea, TextField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Field, FormAlert, PageTitle, useFormErrors } from "../../../web/ui.tsx";
import { FileUpload } from "../../files/client/file-upload.tsx";
import { type Person, searchRecipients, startConversation } from "../shared/contract.ts";
import { messagesKey } from "./inbox.tsx";

/** A new message: recipients found by name among the people the communication rules allow, a text, an optional file. */
export function NewMessagePage() {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [q, setQ] = useState("");
  const [chosen, setChosen] = useState<Person[]>([]);
  const [body, setBody] = useState("");
  const [fileId, setFileId] = useState<string | null>(null);
  const found = useQuery({ queryKey: [...messagesKey, "recipients", q], queryFn: () => api(searchRecipients, { query: { q } }), placeholderData: (p) => p });
  const { error, onError, clear } = useFormErrors();
  const send = useMutation({
    mutationFn: (title: string) =>
      api(startConversation, {
        body: { recipientIds: chosen.map((c) => c.id), body, fileIds: fileId ? [fileId] : [], ...(chosen.length > 1 && title ? { title } : {}) },
      }),
    onMutate: clear,
    onError,
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: messagesKey });
      navigate({ to: "/messages/$id", params: { id: r.conversationId } });
    },
  });
  const options = (found.data?.items ?? []).filter((p) => !chosen.some((c) => c.id === p.id));
  return (
    <>
      <p className="breadcrumb">
        <Link to="/messages">
          <span aria-hidden="true">← </span>
          {t("ui.messages.title")}
        </Link>
      </p>
      <PageTitle>{t("ui.messages.new")}</PageTitle>
      <Form
        className="form card section msg-form"
        validationErrors={error?.fields}
        onSubmit={(e) => {
          e.preventDefault();
          send.mutate(String(new FormData(e.currentTarget).get("title") ?? ""));
        }}
      >
        <FormAlert error={error} />
        <TagGroup className="recipients" aria-label={t("ui.messages.to")} onRemove={(keys) => setChosen(chosen.filter((c) => !keys.has(c.id)))}>
          <Label>{t("ui.messages.to")}</Label>
          <TagList className="tag-list" renderEmptyState={() => <span className="muted">{t("ui.messages.noRecipient")}</span>}>
            {chosen.map((c) => (
              <Tag key={c.id} id={c.id} className="tag" textValue={c.name}>
                {c.name}
                <Button slot="remove" className="tag-remove" aria-label={t("ui.messages.remove", { name: c.name })}>
                  ×
                </Button>
              </Tag>
            ))}
          </TagList>
        </TagGroup>
        <SearchField className="field" value={q} onChange={setQ}>
          <Label>{t("ui.messages.search")}</Label>
          <Input />
        </SearchField>
        <p className="field-help">{t("ui.messages.rulesHelp")}</p>
        <ul className="pick-list" aria-label={t("ui.messages.results")}>
          {options.length === 0 && <li className="muted">{t("ui.messages.noMatch")}</li>}
          {options.map((p) => (
            <li key={p.id}>
              <Button className="pick" onPress={() => setChosen([...chosen, p])} aria-label={t("ui.messages.add", { name: p.name })}>
                <span>{p.name}</span>
                <span className="muted small">{t(`ui.profiles.${p.profile}`)}</span>
              </Button>
            </li>
          ))}
        </ul>
        {chosen.length > 1 && <Field name="title" label={t("ui.messages.groupTitle")} description={t("ui.messages.groupTitleHelp")} />}
        <TextField className="field" name="body" value={body} onChange={setBody} isRequired>
          <Label>{t("ui.messages.body")}</Label>
          <TextArea rows={6} />
        </TextField>
        <FileUpload purpose="document" name="file" label={t("ui.messages.attach")} onChange={(f) => setFileId(f?.id ?? null)} />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={send.isPending} isDisabled={chosen.length === 0 || !body.trim()}>
            {t("ui.messages.send")}
          </Button>
        </div>
      </Form>
    </>
  );
}
