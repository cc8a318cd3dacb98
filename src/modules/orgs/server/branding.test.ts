import { describe, expect, it } from "vitest";
import { contrast, DEFAULT_COLOR, ensureContrast, themeFor } from "../shared/branding.ts";
import { brandingFrom } from "./branding.ts";
import type { OrgRow } from "./repo.ts";

const steps = ["00", "33", "66", "77", "99", "cc", "ff"];
const grid = steps.flatMap((r) => steps.flatMap((g) => steps.map((b) => `#${r}${g}${b}`)));
const named = [
  "#ffff00",
  "#777777",
  "#ffffff",
  "#000000",
  "#ff0000",
  "#00ff00",
  "#0000ff",
  "#00ffff",
  "#ff00ff",
  "#808080",
  "#1d4ed8",
  "#f59e0b",
  "#10b981",
  "#fde047",
  "#767676",
];

describe("themeFor keeps WCAG AA contrast whatever colour an admin picks", () => {
  it.each([...named, ...grid.filter((_, i) => i % 7 === 0)])("%s", (color) => {
    const th = themeFor(color);
    expect(contrast(th.primary, th.onPrimary)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(th.primaryOnLight, "#ffffff")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(th.primaryOnDark, "#18181b")).toBeGreaterThanOrEqual(4.5);
  });

  it("holds over the whole grid of colours", () => {
    const bad = grid.filter((c) => {
      const th = themeFor(c);
      return contrast(th.primary, th.onPrimary) < 4.5 || contrast(th.primaryOnLight, "#ffffff") < 4.5 || contrast(th.primaryOnDark, "#18181b") < 4.5;
    });
    expect(bad).toEqual([]);
  });

  it("keeps a colour that already passes, and falls back to the default for junk", () => {
    expect(themeFor("#1d4ed8").primary).toBe("#1d4ed8");
    expect(themeFor("#FFFF00").onPrimary).toBe("#111111");
    expect(themeFor(null).primary).toBe(DEFAULT_COLOR);
    expect(themeFor("red").primary).toBe(DEFAULT_COLOR);
    expect(ensureContrast("#000000", "#ffffff")).toBe("#000000");
  });

  it("computes the WCAG ratios", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#ffffff", "#ffffff")).toBeCloseTo(1, 5);
    expect(contrast("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });
});

describe("brandingFrom", () => {
  const row = (path: string, name: string, color: string | null = null, logo: string | null = null) =>
    ({ path, name, primary_color: color, logo_url: logo }) as OrgRow;
  it("inherits the nearest colour and logo up the tree; the root names the platform", () => {
    const chain = [row("/a/b/c/", "Class", null, null), row("/a/", "Platform", "#123456", "https://x/logo.png"), row("/a/b/", "Region", "#abcdef", null)];
    expect(brandingFrom(chain)).toEqual({ name: "Class", platformName: "Platform", primaryColor: "#abcdef", logoUrl: "https://x/logo.png" });
    expect(brandingFrom([row("/a/", "Platform")]).primaryColor).toBe(DEFAULT_COLOR);
  });
});
