import { type CalendarDate, getLocalTimeZone, today as todayDate } from "@internationalized/date";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import {
  Button,
  Cell,
  Checkbox,
  CheckboxGroup,
  Column,
  DateInput,
  DatePicker,
  DateSegment,
  FieldError,
  Form,
  Group,
  Label,
  Row,
  Switch,
  Table,
  TableBody,
  TableHeader,
} from "react-aria-components";
import type { z } from "zod";
import { api } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import {
  Confirm,
  EmptyState,
  FormAlert,
  formValues,
  Loading,
  ModalButton,
  PageTitle,
  QueryError,
  SelectField,
  useAnnounce,
  useFormErrors,
} from "../../../web/ui.tsx";
import {
  type Agreement,
  acceptAgreement,
  createSupportGrant,
  declineAgreement,
  homeProgress,
  listAgreements,
  listAudit,
  listOperators,
  listOwnCourses,
  listPartnerPlatforms,
  listSupportGrants,
  proposeAgreement,
  revokeAgreement,
  revokeSupportGrant,
} from "../shared/contract.ts";
import "./federation.css";
import { GoCopy } from "./copy-notice.tsx";

const useDate = () => {
  const { locale } = useLocale();
  return {
    day: (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`)),
    time: (iso: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso)),
  };
};

/**
 * Platform admins: agreements this platform grants and receives (propose, accept, decline,
 * revoke), the people of this platform in partner courses, support grants, and the shared log.
 */
export function FederationAdminPage() {
  const t = useT();
  const q = useQuery({ queryKey: ["federation", "agreements"], queryFn: () => api(listAgreements) });
  return (
    <>
      <PageTitle actions={<ProposeAgreement />}>{t("ui.federation.admin.title")}</PageTitle>
      <p className="lead">{t("ui.federation.admin.lead")}</p>
      <section className="section" aria-labelledby="agreements">
        <h2 id="agreements">{t("ui.federation.admin.agreements")}</h2>
        {q.isPending ? (
          <Loading />
        ) : q.isError ? (
          <QueryError error={q.error} />
        ) : q.data.items.length === 0 ? (
          <EmptyState title={t("ui.federation.admin.none")}>
            <p>{t("ui.federation.admin.noneHelp")}</p>
          </EmptyState>
        ) : (
          <ul className="cards">
            {q.data.items.map((a) => (
              <AgreementCard key={a.id} a={a} />
            ))}
          </ul>
        )}
      </section>
      <SupportGrants />
      <AuditLog />
    </>
  );
}

function AgreementCard({ a }: { a: Agreement }) {
  const t = useT();
  const { day } = useDate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const decide = useMutation({
    onMutate: clear,
    mutationFn: (c: typeof acceptAgreement) => api(c, { params: { id: a.id } }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ["federation"] });
      announce(t(`ui.federation.statuses.${r.status}`));
    },
    onError,
  });
  const rights = [
    a.browse && t("ui.federation.rights.browse"),
    a.enrol.length && t("ui.federation.rights.line", { right: t("ui.federation.rights.enrol"), courses: a.enrol.map((c) => c.title).join(", ") }),
    a.copy.length && t("ui.federation.rights.line", { right: t("ui.federation.rights.copy"), courses: a.copy.map((c) => c.title).join(", ") }),
    a.coteach.length && t("ui.federation.rights.line", { right: t("ui.federation.rights.coteach"), courses: a.coteach.map((c) => c.title).join(", ") }),
  ].filter(Boolean) as string[];
  const badge = a.status === "accepted" ? (a.inForce ? "badge-ok" : "badge-neutral") : a.status === "proposed" ? "badge-warn" : "badge-error";
  return (
    <li className="card">
      <h3>{t(a.side === "grantor" ? "ui.federation.admin.grantsTo" : "ui.federation.admin.receivesFrom", { platform: a.partner.name })}</h3>
      <p>
        <span className={`badge ${badge}`}>{t(`ui.federation.statuses.${a.status}`)}</span>{" "}
        <span className="muted small">{t("ui.federation.admin.dates", { from: day(a.startsOn), to: day(a.endsOn) })}</span>
      </p>
      <ul className="agreement-rights small">
        {rights.map((r) => (
          <li key={r}>{r}</li>
        ))}
      </ul>
      <FormAlert error={error} />
      <div className="form-actions">
        {a.side === "grantee" && a.status === "proposed" && (
          <>
            <Button className="btn btn-primary" isPending={decide.isPending} onPress={() => decide.mutate(acceptAgreement)}>
              {t("ui.federation.admin.accept")}
            </Button>
            <Button className="btn btn-secondary" isPending={decide.isPending} onPress={() => decide.mutate(declineAgreement)}>
              {t("ui.federation.admin.decline")}
            </Button>
          </>
        )}
        {(a.status === "proposed" || a.status === "accepted") && (
          <ModalButton
            label={t("ui.federation.admin.revoke")}
            ariaLabel={t("ui.federation.admin.revokeWith", { platform: a.partner.name })}
            title={t("ui.federation.admin.revoke")}
            variant="secondary"
          >
            {(close) => (
              <Confirm
                message={t("ui.federation.admin.revokeConfirm", { platform: a.partner.name })}
                action={t("ui.federation.admin.revoke")}
                danger
                pending={decide.isPending}
                onConfirm={() => decide.mutate(revokeAgreement, { onSettled: close })}
                close={close}
              />
            )}
          </ModalButton>
        )}
        {a.side === "grantee" && a.inForce && [...a.enrol, ...a.coteach].length > 0 && <OurPeople a={a} />}
        {a.side === "grantee" && a.inForce && a.copy.length > 0 && <GoCopy platform={a.partner.name} />}
      </div>
    </li>
  );
}

/** The receiving platform's admins: their own people's progress and grades in each granted course. */
function OurPeople({ a }: { a: Agreement }) {
  const t = useT();
  const courses = [...new Map([...a.enrol, ...a.coteach].map((c) => [c.id, c])).values()];
  const [courseId, setCourseId] = useState(courses[0].id);
  const [open, setOpen] = useState(false);
  // each look is logged on both platforms: read only when the admin opens the dialog
  const q = useQuery({
    queryKey: ["federation", "people", a.id, courseId],
    queryFn: () => api(homeProgress, { params: { id: a.id, courseId } }),
    enabled: open,
  });
  return (
    <ModalButton
      label={t("ui.federation.people.button")}
      title={t("ui.federation.people.title", { platform: a.partner.name })}
      variant="secondary"
      isOpen={open}
      onOpenChange={setOpen}
    >
      {() => (
        <div className="form">
          <SelectField
            label={t("ui.federation.people.course")}
            value={courseId}
            options={courses.map((c) => ({ id: c.id, label: c.title }))}
            onChange={setCourseId}
          />
          {q.isPending ? (
            <Loading />
          ) : q.isError ? (
            <QueryError error={q.error} />
          ) : q.data.items.length === 0 ? (
            <EmptyState title={t("ui.federation.people.empty")} />
          ) : (
            <div className="table-wrap">
              <Table aria-label={t("ui.federation.people.title", { platform: a.partner.name })} className="table">
                <TableHeader>
                  <Column isRowHeader>{t("ui.federation.people.name")}</Column>
                  <Column>{t("ui.federation.people.progress")}</Column>
                  <Column>{t("ui.federation.people.grades")}</Column>
                </TableHeader>
                <TableBody items={q.data.items.map((p) => ({ ...p, id: p.userId }))}>
                  {(p) => (
                    <Row id={p.id}>
                      <Cell>
                        {p.name} <span className="muted small">{p.username}</span>
                      </Cell>
                      <Cell>{p.percent} %</Cell>
                      <Cell>{p.grades.length ? p.grades.map((g) => `${g.item}: ${g.grade}`).join(" · ") : "—"}</Cell>
                    </Row>
                  )}
                </TableBody>
              </Table>
            </div>
          )}
        </div>
      )}
    </ModalButton>
  );
}

function ProposeAgreement() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [open, setOpen] = useState(false);
  const partners = useQuery({ queryKey: ["federation", "platforms"], queryFn: () => api(listPartnerPlatforms), enabled: open });
  const courses = useQuery({ queryKey: ["federation", "own-courses"], queryFn: () => api(listOwnCourses), enabled: open });
  const [picked, setPicked] = useState<Record<"enrol" | "copy" | "coteach", string[]>>({ enrol: [], copy: [], coteach: [] });
  const [browse, setBrowse] = useState(false);
  const m = useMutation({ mutationFn: (body: z.input<typeof proposeAgreement.body>) => api(proposeAgreement, { body }), onError });
  const today = todayDate(getLocalTimeZone());
  return (
    <ModalButton
      label={t("ui.federation.admin.propose")}
      title={t("ui.federation.admin.propose")}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        clear();
      }}
    >
      {(close) =>
        partners.isPending || courses.isPending ? (
          <Loading />
        ) : partners.isError || courses.isError ? (
          <QueryError error={partners.error ?? courses.error} />
        ) : (
          <Form
            validationBehavior="aria"
            validationErrors={error?.fields}
            className="form"
            onSubmit={(e) => {
              const v = formValues(e);
              m.mutate(
                {
                  partnerId: v.partnerId,
                  browse,
                  enrolCourseIds: picked.enrol,
                  copyCourseIds: picked.copy,
                  coteachCourseIds: picked.coteach,
                  startsOn: v.startsOn,
                  endsOn: v.endsOn,
                },
                {
                  onSuccess: (a) => {
                    qc.invalidateQueries({ queryKey: ["federation"] });
                    announce(t("ui.federation.admin.proposed", { platform: a.partner.name }));
                    close();
                  },
                },
              );
            }}
          >
            <FormAlert error={error} />
            <SelectField
              name="partnerId"
              label={t("ui.federation.admin.partner")}
              options={partners.data.items.map((p) => ({ id: p.id, label: p.name }))}
              isRequired
            />
            <Switch isSelected={browse} onChange={setBrowse} className="checkbox">
              <span className="checkbox-box" aria-hidden="true" />
              {t("ui.federation.rights.browse")}
            </Switch>
            {(["enrol", "copy", "coteach"] as const).map((r) => (
              <CheckboxGroup key={r} value={picked[r]} onChange={(v) => setPicked({ ...picked, [r]: v })} className="fieldset">
                <Label>{t(`ui.federation.rights.${r}`)}</Label>
                {courses.data.items.length === 0 && <p className="muted small">{t("ui.federation.admin.noCourses")}</p>}
                {courses.data.items.map((c) => (
                  <Checkbox key={c.id} value={c.id} className="checkbox">
                    <span className="checkbox-box" aria-hidden="true" />
                    {c.title}
                  </Checkbox>
                ))}
              </CheckboxGroup>
            ))}
            <div className="row">
              <DayField name="startsOn" label={t("ui.federation.admin.startsOn")} defaultValue={today} />
              <DayField name="endsOn" label={t("ui.federation.admin.endsOn")} defaultValue={today.add({ years: 1 })} />
            </div>
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
                {t("ui.federation.admin.send")}
              </Button>
              <Button className="btn btn-secondary" onPress={close}>
                {t("ui.common.cancel")}
              </Button>
            </div>
          </Form>
        )
      }
    </ModalButton>
  );
}

function DayField({ name, label, defaultValue }: { name: string; label: string; defaultValue: CalendarDate }) {
  return (
    <DatePicker className="field" name={name} defaultValue={defaultValue} isRequired>
      <Label>{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input">{(s) => <DateSegment segment={s} className="date-segment" />}</DateInput>
      </Group>
      <FieldError className="field-error" />
    </DatePicker>
  );
}

/** Support grants: which deployment operator may read this platform's data, until when. */
function SupportGrants() {
  const t = useT();
  const { time } = useDate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const q = useQuery({ queryKey: ["federation", "grants"], queryFn: () => api(listSupportGrants) });
  const ops = useQuery({ queryKey: ["federation", "operators"], queryFn: () => api(listOperators) });
  const { error, onError } = useFormErrors();
  const give = useMutation({ mutationFn: (body: { operatorId: string; hours: number }) => api(createSupportGrant, { body }), onError });
  const revoke = useMutation({
    mutationFn: (id: string) => api(revokeSupportGrant, { params: { id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["federation"] });
      announce(t("ui.federation.support.revoked"));
    },
  });
  return (
    <section className="section" aria-labelledby="support">
      <h2 id="support">{t("ui.federation.support.title")}</h2>
      <p className="muted">{t("ui.federation.support.lead")}</p>
      {ops.data && ops.data.items.length > 0 && (
        <Form
          className="form form-inline"
          validationBehavior="aria"
          validationErrors={error?.fields}
          onSubmit={(e) => {
            const v = formValues(e);
            give.mutate(
              { operatorId: v.operatorId, hours: Number(v.hours) },
              {
                onSuccess: () => {
                  qc.invalidateQueries({ queryKey: ["federation"] });
                  announce(t("ui.federation.support.given"));
                },
              },
            );
          }}
        >
          <FormAlert error={error} />
          <SelectField
            name="operatorId"
            label={t("ui.federation.support.operator")}
            options={ops.data.items.map((o) => ({ id: o.id, label: o.name }))}
            isRequired
          />
          <SelectField
            name="hours"
            label={t("ui.federation.support.duration")}
            defaultValue="24"
            options={[2, 24, 72, 168].map((h) => ({ id: String(h), label: t("ui.federation.support.hours", { hours: h }) }))}
          />
          <Button type="submit" className="btn btn-primary" isPending={give.isPending}>
            {t("ui.federation.support.give")}
          </Button>
        </Form>
      )}
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t("ui.federation.support.none")} />
      ) : (
        <ul className="list">
          {q.data.items.map((g) => (
            <li key={g.id} className="list-item">
              <strong>{g.operator.name}</strong>{" "}
              <span className={`badge ${g.active ? "badge-warn" : "badge-neutral"}`}>
                {t(g.active ? "ui.federation.support.active" : "ui.federation.support.ended")}
              </span>{" "}
              <span className="muted small">{t("ui.federation.support.until", { when: time(g.revokedAt ?? g.expiresAt) })}</span>{" "}
              {g.active && (
                <Button
                  className="btn btn-secondary btn-small"
                  isPending={revoke.isPending}
                  onPress={() => revoke.mutate(g.id)}
                  aria-label={t("ui.federation.support.revokeFor", { name: g.operator.name })}
                >
                  {t("ui.federation.support.revoke")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function AuditLog() {
  const t = useT();
  const { time } = useDate();
  const q = useQuery({ queryKey: ["federation", "audit"], queryFn: () => api(listAudit, { query: {} }) });
  return (
    <section className="section" aria-labelledby="audit">
      <h2 id="audit">{t("ui.federation.audit.title")}</h2>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t("ui.federation.audit.empty")} />
      ) : (
        <div className="table-wrap">
          <Table aria-labelledby="audit" className="table">
            <TableHeader>
              <Column isRowHeader>{t("ui.federation.audit.when")}</Column>
              <Column>{t("ui.federation.audit.who")}</Column>
              <Column>{t("ui.federation.audit.what")}</Column>
            </TableHeader>
            <TableBody items={q.data.items}>
              {(e) => (
                <Row id={e.id}>
                  <Cell>{time(e.at)}</Cell>
                  <Cell>
                    {e.actor} <span className="muted small">{e.platform}</span>
                  </Cell>
                  <Cell>{t(`ui.federation.audit.actions.${e.action}`, Object.fromEntries(Object.entries(e.detail).map(([k, v]) => [k, String(v)])))}</Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      )}
    </section>
  );
}
