import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { Button, Form } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { rememberMe } from "../../../web/session.ts";
import { Field, FormAlert, formValues, Loading, PageTitle, QueryError, useFormErrors } from "../../../web/ui.tsx";
import { signIn } from "../../accounts/shared/contract.ts";
import { acceptPartnerInvitation, getPartnerInvitation } from "../shared/contract.ts";

/** Where a partner contact's link leads: they create their account and become the partner's manager (signed in at once). */
export function PartnerInvitationPage() {
  const t = useT();
  const { token } = useSearch({ strict: false }) as { token: string };
  const navigate = useNavigate();
  const qc = useQueryClient();
  const inv = useQuery({
    queryKey: ["partners", "invitation", token],
    queryFn: () => api(getPartnerInvitation, { params: { token } }),
    retry: false,
    enabled: token.length >= 10,
  });
  const { error, onError } = useFormErrors();
  const create = useMutation({
    mutationFn: async (v: Record<string, string>) => {
      const account = {
        username: v["account.username"] ?? "",
        givenName: v["account.givenName"] ?? "",
        familyName: v["account.familyName"] ?? "",
        password: v["account.password"] ?? "",
      };
      const r = await api(acceptPartnerInvitation, { params: { token }, body: { account } });
      qc.setQueryData(["me"], rememberMe(await api(signIn, { body: { login: r.username, password: account.password } })));
      return r;
    },
    onSuccess: () => navigate({ to: "/partner" }),
    onError,
  });
  if (token.length < 10) return <PageTitle>{t("ui.partners.invitation.invalid")}</PageTitle>;
  if (inv.isPending) return <Loading />;
  if (inv.isError)
    return (
      <>
        <PageTitle>{t("ui.partners.invitation.invalid")}</PageTitle>
        <QueryError error={inv.error} />
      </>
    );
  const i = inv.data;
  return (
    <>
      <PageTitle>{t("ui.partners.invitation.title", { partner: i.partnerName })}</PageTitle>
      {i.status !== "valid" ? (
        <div className="alert alert-error" role="alert">
          {t(i.status === "used" ? "ui.partners.invitation.used" : "ui.partners.invitation.expired")}
        </div>
      ) : (
        <>
          <p className="lead">
            {t("ui.partners.invitation.intro", { partner: i.partnerName })}{" "}
            <span className="muted">
              {t("ui.partners.invitation.until")} <FormattedDate value={i.expiresAt} dateStyle="long" />
            </span>
          </p>
          <Form
            validationBehavior="aria"
            validationErrors={error?.fields}
            onSubmit={(e) => create.mutate(formValues(e))}
            className="form"
            aria-labelledby="pinv-create"
          >
            <h2 id="pinv-create">{t("ui.partners.invitation.create")}</h2>
            <p className="muted">{t("ui.partners.invitation.email", { email: i.email })}</p>
            <FormAlert error={error} />
            <Field name="account.givenName" label={t("ui.partners.people.givenName")} isRequired autoComplete="given-name" />
            <Field name="account.familyName" label={t("ui.partners.people.familyName")} isRequired autoComplete="family-name" />
            <Field
              name="account.username"
              label={t("ui.partners.people.username")}
              description={t("ui.partners.people.usernameHelp")}
              isRequired
              autoComplete="username"
            />
            <Field
              name="account.password"
              type="password"
              label={t("ui.partners.people.password")}
              description={t("ui.partners.people.passwordHelp")}
              isRequired
              autoComplete="new-password"
            />
            <div className="form-actions">
              <Button type="submit" className="btn btn-primary btn-block" isPending={create.isPending}>
                {t("ui.partners.invitation.accept")}
              </Button>
            </div>
          </Form>
        </>
      )}
    </>
  );
}
