import { createContext, type ReactNode, useCallback, useContext, useMemo, useState } from "react";
import { IntlProvider, useIntl } from "react-intl";
import { setLocale as setLocaleContract } from "../modules/accounts/shared/contract.ts";
import { api, setApiLanguage } from "./api.ts";

export const LOCALES = ["fr", "en", "es", "nl", "de", "it"] as const;
export type Locale = (typeof LOCALES)[number];
export const isLocale = (s: unknown): s is Locale => LOCALES.includes(s as Locale);

type Tree = { [k: string]: string | Tree };
const flatten = (o: Tree, p = ""): [string, string][] =>
  Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[p + k, v] as [string, string]] : flatten(v, `${p}${k}.`)));

const loaders: Record<Locale, () => Promise<{ default: Tree }>> = {
  fr: () => import("../../locales/fr.json"),
  en: () => import("../../locales/en.json"),
  es: () => import("../../locales/es.json"),
  nl: () => import("../../locales/nl.json"),
  de: () => import("../../locales/de.json"),
  it: () => import("../../locales/it.json"),
};

export type Messages = Record<string, string>;
const cache = new Map<Locale, Messages>();
export async function loadMessages(l: Locale): Promise<Messages> {
  let m = cache.get(l);
  if (!m) {
    const own = Object.fromEntries(flatten((await loaders[l]()).default));
    // French is the source: a missing key falls back to it rather than showing an id
    m = l === "fr" ? own : { ...(await loadMessages("fr")), ...own };
    cache.set(l, m);
  }
  return m;
}

/** A language's name in that language ("Deutsch", "Español"...). */
export const languageName = (l: Locale) => {
  const n = new Intl.DisplayNames([l], { type: "language" }).of(l) ?? l;
  return n.charAt(0).toLocaleUpperCase(l) + n.slice(1);
};

const EXPLICIT = "archipel-lang";
/** The language chosen explicitly on this device, if any. */
export const chosenLocale = (): Locale | null => {
  const v = localStorage.getItem(EXPLICIT);
  return isLocale(v) ? v : null;
};

const PENDING = "archipel-lang-pending";
/** A language chosen while signed out (e.g. on the sign-in page), to be kept on the account at sign-in. */
export const takePendingLocale = (): Locale | null => {
  const v = sessionStorage.getItem(PENDING);
  sessionStorage.removeItem(PENDING);
  return isLocale(v) ? v : null;
};

/** Set by the shell: whether a choice of language is saved on the account. */
export const session = { signedIn: false };

type Ctx = { locale: Locale; setLocale: (l: Locale) => Promise<void>; applyLocale: (l: Locale) => Promise<void> };
const LocaleContext = createContext<Ctx | null>(null);

const applyDocument = (l: Locale) => {
  document.documentElement.lang = l;
  setApiLanguage(l);
};

export function I18nProvider({ initial, initialMessages, children }: { initial: Locale; initialMessages: Messages; children: ReactNode }) {
  const [state, setState] = useState({ locale: initial, messages: initialMessages });
  applyDocument(state.locale);

  /** Shows the interface in a language without saving anything (e.g. the account's own choice). */
  const applyLocale = useCallback(async (l: Locale) => {
    const messages = await loadMessages(l);
    applyDocument(l);
    setState({ locale: l, messages });
  }, []);

  /** The person chose a language: save it on the account, or in a cookie the server reads. */
  const setLocale = useCallback(
    async (l: Locale) => {
      await applyLocale(l);
      localStorage.setItem(EXPLICIT, l);
      document.cookie = `archipel-lang=${l}; path=/; max-age=${365 * 86400}; samesite=lax`;
      if (session.signedIn) await api(setLocaleContract, { body: { locale: l } }).catch(() => undefined);
      else sessionStorage.setItem(PENDING, l);
    },
    [applyLocale],
  );

  const ctx = useMemo(() => ({ locale: state.locale, setLocale, applyLocale }), [state.locale, setLocale, applyLocale]);
  return (
    <LocaleContext.Provider value={ctx}>
      <IntlProvider locale={state.locale} messages={state.messages} defaultLocale="fr">
        {children}
      </IntlProvider>
    </LocaleContext.Provider>
  );
}

export const useLocale = () => {
  const c = useContext(LocaleContext);
  if (!c) throw new Error("I18nProvider missing");
  return c;
};

/** `t("ui.x.y", { name })`: the current language's message. */
export function useT() {
  const intl = useIntl();
  return useCallback((id: string, values?: Record<string, string | number | Date>) => intl.formatMessage({ id }, values), [intl]);
}
