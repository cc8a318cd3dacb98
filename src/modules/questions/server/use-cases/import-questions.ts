import type { UserActor } from "../../../../kernel/auth/actor.ts";
import { AppError } from "../../../../kernel/errors.ts";
import { zodFields } from "../../../../kernel/http/route.ts";
import { type Locale, t } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import type { ImportProblem } from "../../shared/contract.ts";
import { QuestionDefinition } from "../../shared/types.ts";
import { loadCategory } from "../access.ts";
import type { Parsed } from "../import/common.ts";
import { parseGift } from "../import/gift.ts";
import { parseMoodleXml } from "../import/moodle-xml.ts";
import { insertQuestion } from "../repo.ts";
import { definitionProblems, questionName } from "../validate.ts";

/**
 * Imports GIFT or Moodle XML into a category. Every question is parsed and validated like one
 * typed in the editor; each problem names its line. By default nothing is imported while any
 * question has an error (fix the text and send it again); with skipInvalid the valid questions
 * are imported and the others reported. A dry run only reports.
 */
export async function importQuestions(
  k: Kernel,
  actor: UserActor,
  categoryId: string,
  input: { format: "gift" | "moodlexml"; text: string; dryRun: boolean; skipInvalid: boolean },
  locale: Locale,
) {
  await loadCategory(k.db, actor, categoryId, "edit");
  const msg = (code: string, params?: Record<string, unknown>) => t(locale, `errors.questions.${code}`, params);
  const problems: ImportProblem[] = [];
  let parsed: Parsed[];
  if (input.format === "gift") parsed = parseGift(input.text);
  else {
    const r = parseMoodleXml(input.text);
    if ("error" in r) {
      problems.push({ line: r.error.line, question: 0, level: "error", code: r.error.code, message: msg(r.error.code) });
      throw new AppError("questions.import_failed", { count: 1 }, undefined, 422, { found: 0, imported: 0, problems, questions: [] });
    }
    parsed = r;
  }
  const ready: { p: Parsed; definition: QuestionDefinition; n: number }[] = [];
  parsed.forEach((p, i) => {
    const n = i + 1;
    for (const pr of p.problems) problems.push({ line: pr.line, question: n, level: pr.level, code: pr.code, message: msg(pr.code, pr.params) });
    if (!p.definition) return;
    const z = QuestionDefinition.safeParse(p.definition);
    if (!z.success) {
      for (const [path, f] of Object.entries(zodFields(z.error)))
        problems.push({ line: p.line, question: n, level: "error", code: f.code, message: `${path}: ${t(locale, `errors.${f.code}`, f.params)}` });
      return;
    }
    const semantic = definitionProblems(z.data, "");
    for (const [path, f] of Object.entries(semantic))
      problems.push({
        line: p.line,
        question: n,
        level: "error",
        code: f.code,
        message: `${path.replace(/^\./, "")}: ${t(locale, `errors.${f.code}`, f.params)}`,
      });
    if (Object.keys(semantic).length === 0) ready.push({ p, definition: z.data, n });
  });
  const errors = problems.filter((p) => p.level === "error");
  if (parsed.length === 0 && errors.length === 0) problems.push({ line: 0, question: 0, level: "error", code: "import_empty", message: msg("import_empty") });
  const blocked = problems.some((p) => p.level === "error") && !input.skipInvalid;
  const questions = ready.map((r) => ({ name: questionName(r.p.name, r.definition), type: r.definition.type, line: r.p.line }));
  const report = { found: parsed.length, imported: 0, problems, questions };
  if (input.dryRun) return report;
  if (blocked || ready.length === 0)
    throw new AppError("questions.import_failed", { count: problems.filter((p) => p.level === "error").length }, undefined, 422, report);
  await k.db.transaction().execute(async (tx) => {
    for (const r of ready)
      await insertQuestion(tx, actor.tenant.id, {
        categoryId,
        name: questionName(r.p.name, r.definition),
        points: r.p.points,
        tags: r.p.tags,
        definition: r.definition,
        createdBy: actor.userId,
      });
  });
  k.record({
    tenantId: actor.tenant.id,
    actorId: actor.userId,
    verb: "imported",
    objectType: "question_category",
    objectId: categoryId,
    context: { format: input.format, imported: ready.length, skipped: parsed.length - ready.length },
  });
  return { ...report, imported: ready.length };
}
