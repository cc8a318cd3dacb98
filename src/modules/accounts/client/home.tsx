import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { FormattedNumber } from "react-intl";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { useMe } from "../../../web/session.ts";
import { useNav } from "../../../web/shell.tsx";
import { PortalShortcuts } from "../../portal/client/shortcuts.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { MyCoursesCard } from "../../courses/client/home-card.tsx";
import { WhatsNextCard } from "../../enrolment/client/next-card.tsx";
import { SchoolDay } from "../../school/client/day.tsx";
import { getHome } from "../shared/contract.ts";

/**
 * The single entry page: the school day (what is due, the diary, messages, announcements; a
 * teacher's classes and work to grade), shortcuts to every service, the courses, and for admins
 * the size of their branches.
 */
export function HomePage() {
  const t = useT();
  const me = useMe();
  const services = useNav().filter((n) => n.to !== "/" && n.to !== "/account");
  const q = useQuery({ queryKey: ["home"], queryFn: () => api(getHome) });
  const title = <PageTitle>{t("ui.home.greeting", { name: q.data?.greetingName ?? me?.givenName ?? "" })}</PageTitle>;
  if (q.isPending)
    return (
      <>
        {title}
        <Loading />
      </>
    );
  if (q.isError)
    return (
      <>
        {title}
        <QueryError error={q.error} />
      </>
    );
  const h = q.data;
  return (
    <>
      {title}
      <p className="lead">{t(`ui.home.lead.${h.profile}`)}</p>
      <SchoolDay />

      {h.admin && (
        <section aria-labelledby="home-admin" className="section">
          <h2 id="home-admin">{t("ui.home.adminTitle")}</h2>
          <ul className="stats">
            <li className="stat">
              <Link to="/admin/people">
                <span className="stat-value">
                  <FormattedNumber value={h.admin.users} />
                </span>
                <span className="stat-label">{t("ui.home.users")}</span>
              </Link>
            </li>
            <li className="stat">
              <Link to="/admin/orgs">
                <span className="stat-value">
                  <FormattedNumber value={h.admin.orgs} />
                </span>
                <span className="stat-label">{t("ui.home.orgs")}</span>
              </Link>
            </li>
            <li className="stat">
              <Link to="/admin/people" search={{ status: "disabled" }}>
                <span className="stat-value">
                  <FormattedNumber value={h.admin.disabled} />
                </span>
                <span className="stat-label">{t("ui.home.disabled")}</span>
              </Link>
            </li>
          </ul>
          <ul className="quick-links">
            <li>
              <Link to="/admin/people">{t("ui.home.managePeople")}</Link>
            </li>
            <li>
              <Link to="/admin/import">{t("ui.home.importPeople")}</Link>
            </li>
            <li>
              <Link to="/admin/orgs">{t("ui.home.manageOrgs")}</Link>
            </li>
          </ul>
        </section>
      )}

      {me?.isOperator && (
        <section aria-labelledby="home-operator" className="section">
          <h2 id="home-operator">{t("ui.home.operatorTitle")}</h2>
          <ul className="quick-links">
            <li>
              <Link to="/operator/platforms">{t("ui.nav.platforms")}</Link>
            </li>
            <li>
              <Link to="/operator/outbox">{t("ui.nav.outbox")}</Link>
            </li>
          </ul>
        </section>
      )}

      <WhatsNextCard />
      <MyCoursesCard />

      <section aria-labelledby="home-services" className="section">
        <h2 id="home-services">{t("ui.home.services")}</h2>
        <ul className="cards services">
          <PortalShortcuts />
          {services.map((n) => (
            <li key={n.to} className="card">
              <Link to={n.to}>{n.label}</Link>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="home-orgs" className="section">
        <h2 id="home-orgs">{t("ui.home.myOrgs")}</h2>
        {h.orgs.length === 0 ? (
          <EmptyState title={t("ui.home.noOrgs")}>
            <p>{t("ui.home.noOrgsHelp")}</p>
          </EmptyState>
        ) : (
          <ul className="cards">
            {h.orgs.map((o) => (
              <li key={o.id} className="card org-card">
                <h3>{o.name}</h3>
                <p className="muted">
                  {t(`ui.kinds.${o.kind}`)} · {t(`ui.profiles.${o.role}`)}
                </p>
                {o.members !== null && <p>{t("ui.home.members", { count: o.members })}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
