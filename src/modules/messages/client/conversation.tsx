import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useEffect, useRef, useState } from "react";
import { Button, Form, Label, Menu, MenuItem, MenuTrigger, Popover, TextArea, TextField } from "react-aria-components";
import { useIntl } from "react-intl";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, Loading, ModalButton, PageTitle, QueryError, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { FileUpload, useFormatSize } from "../../files/client/file-upload.tsx";
import { fileUrl } from "../../files/shared/contract.ts";
import { blockPerson, getConversation, type Message, markConversationRead, reportMessage, sendMessage, unblockPerson } from "../shared/contract.ts";
import { messagesKey, titleOf } from "./inbox.tsx";

/** One conversation: its messages with read marks and files, a reply box, block and report. */
export function ConversationPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const q = useQuery({ queryKey: [...messagesKey, "conversation", id], queryFn: () => api(getConversation, { params: { id }, query: {} }) });
  const newest = q.data?.messages.at(-1)?.id;
  // reading the page marks it read (and its notifications): again when a message arrives live
  useEffect(() => {
    if (!newest) return;
    api(markConversationRead, { params: { id } })
      .then(() => qc.invalidateQueries({ queryKey: ["notifications"] }))
      .catch(() => undefined);
  }, [id, newest, qc]);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const title = titleOf(d.conversation, t("ui.messages.nobody"));
  const direct = d.conversation.members.length === 1 ? d.conversation.members[0]! : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/messages">
          <span aria-hidden="true">← </span>
          {t("ui.messages.title")}
        </Link>
      </p>
      <PageTitle actions={direct && <BlockButton userId={direct.id} name={direct.name} blocked={d.blocked.includes(direct.id)} conversationId={id} />}>
        {title}
      </PageTitle>
      {d.conversation.members.length > 1 && (
        <p className="muted">{t("ui.messages.members", { names: d.conversation.members.map((m) => m.name).join(", ") })}</p>
      )}
      <ol className="thread" aria-label={t("ui.messages.thread")}>
        {d.messages.map((m) => (
          <MessageItem key={m.id} m={m} others={d.conversation.members.length} />
        ))}
      </ol>
      <Reply conversationId={id} />
    </>
  );
}

function MessageItem({ m, others }: { m: Message; others: number }) {
  const t = useT();
  const intl = useIntl();
  const size = useFormatSize();
  const [reporting, setReporting] = useState(false);
  return (
    <li className={`bubble ${m.mine ? "bubble-mine" : ""}`}>
      <div className="bubble-head">
        <span className="bubble-sender">{m.mine ? t("ui.messages.me") : m.senderName}</span>
        <time className="muted small" dateTime={m.createdAt}>
          {intl.formatDate(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}
        </time>
      </div>
      <p className="bubble-body">{m.body}</p>
      {m.files.length > 0 && (
        <ul className="bubble-files">
          {m.files.map((f) => (
            <li key={f.id}>
              <a href={url(fileUrl(f.id))} download={f.name}>
                {t("ui.files.download", { name: f.name, size: size(f.size) })}
              </a>
            </li>
          ))}
        </ul>
      )}
      <div className="bubble-foot">
        {m.mine ? (
          <span className="muted small">
            {m.readBy === 0 ? t("ui.messages.notRead") : others === 1 ? t("ui.messages.read") : t("ui.messages.readBy", { count: m.readBy })}
          </span>
        ) : (
          <ModalButton
            label={t("ui.messages.report")}
            title={t("ui.messages.reportTitle")}
            isOpen={reporting}
            onOpenChange={setReporting}
            variant="quiet"
            ariaLabel={t("ui.messages.reportLabel", { name: m.senderName })}
          >
            {() => <ReportForm messageId={m.id} onDone={() => setReporting(false)} />}
          </ModalButton>
        )}
      </div>
    </li>
  );
}

function ReportForm({ messageId, onDone }: { messageId: string; onDone: () => void }) {
  const t = useT();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (reason: string) => api(reportMessage, { params: { messageId }, body: { reason } }),
    onMutate: clear,
    onError,
    onSuccess: () => {
      announce(t("ui.messages.reported"));
      onDone();
    },
  });
  return (
    <Form
      className="form msg-form"
      validationErrors={error?.fields}
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate(String(new FormData(e.currentTarget).get("reason") ?? ""));
      }}
    >
      <FormAlert error={error} />
      <TextField className="field" name="reason" isRequired minLength={3}>
        <Label>{t("ui.messages.reason")}</Label>
        <TextArea rows={3} />
      </TextField>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
          {t("ui.messages.reportSend")}
        </Button>
      </div>
    </Form>
  );
}

function BlockButton({ userId, name, blocked, conversationId }: { userId: string; name: string; blocked: boolean; conversationId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const m = useMutation({
    mutationFn: () => (blocked ? api(unblockPerson, { params: { userId } }) : api(blockPerson, { params: { userId } })),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: [...messagesKey, "conversation", conversationId] });
      announce(t(r.blocked ? "ui.messages.blockedDone" : "ui.messages.unblockedDone", { name }));
    },
  });
  return (
    <MenuTrigger>
      <Button className="btn btn-secondary" aria-label={t("ui.messages.actions")}>
        {t("ui.messages.actionsShort")} <span aria-hidden="true">▾</span>
      </Button>
      <Popover className="popover" placement="bottom end">
        <Menu className="menu" onAction={() => m.mutate()}>
          <MenuItem id="block" className="menu-item">
            {blocked ? t("ui.messages.unblock", { name }) : t("ui.messages.block", { name })}
          </MenuItem>
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

function Reply({ conversationId }: { conversationId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const [body, setBody] = useState("");
  const [fileId, setFileId] = useState<string | null>(null);
  const [uploadKey, setUploadKey] = useState(0);
  const ref = useRef<HTMLTextAreaElement>(null);
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: () => api(sendMessage, { params: { id: conversationId }, body: { body, fileIds: fileId ? [fileId] : [] } }),
    onMutate: clear,
    onError,
    onSuccess: () => {
      setBody("");
      setFileId(null);
      setUploadKey((k) => k + 1);
      qc.invalidateQueries({ queryKey: messagesKey });
      ref.current?.focus();
    },
  });
  return (
    <Form
      className="form card reply msg-form"
      validationErrors={error?.fields}
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <FormAlert error={error} />
      <TextField className="field" name="body" value={body} onChange={setBody} isRequired>
        <Label>{t("ui.messages.reply")}</Label>
        <TextArea ref={ref} rows={3} />
      </TextField>
      <FileUpload key={uploadKey} purpose="document" name="file" label={t("ui.messages.attach")} onChange={(f) => setFileId(f?.id ?? null)} />
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={m.isPending} isDisabled={!body.trim()}>
          {t("ui.messages.send")}
        </Button>
      </div>
    </Form>
  );
}
