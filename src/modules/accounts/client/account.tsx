import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useMe } from "../../../web/session.ts";
import { Field, FormAlert, formValues, Loading, PageTitle, QueryError, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import { changePassword, listSessions, revokeSession, signOutOthers } from "../shared/contract.ts";

/** A readable name for a browser from its user agent. */
function deviceName(ua: string | null, unknown: string) {
  if (!ua) return unknown;
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrom(e|ium)\//.test(ua) ? "Chromium" : /Safari\//.test(ua) ? "Safari" : null;
  const os = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Windows/.test(ua) ? "Windows" : /Mac OS X/.test(ua) ? "macOS" : /Linux/.test(ua) ? "Linux" : null;
  return [browser, os].filter(Boolean).join(" · ") || ua.slice(0, 60);
}

export function AccountPage() {
  const t = useT();
  const me = useMe();
  if (!me) return null;
  return (
    <>
      <PageTitle>{t("ui.account.title")}</PageTitle>
      <dl className="meta">
        <dt>{t("ui.people.name")}</dt>
        <dd>
          {me.givenName} {me.familyName}
        </dd>
        <dt>{t("ui.people.username")}</dt>
        <dd>{me.username}</dd>
        <dt>{t("ui.people.email")}</dt>
        <dd>{me.email ?? "—"}</dd>
        <dt>{t("ui.people.profile")}</dt>
        <dd>{t(`ui.profiles.${me.profile}`)}</dd>
      </dl>
      <Sessions />
      <ChangePassword />
    </>
  );
}

function Sessions() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const q = useQuery({ queryKey: ["sessions"], queryFn: () => api(listSessions) });
  const revoke = useMutation({
    mutationFn: (id: string) => api(revokeSession, { params: { id } }),
    onSuccess: () => {
      announce(t("ui.account.sessionRevoked"));
      qc.invalidateQueries({ queryKey: ["sessions"] });
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const others = useMutation({
    mutationFn: () => api(signOutOthers),
    onSuccess: (r) => {
      announce(t("ui.account.othersRevoked", { count: r.revoked }));
      qc.invalidateQueries({ queryKey: ["sessions"] });
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const hasOthers = q.data?.items.some((s) => !s.current);
  return (
    <section className="section" aria-labelledby="sessions-title">
      <div className="section-head">
        <h2 id="sessions-title">{t("ui.account.sessions")}</h2>
        {hasOthers && (
          <Button className="btn btn-secondary" onPress={() => others.mutate()} isPending={others.isPending}>
            {t("ui.account.signOutOthers")}
          </Button>
        )}
      </div>
      <p className="muted">{t("ui.account.sessionsHelp")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
        <ul className="list">
          {q.data.items.map((s) => (
            <li key={s.id} className="list-item">
              <div>
                <strong>{deviceName(s.userAgent, t("ui.account.unknownDevice"))}</strong>
                {s.current && <span className="badge badge-ok">{t("ui.account.thisDevice")}</span>}
                <div className="muted small">
                  {s.ip && <>{s.ip} · </>}
                  {t("ui.account.lastSeen")} <FormattedDate value={s.lastSeenAt} dateStyle="medium" timeStyle="short" /> · {t("ui.account.since")}{" "}
                  <FormattedDate value={s.createdAt} dateStyle="medium" />
                </div>
              </div>
              {!s.current && (
                <Button
                  className="btn btn-secondary"
                  onPress={() => revoke.mutate(s.id)}
                  isPending={revoke.isPending && revoke.variables === s.id}
                  aria-label={t("ui.account.revokeOne", { device: deviceName(s.userAgent, t("ui.account.unknownDevice")) })}
                >
                  {t("ui.account.revoke")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function ChangePassword() {
  const t = useT();
  const announce = useAnnounce();
  const qc = useQueryClient();
  const { error, onError, setError, clear } = useFormErrors();
  const [password, setPassword] = useState("");
  const [key, setKey] = useState(0);
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => api(changePassword, { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } }),
    onError,
    onSuccess: () => {
      clear();
      setPassword("");
      setKey((k) => k + 1);
      announce(t("ui.account.passwordChanged"));
      qc.invalidateQueries({ queryKey: ["sessions"] });
    },
  });
  return (
    <section className="section" aria-labelledby="password-title">
      <h2 id="password-title">{t("ui.account.changePassword")}</h2>
      <p className="muted">{t("ui.account.changePasswordHelp")}</p>
      <Form
        key={key}
        validationBehavior="aria"
        validationErrors={error?.fields}
        className="form narrow"
        onSubmit={(e) => {
          const v = formValues(e);
          if (v.confirm !== v.newPassword) return setError({ message: t("ui.account.mismatch"), fields: { confirm: t("ui.account.mismatch") } });
          m.mutate(v);
        }}
      >
        <FormAlert error={error} />
        <Field name="currentPassword" type="password" label={t("ui.account.currentPassword")} isRequired autoComplete="current-password" />
        <Field name="newPassword" type="password" label={t("ui.account.newPassword")} description={t("ui.account.passwordHelp")} isRequired autoComplete="new-password" value={password} onChange={setPassword} />
        <Field name="confirm" type="password" label={t("ui.account.confirmPassword")} isRequired autoComplete="new-password" validate={(v) => (v && v !== password ? t("ui.account.mismatch") : null)} />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.account.changePassword")}
          </Button>
        </div>
      </Form>
    </section>
  );
}
