import { themeFor } from "../modules/orgs/shared/branding.ts";

/** Applies a primary colour as design tokens; text/background pairs keep AA contrast (themeFor). */
export function applyTheme(primary: string | null | undefined) {
  const t = themeFor(primary);
  const s = document.documentElement.style;
  s.setProperty("--primary", t.primary);
  s.setProperty("--on-primary", t.onPrimary);
  s.setProperty("--primary-text-light", t.primaryOnLight);
  s.setProperty("--primary-text-dark", t.primaryOnDark);
  document.querySelector('meta[name="theme-color"]')?.setAttribute("content", t.primary);
}
