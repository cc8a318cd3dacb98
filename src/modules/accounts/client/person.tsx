import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Button, Form } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useInvalidateMe, useMe } from "../../../web/session.ts";
import { Field, FormAlert, formValues, Loading, orNull, PageTitle, QueryError, SelectField, useAnnounce, useErrorText, useFormErrors, useProfileOptions } from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { getUser, grantRole, type PROFILES, revokeRole, updateUser, type UserSummary } from "../shared/contract.ts";

type Profile = (typeof PROFILES)[number];

/** Admin: one person — names, email, profile, status, roles. */
export function PersonPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ["user", id], queryFn: () => api(getUser, { params: { id } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const u = q.data;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/people">
          <span aria-hidden="true">← </span>
          {t("ui.people.title")}
        </Link>
      </p>
      <PageTitle>
        {u.givenName} {u.familyName}
        {u.status === "disabled" && <span className="badge badge-warn">{t("ui.people.statuses.disabled")}</span>}
      </PageTitle>
      <p className="muted">
        {u.username}
        {" · "}
        {u.lastLoginAt ? (
          <>
            {t("ui.people.lastLogin")} <FormattedDate value={u.lastLoginAt} dateStyle="medium" timeStyle="short" />
          </>
        ) : (
          t("ui.people.neverSignedIn")
        )}
      </p>
      <div className="grid-2">
        <EditPerson user={u} />
        <div>
          <Roles user={u} />
          <Status user={u} />
        </div>
      </div>
    </>
  );
}

function useSetUser() {
  const qc = useQueryClient();
  return (u: UserSummary) => {
    qc.setQueryData(["user", u.id], u);
    qc.invalidateQueries({ queryKey: ["users"] });
    qc.invalidateQueries({ queryKey: ["home"] });
  };
}

function EditPerson({ user }: { user: UserSummary }) {
  const t = useT();
  const setUser = useSetUser();
  const announce = useAnnounce();
  const profiles = useProfileOptions();
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(updateUser, { params: { id: user.id }, body: { givenName: v.givenName, familyName: v.familyName, email: orNull(v.email), profile: v.profile as Profile } }),
    onError,
    onSuccess: (u) => {
      clear();
      setUser(u);
      announce(t("ui.common.saved"));
    },
  });
  return (
    <section className="section card" aria-labelledby="person-edit">
      <h2 id="person-edit">{t("ui.people.identity")}</h2>
      <Form key={user.id} validationBehavior="aria" validationErrors={error?.fields} className="form" onSubmit={(e) => m.mutate(formValues(e))}>
        <FormAlert error={error} />
        <Field name="givenName" label={t("ui.people.givenName")} defaultValue={user.givenName} isRequired />
        <Field name="familyName" label={t("ui.people.familyName")} defaultValue={user.familyName} isRequired />
        <Field name="email" type="email" label={t("ui.people.email")} defaultValue={user.email ?? ""} />
        <SelectField name="profile" label={t("ui.people.profile")} options={profiles} defaultValue={user.profile} isRequired />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.common.save")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function Roles({ user }: { user: UserSummary }) {
  const t = useT();
  const setUser = useSetUser();
  const me = useMe();
  const invalidateMe = useInvalidateMe();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const orgOptions = useManagedOrgOptions();
  const profiles = useProfileOptions();
  const { error, onError, clear } = useFormErrors();
  const afterChange = (u: UserSummary) => {
    setUser(u);
    if (u.id === me?.id) invalidateMe();
  };
  const grant = useMutation({
    mutationFn: (v: Record<string, string>) => api(grantRole, { params: { id: user.id }, body: { orgId: v.orgId, role: v.role as Profile } }),
    onError,
    onSuccess: (u) => {
      clear();
      afterChange(u);
      announce(t("ui.people.roleGranted"));
    },
  });
  const revoke = useMutation({
    mutationFn: (roleId: string) => api(revokeRole, { params: { id: user.id, roleId } }),
    onError: (e) => announce(errorText(e), "error"),
    onSuccess: (u) => {
      afterChange(u);
      announce(t("ui.people.roleRevoked"));
    },
  });
  return (
    <section className="section card" aria-labelledby="person-roles">
      <h2 id="person-roles">{t("ui.people.roles")}</h2>
      <p className="muted small">{t("ui.people.rolesHelp")}</p>
      {user.roles.length === 0 ? (
        <p>{t("ui.people.noRoles")}</p>
      ) : (
        <ul className="list">
          {user.roles.map((r) => (
            <li key={r.id} className="list-item">
              <span>
                <strong>{r.orgName}</strong> · {t(`ui.profiles.${r.role}`)}
              </span>
              <Button
                className="btn btn-secondary btn-small"
                onPress={() => revoke.mutate(r.id)}
                isPending={revoke.isPending && revoke.variables === r.id}
                aria-label={t("ui.people.revokeRole", { role: t(`ui.profiles.${r.role}`), org: r.orgName })}
              >
                {t("ui.people.revoke")}
              </Button>
            </li>
          ))}
        </ul>
      )}
      <h3>{t("ui.people.grantTitle")}</h3>
      <Form validationBehavior="aria" validationErrors={error?.fields} className="form" onSubmit={(e) => grant.mutate(formValues(e))}>
        <FormAlert error={error} />
        <SelectField name="orgId" label={t("ui.people.org")} options={orgOptions} isRequired placeholder={t("ui.common.choose")} />
        <SelectField name="role" label={t("ui.people.role")} options={profiles} defaultValue={user.profile} isRequired />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={grant.isPending}>
            {t("ui.people.grant")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function Status({ user }: { user: UserSummary }) {
  const t = useT();
  const setUser = useSetUser();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const disabled = user.status === "disabled";
  const m = useMutation({
    mutationFn: () => api(updateUser, { params: { id: user.id }, body: { status: disabled ? "active" : "disabled" } }),
    onError: (e) => announce(errorText(e), "error"),
    onSuccess: (u) => {
      setUser(u);
      announce(t(u.status === "disabled" ? "ui.people.deactivated" : "ui.people.reactivated"));
    },
  });
  return (
    <section className="section card" aria-labelledby="person-status">
      <h2 id="person-status">{t("ui.people.status")}</h2>
      <p>{t(disabled ? "ui.people.disabledHelp" : "ui.people.activeHelp")}</p>
      {m.isError && <FormAlert error={errorText(m.error)} />}
      <Button className={`btn ${disabled ? "btn-primary" : "btn-danger"}`} onPress={() => m.mutate()} isPending={m.isPending}>
        {t(disabled ? "ui.people.reactivate" : "ui.people.deactivate")}
      </Button>
    </section>
  );
}
