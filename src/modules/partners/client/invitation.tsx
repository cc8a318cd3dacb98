import { api } from "../../../web/api.ts";
import { InvitationFrame, NewAccountForm } from "../../../web/invitation.tsx";
import { acceptPartnerInvitation, getPartnerInvitation } from "../shared/contract.ts";

/** Where a partner contact's link leads: they create their account and become the partner's manager (signed in at once). */
export function PartnerInvitationPage() {
  return (
    <InvitationFrame
      queryKey={["partners", "invitation"]}
      load={(token) => api(getPartnerInvitation, { params: { token } })}
      messages="ui.partners.invitation"
      values={(i) => ({ partner: i.partnerName })}
    >
      {(i, token) => (
        <NewAccountForm
          invitation={i}
          accept={(account) => api(acceptPartnerInvitation, { params: { token }, body: { account } })}
          then="/partner"
          messages="ui.partners.invitation"
          labels="ui.partners.people"
          submit="ui.partners.invitation.accept"
        />
      )}
    </InvitationFrame>
  );
}
