import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Checkbox, Label, TextArea, TextField } from "react-aria-components";
import type { z } from "zod";
import { ApiError, api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { MutationForm } from "../../../web/mutation-form.tsx";
import { Confirm, EmptyState, Field, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce } from "../../../web/ui.tsx";
import {
  createSsoProvider,
  deleteSsoProvider,
  listSsoProviders,
  type ProviderAdmin,
  type ProviderInput,
  SSO_KINDS,
  SSO_PROFILES,
  type SsoKind,
  updateSsoProvider,
} from "../shared/contract.ts";
import "./sso.css";

const key = ["sso", "providers"];
type Draft = Omit<z.input<typeof ProviderInput>, "mapping"> & { mapping: Omit<ProviderInput["mapping"], "profileValues">; profileValues: string };

/** Usual claim and attribute names of each kind, so most admins only check them. */
const DEFAULT_MAPPING: Record<SsoKind, Draft["mapping"]> = {
  oidc: { externalId: "sub", email: "email", givenName: "given_name", familyName: "family_name", profile: "", classes: "" },
  saml: { externalId: "nameID", email: "mail", givenName: "givenName", familyName: "sn", profile: "", classes: "" },
  cas: { externalId: "user", email: "mail", givenName: "givenName", familyName: "sn", profile: "", classes: "" },
};

const blank = (kind: SsoKind): Draft => ({
  kind,
  name: "",
  enabled: true,
  issuer: "",
  clientId: "",
  clientSecret: "",
  scopes: "openid email profile",
  metadataXml: "",
  entityId: "",
  ssoUrl: "",
  certificate: "",
  casUrl: "",
  mapping: DEFAULT_MAPPING[kind],
  profileValues: "",
  defaultProfile: "learner",
  linkByEmail: false,
  createAccounts: true,
});

const fromProvider = (p: ProviderAdmin): Draft => ({
  ...blank(p.kind),
  name: p.name,
  enabled: p.enabled,
  issuer: p.issuer,
  clientId: p.clientId,
  scopes: p.scopes,
  entityId: p.entityId,
  ssoUrl: p.ssoUrl,
  casUrl: p.casUrl,
  mapping: {
    externalId: p.mapping.externalId,
    email: p.mapping.email,
    givenName: p.mapping.givenName,
    familyName: p.mapping.familyName,
    profile: p.mapping.profile,
    classes: p.mapping.classes,
  },
  profileValues: Object.entries(p.mapping.profileValues)
    .map(([v, profile]) => `${v} = ${profile}`)
    .join("\n"),
  defaultProfile: p.defaultProfile,
  linkByEmail: p.linkByEmail,
  createAccounts: p.createAccounts,
});

/** "value = profile" lines into the mapping's table; null when a line is not of that form. */
function parseProfileValues(text: string): Record<string, (typeof SSO_PROFILES)[number]> | null {
  const out: Record<string, (typeof SSO_PROFILES)[number]> = {};
  for (const line of text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)) {
    const m = /^(.+?)\s*=\s*(\w+)$/.exec(line);
    if (!m || !(SSO_PROFILES as readonly string[]).includes(m[2])) return null;
    out[m[1]] = m[2] as (typeof SSO_PROFILES)[number];
  }
  return out;
}

/** The platform's external identity providers: add, change, remove; the latest sign-in failures. */
export function SsoProvidersPage() {
  const t = useT();
  const q = useQuery({ queryKey: key, queryFn: () => api(listSsoProviders) });
  const [editing, setEditing] = useState<ProviderAdmin | "new" | null>(null);
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <PageTitle
        actions={
          editing === null && (
            <Button className="btn btn-primary" onPress={() => setEditing("new")}>
              {t("ui.sso.admin.add")}
            </Button>
          )
        }
      >
        {t("ui.sso.admin.title")}
      </PageTitle>
      <p className="lead">{t("ui.sso.admin.intro")}</p>
      {editing !== null && (
        <ProviderForm key={editing === "new" ? "new" : editing.id} provider={editing === "new" ? null : editing} onDone={() => setEditing(null)} />
      )}
      <section className="section" aria-labelledby="sso-list">
        <h2 id="sso-list">{t("ui.sso.admin.listTitle")}</h2>
        {q.data.items.length === 0 ? (
          <EmptyState title={t("ui.sso.admin.empty")}>
            <p>{t("ui.sso.admin.emptyHelp")}</p>
          </EmptyState>
        ) : (
          <ul className="sso-list">
            {q.data.items.map((p) => (
              <ProviderCard key={p.id} p={p} onEdit={() => setEditing(p)} />
            ))}
          </ul>
        )}
      </section>
      <section className="section" aria-labelledby="sso-failures">
        <h2 id="sso-failures">{t("ui.sso.admin.failures")}</h2>
        {q.data.failures.length === 0 ? (
          <p className="muted">{t("ui.sso.admin.noFailures")}</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">{t("ui.sso.admin.failures")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("ui.sso.admin.when")}</th>
                  <th scope="col">{t("ui.sso.admin.provider")}</th>
                  <th scope="col">{t("ui.sso.admin.what")}</th>
                  <th scope="col">{t("ui.sso.admin.detail")}</th>
                </tr>
              </thead>
              <tbody>
                {q.data.failures.map((f) => (
                  <tr key={f.id}>
                    <td>{t("ui.sso.admin.at", { at: new Date(f.at) })}</td>
                    <td>{f.providerName ?? "—"}</td>
                    <td>{t(`ui.sso.failure.${f.code}`)}</td>
                    <td>
                      <code className="sso-detail">{f.detail}</code>
                    </td>
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

function ProviderCard({ p, onEdit }: { p: ProviderAdmin; onEdit: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const del = useMutation({
    mutationFn: () => api(deleteSsoProvider, { params: { id: p.id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["sso"] });
      announce(t("ui.sso.admin.deleted", { name: p.name }));
    },
  });
  return (
    <li className="card sso-card">
      <div className="sso-card-head">
        <h3>{p.name}</h3>
        <span className="badge badge-neutral">{t(`ui.sso.kind.${p.kind}`)}</span>
        <span className={`badge ${p.enabled ? "badge-ok" : "badge-warn"}`}>{t(p.enabled ? "ui.sso.admin.enabled" : "ui.sso.admin.disabled")}</span>
      </div>
      <dl className="sso-facts">
        <dt>{t(p.kind === "saml" ? "ui.sso.admin.acsUrl" : "ui.sso.admin.redirectUrl")}</dt>
        <dd>
          <code>{p.redirectUrl}</code>
        </dd>
        <dt>{t("ui.sso.admin.accounts")}</dt>
        <dd>
          {[p.createAccounts ? t("ui.sso.admin.createsAccounts") : t("ui.sso.admin.noCreation"), p.linkByEmail ? t("ui.sso.admin.linksByEmail") : null]
            .filter(Boolean)
            .join(" · ")}
        </dd>
      </dl>
      <div className="sso-card-actions">
        <Button className="btn btn-secondary" onPress={onEdit} aria-label={t("ui.sso.admin.editLabel", { name: p.name })}>
          {t("ui.sso.admin.edit")}
        </Button>
        {p.metadataUrl && (
          <a className="btn btn-quiet" href={url(`/sso/${p.id}/metadata`)} download="archipel-sp-metadata.xml">
            {t("ui.sso.admin.metadata")}
          </a>
        )}
        <ModalButton
          label={t("ui.sso.admin.delete")}
          ariaLabel={t("ui.sso.admin.deleteLabel", { name: p.name })}
          title={t("ui.sso.admin.deleteTitle")}
          variant="quiet"
        >
          {(close) => (
            <Confirm
              message={t("ui.sso.admin.deleteConfirm", { name: p.name })}
              action={t("ui.sso.admin.delete")}
              danger
              pending={del.isPending}
              onConfirm={() => del.mutate(undefined, { onSuccess: close })}
              close={close}
            />
          )}
        </ModalButton>
      </div>
    </li>
  );
}

function ProviderForm({ provider, onDone }: { provider: ProviderAdmin | null; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [d, setD] = useState<Draft>(provider ? fromProvider(provider) : blank("oidc"));
  const set =
    <K extends keyof Draft>(k: K) =>
    (v: Draft[K]) =>
      setD((x) => ({ ...x, [k]: v }));
  const setMap = (k: keyof Draft["mapping"]) => (v: string) => setD((x) => ({ ...x, mapping: { ...x.mapping, [k]: v } }));
  const save = useMutation({
    mutationFn: (body: z.input<typeof ProviderInput>) =>
      provider ? api(updateSsoProvider, { params: { id: provider.id }, body }) : api(createSsoProvider, { body }),
    onSuccess: (p) => {
      qc.invalidateQueries({ queryKey: ["sso"] });
      announce(t("ui.sso.admin.saved", { name: p.name }));
      onDone();
    },
  });
  const submit = () => {
    const profileValues = parseProfileValues(d.profileValues);
    if (!profileValues) {
      // refused here as the server refuses a field, so the form shows it the same way
      const message = t("ui.sso.admin.profileValuesInvalid");
      return Promise.reject(new ApiError(422, "validation", message, { profileValues: message }));
    }
    const { profileValues: _text, ...rest } = d;
    return save.mutateAsync({ ...rest, mapping: { ...d.mapping, profileValues } });
  };
  const mapField = (k: keyof Draft["mapping"], isRequired = false) => (
    <Field name={`mapping.${k}`} label={t(`ui.sso.admin.map.${k}`)} value={d.mapping[k]} onChange={setMap(k)} isRequired={isRequired} />
  );
  return (
    <section className="section card" aria-labelledby="sso-form">
      <h2 id="sso-form" tabIndex={-1} ref={(h) => h?.focus()}>
        {provider ? t("ui.sso.admin.editTitle", { name: provider.name }) : t("ui.sso.admin.newTitle")}
      </h2>
      <MutationForm className="sso-form" validationBehavior="aria" submitLabel={t("ui.sso.admin.save")} onSubmit={submit} onCancel={onDone}>
        {() => (
          <>
            <SelectField
              label={t("ui.sso.admin.kind")}
              options={SSO_KINDS.map((k) => ({ id: k, label: t(`ui.sso.kind.${k}`) }))}
              value={d.kind}
              onChange={(v) => setD((x) => ({ ...blank(v as SsoKind), name: x.name }))}
              isDisabled={!!provider}
              description={provider ? t("ui.sso.admin.kindFixed") : undefined}
            />
            <Field name="name" label={t("ui.sso.admin.name")} description={t("ui.sso.admin.nameHelp")} value={d.name} onChange={set("name")} isRequired />
            <Checkbox className="checkbox" isSelected={d.enabled} onChange={set("enabled")}>
              <span className="checkbox-box" aria-hidden="true" />
              {t("ui.sso.admin.enabledLabel")}
            </Checkbox>
            <fieldset className="fieldset">
              <legend>{t("ui.sso.admin.connection")}</legend>
              {d.kind === "oidc" && (
                <>
                  <Field
                    name="issuer"
                    type="url"
                    label={t("ui.sso.admin.issuer")}
                    description={t("ui.sso.admin.issuerHelp")}
                    value={d.issuer}
                    onChange={set("issuer")}
                    isRequired
                  />
                  <Field name="clientId" label={t("ui.sso.admin.clientId")} value={d.clientId} onChange={set("clientId")} isRequired />
                  <Field
                    name="clientSecret"
                    type="password"
                    label={t("ui.sso.admin.clientSecret")}
                    description={provider?.hasSecret ? t("ui.sso.admin.secretKept") : undefined}
                    value={d.clientSecret}
                    onChange={set("clientSecret")}
                    isRequired={!provider?.hasSecret}
                    autoComplete="new-password"
                  />
                  <Field name="scopes" label={t("ui.sso.admin.scopes")} value={d.scopes} onChange={set("scopes")} />
                </>
              )}
              {d.kind === "saml" && (
                <>
                  <TextField name="metadataXml" className="field" value={d.metadataXml} onChange={set("metadataXml")}>
                    <Label>{t("ui.sso.admin.metadataXml")}</Label>
                    <TextArea rows={5} className="mono" />
                    <p className="field-help" slot="description">
                      {t("ui.sso.admin.metadataXmlHelp")}
                    </p>
                  </TextField>
                  <Field name="entityId" label={t("ui.sso.admin.entityId")} value={d.entityId} onChange={set("entityId")} isDisabled={!!d.metadataXml} />
                  <Field name="ssoUrl" type="url" label={t("ui.sso.admin.ssoUrl")} value={d.ssoUrl} onChange={set("ssoUrl")} isDisabled={!!d.metadataXml} />
                  <TextField name="certificate" className="field" value={d.certificate} onChange={set("certificate")} isDisabled={!!d.metadataXml}>
                    <Label>{t("ui.sso.admin.certificate")}</Label>
                    <TextArea rows={4} className="mono" />
                    {provider && provider.certificates > 0 && (
                      <p className="field-help" slot="description">
                        {t("ui.sso.admin.certificateKept", { count: provider.certificates })}
                      </p>
                    )}
                  </TextField>
                </>
              )}
              {d.kind === "cas" && (
                <Field
                  name="casUrl"
                  type="url"
                  label={t("ui.sso.admin.casUrl")}
                  description={t("ui.sso.admin.casUrlHelp")}
                  value={d.casUrl}
                  onChange={set("casUrl")}
                  isRequired
                />
              )}
            </fieldset>
            <fieldset className="fieldset">
              <legend>{t("ui.sso.admin.mapping")}</legend>
              <p className="field-help">{t("ui.sso.admin.mappingHelp")}</p>
              <div className="sso-grid">
                {mapField("externalId", true)}
                {mapField("email")}
                {mapField("givenName")}
                {mapField("familyName")}
                {mapField("profile")}
                {mapField("classes")}
              </div>
              <TextField name="profileValues" className="field" value={d.profileValues} onChange={set("profileValues")}>
                <Label>{t("ui.sso.admin.profileValues")}</Label>
                <TextArea rows={3} className="mono" />
                <p className="field-help" slot="description">
                  {t("ui.sso.admin.profileValuesHelp")}
                </p>
              </TextField>
              <SelectField
                label={t("ui.sso.admin.defaultProfile")}
                options={SSO_PROFILES.map((p) => ({ id: p, label: t(`ui.profiles.${p}`) }))}
                value={d.defaultProfile}
                onChange={(v) => set("defaultProfile")(v as Draft["defaultProfile"])}
              />
            </fieldset>
            <fieldset className="fieldset">
              <legend>{t("ui.sso.admin.accounts")}</legend>
              <Checkbox className="checkbox" isSelected={d.createAccounts} onChange={set("createAccounts")}>
                <span className="checkbox-box" aria-hidden="true" />
                {t("ui.sso.admin.createAccounts")}
              </Checkbox>
              <Checkbox className="checkbox" isSelected={d.linkByEmail} onChange={set("linkByEmail")}>
                <span className="checkbox-box" aria-hidden="true" />
                {t("ui.sso.admin.linkByEmail")}
              </Checkbox>
            </fieldset>
          </>
        )}
      </MutationForm>
    </section>
  );
}
