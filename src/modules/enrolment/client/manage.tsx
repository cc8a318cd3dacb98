import "./enrolment.css";
import { parseAbsoluteToLocal } from "@internationalized/date";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import {
  Button,
  Cell,
  Column,
  DateInput,
  DatePicker,
  DateSegment,
  type DateValue,
  FieldError,
  Form,
  Group,
  Label,
  Row,
  Tab,
  TabList,
  Table,
  TableBody,
  TableHeader,
  TabPanel,
  Tabs,
  Text,
} from "react-aria-components";
import { FormattedDate } from "react-intl";
import type { Output } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { CsvDialog } from "../../../web/csv-dialog.tsx";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, Loading, PageTitle, QueryError, SelectField, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import { Pager } from "../../accounts/client/pager.tsx";
import { orgsQuery } from "../../orgs/client/queries.ts";
import {
  addMembers,
  addRule,
  csvEnrol,
  decideMember,
  type getEnrolmentSettings,
  listMembers,
  MEMBER_ROLES,
  MEMBER_STATUSES,
  type Member,
  removeMember,
  removeRule,
  SELF_ENROL,
  searchCandidates,
  syncRules,
  updateEnrolmentSettings,
} from "../shared/contract.ts";
import { PeopleDialog } from "./people-dialog.tsx";
import { enrolmentQuery, rulesQuery, settingsQuery } from "./queries.ts";

type Status = (typeof MEMBER_STATUSES)[number];

/** Teachers manage who is in the course: requests, people, class rules, CSV, and how people enrol themselves. */
export function EnrolmentPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const state = useQuery(enrolmentQuery(id));
  if (state.isPending) return <Loading />;
  if (state.isError) return <QueryError error={state.error} />;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.enrolment.breadcrumb")}>
        <Link to="/courses/$id" params={{ id }}>
          {t("ui.enrolment.backToCourse")}
        </Link>
      </nav>
      <PageTitle
        actions={
          <>
            <AddPeople courseId={id} />
            <CsvEnrol courseId={id} />
          </>
        }
      >
        {t("ui.enrolment.manageTitle")}
      </PageTitle>
      <Members courseId={id} />
      <Rules courseId={id} />
      <Settings courseId={id} />
    </>
  );
}

function Members({ courseId }: { courseId: string }) {
  const t = useT();
  const [status, setStatus] = useState<Status>("active");
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: ["course", courseId, "members", status, page],
    queryFn: () => api(listMembers, { params: { id: courseId }, query: { status, page, pageSize: 50 } }),
    placeholderData: keepPreviousData,
  });
  return (
    <section className="section" aria-labelledby="members-title">
      <h2 id="members-title">{t("ui.enrolment.members")}</h2>
      <Tabs
        selectedKey={status}
        onSelectionChange={(k) => {
          setStatus(k as Status);
          setPage(1);
        }}
      >
        <TabList aria-label={t("ui.enrolment.byStatus")} className="tabs">
          {MEMBER_STATUSES.map((s) => (
            <Tab key={s} id={s} className="tab">
              {t(`ui.enrolment.statusTabs.${s}`, { count: q.data?.counts[s] ?? 0 })}
            </Tab>
          ))}
        </TabList>
        {MEMBER_STATUSES.map((st) => (
          <TabPanel key={st} id={st}>
            {q.isPending ? (
              <Loading />
            ) : q.isError ? (
              <QueryError error={q.error} />
            ) : q.data.items.length === 0 ? (
              <EmptyState title={t(`ui.enrolment.empty.${status}`)}>{status === "active" && <p>{t("ui.enrolment.emptyHelp")}</p>}</EmptyState>
            ) : (
              <>
                <div className="table-wrap">
                  <Table aria-label={t(`ui.enrolment.statuses.${status}`)} className="table">
                    <TableHeader>
                      <Column isRowHeader>{t("ui.enrolment.name")}</Column>
                      <Column>{t("ui.enrolment.role")}</Column>
                      <Column className="hide-sm">{t("ui.enrolment.source")}</Column>
                      <Column className="hide-sm">{t("ui.enrolment.since")}</Column>
                      <Column>{t("ui.enrolment.actions")}</Column>
                    </TableHeader>
                    <TableBody items={q.data.items}>
                      {(m) => (
                        <Row id={m.id}>
                          <Cell>
                            {m.familyName} {m.givenName}
                            <div className="muted small">{m.username}</div>
                          </Cell>
                          <Cell>{t(`ui.enrolment.roles.${m.role}`)}</Cell>
                          <Cell className="hide-sm">{t(`ui.enrolment.sources.${m.source}`)}</Cell>
                          <Cell className="hide-sm">
                            <FormattedDate value={m.createdAt} dateStyle="medium" />
                          </Cell>
                          <Cell>
                            <MemberActions courseId={courseId} m={m} />
                          </Cell>
                        </Row>
                      )}
                    </TableBody>
                  </Table>
                </div>
                <Pager page={page} pageSize={q.data.pageSize} total={q.data.total} onChange={setPage} />
              </>
            )}
          </TabPanel>
        ))}
      </Tabs>
    </section>
  );
}

function MemberActions({ courseId, m }: { courseId: string; m: Member }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const name = `${m.givenName} ${m.familyName}`;
  const done = (msg: string) => {
    qc.invalidateQueries({ queryKey: ["course", courseId] });
    announce(msg);
  };
  const decide = useMutation({
    mutationFn: (approve: boolean) => api(decideMember, { params: { id: courseId, memberId: m.id }, body: { approve } }),
    onSuccess: (_, approve) => done(t(approve ? "ui.enrolment.approved" : "ui.enrolment.refused", { name })),
    onError: (e) => announce(errorText(e), "error"),
  });
  const remove = useMutation({
    mutationFn: () => api(removeMember, { params: { id: courseId, memberId: m.id } }),
    onSuccess: () => done(t("ui.enrolment.unenrolled", { name })),
    onError: (e) => announce(errorText(e), "error"),
  });
  const add = useMutation({
    mutationFn: () => api(addMembers, { params: { id: courseId }, body: { userIds: [m.userId], role: m.role } }),
    onSuccess: () => done(t("ui.enrolment.reenrolled", { name })),
    onError: (e) => announce(errorText(e), "error"),
  });
  if (m.status === "pending")
    return (
      <span className="row-actions">
        <Button className="btn btn-primary btn-small" onPress={() => decide.mutate(true)} aria-label={t("ui.enrolment.approveName", { name })}>
          {t("ui.enrolment.approve")}
        </Button>
        <Button className="btn btn-secondary btn-small" onPress={() => decide.mutate(false)} aria-label={t("ui.enrolment.refuseName", { name })}>
          {t("ui.enrolment.refuse")}
        </Button>
      </span>
    );
  if (m.status === "active") {
    if (m.source === "org") return <span className="muted small">{t("ui.enrolment.byRule")}</span>;
    return (
      <Button className="btn btn-quiet btn-small" onPress={() => remove.mutate()} aria-label={t("ui.enrolment.unenrolName", { name })}>
        {t("ui.enrolment.unenrol")}
      </Button>
    );
  }
  return (
    <Button className="btn btn-quiet btn-small" onPress={() => add.mutate()} aria-label={t("ui.enrolment.reenrolName", { name })}>
      {t("ui.enrolment.reenrol")}
    </Button>
  );
}

function AddPeople({ courseId }: { courseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [role, setRole] = useState<(typeof MEMBER_ROLES)[number]>("learner");
  return (
    <PeopleDialog
      title={t("ui.enrolment.addPeople")}
      search={(q) => ({
        queryKey: ["course", courseId, "candidates", q],
        queryFn: () => api(searchCandidates, { params: { id: courseId }, query: { q } }),
      })}
      searchHelp={t("ui.enrolment.searchPeopleHelp")}
      nobody={t("ui.enrolment.nobody")}
      onSubmit={(userIds) =>
        api(addMembers, { params: { id: courseId }, body: { userIds, role } }).then((r) => {
          qc.invalidateQueries({ queryKey: ["course", courseId] });
          announce(t("ui.enrolment.added", { count: r.enrolled }));
        })
      }
    >
      <SelectField
        label={t("ui.enrolment.role")}
        value={role}
        onChange={(v) => setRole(v as typeof role)}
        options={MEMBER_ROLES.map((r) => ({ id: r, label: t(`ui.enrolment.roles.${r}`) }))}
      />
    </PeopleDialog>
  );
}

function Rules({ courseId }: { courseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const rules = useQuery(rulesQuery(courseId));
  const orgs = useQuery(orgsQuery(false));
  const [orgId, setOrgId] = useState<string | null>(null);
  const refresh = () => qc.invalidateQueries({ queryKey: ["course", courseId] });
  const add = useMutation({
    mutationFn: (org: string) => api(addRule, { params: { id: courseId }, body: { orgId: org } }),
    onSuccess: (r) => {
      refresh();
      setOrgId(null);
      announce(t("ui.enrolment.ruleAdded", { name: r.orgName, count: r.learners }));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const remove = useMutation({
    mutationFn: (ruleId: string) => api(removeRule, { params: { id: courseId, ruleId } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.enrolment.ruleRemoved"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const sync = useMutation({
    mutationFn: () => api(syncRules, { params: { id: courseId } }),
    onSuccess: (r) => {
      refresh();
      announce(t("ui.enrolment.synced", { enrolled: r.enrolled, unenrolled: r.unenrolled }));
    },
  });
  const options = (orgs.data ?? []).filter((o) => !o.archived && o.kind !== "platform").map((o) => ({ id: o.id, label: o.name, depth: o.depth }));
  return (
    <section className="section" aria-labelledby="rules-title">
      <h2 id="rules-title">{t("ui.enrolment.rules")}</h2>
      <p className="muted">{t("ui.enrolment.rulesHelp")}</p>
      {rules.data && rules.data.length > 0 && (
        <ul className="list">
          {rules.data.map((r) => (
            <li key={r.id} className="list-item">
              <span>
                {r.orgName} <span className="muted small">{t("ui.enrolment.ruleLearners", { count: r.learners })}</span>
              </span>
              <Button
                className="btn btn-quiet btn-small"
                onPress={() => remove.mutate(r.id)}
                aria-label={t("ui.enrolment.removeRuleName", { name: r.orgName })}
              >
                {t("ui.enrolment.removeRule")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className="form-inline">
        <SelectField label={t("ui.enrolment.ruleOrg")} options={options} value={orgId} onChange={setOrgId} placeholder={t("ui.enrolment.chooseOrg")} />
        <Button className="btn btn-secondary" isDisabled={!orgId} isPending={add.isPending} onPress={() => orgId && add.mutate(orgId)}>
          {t("ui.enrolment.addRule")}
        </Button>
        {rules.data && rules.data.length > 0 && (
          <Button className="btn btn-quiet" isPending={sync.isPending} onPress={() => sync.mutate()}>
            {t("ui.enrolment.syncNow")}
          </Button>
        )}
      </div>
    </section>
  );
}

function CsvEnrol({ courseId }: { courseId: string }) {
  const t = useT();
  const count = (r: Output<typeof csvEnrol>) => r.counts.enrol + r.counts.restore;
  return (
    <CsvDialog
      messages="ui.enrolment"
      send={(csv, dryRun) => api(csvEnrol, { params: { id: courseId }, body: { csv, dryRun } })}
      queryKey={["course", courseId]}
      applied={(r) => t("ui.enrolment.csvApplied", { count: count(r) })}
      counts={(r) => r.counts}
      columns={[{ label: t("ui.enrolment.login"), cell: (r) => r.login }]}
      applyLabel={(r) => (count(r) > 0 ? t("ui.enrolment.apply", { count: count(r) }) : null)}
    />
  );
}

function DateTimeField({ label, value, onChange, name }: { label: string; name: string; value: DateValue | null; onChange: (v: DateValue | null) => void }) {
  return (
    <DatePicker className="field" name={name} value={value} onChange={onChange} granularity="minute" hideTimeZone>
      <Label>{label}</Label>
      <Group className="date-group">
        <DateInput className="date-input">{(s) => <DateSegment segment={s} className="date-segment" />}</DateInput>
      </Group>
      <Text slot="description" className="field-help" />
      <FieldError className="field-error" />
    </DatePicker>
  );
}

const toValue = (iso: string | null) => (iso ? parseAbsoluteToLocal(iso) : null);
const toIso = (v: DateValue | null) =>
  v && "toDate" in v ? (v as { toDate: (tz?: string) => Date }).toDate(Intl.DateTimeFormat().resolvedOptions().timeZone).toISOString() : null;

function Settings({ courseId }: { courseId: string }) {
  const q = useQuery(settingsQuery(courseId));
  if (!q.data) return null;
  return <SettingsForm courseId={courseId} s={q.data} key={JSON.stringify(q.data)} />;
}

function SettingsForm({ courseId, s }: { courseId: string; s: Output<typeof getEnrolmentSettings> }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [mode, setMode] = useState<string>(s.selfEnrol);
  const [from, setFrom] = useState<DateValue | null>(toValue(s.enrolFrom));
  const [until, setUntil] = useState<DateValue | null>(toValue(s.enrolUntil));
  const [key, setKey] = useState("");
  const [capacity, setCapacity] = useState(s.capacity === null ? "" : String(s.capacity));
  const m = useMutation({
    mutationFn: () =>
      api(updateEnrolmentSettings, {
        params: { id: courseId },
        body: {
          selfEnrol: mode as (typeof SELF_ENROL)[number],
          ...(key ? { key } : {}),
          enrolFrom: toIso(from),
          enrolUntil: toIso(until),
          capacity: capacity.trim() ? Number(capacity) : null,
        },
      }),
    onSuccess: () => {
      clear();
      setKey("");
      qc.invalidateQueries({ queryKey: ["course", courseId] });
      announce(t("ui.common.saved"));
    },
    onError,
  });
  return (
    <section className="section" aria-labelledby="settings-title">
      <h2 id="settings-title">{t("ui.enrolment.settings")}</h2>
      <Form
        className="form card"
        validationBehavior="aria"
        validationErrors={error?.fields}
        onSubmit={(e) => {
          e.preventDefault();
          m.mutate();
        }}
      >
        <FormAlert error={error} />
        <SelectField
          name="selfEnrol"
          label={t("ui.enrolment.method")}
          value={mode}
          onChange={setMode}
          options={SELF_ENROL.map((x) => ({ id: x, label: t(`ui.enrolment.methods.${x}`) }))}
        />
        {mode === "key" && (
          <Field
            name="key"
            type="password"
            label={t("ui.enrolment.key")}
            description={t(s.hasKey ? "ui.enrolment.keyKeep" : "ui.enrolment.keyNew")}
            value={key}
            onChange={setKey}
            autoComplete="new-password"
            isRequired={!s.hasKey}
          />
        )}
        <div className="row">
          <DateTimeField name="enrolFrom" label={t("ui.enrolment.enrolFrom")} value={from} onChange={setFrom} />
          <DateTimeField name="enrolUntil" label={t("ui.enrolment.enrolUntil")} value={until} onChange={setUntil} />
        </div>
        <Field
          name="capacity"
          label={t("ui.enrolment.capacity")}
          description={t("ui.enrolment.capacityHelp")}
          value={capacity}
          onChange={setCapacity}
          inputMode="text"
          pattern="[0-9]*"
        />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.common.save")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
