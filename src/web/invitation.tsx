import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { type ReactNode, useId } from "react";
import { Button, Form } from "react-aria-components";
import { FormattedDate } from "react-intl";
import { signIn } from "../modules/accounts/shared/contract.ts";
import { api } from "./api.ts";
import { useT } from "./i18n.tsx";
import { rememberMe } from "./session.ts";
import { Field, FormAlert, formValues, Loading, PageTitle, QueryError, useFormErrors } from "./ui.tsx";

/** What an invitation link's page knows of any invitation, whoever sends it. */
type Invitation = { status: "valid" | "expired" | "used"; email: string; expiresAt: string };
type NewAccount = { username: string; givenName: string; familyName: string; password: string };

/**
 * The page an invitation link (`?token=`) opens: the invitation read by its token, who invites and until when,
 * or why the link does not work. Each module words its own invitations: the messages under `messages` are
 * invalid, title and intro (both given `values`), until, used and expired. What a valid invitation offers is the module's.
 */
export function InvitationFrame<I extends Invitation>({
  queryKey,
  load,
  messages,
  values,
  waiting = false,
  children,
}: {
  queryKey: readonly unknown[];
  load: (token: string) => Promise<I>;
  messages: string;
  values: (i: I) => Record<string, string>;
  /** something else the page needs before it shows (who is signed in, say) is still loading */
  waiting?: boolean;
  children: (i: I, token: string) => ReactNode;
}) {
  const t = useT();
  const { token } = useSearch({ strict: false }) as { token: string };
  const inv = useQuery({ queryKey: [...queryKey, token], queryFn: () => load(token), retry: false, enabled: token.length >= 10 });
  if (token.length < 10) return <PageTitle>{t(`${messages}.invalid`)}</PageTitle>;
  if (inv.isPending || waiting) return <Loading />;
  if (inv.isError)
    return (
      <>
        <PageTitle>{t(`${messages}.invalid`)}</PageTitle>
        <QueryError error={inv.error} />
      </>
    );
  const i = inv.data;
  return (
    <>
      <PageTitle>{t(`${messages}.title`, values(i))}</PageTitle>
      {i.status !== "valid" ? (
        <div className="alert alert-error" role="alert">
          {t(`${messages}.${i.status}`)}
        </div>
      ) : (
        <>
          <p className="lead">
            {t(`${messages}.intro`, values(i))}{" "}
            <span className="muted">
              {t(`${messages}.until`)} <FormattedDate value={i.expiresAt} dateStyle="long" />
            </span>
          </p>
          {children(i, token)}
        </>
      )}
    </>
  );
}

/**
 * The invited person creates their account (with the invited address), then is signed in and taken to `then`.
 * Messages: create (the heading) and email under `messages`; givenName, familyName, username, usernameHelp,
 * password and passwordHelp under `labels`; `submit` is the button's.
 */
export function NewAccountForm({
  invitation,
  accept,
  then,
  messages,
  labels,
  submit,
}: {
  /** the invited address, and the names the inviter gave if any */
  invitation: { email: string; givenName?: string; familyName?: string };
  accept: (account: NewAccount) => Promise<{ username: string }>;
  then: string;
  messages: string;
  labels: string;
  submit: string;
}) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const heading = useId();
  const { error, onError } = useFormErrors();
  const create = useMutation({
    mutationFn: async (v: Record<string, string>) => {
      const account = {
        username: v["account.username"] ?? "",
        givenName: v["account.givenName"] ?? "",
        familyName: v["account.familyName"] ?? "",
        password: v["account.password"] ?? "",
      };
      const r = await accept(account);
      qc.setQueryData(["me"], rememberMe(await api(signIn, { body: { login: r.username, password: account.password } })));
      return r;
    },
    onSuccess: () => navigate({ to: then }),
    onError,
  });
  return (
    <Form validationBehavior="aria" validationErrors={error?.fields} onSubmit={(e) => create.mutate(formValues(e))} className="form" aria-labelledby={heading}>
      <h2 id={heading}>{t(`${messages}.create`)}</h2>
      <p className="muted">{t(`${messages}.email`, { email: invitation.email })}</p>
      <FormAlert error={error} />
      <Field name="account.givenName" label={t(`${labels}.givenName`)} defaultValue={invitation.givenName} isRequired autoComplete="given-name" />
      <Field name="account.familyName" label={t(`${labels}.familyName`)} defaultValue={invitation.familyName} isRequired autoComplete="family-name" />
      <Field name="account.username" label={t(`${labels}.username`)} description={t(`${labels}.usernameHelp`)} isRequired autoComplete="username" />
      <Field
        name="account.password"
        type="password"
        label={t(`${labels}.password`)}
        description={t(`${labels}.passwordHelp`)}
        isRequired
        autoComplete="new-password"
      />
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary btn-block" isPending={create.isPending}>
          {t(submit)}
        </Button>
      </div>
    </Form>
  );
}
