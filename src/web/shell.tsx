import { useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouter } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Button, Label, ListBox, ListBoxItem, Menu, MenuItem, MenuTrigger, Popover, RouterProvider as AriaRouterProvider, Select, SelectValue, Separator } from "react-aria-components";
import { signOut } from "../modules/accounts/shared/contract.ts";
import type { Branding } from "../modules/orgs/shared/contract.ts";
import { api, url } from "./api.ts";
import { chosenLocale, isLocale, LOCALES, languageName, session, takePendingLocale, useLocale, useT } from "./i18n.tsx";
import { chooseOrg, chosenOrgId, currentBranding, switcherOrgs, useMe, usePlatform } from "./session.ts";
import { NotificationBell } from "../modules/notifications/client/routes.tsx";
import { applyTheme } from "./theme.ts";
import { Announcer, SIGNED_OUT } from "./ui.tsx";

/** Root: lets react-aria links and menu items navigate through the router. */
export function Root() {
  const router = useRouter();
  return (
    <AriaRouterProvider navigate={(to, options) => router.navigate({ ...(options as Record<string, unknown> | undefined), to })} useHref={(to) => router.buildLocation({ to }).href}>
      <Announcer>
        <Outlet />
      </Announcer>
    </AriaRouterProvider>
  );
}

function SkipLink() {
  const t = useT();
  return (
    <a className="skip-link" href="#main">
      {t("ui.shell.skip")}
    </a>
  );
}

export function Brand({ branding, sub }: { branding: Branding | null; sub?: string | null }) {
  const t = useT();
  const name = branding?.platformName ?? t("ui.shell.product");
  return (
    <span className="brand">
      {branding?.logoUrl ? (
        <img className="brand-logo" src={branding.logoUrl} alt="" />
      ) : (
        <span className="brand-mark" aria-hidden="true">
          {name.charAt(0).toUpperCase()}
        </span>
      )}
      <span className="brand-text">
        <span className="brand-name">{name}</span>
        {sub && sub !== name && <span className="brand-sub">{sub}</span>}
      </span>
    </span>
  );
}

export function LanguageSwitcher() {
  const { locale, setLocale } = useLocale();
  const t = useT();
  const qc = useQueryClient();
  return (
    <Select
      className="switcher"
      value={locale}
      onChange={async (k) => {
        if (!isLocale(k)) return;
        await setLocale(k);
        // data carrying translated text (errors, labels) is fetched again in the new language
        qc.invalidateQueries();
      }}
    >
      <Label className="switcher-label">{t("ui.shell.language")}</Label>
      <Button className="switcher-button">
        <GlobeIcon />
        <SelectValue />
      </Button>
      <Popover className="popover">
        <ListBox className="listbox">
          {LOCALES.map((l) => (
            <ListBoxItem key={l} id={l} className="listbox-item" textValue={languageName(l)}>
              <span lang={l}>{languageName(l)}</span>
            </ListBoxItem>
          ))}
        </ListBox>
      </Popover>
    </Select>
  );
}

function GlobeIcon() {
  return (
    <svg className="switcher-icon" aria-hidden="true" viewBox="0 0 24 24" width="18" height="18" fill="none" stroke="currentColor" strokeWidth="1.8">
      <circle cx="12" cy="12" r="9" />
      <path d="M3 12h18M12 3c2.5 2.7 3.8 5.7 3.8 9s-1.3 6.3-3.8 9c-2.5-2.7-3.8-5.7-3.8-9S9.5 5.7 12 3z" />
    </svg>
  );
}

/** `exact`: active on that page only (not on pages below it that have their own item) */
type NavItem = { to: string; label: string; exact?: boolean };

/** The sections the person may open (the navigation, and the home page's shortcuts to services). */
export function useNav(): NavItem[] {
  const me = useMe();
  const platform = usePlatform();
  const t = useT();
  // a partner organisation's person reaches only their partnership (and, for learners, its part of the catalogue)
  if (me?.partner) {
    return [
      { to: "/", label: t("ui.nav.home") },
      { to: "/partner", label: t("ui.partners.nav.mine") },
      ...(me.partner.role === "learner" ? [{ to: "/courses", label: t("ui.nav.courses") }, { to: "/catalogue", label: t("ui.nav.catalogue") }] : []),
      { to: "/account", label: t("ui.nav.account") },
    ];
  }
  const items: NavItem[] = [{ to: "/", label: t("ui.nav.home") }, { to: "/courses", label: t("ui.nav.courses") }, { to: "/catalogue", label: t("ui.nav.catalogue") }, { to: "/programmes", label: t("ui.programmes.nav") }];
  if (me?.isAdmin) {
    items.push({ to: "/admin/orgs", label: t("ui.nav.orgs") }, { to: "/admin/people", label: t("ui.nav.people") }, { to: "/admin/import", label: t("ui.nav.import") }, { to: "/admin/partners", label: t("ui.partners.nav.host") });
  }
  items.push({ to: "/messages", label: t("ui.messages.nav") });
  // platform moderators (admins of the root node): every forum's queue, restrictions and the log
  const rootOrgId = platform?.platform?.rootOrgId;
  if (me?.grants.some((g) => g.role === "admin" && g.orgId === rootOrgId))
    items.push({ to: "/moderation", label: t("ui.moderation.nav") }, { to: "/admin/sso", label: t("ui.sso.nav") }, { to: "/admin/federation", label: t("ui.federation.nav.admin") });
  if (me) items.push({ to: "/partner-courses", label: t("ui.federation.nav.courses") });
  if (me) items.push(me.profile === "parent" ? { to: "/school/children", label: t("ui.school.nav.children") } : { to: "/school/classes", label: t("ui.school.nav.classes") });
  if (me) items.push({ to: "/school/diary", label: t("ui.school.nav.diary") });
  if (me) items.push({ to: "/attendance", label: t("ui.attendance.nav.timetable"), exact: true }, { to: "/attendance/absences", label: t("ui.attendance.nav.absences") });
  if (me) items.push({ to: "/portal", label: t("ui.portal.nav") });
  if (me?.isAdmin) items.push({ to: "/admin/services", label: t("ui.portal.admin.nav") });
  if (me && me.profile !== "learner" && me.profile !== "parent") items.push({ to: "/mailings", label: t("ui.mailing.nav") });
  // the network library is for those who build courses
  if (me?.grants.some((g) => g.role === "teacher" || g.role === "admin")) items.push({ to: "/library", label: t("ui.library.nav") });
  if (me?.isOperator) items.push({ to: "/operator/platforms", label: t("ui.nav.platforms") }, { to: "/operator/outbox", label: t("ui.nav.outbox") }, { to: "/operator/catalog", label: t("ui.portal.catalog.nav") });
  items.push({ to: "/account", label: t("ui.nav.account") });
  return items;
}

/** The signed-in shell: branded header, organisation and language switchers, user menu, navigation. */
export function Shell() {
  const me = useMe();
  const platform = usePlatform();
  const t = useT();
  const { locale, applyLocale, setLocale } = useLocale();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const [orgId, setOrgId] = useState(chosenOrgId());
  const { org, branding } = currentBranding(me, platform?.platform?.branding, orgId);
  const orgs = switcherOrgs(me);
  const nav = useNav();

  useEffect(() => applyTheme(branding?.primaryColor), [branding?.primaryColor]);

  // a language chosen just before signing in is kept on the account; otherwise the account's wins
  const accountLocale = me?.locale;
  useEffect(() => {
    const pending = takePendingLocale();
    if (pending && pending !== accountLocale) setLocale(pending);
    else if (accountLocale && accountLocale !== locale) applyLocale(accountLocale);
    else if (!accountLocale && chosenLocale()) setLocale(chosenLocale()!);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [accountLocale]);

  if (!me) return null;
  const doSignOut = async () => {
    const out = await api(signOut).catch(() => undefined);
    session.signedIn = false;
    // services signed into through this session are told in the browser too (front-channel logout)
    if (out?.continueAt) return window.location.assign(url(out.continueAt));
    window.dispatchEvent(new Event(SIGNED_OUT));
    qc.setQueryData(["me"], null);
    await qc.invalidateQueries({ queryKey: ["platform"] });
    qc.removeQueries({ predicate: (q) => q.queryKey[0] !== "platform" && q.queryKey[0] !== "me" });
    navigate({ to: "/sign-in" });
  };
  const fullName = `${me.givenName} ${me.familyName}`;

  return (
    <div className="app">
      <SkipLink />
      <header className="site-header">
        <div className="header-row">
          <Link to="/" className="brand-link">
            <Brand branding={branding} sub={org?.name} />
          </Link>
          <div className="header-tools">
            <NotificationBell />
            <MenuTrigger>
              <Button className="header-button nav-menu-button">
                <span aria-hidden="true">☰</span> {t("ui.shell.menu")}
              </Button>
              <Popover className="popover" placement="bottom end">
                <Menu className="menu" aria-label={t("ui.shell.mainNav")}>
                  {nav.map((n) => (
                    <MenuItem key={n.to} href={n.to} className="menu-item">
                      {n.label}
                    </MenuItem>
                  ))}
                </Menu>
              </Popover>
            </MenuTrigger>
            <MenuTrigger>
              <Button className="header-button user-button" aria-label={t("ui.shell.userMenu", { name: fullName })}>
                <span className="avatar" aria-hidden="true">
                  {(me.givenName.charAt(0) + me.familyName.charAt(0)).toUpperCase()}
                </span>
                <span className="user-name">{fullName}</span>
              </Button>
              <Popover className="popover" placement="bottom end">
                <Menu className="menu">
                  <MenuItem href="/account" className="menu-item">
                    {t("ui.nav.account")}
                  </MenuItem>
                  <Separator className="menu-separator" />
                  <MenuItem onAction={doSignOut} className="menu-item">
                    {t("ui.shell.signOut")}
                  </MenuItem>
                </Menu>
              </Popover>
            </MenuTrigger>
          </div>
        </div>
      </header>
      <div className="subbar">
        <nav className="main-nav" aria-label={t("ui.shell.mainNav")}>
          <ul>
            {nav.map((n) => (
              <li key={n.to}>
                <Link to={n.to} activeOptions={{ exact: n.exact ?? n.to === "/" }} activeProps={{ "aria-current": "page", className: "active" }}>
                  {n.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="switchers">
          {orgs.length > 1 && (
            <Select
              className="switcher"
              value={org?.id ?? null}
              onChange={(k) => {
                if (k == null) return;
                chooseOrg(String(k));
                setOrgId(String(k));
              }}
            >
              <Label className="switcher-label">{t("ui.shell.organisation")}</Label>
              <Button className="switcher-button">
                <SelectValue />
                <span aria-hidden="true" className="chevron">
                  ▾
                </span>
              </Button>
              <Popover className="popover">
                <ListBox className="listbox">
                  {orgs.map((o) => (
                    <ListBoxItem key={o.id} id={o.id} className="listbox-item" textValue={o.name}>
                      <span className="swatch" style={{ background: o.branding.primaryColor }} aria-hidden="true" />
                      {o.name}
                    </ListBoxItem>
                  ))}
                </ListBox>
              </Popover>
            </Select>
          )}
          <LanguageSwitcher />
        </div>
      </div>
      <main id="main" className="main" tabIndex={-1}>
        <Outlet />
      </main>
    </div>
  );
}

/** Pages before sign-in: the platform's branding on a card, language switcher on top. */
export function PublicLayout() {
  const platform = usePlatform();
  const branding = platform?.platform?.branding ?? null;
  useEffect(() => applyTheme(branding?.primaryColor), [branding?.primaryColor]);
  return (
    <div className="public">
      <SkipLink />
      <header className="public-header">
        <Brand branding={branding} />
        <LanguageSwitcher />
      </header>
      <main id="main" className="public-main" tabIndex={-1}>
        <div className="card public-card">
          <Outlet />
        </div>
      </main>
    </div>
  );
}
