import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { rememberMe, usePlatform } from "../../../web/session.ts";
import { Field, FormAlert, formValues, PageTitle, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { SsoButtons } from "../../sso/client/buttons.tsx";
import { confirmPasswordReset, requestPasswordReset, signIn } from "../shared/contract.ts";

/** Only paths inside this platform may be returned to after sign-in. */
const safeNext = (next: unknown) => (typeof next === "string" && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") ? next : "/");
/** Pages the server serves itself (a service's sign-on, a portal launch) are loaded, not routed. */
const SERVER_PAGES = /^\/(oidc|cas|api)\//;

export function SignInPage() {
  const t = useT();
  const platform = usePlatform();
  const search = useSearch({ strict: false }) as { next?: string; reset?: string };
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { error, onError } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => api(signIn, { body: { login: v.login, password: v.password } }),
    onError,
    onSuccess: (me) => {
      qc.setQueryData(["me"], rememberMe(me));
      const next = safeNext(search.next);
      if (SERVER_PAGES.test(next)) window.location.assign(url(next));
      else navigate({ to: next });
    },
  });
  const name = platform?.platform?.branding.platformName;
  return (
    <>
      <PageTitle>{t("ui.signIn.title")}</PageTitle>
      {name && <p className="lead">{t("ui.signIn.intro", { name })}</p>}
      {search.reset === "done" && (
        <div className="alert alert-ok" role="status">
          {t("ui.reset.done")}
        </div>
      )}
      <SsoButtons />
      <Form validationBehavior="aria" validationErrors={error?.fields} onSubmit={(e) => m.mutate(formValues(e))} className="form">
        <FormAlert error={error} />
        <Field name="login" label={t("ui.signIn.login")} isRequired autoComplete="username" autoFocus />
        <Field name="password" type="password" label={t("ui.signIn.password")} isRequired autoComplete="current-password" />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary btn-block" isPending={m.isPending}>
            {t("ui.signIn.submit")}
          </Button>
        </div>
      </Form>
      <p className="center">
        <Link to="/forgot-password">{t("ui.signIn.forgot")}</Link>
      </p>
    </>
  );
}

export function ForgotPasswordPage() {
  const t = useT();
  const { error, onError } = useFormErrors();
  const announce = useAnnounce();
  const [sent, setSent] = useState(false);
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => api(requestPasswordReset, { body: { login: v.login } }),
    onError,
    onSuccess: () => {
      setSent(true);
      announce(t("ui.forgot.sent"));
    },
  });
  return (
    <>
      <PageTitle>{t("ui.forgot.title")}</PageTitle>
      {sent ? (
        <div className="alert alert-ok">{t("ui.forgot.sent")}</div>
      ) : (
        <>
          <p className="lead">{t("ui.forgot.intro")}</p>
          <Form validationBehavior="aria" validationErrors={error?.fields} onSubmit={(e) => m.mutate(formValues(e))} className="form">
            <FormAlert error={error} />
            <Field name="login" label={t("ui.signIn.login")} isRequired autoComplete="username" />
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary btn-block" isPending={m.isPending}>
                {t("ui.forgot.submit")}
              </Button>
            </div>
          </Form>
        </>
      )}
      <p className="center">
        <Link to="/sign-in">{t("ui.forgot.back")}</Link>
      </p>
    </>
  );
}

export function ResetPasswordPage() {
  const t = useT();
  const search = useSearch({ strict: false }) as { token?: string };
  const navigate = useNavigate();
  const { error, onError, setError } = useFormErrors();
  const [password, setPassword] = useState("");
  const m = useMutation({
    mutationFn: (v: Record<string, string>) => api(confirmPasswordReset, { body: { token: search.token ?? "", password: v.password } }),
    onError,
    onSuccess: () => navigate({ to: "/sign-in", search: { reset: "done" } }),
  });
  if (!search.token) {
    return (
      <>
        <PageTitle>{t("ui.reset.title")}</PageTitle>
        <div className="alert alert-error">{t("ui.reset.noToken")}</div>
        <p className="center">
          <Link to="/forgot-password">{t("ui.reset.askAgain")}</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageTitle>{t("ui.reset.title")}</PageTitle>
      <p className="lead">{t("ui.reset.intro")}</p>
      <Form
        validationBehavior="aria"
        validationErrors={error?.fields}
        className="form"
        onSubmit={(e) => {
          const v = formValues(e);
          if (v.confirm !== v.password) return setError({ message: t("ui.account.mismatch"), fields: { confirm: t("ui.account.mismatch") } });
          m.mutate(v);
        }}
      >
        <FormAlert error={error} />
        <Field name="password" type="password" label={t("ui.account.newPassword")} description={t("ui.account.passwordHelp")} isRequired autoComplete="new-password" value={password} onChange={setPassword} />
        <Field name="confirm" type="password" label={t("ui.account.confirmPassword")} isRequired autoComplete="new-password" validate={(v) => (v && v !== password ? t("ui.account.mismatch") : null)} />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary btn-block" isPending={m.isPending}>
            {t("ui.reset.submit")}
          </Button>
        </div>
      </Form>
      <p className="center">
        <Link to="/forgot-password">{t("ui.reset.askAgain")}</Link>
      </p>
    </>
  );
}
