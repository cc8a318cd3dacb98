import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Button, Cell, Column, Form, Row, Table, TableBody, TableHeader } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, formValues, Loading, ModalButton, orNull, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors, useProfileOptions } from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { createUser, listUsers, type PROFILES } from "../shared/contract.ts";
import type { PeopleSearch as Search } from "./routes.tsx";

type Profile = (typeof PROFILES)[number];
const PAGE_SIZE = 25;
const ALL = "all";

/** Admin: people of the branches I administer, searchable, filtered, paged. */
export function PeoplePage() {
  const t = useT();
  const search = useSearch({ strict: false }) as Search;
  const navigate = useNavigate();
  const setSearch = (patch: Partial<Search>) => navigate({ to: "/admin/people", search: { ...search, page: undefined, ...patch }, replace: true });
  const [text, setText] = useState(search.q ?? "");
  // the query follows the search box after a short pause in typing
  useEffect(() => {
    const h = setTimeout(() => text !== (search.q ?? "") && setSearch({ q: text || undefined }), 300);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text]);
  const page = search.page ?? 1;
  const q = useQuery({
    queryKey: ["users", search],
    queryFn: () => api(listUsers, { query: { q: search.q, orgId: search.orgId, profile: search.profile, status: search.status, page, pageSize: PAGE_SIZE } }),
    placeholderData: keepPreviousData,
  });
  const orgOptions = useManagedOrgOptions();
  const profiles = useProfileOptions();
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <PageTitle actions={<CreatePerson />}>{t("ui.people.title")}</PageTitle>
      <div className="filters" role="search" aria-label={t("ui.people.filters")}>
        <Field name="q" type="search" label={t("ui.people.search")} description={t("ui.people.searchHelp")} value={text} onChange={setText} />
        <SelectField label={t("ui.people.org")} value={search.orgId ?? ALL} options={[{ id: ALL, label: t("ui.common.all") }, ...orgOptions]} onChange={(v) => setSearch({ orgId: v === ALL ? undefined : v })} />
        <SelectField label={t("ui.people.profile")} value={search.profile ?? ALL} options={[{ id: ALL, label: t("ui.common.all") }, ...profiles]} onChange={(v) => setSearch({ profile: v === ALL ? undefined : (v as Profile) })} />
        <SelectField
          label={t("ui.people.status")}
          value={search.status ?? ALL}
          options={[{ id: ALL, label: t("ui.common.all") }, { id: "active", label: t("ui.people.statuses.active") }, { id: "disabled", label: t("ui.people.statuses.disabled") }]}
          onChange={(v) => setSearch({ status: v === ALL ? undefined : (v as "active" | "disabled") })}
        />
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
        <>
          <p className="result-count" role="status">
            {t("ui.people.count", { count: q.data.total })}
          </p>
          {q.data.items.length === 0 ? (
            <EmptyState title={t("ui.people.empty")}>
              <p>{t("ui.people.emptyHelp")}</p>
              <p>
                <Link to="/admin/import">{t("ui.home.importPeople")}</Link>
              </p>
            </EmptyState>
          ) : (
            <div className="table-wrap">
              <Table aria-label={t("ui.people.title")} className="table">
                <TableHeader>
                  <Column isRowHeader>{t("ui.people.name")}</Column>
                  <Column className="hide-sm">{t("ui.people.username")}</Column>
                  <Column>{t("ui.people.profile")}</Column>
                  <Column className="hide-sm">{t("ui.people.roles")}</Column>
                  <Column className="hide-sm">{t("ui.people.lastLogin")}</Column>
                </TableHeader>
                <TableBody items={q.data.items}>
                  {(u) => (
                    <Row id={u.id}>
                      <Cell>
                        <Link to="/admin/people/$id" params={{ id: u.id }}>
                          {u.familyName} {u.givenName}
                        </Link>
                        {u.status === "disabled" && <span className="badge badge-warn">{t("ui.people.statuses.disabled")}</span>}
                        <div className="muted small">{u.email ?? u.username}</div>
                      </Cell>
                      <Cell className="hide-sm">{u.username}</Cell>
                      <Cell>{t(`ui.profiles.${u.profile}`)}</Cell>
                      <Cell className="hide-sm">{u.roles.map((r) => `${r.orgName} (${t(`ui.profiles.${r.role}`)})`).join(", ")}</Cell>
                      <Cell className="hide-sm">{u.lastLoginAt ? <FormattedDate value={u.lastLoginAt} dateStyle="medium" /> : <span className="muted">{t("ui.people.never")}</span>}</Cell>
                    </Row>
                  )}
                </TableBody>
              </Table>
            </div>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={t("ui.pager.label")}>
              <Button className="btn btn-secondary" isDisabled={page <= 1} onPress={() => navigate({ to: "/admin/people", search: { ...search, page: page - 1 > 1 ? page - 1 : undefined } })}>
                {t("ui.pager.previous")}
              </Button>
              <span className="pager-status">{t("ui.pager.status", { page, pages })}</span>
              <Button className="btn btn-secondary" isDisabled={page >= pages} onPress={() => navigate({ to: "/admin/people", search: { ...search, page: page + 1 } })}>
                {t("ui.pager.next")}
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

function CreatePerson() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const navigate = useNavigate();
  const { error, onError, clear } = useFormErrors();
  const orgOptions = useManagedOrgOptions();
  const profiles = useProfileOptions();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(createUser, {
        body: {
          givenName: v.givenName,
          familyName: v.familyName,
          username: v.username,
          email: orNull(v.email),
          profile: (v.profile || "learner") as Profile,
          orgId: v.orgId,
          password: orNull(v.password),
        },
      }),
    onError,
  });
  return (
    <ModalButton label={t("ui.people.create")} title={t("ui.people.create")} onOpenChange={clear}>
      {(close) => (
        <Form
          validationBehavior="aria"
          validationErrors={error?.fields}
          className="form"
          onSubmit={(e) =>
            m.mutate(formValues(e), {
              onSuccess: (u) => {
                qc.invalidateQueries({ queryKey: ["users"] });
                qc.invalidateQueries({ queryKey: ["home"] });
                announce(t("ui.people.created", { name: `${u.givenName} ${u.familyName}` }));
                close();
                navigate({ to: "/admin/people/$id", params: { id: u.id } });
              },
            })
          }
        >
          <FormAlert error={error} />
          <div className="row">
            <Field name="givenName" label={t("ui.people.givenName")} isRequired />
            <Field name="familyName" label={t("ui.people.familyName")} isRequired />
          </div>
          <Field name="username" label={t("ui.people.username")} description={t("ui.people.usernameHelp")} isRequired />
          <Field name="email" type="email" label={t("ui.people.email")} description={t("ui.people.emailHelp")} />
          <div className="row">
            <SelectField name="profile" label={t("ui.people.profile")} options={profiles} defaultValue="learner" isRequired />
            <SelectField name="orgId" label={t("ui.people.org")} options={orgOptions} defaultValue={orgOptions[0]?.id} isRequired />
          </div>
          <Field name="password" type="password" label={t("ui.people.initialPassword")} description={t("ui.people.initialPasswordHelp")} autoComplete="new-password" />
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
              {t("ui.people.create")}
            </Button>
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}
