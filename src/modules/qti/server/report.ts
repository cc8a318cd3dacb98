import { zodFields } from "../../../kernel/http/route.ts";
import { type Locale, t } from "../../../kernel/i18n.ts";
import { definitionProblems, questionName } from "../../questions/server/validate.ts";
import { QuestionDefinition } from "../../questions/shared/types.ts";
import type { ImportReport, Note } from "../shared/contract.ts";
import type { RawNote } from "./import-item.ts";
import type { ParsedPackage } from "./import-package.ts";

export type ReadyQuestion = { name: string; points: number; definition: QuestionDefinition; file: string; identifier: string };

/**
 * Checks every question read from the package exactly as one typed in the editor (Zod, then the
 * bank's own rules) and writes the report: a question that fails is "not imported" on each of its
 * interactions with the reason. Counts are per interaction kind.
 */
export function finalise(pkg: ParsedPackage, locale: Locale, dryRun: boolean): { report: ImportReport; ready: ReadyQuestion[] } {
  const msg = (n: RawNote): Note => ({ level: n.level, code: n.code, message: t(locale, `qti.notes.${n.code}`, n.params) });
  const ready: ReadyQuestion[] = [];
  const items = pkg.items.map((item) => {
    const questions: { name: string; type: QuestionDefinition["type"] }[] = [];
    for (const q of item.questions) {
      const z = QuestionDefinition.safeParse(q.definition);
      let problems: string[] = [];
      if (!z.success) problems = Object.entries(zodFields(z.error)).map(([path, f]) => `${path}: ${t(locale, `errors.${f.code}`, f.params)}`);
      else
        problems = Object.entries(definitionProblems(z.data, "")).map(([path, f]) => `${path.replace(/^\./, "")}: ${t(locale, `errors.${f.code}`, f.params)}`);
      if (problems.length || !z.success) {
        for (const r of q.interactions) {
          r.status = "not_imported";
          r.questionType = null;
          r.notes.push({ level: "error", code: "invalid_question", params: { problems: problems.join("; ") } });
        }
        continue;
      }
      const name = questionName(q.name, z.data);
      ready.push({ name, points: q.points, definition: z.data, file: item.file, identifier: item.identifier });
      questions.push({ name, type: z.data.type });
    }
    return {
      file: item.file,
      identifier: item.identifier,
      title: item.title,
      version: item.version,
      interactions: item.interactions.map((r) => ({ ...r, notes: r.notes.map(msg) })),
      notes: item.notes.map(msg),
      questions,
    };
  });
  const counts: ImportReport["counts"] = {};
  for (const i of items)
    for (const r of i.interactions) {
      counts[r.interaction] ??= { imported: 0, notImported: 0 };
      if (r.status === "imported") counts[r.interaction].imported++;
      else counts[r.interaction].notImported++;
    }
  return {
    report: { dryRun, items, notes: pkg.notes.map(msg), found: items.length, imported: dryRun ? 0 : ready.length, counts },
    ready,
  };
}
