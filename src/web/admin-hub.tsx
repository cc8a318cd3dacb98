import { type AnyRoute, createRoute, Link } from "@tanstack/react-router";
import { ADMIN_SECTIONS, type AdminEntry, adminAccess, HUB_PATH } from "./admin-area.ts";
import { ADMIN_ENTRIES } from "./admin-entries.ts";
import { useT } from "./i18n.tsx";
import { useMe, usePlatform } from "./session.ts";
import { EmptyState, PageTitle } from "./ui.tsx";

/** The administration areas the signed-in person may use (none for most people). */
export function useAdminEntries(): AdminEntry[] {
  const me = useMe();
  const platform = usePlatform();
  if (!me || me.partner) return [];
  const access = adminAccess(me, platform?.platform?.rootOrgId);
  return ADMIN_ENTRIES.filter((e) => e.allowed(access));
}

/** The administration hub: one card per area the person may use, in titled sections. */
export function AdminHubPage() {
  const t = useT();
  const entries = useAdminEntries();
  const sections = ADMIN_SECTIONS.map((s) => ({ id: s, entries: entries.filter((e) => e.section === s) })).filter((s) => s.entries.length > 0);
  return (
    <>
      <PageTitle>{t("ui.adminHub.title")}</PageTitle>
      {sections.length === 0 ? (
        <EmptyState title={t("ui.adminHub.empty")}>
          <p>{t("ui.adminHub.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <>
          <p className="lead">{t("ui.adminHub.lead")}</p>
          {sections.map((s) => (
            <section key={s.id} className="section admin-hub-section" aria-labelledby={`admin-hub-${s.id}`}>
              <h2 id={`admin-hub-${s.id}`}>{t(`ui.adminHub.sections.${s.id}`)}</h2>
              <ul className="admin-hub-cards">
                {s.entries.map((e) => (
                  <li key={e.id} className="admin-hub-card" data-entry={e.id}>
                    <h3>
                      <Link to={e.to} aria-describedby={`admin-hub-d-${e.id}`}>
                        {t(e.title)}
                      </Link>
                    </h3>
                    <p id={`admin-hub-d-${e.id}`}>{t(e.description)}</p>
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </>
  );
}

export const adminHubRoutes = (parent: AnyRoute) => [createRoute({ getParentRoute: () => parent, path: HUB_PATH, component: AdminHubPage })];
