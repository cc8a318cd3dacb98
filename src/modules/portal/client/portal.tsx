import { useQuery } from "@tanstack/react-query";
import { useSearch } from "@tanstack/react-router";
import { api, url } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { myPortal } from "../shared/contract.ts";
import { ServiceIcon } from "./service-icon.tsx";
import "./portal.css";

/** A person's services: each card goes through the launch route (counted, then the service, signed in). */
export function PortalPage() {
  const t = useT();
  const search = useSearch({ strict: false }) as { unavailable?: string };
  const q = useQuery({ queryKey: ["portal"], queryFn: () => api(myPortal) });
  return (
    <>
      <PageTitle>{t("ui.portal.title")}</PageTitle>
      <p className="lead">{t("ui.portal.intro")}</p>
      {search.unavailable && (
        <div className="alert alert-error" role="alert">
          {t("ui.portal.unavailable")}
        </div>
      )}
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t("ui.portal.empty")}>
          <p>{t("ui.portal.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ul className="services-grid">
          {q.data.items.map((s) => (
            <li key={s.id}>
              <a className="service-card" href={url(s.launchPath)}>
                <ServiceIcon name={s.name} iconUrl={s.iconUrl} />
                <span>
                  <h2>{s.name}</h2>
                  {s.description && <p className="small">{s.description}</p>}
                  {s.signOn !== "none" && <p className="small muted">{t("ui.portal.signedIn")}</p>}
                </span>
              </a>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
