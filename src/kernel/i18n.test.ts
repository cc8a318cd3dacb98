import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { catalog, LOCALES, negotiate, t } from "./i18n.ts";

describe("negotiate", () => {
  it.each([
    [undefined, "fr"],
    ["", "fr"],
    ["en", "en"],
    ["EN-gb", "en"],
    ["en-US,en;q=0.9,fr;q=0.8", "en"],
    ["de;q=0.5, it;q=0.9", "it"],
    ["pt-BR, nl;q=0.3", "nl"],
    ["pt-BR, ja", "fr"],
    ["*", "fr"],
    ["es ; q=0.4, de ; q=0.6", "de"],
    // q=0 means "not acceptable"
    ["en;q=0", "fr"],
    ["en;q=0, it;q=0.1", "it"],
    ["en;q=abc, de", "de"],
  ])("%j → %s", (header, expected) => {
    expect(negotiate(header)).toBe(expected);
  });

  it("falls back to the given locale (the platform's default)", () => {
    expect(negotiate("ja", "nl")).toBe("nl");
    expect(negotiate(undefined, "de")).toBe("de");
  });
});

describe("t()", () => {
  it("formats ICU plurals per locale", () => {
    expect(t("en", "errors.locked", { minutes: 1 })).toContain("1 minute.");
    expect(t("en", "errors.locked", { minutes: 15 })).toContain("15 minutes");
    expect(t("fr", "errors.locked", { minutes: 1 })).toMatch(/1 minute\b/);
    expect(t("fr", "errors.locked", { minutes: 2 })).toContain("2 minutes");
  });

  it("interpolates values and returns the id for an unknown message", () => {
    expect(t("en", "errors.platforms.hostname_taken", { hostname: "a.example" })).toContain("a.example");
    expect(t("de", "no.such.message")).toBe("no.such.message");
  });
});

describe("server messages", () => {
  const src = join(import.meta.dirname, "..");
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory()
        ? ["client", "web"].includes(d.name)
          ? []
          : files(join(dir, d.name))
        : d.name.endsWith(".ts") && !d.name.endsWith(".test.ts")
          ? [join(dir, d.name)]
          : [],
    );
  const codes = new Set<string>(["internal"]);
  for (const f of files(src)) {
    const text = readFileSync(f, "utf8");
    for (const m of text.matchAll(/new AppError\("([a-z_.]+)"/g)) codes.add(m[1]);
    for (const m of text.matchAll(/\{ code: "([a-z_]+\.[a-z_.]+)"/g)) codes.add(m[1]);
  }
  for (const m of readFileSync(join(src, "kernel/errors.ts"), "utf8").matchAll(/^ {2}([a-z_]+): \d{3},$/gm)) codes.add(m[1]);

  it.each([...LOCALES])("every error code the server throws has a %s message", (locale) => {
    expect(codes.size).toBeGreaterThan(15);
    const missing = [...codes].filter((c) => !catalog(locale).has(`errors.${c}`));
    expect(missing).toEqual([]);
  });

  it.each([...LOCALES])("every field error code has a %s message", (locale) => {
    for (const c of [
      "required",
      "invalid_type",
      "too_small",
      "too_big",
      "invalid_value",
      "format_email",
      "format_url",
      "format_uuid",
      "format_other",
      "invalid_union",
      "unrecognized_keys",
      "custom",
    ]) {
      expect(catalog(locale).has(`errors.field.${c}`), c).toBe(true);
    }
  });
});
