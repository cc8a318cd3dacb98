import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import { Button, Checkbox, FieldError, Form, Input, Label, Radio, RadioGroup, Text, TextField } from "react-aria-components";
import { useIntl } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Field, FormAlert, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import { type CourseSession, createSession, register, unregister, updateSession } from "../shared/contract.ts";
import "./sessions.css";

// under the course's key: enrolling or leaving (which refreshes ["course", id]) changes who may register
export const sessionsKey = (courseId: string) => ["course", courseId, "sessions"] as const;
export const sessionKey = (courseId: string, sessionId: string) => ["course", courseId, "session", sessionId] as const;
export const registrationsKey = (sessionId: string) => ["session-registrations", sessionId] as const;

/** "mardi 24 novembre 2026, 09:00 – 12:00" in the reader's language and time zone. */
export function useWhen() {
  const intl = useIntl();
  return (s: Pick<CourseSession, "startsAt" | "endsAt">) => {
    const start = new Date(s.startsAt);
    const end = new Date(s.endsAt);
    const sameDay = start.toDateString() === end.toDateString();
    const day = intl.formatDate(start, { weekday: "long", day: "numeric", month: "long", year: "numeric" });
    const t = (d: Date) => intl.formatTime(d, { hour: "2-digit", minute: "2-digit" });
    return sameDay
      ? `${day}, ${t(start)} – ${t(end)}`
      : `${day}, ${t(start)} – ${intl.formatDate(end, { day: "numeric", month: "long", year: "numeric" })}, ${t(end)}`;
  };
}

/** The person's state for a session, said in words (not by colour alone). */
export function MyState({ s }: { s: CourseSession }) {
  const t = useT();
  if (!s.me) return null;
  const tone = s.me.status === "approved" ? "ok" : s.me.status === "refused" ? "error" : "warn";
  const text = s.me.status === "waiting" ? t("ui.sessions.state.waiting", { position: s.me.position ?? 0 }) : t(`ui.sessions.state.${s.me.status}`);
  return <span className={`badge badge-${tone}`}>{text}</span>;
}

export function Seats({ s }: { s: CourseSession }) {
  const t = useT();
  return (
    <span>
      {s.seats === null ? t("ui.sessions.seats.unlimited", { taken: s.taken }) : t("ui.sessions.seats.count", { taken: s.taken, seats: s.seats })}
      {s.waiting > 0 && <> · {t("ui.sessions.seats.waiting", { n: s.waiting })}</>}
      {s.pending > 0 && <> · {t("ui.sessions.seats.pending", { n: s.pending })}</>}
    </span>
  );
}

/** Register / withdraw, with the outcome announced. */
export function RegisterButton({ s }: { s: CourseSession }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const refresh = () => {
    qc.invalidateQueries({ queryKey: sessionsKey(s.courseId) });
    qc.invalidateQueries({ queryKey: sessionKey(s.courseId, s.id) });
  };
  const reg = useMutation({
    mutationFn: () => api(register, { params: { courseId: s.courseId, sessionId: s.id } }),
    onError: (e) => announce(errorText(e), "error"),
    onSuccess: (r) => {
      refresh();
      announce(r.status === "waiting" ? t("ui.sessions.state.waiting", { position: r.position ?? 0 }) : t(`ui.sessions.done.${r.status}`));
    },
  });
  const unreg = useMutation({
    mutationFn: () => api(unregister, { params: { courseId: s.courseId, sessionId: s.id } }),
    onError: (e) => announce(errorText(e), "error"),
    onSuccess: () => {
      refresh();
      announce(t("ui.sessions.done.withdrawn"));
    },
  });
  if (s.me && s.me.status !== "refused") {
    if (new Date(s.startsAt) <= new Date()) return null;
    return (
      <Button
        className="btn btn-secondary"
        onPress={() => unreg.mutate()}
        isPending={unreg.isPending}
        aria-label={t("ui.sessions.withdrawFrom", { title: s.title })}
      >
        {s.me.status === "approved" ? t("ui.sessions.withdraw") : s.me.status === "waiting" ? t("ui.sessions.leaveWaitingList") : t("ui.sessions.cancelRequest")}
      </Button>
    );
  }
  if (s.me || !s.registrationOpen) return null;
  const full = s.seats !== null && s.taken >= s.seats && !s.approval;
  return (
    <Button
      className="btn btn-primary"
      onPress={() => reg.mutate()}
      isPending={reg.isPending}
      aria-label={t(full ? "ui.sessions.joinWaitingListFor" : "ui.sessions.registerFor", { title: s.title })}
    >
      {full ? t("ui.sessions.joinWaitingList") : s.approval ? t("ui.sessions.requestSeat") : t("ui.sessions.register")}
    </Button>
  );
}

export function SessionLink({ courseId, s }: { courseId: string; s: Pick<CourseSession, "id" | "title"> }) {
  return (
    <Link to="/courses/$id/sessions/$sessionId" params={{ id: courseId, sessionId: s.id }}>
      {s.title}
    </Link>
  );
}

// ---- editor ----
const pad = (n: number) => String(n).padStart(2, "0");
/** ISO instant → value of a datetime-local input, in the browser's zone. */
export const toLocalInput = (iso: string | null | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};
const fromLocalInput = (v: string | undefined) => (v ? new Date(v).toISOString() : null);

function DateTimeField({
  name,
  label,
  defaultValue,
  isRequired,
  description,
}: {
  name: string;
  label: string;
  defaultValue?: string;
  isRequired?: boolean;
  description?: string;
}) {
  return (
    <TextField name={name} type="datetime-local" className="field" defaultValue={defaultValue} isRequired={isRequired}>
      <Label>
        {label}
        {isRequired && (
          <span className="required" aria-hidden="true">
            {" "}
            *
          </span>
        )}
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

/** Create or change a session. */
export function SessionForm({ courseId, session, onDone }: { courseId: string; session?: CourseSession; onDone: (s: CourseSession) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [kind, setKind] = useState<"in-person" | "online">(session?.kind ?? "in-person");
  const [approval, setApproval] = useState(session?.approval ?? false);
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => {
      const body = {
        title: v.title,
        kind,
        startsAt: fromLocalInput(v.startsAt) ?? "",
        endsAt: fromLocalInput(v.endsAt) ?? "",
        place: kind === "in-person" ? v.place : null,
        videoUrl: kind === "online" ? v.videoUrl || null : null,
        seats: v.seats ? Number(v.seats) : null,
        approval,
        registrationOpensAt: fromLocalInput(v.registrationOpensAt),
        registrationClosesAt: fromLocalInput(v.registrationClosesAt),
      };
      return session ? api(updateSession, { params: { courseId, sessionId: session.id }, body }) : api(createSession, { params: { courseId }, body });
    },
    onError,
    onSuccess: (s) => {
      clear();
      qc.invalidateQueries({ queryKey: sessionsKey(courseId) });
      qc.invalidateQueries({ queryKey: sessionKey(courseId, s.id) });
      announce(t(session ? "ui.common.saved" : "ui.sessions.created"));
      onDone(s);
    },
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const v: Record<string, string> = {};
    for (const [k, x] of new FormData(e.currentTarget)) if (typeof x === "string") v[k] = x;
    m.mutate(v);
  };
  return (
    <Form validationBehavior="aria" validationErrors={error?.fields} className="form" onSubmit={submit}>
      <FormAlert error={error} />
      <Field name="title" label={t("ui.sessions.field.title")} defaultValue={session?.title} isRequired />
      <RadioGroup className="choice-group" value={kind} onChange={(k) => setKind(k as typeof kind)} orientation="horizontal">
        <Label>{t("ui.sessions.field.kind")}</Label>
        <div className="choices">
          <Radio value="in-person" className="choice">
            {t("ui.sessions.kind.in-person")}
          </Radio>
          <Radio value="online" className="choice">
            {t("ui.sessions.kind.online")}
          </Radio>
        </div>
      </RadioGroup>
      <div className="grid-fields">
        <DateTimeField name="startsAt" label={t("ui.sessions.field.startsAt")} defaultValue={toLocalInput(session?.startsAt)} isRequired />
        <DateTimeField name="endsAt" label={t("ui.sessions.field.endsAt")} defaultValue={toLocalInput(session?.endsAt)} isRequired />
      </div>
      {kind === "in-person" ? (
        <Field key="place" name="place" label={t("ui.sessions.field.place")} defaultValue={session?.place ?? ""} isRequired />
      ) : (
        <Field
          key="videoUrl"
          name="videoUrl"
          type="url"
          label={t("ui.sessions.field.videoUrl")}
          description={t("ui.sessions.field.videoUrlHelp")}
          defaultValue={session?.videoUrl ?? ""}
          isRequired
        />
      )}
      <TextField name="seats" type="number" className="field" defaultValue={session?.seats ? String(session.seats) : ""}>
        <Label>{t("ui.sessions.field.seats")}</Label>
        <Input min={1} inputMode="numeric" />
        <Text slot="description" className="field-help">
          {t("ui.sessions.field.seatsHelp")}
        </Text>
        <FieldError className="field-error" />
      </TextField>
      <Checkbox className="checkbox" isSelected={approval} onChange={setApproval}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.sessions.field.approval")}
      </Checkbox>
      <div className="grid-fields">
        <DateTimeField name="registrationOpensAt" label={t("ui.sessions.field.opensAt")} defaultValue={toLocalInput(session?.registrationOpensAt)} />
        <DateTimeField name="registrationClosesAt" label={t("ui.sessions.field.closesAt")} defaultValue={toLocalInput(session?.registrationClosesAt)} />
      </div>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
          {session ? t("ui.common.save") : t("ui.sessions.create")}
        </Button>
      </div>
    </Form>
  );
}
