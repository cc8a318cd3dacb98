import { useQueryClient } from "@tanstack/react-query";
import { Link, Outlet, useNavigate, useRouter, useRouterState } from "@tanstack/react-router";
import { useCallback, useEffect, useState } from "react";
import { Button, Label, ListBox, ListBoxItem, Menu, MenuItem, MenuSection, MenuTrigger, Popover, RouterProvider as AriaRouterProvider, Select, SelectValue, Separator } from "react-aria-components";
import { type Me, signOut } from "../modules/accounts/shared/contract.ts";
import { HUB_PATH, isAdminPath } from "./admin-area.ts";
import { ADMIN_ENTRIES } from "./admin-entries.ts";
import { useAdminEntries } from "./admin-hub.tsx";
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

/**
 * `exact`: active on that page only (not on pages below it that have their own item);
 * `more`: under the "More" menu rather than in the bar; `admin`: the Administration item (current on every administration page).
 */
export type NavItem = { to: string; label: string; exact?: boolean; more?: boolean; admin?: boolean };

/**
 * The bar's daily items for each profile, in order (the entry page first); every other item the
 * person may open goes under "More". Keep each list short enough to fit one line at 1280 px in French.
 */
const DAILY: Record<Me["profile"], string[]> = {
  learner: ["/", "/courses", "/school/diary", "/attendance", "/messages"],
  parent: ["/", "/school/children", "/school/diary", "/attendance", "/messages"],
  teacher: ["/", "/courses", "/school/classes", "/school/diary", "/attendance", "/messages"],
  staff: ["/", "/school/classes", "/attendance", "/attendance/absences", "/messages"],
  admin: ["/", "/courses", "/school/diary", "/messages"],
};

/**
 * The sections the person may open (the navigation, and the home page's shortcuts to services):
 * the daily items of their profile, then the others (marked `more`), then one "Administration"
 * item when they may use any administration area (the hub at /admin lists them).
 */
export function useNav(): NavItem[] {
  const me = useMe();
  const t = useT();
  const adminEntries = useAdminEntries();
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
  items.push({ to: "/messages", label: t("ui.messages.nav") });
  if (me?.partnerCourses) items.push({ to: "/partner-courses", label: t("ui.federation.nav.courses") });
  if (me) items.push(me.profile === "parent" ? { to: "/school/children", label: t("ui.school.nav.children") } : { to: "/school/classes", label: t("ui.school.nav.classes") });
  if (me) items.push({ to: "/school/diary", label: t("ui.school.nav.diary") });
  if (me) items.push({ to: "/attendance", label: t("ui.attendance.nav.timetable"), exact: true }, { to: "/attendance/absences", label: t("ui.attendance.nav.absences") });
  if (me) items.push({ to: "/portal", label: t("ui.portal.nav") });
  // a teacher's funder reports (the courses they run); admins reach them from the Administration hub
  if (me && !me.isAdmin && me.grants.some((g) => g.role === "teacher")) items.push({ to: "/funder-reports", label: t("ui.reporting.nav") });
  if (me && me.profile !== "learner" && me.profile !== "parent") items.push({ to: "/mailings", label: t("ui.mailing.nav") });
  // the network library is for those who build courses
  if (me?.grants.some((g) => g.role === "teacher" || g.role === "admin")) items.push({ to: "/library", label: t("ui.library.nav") });
  const daily = DAILY[me?.profile ?? "learner"];
  const rank = (n: NavItem) => daily.indexOf(n.to);
  const bar = items.filter((n) => rank(n) >= 0).sort((a, b) => rank(a) - rank(b));
  const more = items.filter((n) => rank(n) < 0).map((n) => ({ ...n, more: true }));
  const admin: NavItem[] = adminEntries.length ? [{ to: HUB_PATH, label: t("ui.adminHub.nav"), admin: true }] : [];
  return [...bar, ...more, ...admin];
}

/** Whether the page at `path` is an administration page (the Administration item is then current). */
function useOnAdminPage() {
  const path = useRouterState({ select: (s) => s.location.pathname });
  return isAdminPath(path, ADMIN_ENTRIES);
}

/** Whether `to` is the current page or, unless `exact`, a page below it. */
function useIsCurrent() {
  const path = useRouterState({ select: (s) => s.location.pathname });
  return (n: NavItem) => (n.exact ?? n.to === "/" ? path === n.to : path === n.to || path.startsWith(`${n.to}/`));
}

/** The bar on wide screens: daily items, a "More" menu, then Administration. */
function MainNav({ nav }: { nav: NavItem[] }) {
  const t = useT();
  const onAdmin = useOnAdminPage();
  const isCurrent = useIsCurrent();
  const bar = nav.filter((n) => !n.more && !n.admin);
  const more = nav.filter((n) => n.more);
  const admin = nav.find((n) => n.admin);
  const moreCurrent = more.find((n) => !onAdmin && isCurrent(n));
  return (
    <nav className="main-nav" aria-label={t("ui.shell.mainNav")}>
      <ul>
        {bar.map((n) => (
          <li key={n.to}>
            <Link to={n.to} activeOptions={{ exact: n.exact ?? n.to === "/" }} activeProps={{ "aria-current": "page", className: "active" }}>
              {n.label}
            </Link>
          </li>
        ))}
        {more.length > 0 && (
          <li>
            <MenuTrigger>
              <Button className={`nav-more${moreCurrent ? " active" : ""}`}>
                {moreCurrent ? moreCurrent.label : t("ui.shell.more")}
                <span aria-hidden="true" className="chevron">
                  ▾
                </span>
              </Button>
              <Popover className="popover" placement="bottom start">
                <Menu className="menu" aria-label={t("ui.shell.more")}>
                  {more.map((n) => (
                    <NavMenuItem key={n.to} item={n} current={moreCurrent === n} />
                  ))}
                </Menu>
              </Popover>
            </MenuTrigger>
          </li>
        )}
        {admin && (
          <li className="nav-admin">
            <Link to={admin.to} className={onAdmin ? "active" : undefined} aria-current={onAdmin ? "page" : undefined} activeOptions={{ exact: true }}>
              <GearIcon />
              {admin.label}
            </Link>
          </li>
        )}
      </ul>
    </nav>
  );
}

/** The same items in one menu on narrow screens. */
function PhoneNav({ nav }: { nav: NavItem[] }) {
  const t = useT();
  const onAdmin = useOnAdminPage();
  const isCurrent = useIsCurrent();
  const current = (n: NavItem) => (n.admin ? onAdmin : !onAdmin && isCurrent(n));
  // the daily items and Administration first (in sight without scrolling), then the others
  const daily = nav.filter((n) => !n.more);
  const rest = nav.filter((n) => n.more);
  const item = (n: NavItem) => <NavMenuItem key={n.to} item={n} current={current(n)} />;
  return (
    <MenuTrigger>
      <Button className="header-button nav-menu-button">
        <span aria-hidden="true">☰</span> {t("ui.shell.menu")}
      </Button>
      <Popover className="popover nav-menu-popover" placement="bottom end">
        <Menu className="menu" aria-label={t("ui.shell.mainNav")}>
          <MenuSection className="menu-section">{daily.map(item)}</MenuSection>
          {rest.length > 0 && <Separator className="menu-separator" />}
          {rest.length > 0 && <MenuSection className="menu-section">{rest.map(item)}</MenuSection>}
        </Menu>
      </Popover>
    </MenuTrigger>
  );
}

/** A navigation link in a menu; the current page's carries aria-current (react-aria's MenuItem does not pass it on, so it is set on the element). */
function NavMenuItem({ item, current }: { item: NavItem; current: boolean }) {
  // a callback ref: react-aria renders the item's element itself (not where this component renders)
  const mark = useCallback(
    (el: HTMLElement | null) => {
      if (el && current) el.setAttribute("aria-current", "page");
      else el?.removeAttribute("aria-current");
    },
    [current],
  );
  return (
    <MenuItem ref={mark} id={item.to} href={item.to} textValue={item.label} className={`menu-item${current ? " current" : ""}`}>
      {item.label}
    </MenuItem>
  );
}

function GearIcon() {
  return (
    <svg className="nav-icon" aria-hidden="true" viewBox="0 0 24 24" width="16" height="16" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round">
      <circle cx="12" cy="12" r="3" />
      <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
    </svg>
  );
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
            <PhoneNav nav={nav} />
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
        <MainNav nav={nav} />
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
