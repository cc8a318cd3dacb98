import { useQuery } from "@tanstack/react-query";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { listSignInProviders } from "../shared/contract.ts";
import "./sso.css";

/**
 * "Sign in with <name>" for each enabled identity provider of the platform. Plain links: the
 * browser leaves for the provider and comes back signed in (or on the error page).
 */
export function SsoButtons() {
  const t = useT();
  const q = useQuery({ queryKey: ["sso", "sign-in"], queryFn: () => api(listSignInProviders), staleTime: 60_000 });
  const items = q.data?.items ?? [];
  if (!items.length) return null;
  return (
    <section className="sso-buttons" aria-labelledby="sso-heading">
      <h2 id="sso-heading" className="sso-heading">
        {t("ui.sso.signIn.heading")}
      </h2>
      {items.map((p) => (
        <a key={p.id} className="btn btn-secondary btn-block" href={url(`/sso/${p.id}/start`)}>
          {t("ui.sso.signIn.with", { name: p.name })}
        </a>
      ))}
      <p className="sso-or" aria-hidden="true">
        <span>{t("ui.sso.signIn.or")}</span>
      </p>
    </section>
  );
}
