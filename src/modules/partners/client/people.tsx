import { useId } from "react";
import { FormattedDate } from "react-intl";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState } from "../../../web/ui.tsx";
import type { PartnerPerson } from "../shared/contract.ts";

/**
 * A partner's people (host admins see them on the partnership, the partner's manager on their own page): name, role,
 * last sign-in. The manager hands usernames out, so their list shows them in a column of its own; the host's, beside the name.
 */
export function PeopleSection({
  people,
  isEmpty,
  emptyHelp,
  usernameColumn = false,
}: {
  people: PartnerPerson[];
  isEmpty: boolean;
  /** what to do when there is nobody yet */
  emptyHelp: string;
  usernameColumn?: boolean;
}) {
  const t = useT();
  const heading = useId();
  return (
    <section className="section" aria-labelledby={heading}>
      <h2 id={heading}>{t("ui.partners.people.title")}</h2>
      {isEmpty ? (
        <EmptyState title={t("ui.partners.people.none")}>
          <p>{emptyHelp}</p>
        </EmptyState>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">{t("ui.partners.people.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.partners.people.name")}</th>
                {usernameColumn && <th scope="col">{t("ui.partners.people.username")}</th>}
                <th scope="col">{t("ui.partners.people.role")}</th>
                <th scope="col">{t("ui.partners.people.lastLogin")}</th>
              </tr>
            </thead>
            <tbody>
              {people.map((x) => (
                <tr key={x.id}>
                  <td>
                    {x.givenName} {x.familyName}
                    {!usernameColumn && (
                      <>
                        {" "}
                        <span className="muted small">({x.username})</span>
                      </>
                    )}
                  </td>
                  {usernameColumn && <td>{x.username}</td>}
                  <td>{t(`ui.partners.roles.${x.role}`)}</td>
                  <td>{x.lastLoginAt ? <FormattedDate value={x.lastLoginAt} dateStyle="medium" /> : t("ui.partners.people.never")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
