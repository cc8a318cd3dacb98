import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form, Input, Label, Radio, RadioGroup, TextArea, TextField } from "react-aria-components";
import { useIntl } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, Loading, PageTitle, QueryError, SelectField, useFormErrors } from "../../../web/ui.tsx";
import { type Audience, createMailing, listAudiences, listMailings, type MailingSummary, previewAudience } from "../shared/contract.ts";
import "./mailing.css";

export const mailingKey = ["mailings"] as const;

/** Announcements: write to a course (or a segment of its learners) or an organisation node; past mailings with their delivery. */
export function MailingsPage() {
  const t = useT();
  const list = useQuery({
    queryKey: [...mailingKey, "list"],
    queryFn: () => api(listMailings),
    refetchInterval: (q) => (q.state.data?.items.some((m) => m.status !== "done") ? 2000 : false),
  });
  const audiences = useQuery({ queryKey: [...mailingKey, "audiences"], queryFn: () => api(listAudiences) });
  if (list.isPending || audiences.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} />;
  if (audiences.isError) return <QueryError error={audiences.error} />;
  const canWrite = audiences.data.courses.length > 0 || audiences.data.orgs.length > 0;
  return (
    <>
      <PageTitle>{t("ui.mailing.title")}</PageTitle>
      <p className="lead">{t("ui.mailing.lead")}</p>
      {canWrite ? <NewMailing audiences={audiences.data} /> : <p className="alert">{t("ui.mailing.nothing")}</p>}
      <section className="section" aria-labelledby="sent-h">
        <h2 id="sent-h">{t("ui.mailing.sent")}</h2>
        {list.data.items.length === 0 ? (
          <EmptyState title={t("ui.mailing.empty")} />
        ) : (
          <ul className="mailing-list">
            {list.data.items.map((m) => (
              <MailingRow key={m.id} m={m} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

export function Counts({ m }: { m: MailingSummary }) {
  const t = useT();
  const parts = (["sent", "bounced", "failed", "skipped", "queued"] as const).filter((k) => m.counts[k] > 0);
  return (
    <dl className="mailing-counts">
      {parts.map((k) => (
        <div key={k} className={`count count-${k}`}>
          <dt>{t(`ui.mailing.status.${k}`)}</dt>
          <dd>{m.counts[k]}</dd>
        </div>
      ))}
    </dl>
  );
}

function MailingRow({ m }: { m: MailingSummary }) {
  const t = useT();
  const intl = useIntl();
  return (
    <li className="card mailing-row">
      <div className="mailing-row-head">
        <Link to="/mailings/$id" params={{ id: m.id }} className="mailing-subject">
          {m.subject}
        </Link>
        <span className="muted small">
          {t("ui.mailing.to", { audience: m.audienceLabel, count: m.total })} ·{" "}
          <time dateTime={m.createdAt}>{intl.formatDate(m.createdAt, { dateStyle: "medium", timeStyle: "short" })}</time>
        </span>
      </div>
      {m.status !== "done" && <progress max={m.total} value={m.total - m.counts.queued} aria-label={t("ui.mailing.progress", { subject: m.subject })} />}
      <Counts m={m} />
    </li>
  );
}

type Audiences = Awaited<ReturnType<typeof api<typeof listAudiences>>>;

function NewMailing({ audiences }: { audiences: Audiences }) {
  const t = useT();
  const qc = useQueryClient();
  const [sent, setSent] = useState<{ id: string; total: number } | null>(null);
  const [kind, setKind] = useState<"course" | "org">(audiences.courses.length ? "course" : "org");
  const [courseId, setCourseId] = useState(audiences.courses[0]?.id ?? "");
  const [orgId, setOrgId] = useState(audiences.orgs[0]?.id ?? "");
  const [completion, setCompletion] = useState<"all" | "not_completed" | "completed">("all");
  const [enrolledAfter, setEnrolledAfter] = useState("");
  const [groupId, setGroupId] = useState("");
  const course = audiences.courses.find((c) => c.id === courseId);
  const audience: Audience =
    kind === "course" ? { kind, courseId, completion, ...(enrolledAfter ? { enrolledAfter } : {}), ...(groupId ? { groupId } : {}) } : { kind, orgId };
  const ready = kind === "course" ? !!courseId : !!orgId;
  const preview = useQuery({
    queryKey: [...mailingKey, "preview", audience],
    queryFn: () => api(previewAudience, { body: { audience } }),
    enabled: ready,
    retry: false,
  });
  const { error, onError, clear } = useFormErrors();
  const send = useMutation({
    mutationFn: (v: { subject: string; body: string }) => api(createMailing, { body: { audience, ...v } }),
    onMutate: clear,
    onError,
    onSuccess: (r) => {
      setSent(r);
      qc.invalidateQueries({ queryKey: [...mailingKey, "list"] });
    },
  });
  return (
    <Form
      className="form card section msg-form"
      validationErrors={error?.fields}
      aria-labelledby="new-h"
      onSubmit={(e) => {
        e.preventDefault();
        const f = new FormData(e.currentTarget);
        send.mutate({ subject: String(f.get("subject") ?? ""), body: String(f.get("body") ?? "") });
      }}
    >
      <h2 id="new-h">{t("ui.mailing.new")}</h2>
      <FormAlert error={error} />
      {sent && (
        <div className="alert alert-ok" role="status">
          <p>
            {t("ui.mailing.queued", { count: sent.total })}{" "}
            <Link to="/mailings/$id" params={{ id: sent.id }}>
              {t("ui.mailing.seeReport")}
            </Link>
          </p>
        </div>
      )}
      {audiences.courses.length > 0 && audiences.orgs.length > 0 && (
        <RadioGroup className="choice-group" value={kind} onChange={(v) => setKind(v as "course" | "org")} orientation="horizontal">
          <Label>{t("ui.mailing.audience")}</Label>
          <div className="choices">
            <Radio value="course" className="choice">
              {t("ui.mailing.kindCourse")}
            </Radio>
            <Radio value="org" className="choice">
              {t("ui.mailing.kindOrg")}
            </Radio>
          </div>
        </RadioGroup>
      )}
      {kind === "course" ? (
        <>
          <SelectField
            label={t("ui.mailing.course")}
            options={audiences.courses.map((c) => ({ id: c.id, label: c.title }))}
            value={courseId}
            onChange={(v) => {
              setCourseId(v);
              setGroupId("");
            }}
          />
          <div className="grid-fields">
            <SelectField
              label={t("ui.mailing.completion")}
              options={(["all", "not_completed", "completed"] as const).map((c) => ({ id: c, label: t(`ui.mailing.completion_${c}`) }))}
              value={completion}
              onChange={(v) => setCompletion(v as typeof completion)}
            />
            <TextField className="field" value={enrolledAfter} onChange={setEnrolledAfter} type="date">
              <Label>{t("ui.mailing.enrolledAfter")}</Label>
              <Input />
            </TextField>
            {course && course.groups.length > 0 && (
              <SelectField
                label={t("ui.mailing.group")}
                options={[{ id: "", label: t("ui.mailing.allGroups") }, ...course.groups.map((g) => ({ id: g.id, label: g.name }))]}
                value={groupId}
                onChange={setGroupId}
              />
            )}
          </div>
        </>
      ) : (
        <SelectField label={t("ui.mailing.org")} options={audiences.orgs.map((o) => ({ id: o.id, label: o.name }))} value={orgId} onChange={setOrgId} />
      )}
      <p className="mailing-preview" role="status">
        {preview.data ? t("ui.mailing.reach", { count: preview.data.count }) : preview.isError ? t("ui.mailing.reachUnknown") : "\u00a0"}
      </p>
      <Field name="subject" label={t("ui.mailing.subject")} isRequired />
      <TextField className="field" name="body" isRequired>
        <Label>{t("ui.mailing.body")}</Label>
        <TextArea rows={8} />
      </TextField>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={send.isPending} isDisabled={!ready}>
          {t("ui.mailing.send")}
        </Button>
      </div>
    </Form>
  );
}
