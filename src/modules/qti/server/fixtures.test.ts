import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import type { ImportReport } from "../shared/contract.ts";
import { readUpload } from "./import-package.ts";
import { finalise } from "./report.ts";

/**
 * Every file of ../shared/fixtures/qti (1EdTech QTI 3.0 and 2.2 examples, written by others), read
 * in place: each ZIP as an uploaded package, each XML as an uploaded file (the other files are the
 * media, stylesheets and scripts those refer to). The per-interaction report is printed; the test
 * checks that no interaction goes unreported and that the supported ones became questions.
 */
const ROOT = join(import.meta.dirname, "../../../../../shared/fixtures/qti");
const SUPPORTED = [
  "choiceInteraction",
  "textEntryInteraction",
  "extendedTextInteraction",
  "uploadInteraction",
  "matchInteraction",
  "orderInteraction",
  "inlineChoiceInteraction",
];

const walk = (d: string): string[] => readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? walk(join(d, f)) : [join(d, f)]));
/** Interactions written in an XML text, counted without our parser (qti-foo-interaction or fooInteraction). */
const countInteractions = (xml: string) =>
  (xml.replace(/<!--[\s\S]*?-->/g, "").match(/<(?:[a-z]+:)?(?:qti-[a-z-]+-interaction|[a-z][A-Za-z]*Interaction)\b/g) ?? []).length;

describe.skipIf(!existsSync(ROOT))("QTI fixtures (../shared/fixtures/qti)", () => {
  const files = existsSync(ROOT) ? walk(ROOT).sort() : [];
  const importable = files.filter((f) => /\.(zip|xml)$/i.test(f));
  const reports = new Map<string, ImportReport>();

  it("reads every ZIP and XML file without failing, and prints the report", () => {
    expect(importable.length).toBeGreaterThan(100);
    const totals: Record<string, { imported: number; notImported: number }> = {};
    const lines: string[] = [];
    for (const f of importable) {
      const { report } = finalise(readUpload(f, readFileSync(f)), "en", true);
      reports.set(f, report);
      lines.push(`\n== ${relative(ROOT, f)}: ${report.found} item(s), ${report.items.reduce((s, i) => s + i.questions.length, 0)} question(s)`);
      for (const n of report.notes) lines.push(`   [package ${n.level}] ${n.message}`);
      for (const item of report.items) {
        lines.push(
          `   • ${item.file.split("/").pop()} (${item.identifier}, QTI ${item.version})${item.notes.length ? ` — ${item.notes.map((n) => n.code).join(", ")}` : ""}`,
        );
        for (const r of item.interactions)
          lines.push(
            `       ${r.interaction}${r.responseId ? `[${r.responseId}]` : ""}: ${r.status === "imported" ? `imported as ${r.questionType}` : "NOT imported"}${r.notes.length ? ` — ${r.notes.map((n) => n.message).join(" | ")}` : ""}`,
          );
      }
      for (const [k, v] of Object.entries(report.counts)) {
        totals[k] ??= { imported: 0, notImported: 0 };
        totals[k].imported += v.imported;
        totals[k].notImported += v.notImported;
      }
    }
    console.log(lines.join("\n"));
    console.log("\nPer interaction type (all fixture files):");
    console.table(totals);
    for (const k of SUPPORTED) expect(totals[k]?.imported, k).toBeGreaterThan(0);
    for (const [k, v] of Object.entries(totals)) if (!SUPPORTED.includes(k)) expect(v.imported, k).toBe(0);
  });

  it("never drops an interaction silently: each one of each item file is in the report", () => {
    let checked = 0;
    for (const f of importable.filter((x) => x.endsWith(".xml"))) {
      const report = reports.get(f)!;
      if (report.items.length !== 1) continue; // tests, manifests, results: named in the package notes instead
      const item = report.items[0];
      expect(item.interactions.length, f).toBe(countInteractions(readFileSync(f, "utf8")));
      for (const r of item.interactions) {
        if (r.status === "not_imported")
          expect(
            r.notes.some((n) => n.level === "error"),
            `${f} ${r.interaction}`,
          ).toBe(true);
        if (!SUPPORTED.includes(r.interaction)) {
          expect(r.status).toBe("not_imported");
          expect(r.notes[0].code).toMatch(/^(interaction_unsupported|templates)$/);
        }
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(150);
    // every XML that is not an item is named in the package notes
    for (const f of importable.filter((x) => x.endsWith(".xml"))) {
      const report = reports.get(f)!;
      if (report.items.length === 0) expect(report.notes.length, f).toBeGreaterThan(0);
    }
  });

  it("reads the known items into the expected question types", () => {
    const typeOf = (path: string, n = 0) => reports.get(join(ROOT, path))!.items[0].questions[n]?.type;
    expect(typeOf("qti3-examples/packaging/items/choice.xml")).toBe("single");
    expect(typeOf("qti3-examples/packaging/items/choice_multiple.xml")).toBe("multiple");
    expect(typeOf("qti2p2-examples/items/text_entry.xml")).toBe("cloze");
    expect(typeOf("qti2p2-examples/items/inline_choice.xml")).toBe("cloze");
    expect(typeOf("qti2p2-examples/items/extended_text.xml")).toBe("essay");
    expect(typeOf("qti2p2-examples/items/upload.xml")).toBe("file");
    expect(typeOf("qti2p2-examples/items/match.xml")).toBe("matching");
    expect(typeOf("qti2p2-examples/items/order.xml")).toBe("ordering");
    expect(typeOf("qti3-examples/packaging/interactionMixSaxonyV3/TextEntrynumeric_770468849.xml")).toBe("numeric");
    expect(typeOf("qti3-examples/packaging/interactionMixSaxonyV3/Choicetruefalse_176040516.xml")).toBe("truefalse");
    // unsupported interactions are reported with the reason
    const hotspot = reports.get(join(ROOT, "qti2p2-examples/items/hotspot.xml"))!.items[0];
    expect(hotspot.questions).toHaveLength(0);
    expect(hotspot.interactions[0]).toMatchObject({ interaction: "hotspotInteraction", status: "not_imported" });
    expect(hotspot.interactions[0].notes[0].code).toBe("interaction_unsupported");
    // template items are not imported (their score depends on random values), and say so
    const calc = reports.get(join(ROOT, "qti2p2-examples/items/mc_calc3.xml"))!.items[0];
    expect(calc.questions).toHaveLength(0);
    expect(calc.notes.map((n) => n.code)).toContain("templates");
    // a package: the manifest's items are read, its images noted as left out
    const simple = reports.get(join(ROOT, "qti3-examples/packaging/simple/simple.zip"))!;
    expect(simple.items).toHaveLength(1);
    expect(simple.items[0].notes.map((n) => n.code)).toContain("media_left_out");
    // a loose item's images are not in the upload: said so
    expect(reports.get(join(ROOT, "qti3-examples/packaging/simple/choice.xml"))!.items[0].notes.map((n) => n.code)).toContain("media_not_uploaded");
  });
});
