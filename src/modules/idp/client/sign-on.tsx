import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Checkbox, FieldError, Form, Label, Text, TextArea, TextField } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import {
  Field,
  FormAlert,
  formValues,
  Loading,
  ModalButton,
  orNull,
  PageTitle,
  QueryError,
  SelectField,
  useAnnounce,
  useErrorText,
  useFormErrors,
} from "../../../web/ui.tsx";
import { getSignOn, rotateClientSecret, type SignOnSettings, saveCas, saveClient } from "../shared/contract.ts";
import "../../portal/client/portal.css";

const lines = (s: string | undefined) =>
  (s ?? "")
    .split(/\s+/)
    .map((x) => x.trim())
    .filter(Boolean);

/**
 * A service's sign-on with Archipel: for OpenID Connect, its client (redirect addresses, logout
 * addresses; the secret is shown once, at registration or when replaced) and the issuer to type
 * into the service; for CAS, the server's address.
 */
export function SignOnPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: ["idp", id], queryFn: () => api(getSignOn, { params: { id } }) });
  const [secret, setSecret] = useState<string | null>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/services">
          <span aria-hidden="true">← </span>
          {t("ui.portal.admin.title")}
        </Link>
      </p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
        <>
          <PageTitle>{t("ui.idp.signOn.title", { name: q.data.service.name })}</PageTitle>
          {q.data.service.signOn === "cas" && <CasInfo s={q.data} />}
          {q.data.service.signOn === "none" && <p className="lead">{t("ui.idp.signOn.none")}</p>}
          {q.data.service.signOn === "oidc" && (
            <>
              <dl className="card facts">
                <dt>{t("ui.idp.signOn.issuer")}</dt>
                <dd>
                  <code>{q.data.issuer}</code>
                </dd>
                <dt>{t("ui.idp.signOn.discovery")}</dt>
                <dd>
                  <code>{q.data.issuer}/.well-known/openid-configuration</code>
                </dd>
                <dt>{t("ui.idp.signOn.scopes")}</dt>
                <dd>
                  <code>openid profile email archipel</code>
                </dd>
                {q.data.client && (
                  <>
                    <dt>{t("ui.idp.signOn.clientId")}</dt>
                    <dd>
                      <code>{q.data.client.clientId}</code>
                    </dd>
                  </>
                )}
              </dl>
              {secret && (
                <div className="alert alert-ok" role="status">
                  <p>{t("ui.idp.signOn.secretOnce")}</p>
                  <p>
                    <code className="secret">{secret}</code>
                  </p>
                </div>
              )}
              <ClientForm s={q.data} onSecret={setSecret} />
              {q.data.client && (
                <div className="section">
                  <Rotate id={id} onSecret={setSecret} />
                </div>
              )}
            </>
          )}
        </>
      )}
    </>
  );
}

function CasInfo({ s }: { s: SignOnSettings }) {
  const t = useT();
  return (
    <>
      <p className="lead">{t("ui.idp.signOn.casIntro", { url: s.service.url })}</p>
      <dl className="card facts">
        <dt>{t("ui.idp.signOn.casServer")}</dt>
        <dd>
          <code>{s.casUrl}</code>
        </dd>
        <dt>{t("ui.idp.signOn.casValidate")}</dt>
        <dd>
          <code>{s.casUrl}/p3/serviceValidate</code>
        </dd>
      </dl>
      <SingleLogout s={s} />
    </>
  );
}

/** CAS Single Logout: on by default; off for a service that answers the LogoutRequest badly. */
function SingleLogout({ s }: { s: SignOnSettings }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const m = useMutation({
    mutationFn: (on: boolean) => api(saveCas, { params: { id: s.service.id }, body: { singleLogout: on } }),
    onSuccess: (d) => {
      qc.setQueryData(["idp", s.service.id], d);
      announce(t(d.cas.singleLogout ? "ui.idp.signOn.sloOn" : "ui.idp.signOn.sloOff"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  return (
    <section className="card section" aria-labelledby="cas-slo">
      <h2 id="cas-slo">{t("ui.idp.signOn.sloTitle")}</h2>
      <Checkbox className="checkbox" isSelected={s.cas.singleLogout} onChange={(v) => m.mutate(v)} isDisabled={m.isPending}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.idp.signOn.slo")}
      </Checkbox>
      <p className="muted small">{t("ui.idp.signOn.sloHelp")}</p>
    </section>
  );
}

function UriList({
  name,
  label,
  description,
  defaultValue,
  isRequired,
}: {
  name: string;
  label: string;
  description: string;
  defaultValue: string[];
  isRequired?: boolean;
}) {
  return (
    <TextField name={name} className="field" defaultValue={defaultValue.join("\n")} isRequired={isRequired}>
      <Label>{label}</Label>
      <TextArea rows={3} />
      <Text slot="description" className="field-help">
        {description}
      </Text>
      <FieldError className="field-error" />
    </TextField>
  );
}

function ClientForm({ s, onSecret }: { s: SignOnSettings; onSecret: (v: string | null) => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const [authMethod, setAuthMethod] = useState<"client_secret_basic" | "client_secret_post">(s.client?.authMethod ?? "client_secret_basic");
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(saveClient, {
        params: { id: s.service.id },
        body: {
          redirectUris: lines(v.redirectUris),
          postLogoutRedirectUris: lines(v.postLogoutRedirectUris),
          backchannelLogoutUri: orNull(v.backchannelLogoutUri),
          frontchannelLogoutUri: orNull(v.frontchannelLogoutUri),
          authMethod,
        },
      }),
    onSuccess: (r) => {
      clear();
      qc.setQueryData(["idp", s.service.id], r);
      if (r.clientSecret) onSecret(r.clientSecret);
      announce(t(r.clientSecret ? "ui.idp.signOn.registered" : "ui.common.saved"));
    },
    onError,
  });
  return (
    <section className="section card" aria-labelledby="client-h">
      <h2 id="client-h">{t(s.client ? "ui.idp.signOn.client" : "ui.idp.signOn.register")}</h2>
      <Form className="form" validationErrors={error?.fields} onSubmit={(e) => m.mutate(formValues(e))}>
        <FormAlert error={error} />
        <UriList
          name="redirectUris"
          label={t("ui.idp.signOn.redirectUris")}
          description={t("ui.idp.signOn.redirectHelp")}
          defaultValue={s.client?.redirectUris ?? []}
          isRequired
        />
        <UriList
          name="postLogoutRedirectUris"
          label={t("ui.idp.signOn.postLogout")}
          description={t("ui.idp.signOn.postLogoutHelp")}
          defaultValue={s.client?.postLogoutRedirectUris ?? []}
        />
        <Field
          name="backchannelLogoutUri"
          type="url"
          label={t("ui.idp.signOn.backchannel")}
          description={t("ui.idp.signOn.backchannelHelp")}
          defaultValue={s.client?.backchannelLogoutUri ?? ""}
        />
        <Field
          name="frontchannelLogoutUri"
          type="url"
          label={t("ui.idp.signOn.frontchannel")}
          description={t("ui.idp.signOn.frontchannelHelp")}
          defaultValue={s.client?.frontchannelLogoutUri ?? ""}
        />
        <SelectField
          label={t("ui.idp.signOn.authMethod")}
          options={[
            { id: "client_secret_basic", label: t("ui.idp.signOn.basic") },
            { id: "client_secret_post", label: t("ui.idp.signOn.post") },
          ]}
          value={authMethod}
          onChange={(v) => setAuthMethod(v as typeof authMethod)}
        />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t(s.client ? "ui.common.save" : "ui.idp.signOn.registerButton")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function Rotate({ id, onSecret }: { id: string; onSecret: (v: string) => void }) {
  const t = useT();
  const m = useMutation({ mutationFn: () => api(rotateClientSecret, { params: { id } }), onSuccess: (r) => onSecret(r.clientSecret) });
  return (
    <ModalButton label={t("ui.idp.signOn.rotate")} title={t("ui.idp.signOn.rotate")} variant="secondary">
      {(close) => (
        <div className="form">
          <p>{t("ui.idp.signOn.rotateConfirm")}</p>
          <div className="form-actions">
            <Button className="btn btn-danger" isPending={m.isPending} onPress={() => m.mutate(undefined, { onSuccess: close })}>
              {t("ui.idp.signOn.rotate")}
            </Button>
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </div>
      )}
    </ModalButton>
  );
}
