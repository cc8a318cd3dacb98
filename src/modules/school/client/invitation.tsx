import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate } from "@tanstack/react-router";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { InvitationFrame, NewAccountForm } from "../../../web/invitation.tsx";
import { meQuery } from "../../../web/session.ts";
import { FormAlert, useFormErrors } from "../../../web/ui.tsx";
import type { Me } from "../../accounts/shared/contract.ts";
import { acceptInvitation, getInvitation } from "../shared/contract.ts";
import "./school.css";

/**
 * Where a parent's invitation link leads. Signed in as a parent: one button links the account.
 * Signed out: create a parent account (then signed in at once), or sign in first to link an existing one.
 */
export function InvitationPage() {
  const t = useT();
  const me = useQuery(meQuery);
  return (
    <InvitationFrame
      queryKey={["school", "invitation"]}
      load={(token) => api(getInvitation, { params: { token } })}
      messages="ui.school.invitation"
      values={(i) => ({ child: i.childName })}
      waiting={me.isPending}
    >
      {(i, token) =>
        me.data ? (
          <LinkAccount me={me.data} token={token} />
        ) : (
          <>
            {i.accountExists ? (
              <div className="alert" role="status">
                {t("ui.school.invitation.accountExists", { email: i.email })}
              </div>
            ) : (
              <NewAccountForm
                invitation={i}
                accept={(account) => api(acceptInvitation, { params: { token }, body: { account } })}
                then="/school/children"
                messages="ui.school.invitation"
                labels="ui.school.invitation"
                submit="ui.school.invitation.createSubmit"
              />
            )}
            <p className="center school-after-list">
              <Link to="/sign-in" search={{ next: `/school/invitation?token=${encodeURIComponent(token)}` }}>
                {t("ui.school.invitation.signInFirst")}
              </Link>
            </p>
          </>
        )
      }
    </InvitationFrame>
  );
}

/** Signed in: the parent links this account to the child. */
function LinkAccount({ me, token }: { me: Me; token: string }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const { error, onError } = useFormErrors();
  const link = useMutation({
    mutationFn: () => api(acceptInvitation, { params: { token }, body: {} }),
    onSuccess: async () => {
      await qc.invalidateQueries({ queryKey: ["me"] });
      navigate({ to: "/school/children" });
    },
    onError,
  });
  return (
    <div className="form">
      <p>{t("ui.school.invitation.signedInAs", { name: `${me.givenName} ${me.familyName}` })}</p>
      <FormAlert error={error} />
      <div className="form-actions">
        <Button className="btn btn-primary" isPending={link.isPending} onPress={() => link.mutate()}>
          {t("ui.school.invitation.link")}
        </Button>
      </div>
    </div>
  );
}
