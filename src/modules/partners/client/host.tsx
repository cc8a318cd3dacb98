import { parseDate } from "@internationalized/date";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Checkbox, CheckboxGroup, DateInput, DatePicker, DateSegment, FieldError, Group, Label } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { MutationForm } from "../../../web/mutation-form.tsx";
import { Confirm, EmptyState, Field, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
import { getPartner, invitePartner, listPartners, type PartnerSummary, partnerChoices, setPartnerStatus, updatePartnerScopes } from "../shared/contract.ts";
import { PeopleSection } from "./people.tsx";
import "./partners.css";

export const partnersKey = ["partners"] as const;
type Scopes = { teachCourseIds: string[]; enrolCourseIds: string[]; enrolOrgIds: string[]; startsAt: string; endsAt: string };
const noScopes: Scopes = { teachCourseIds: [], enrolCourseIds: [], enrolOrgIds: [], startsAt: "", endsAt: "" };
/** a date field's day as the start of that day, local time */
const toIso = (d: string) => (d ? new Date(`${d}T00:00:00`).toISOString() : null);
const toDay = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString("sv-SE") : "");
const body = (s: Scopes) => ({ ...s, startsAt: toIso(s.startsAt), endsAt: toIso(s.endsAt) });

export function StatusBadge({ status }: { status: PartnerSummary["status"] }) {
  const t = useT();
  const tone = status === "active" ? "badge-ok" : status === "invited" ? "badge-neutral" : status === "suspended" ? "badge-warn" : "badge-error";
  return <span className={`badge ${tone}`}>{t(`ui.partners.status.${status}`)}</span>;
}

/** A day (YYYY-MM-DD, empty for none) with react-aria's date picker segments. */
function DayField({ label, name, value, onChange }: { label: string; name: string; value: string; onChange: (v: string) => void }) {
  return (
    <DatePicker className="field" name={name} value={value ? parseDate(value) : null} onChange={(v) => onChange(v ? v.toString() : "")} granularity="day">
      <Label>{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input">{(seg) => <DateSegment segment={seg} className="date-segment" />}</DateInput>
      </Group>
      <FieldError className="field-error" />
    </DatePicker>
  );
}

/** What a partnership shares: the courses its trainers teach, the courses and branches its learners may enrol in, its dates. */
function ScopeFields({ value, onChange, fields }: { value: Scopes; onChange: (s: Scopes) => void; fields?: Record<string, string> }) {
  const t = useT();
  const choices = useQuery({ queryKey: [...partnersKey, "choices"], queryFn: () => api(partnerChoices) });
  if (choices.isPending) return <Loading />;
  if (choices.isError) return <QueryError error={choices.error} />;
  const { courses, orgs } = choices.data;
  const group = (key: "teachCourseIds" | "enrolCourseIds" | "enrolOrgIds", items: { id: string; name: string; org?: string }[]) => (
    <CheckboxGroup
      className="field partner-choices"
      value={value[key]}
      onChange={(v) => onChange({ ...value, [key]: v })}
      isInvalid={!!fields?.[key]}
      validationBehavior="aria"
    >
      <Label>{t(`ui.partners.scopes.${key}`)}</Label>
      <p className="muted small">{t(`ui.partners.scopes.${key}Help`)}</p>
      {items.length === 0 && <p className="muted">{t("ui.partners.scopes.none")}</p>}
      {items.map((c) => (
        <Checkbox key={c.id} value={c.id} className="checkbox">
          <span className="checkbox-box" aria-hidden="true" />
          <span>
            {c.name}
            {c.org && <span className="muted small"> · {c.org}</span>}
          </span>
        </Checkbox>
      ))}
      {fields?.[key] && <p className="field-error">{fields[key]}</p>}
    </CheckboxGroup>
  );
  return (
    <>
      {group("teachCourseIds", courses)}
      {group("enrolCourseIds", courses)}
      {group("enrolOrgIds", orgs)}
      <div className="partner-dates">
        <DayField name="startsAt" label={t("ui.partners.scopes.startsAt")} value={value.startsAt} onChange={(v) => onChange({ ...value, startsAt: v })} />
        <DayField name="endsAt" label={t("ui.partners.scopes.endsAt")} value={value.endsAt} onChange={(v) => onChange({ ...value, endsAt: v })} />
      </div>
    </>
  );
}

/** Host admins: the partnerships of their branches and the invitation form. */
export function PartnersPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const list = useQuery({ queryKey: [...partnersKey, "list"], queryFn: () => api(listPartners) });
  const choices = useQuery({ queryKey: [...partnersKey, "choices"], queryFn: () => api(partnerChoices) });
  const [scopes, setScopes] = useState<Scopes>(noScopes);
  const [orgId, setOrgId] = useState<string | null>(null);
  const [formKey, setFormKey] = useState(0);
  const invite = useMutation({
    mutationFn: (v: { name: string; contactEmail: string }) =>
      api(invitePartner, { body: { ...body(scopes), ...v, orgId: orgId ?? choices.data?.orgs[0]?.id ?? "" } }),
    onSuccess: (_, v) => {
      setScopes(noScopes);
      setFormKey((k) => k + 1);
      qc.invalidateQueries({ queryKey: [...partnersKey, "list"] });
      announce(t("ui.partners.invited", { email: v.contactEmail }));
    },
  });
  if (list.isPending) return <Loading />;
  if (list.isError) return <QueryError error={list.error} />;
  return (
    <>
      <PageTitle>{t("ui.partners.title")}</PageTitle>
      <p className="lead">{t("ui.partners.intro")}</p>
      {list.data.items.length === 0 ? (
        <EmptyState title={t("ui.partners.empty")}>
          <p>{t("ui.partners.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("ui.partners.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.partners.name")}</th>
                <th scope="col">{t("ui.partners.statusLabel")}</th>
                <th scope="col">{t("ui.partners.org")}</th>
                <th scope="col">{t("ui.partners.people.trainers")}</th>
                <th scope="col">{t("ui.partners.people.learners")}</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((p) => (
                <tr key={p.id}>
                  <td>
                    <Link to="/admin/partners/$id" params={{ id: p.id }}>
                      {p.name}
                    </Link>
                    <div className="muted small">{p.contactEmail}</div>
                  </td>
                  <td>
                    <StatusBadge status={p.status} />
                  </td>
                  <td>{p.org.name}</td>
                  <td>{p.trainers}</td>
                  <td>{p.learners}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section className="section card" aria-labelledby="partner-new">
        <h2 id="partner-new">{t("ui.partners.new")}</h2>
        <p className="muted">{t("ui.partners.newHelp")}</p>
        <MutationForm
          key={formKey}
          validationBehavior="aria"
          submitLabel={t("ui.partners.invite")}
          onSubmit={(form) => invite.mutateAsync({ name: String(form.get("name") ?? ""), contactEmail: String(form.get("contactEmail") ?? "") })}
        >
          {(error) => (
            <>
              <Field name="name" label={t("ui.partners.name")} isRequired />
              <Field name="contactEmail" type="email" label={t("ui.partners.contactEmail")} description={t("ui.partners.contactEmailHelp")} isRequired />
              {choices.data && choices.data.orgs.length > 1 && (
                <SelectField
                  label={t("ui.partners.org")}
                  value={orgId ?? choices.data.orgs[0]!.id}
                  onChange={(v) => setOrgId(String(v))}
                  options={choices.data.orgs.map((o) => ({ id: o.id, label: o.name }))}
                />
              )}
              <ScopeFields value={scopes} onChange={setScopes} fields={error?.fields} />
            </>
          )}
        </MutationForm>
      </section>
    </>
  );
}

/** One partnership: status and its actions, scopes, the partner's people and their activity in the shared courses. */
export function PartnerPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: [...partnersKey, id], queryFn: () => api(getPartner, { params: { id } }) });
  const [scopes, setScopes] = useState<Scopes | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: [...partnersKey] });
  const save = useMutation({
    mutationFn: (s: Scopes) => api(updatePartnerScopes, { params: { id }, body: body(s) }),
    onSuccess: () => {
      setScopes(null);
      refresh();
      announce(t("ui.partners.scopes.saved"));
    },
  });
  const status = useMutation({
    mutationFn: (s: "active" | "suspended" | "ended") => api(setPartnerStatus, { params: { id }, body: { status: s } }),
    onSuccess: () => {
      setOpen(null);
      refresh();
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const p = q.data;
  const current: Scopes = scopes ?? {
    teachCourseIds: p.teach.map((c) => c.id),
    enrolCourseIds: p.enrolCourses.map((c) => c.id),
    enrolOrgIds: p.enrolOrgs.map((o) => o.id),
    startsAt: toDay(p.startsAt),
    endsAt: toDay(p.endsAt),
  };
  const names = new Map(p.people.map((x) => [x.id, `${x.givenName} ${x.familyName}`]));
  const action = (s: "active" | "suspended" | "ended", danger: boolean) => (
    <ModalButton
      variant={danger ? "secondary" : "primary"}
      label={t(`ui.partners.actions.${s}`)}
      title={t(`ui.partners.actions.${s}`)}
      isOpen={open === s}
      onOpenChange={(o) => setOpen(o ? s : null)}
    >
      {(close) => (
        <Confirm
          message={t(`ui.partners.actions.${s}Confirm`, { name: p.name })}
          action={t(`ui.partners.actions.${s}`)}
          danger={danger}
          pending={status.isPending}
          onConfirm={() => status.mutate(s)}
          close={close}
        />
      )}
    </ModalButton>
  );
  return (
    <>
      <PageTitle
        actions={
          p.status !== "ended" && (
            <div className="partner-actions">
              {p.status === "suspended" ? action("active", false) : action("suspended", true)}
              {action("ended", true)}
            </div>
          )
        }
      >
        {p.name}
      </PageTitle>
      <p className="lead">
        <StatusBadge status={p.status} /> {t("ui.partners.detailIntro", { org: p.org.name, email: p.contactEmail })}
      </p>
      <section className="section card" aria-labelledby="partner-scopes">
        <h2 id="partner-scopes">{t("ui.partners.scopes.title")}</h2>
        {p.status === "ended" ? (
          <ul>
            {[...p.teach, ...p.enrolCourses, ...p.enrolOrgs].map((x) => (
              <li key={x.id}>{x.name}</li>
            ))}
          </ul>
        ) : (
          <MutationForm validationBehavior="aria" submitLabel={t("ui.partners.scopes.save")} onSubmit={() => save.mutateAsync(current)}>
            {(error) => <ScopeFields value={current} onChange={setScopes} fields={error?.fields} />}
          </MutationForm>
        )}
      </section>
      <PeopleSection people={p.people} isEmpty={p.people.length === 0} emptyHelp={t("ui.partners.people.noneHost")} />
      <section className="section" aria-labelledby="partner-activity">
        <h2 id="partner-activity">{t("ui.partners.activity.title")}</h2>
        {p.activity.length === 0 ? (
          <p className="muted">{t("ui.partners.activity.none")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("ui.partners.activity.title")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.partners.people.name")}</th>
                  <th scope="col">{t("ui.partners.activity.course")}</th>
                  <th scope="col">{t("ui.partners.activity.since")}</th>
                  <th scope="col">{t("ui.partners.activity.done")}</th>
                </tr>
              </thead>
              <tbody>
                {p.activity.map((a) => (
                  <tr key={`${a.userId}-${a.course.id}`}>
                    <td>{names.get(a.userId)}</td>
                    <td>{a.course.name}</td>
                    <td>
                      <FormattedDate value={a.since} dateStyle="medium" />
                    </td>
                    <td>{a.completedAt ? t("ui.partners.activity.completed") : t("ui.partners.activity.items", { count: a.itemsDone })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
