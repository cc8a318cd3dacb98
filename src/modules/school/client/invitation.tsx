import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useSearch } from "@tanstack/react-router";
import { Button, Form } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { meQuery, rememberMe } from "../../../web/session.ts";
import { Field, FormAlert, formValues, Loading, PageTitle, QueryError, useFormErrors } from "../../../web/ui.tsx";
import { signIn } from "../../accounts/shared/contract.ts";
import { acceptInvitation, getInvitation } from "../shared/contract.ts";
import "./school.css";

/**
 * Where a parent's invitation link leads. Signed in as a parent: one button links the account.
 * Signed out: create a parent account (then signed in at once), or sign in first to link an existing one.
 */
export function InvitationPage() {
  const t = useT();
  const { token } = useSearch({ strict: false }) as { token: string };
  const navigate = useNavigate();
  const qc = useQueryClient();
  const me = useQuery(meQuery);
  const inv = useQuery({
    queryKey: ["school", "invitation", token],
    queryFn: () => api(getInvitation, { params: { token } }),
    retry: false,
    enabled: token.length >= 10,
  });
  const { error, onError } = useFormErrors();
  const done = async () => {
    await qc.invalidateQueries({ queryKey: ["me"] });
    navigate({ to: "/school/children" });
  };
  const link = useMutation({ mutationFn: () => api(acceptInvitation, { params: { token }, body: {} }), onSuccess: done, onError });
  const create = useMutation({
    mutationFn: async (v: Record<string, string>) => {
      const account = {
        username: v["account.username"] ?? "",
        givenName: v["account.givenName"] ?? "",
        familyName: v["account.familyName"] ?? "",
        password: v["account.password"] ?? "",
      };
      const r = await api(acceptInvitation, { params: { token }, body: { account } });
      qc.setQueryData(["me"], rememberMe(await api(signIn, { body: { login: r.username, password: account.password } })));
      return r;
    },
    onSuccess: () => navigate({ to: "/school/children" }),
    onError,
  });
  if (token.length < 10) return <PageTitle>{t("ui.school.invitation.invalid")}</PageTitle>;
  if (inv.isPending || me.isPending) return <Loading />;
  if (inv.isError)
    return (
      <>
        <PageTitle>{t("ui.school.invitation.invalid")}</PageTitle>
        <QueryError error={inv.error} />
      </>
    );
  const i = inv.data;
  const next = `/school/invitation?token=${encodeURIComponent(token)}`;
  return (
    <>
      <PageTitle>{t("ui.school.invitation.title", { child: i.childName })}</PageTitle>
      {i.status !== "valid" ? (
        <div className="alert alert-error" role="alert">
          {t(i.status === "used" ? "ui.school.invitation.used" : "ui.school.invitation.expired")}
        </div>
      ) : (
        <>
          <p className="lead">
            {t("ui.school.invitation.intro", { child: i.childName })}{" "}
            <span className="muted">
              {t("ui.school.invitation.until")} <FormattedDate value={i.expiresAt} dateStyle="long" />
            </span>
          </p>
          {me.data ? (
            <div className="form">
              <p>{t("ui.school.invitation.signedInAs", { name: `${me.data.givenName} ${me.data.familyName}` })}</p>
              <FormAlert error={error} />
              <div className="form-actions">
                <Button className="btn btn-primary" isPending={link.isPending} onPress={() => link.mutate()}>
                  {t("ui.school.invitation.link")}
                </Button>
              </div>
            </div>
          ) : (
            <>
              {i.accountExists ? (
                <div className="alert" role="status">
                  {t("ui.school.invitation.accountExists", { email: i.email })}
                </div>
              ) : (
                <Form
                  validationBehavior="aria"
                  validationErrors={error?.fields}
                  onSubmit={(e) => create.mutate(formValues(e))}
                  className="form"
                  aria-labelledby="inv-create"
                >
                  <h2 id="inv-create">{t("ui.school.invitation.create")}</h2>
                  <p className="muted">{t("ui.school.invitation.email", { email: i.email })}</p>
                  <FormAlert error={error} />
                  <Field name="account.givenName" label={t("ui.school.invite.givenName")} defaultValue={i.givenName} isRequired autoComplete="given-name" />
                  <Field name="account.familyName" label={t("ui.school.invite.familyName")} defaultValue={i.familyName} isRequired autoComplete="family-name" />
                  <Field
                    name="account.username"
                    label={t("ui.school.invitation.username")}
                    description={t("ui.school.invitation.usernameHelp")}
                    isRequired
                    autoComplete="username"
                  />
                  <Field
                    name="account.password"
                    type="password"
                    label={t("ui.school.invitation.password")}
                    description={t("ui.school.invitation.passwordHelp")}
                    isRequired
                    autoComplete="new-password"
                  />
                  <div className="form-actions">
                    <Button type="submit" className="btn btn-primary btn-block" isPending={create.isPending}>
                      {t("ui.school.invitation.createSubmit")}
                    </Button>
                  </div>
                </Form>
              )}
              <p className="center school-after-list">
                <Link to="/sign-in" search={{ next }}>
                  {t("ui.school.invitation.signInFirst")}
                </Link>
              </p>
            </>
          )}
        </>
      )}
    </>
  );
}
