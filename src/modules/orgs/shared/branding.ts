/**
 * Colour maths for branding: whatever primary colour an admin picks, text on it and links in it
 * keep WCAG AA contrast (4.5:1). Shared by server (mails) and client (CSS custom properties).
 */
const channel = (c: number) => {
  const s = c / 255;
  return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
};
const rgb = (hex: string) => [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
const toHex = (c: number[]) => `#${c.map((x) => Math.round(Math.max(0, Math.min(255, x))).toString(16).padStart(2, "0")).join("")}`;

export const luminance = (hex: string) => {
  const [r, g, b] = rgb(hex).map(channel);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};
export const contrast = (a: string, b: string) => {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
};

/** Darkens (or lightens) a colour step by step until it reaches `ratio` against `bg`. */
export function ensureContrast(color: string, bg: string, ratio = 4.5): string {
  let c = rgb(color);
  const towardsBlack = luminance(bg) > 0.18;
  for (let i = 0; i < 40 && contrast(toHex(c), bg) < ratio; i++) {
    c = c.map((x) => (towardsBlack ? x * 0.9 : x + (255 - x) * 0.12)) as typeof c;
  }
  return toHex(c);
}

export const DEFAULT_COLOR = "#1d4ed8";

export type Theme = { primary: string; onPrimary: string; primaryOnLight: string; primaryOnDark: string };

export function themeFor(primary: string | null | undefined): Theme {
  const p = primary && /^#[0-9a-f]{6}$/i.test(primary) ? primary.toLowerCase() : DEFAULT_COLOR;
  const onPrimary = contrast(p, "#ffffff") >= contrast(p, "#111111") ? "#ffffff" : "#111111";
  // if neither reaches AA on the exact colour, the header uses a shade that does
  const header = contrast(p, onPrimary) >= 4.5 ? p : ensureContrast(p, onPrimary);
  return { primary: header, onPrimary, primaryOnLight: ensureContrast(p, "#ffffff"), primaryOnDark: ensureContrast(p, "#18181b") };
}
