import { randomBytes } from "node:crypto";
import type { ClozeGap, QuestionDefinitionInput, QuestionType } from "../../questions/shared/types.ts";
import { MATH_OPERATOR } from "./export-item.ts";
import { regexToPattern } from "./patterns.ts";
import { type El, findAll, isEl, kid, kids, type Node, textOf } from "./xml.ts";

/**
 * One QTI 2.1 / 2.2 / 3.0 assessment item read into question definitions, with a note for every
 * interaction and every part that could not be kept. Scoring is read from the response
 * processing: the standard templates (match_correct, map_response) or conditions that add points
 * to SCORE when a response matches a value, a string, a pattern, a number within a tolerance…
 * (the forms written by authoring tools and by our export). Anything else is reported.
 */

export type RawNote = { level: "error" | "warning" | "info"; code: string; params?: Record<string, unknown> };
export type RawInteraction = {
  interaction: string;
  responseId: string | null;
  status: "imported" | "not_imported";
  questionType: QuestionType | null;
  notes: RawNote[];
};
export type ParsedQuestion = { name: string; points: number; definition: QuestionDefinitionInput; interactions: RawInteraction[] };
export type ParsedItem = {
  identifier: string;
  title: string;
  version: string;
  interactions: RawInteraction[];
  notes: RawNote[];
  questions: ParsedQuestion[];
  /** media the item refers to (paths as written, relative to the item) */
  media: string[];
};

const SUPPORTED = new Set([
  "choiceInteraction",
  "textEntryInteraction",
  "extendedTextInteraction",
  "uploadInteraction",
  "matchInteraction",
  "orderInteraction",
  "inlineChoiceInteraction",
]);
const rid = () => randomBytes(6).toString("base64url");

export function versionOf(root: El): string {
  const ns = root.attrs.xmlns ?? "";
  if (/imsqtiasi_v3p0/.test(ns)) return "3.0";
  const m = /imsqti_v2p(\d)/.exec(ns);
  return m ? `2.${m[1]}` : "?";
}

type Decl = {
  id: string;
  cardinality: string;
  baseType: string;
  correct: string[];
  mapping: { entries: { key: string; value: number; caseSensitive: boolean }[]; lower: number | null; upper: number | null; dflt: number } | null;
};

type Cond =
  | { op: "match"; values: string[]; ordered: boolean }
  | { op: "string"; value: string; caseSensitive: boolean }
  | { op: "pattern"; regex: string }
  | { op: "equal"; value: number | null; mode: string; tolerance: number[] }
  | { op: "math"; value: string | null; tolerance: number | null }
  | { op: "index"; n: number; value: string };
type Rule = { resp: string; kind: "map" } | { resp: string; kind: "cond"; cond: Cond; points: number; branch: number; chain: number };

type Rules = { rules: Rule[]; unknown: boolean; templates: string[]; scoreTouched: boolean };

const fnum = (s: string | undefined) => (s === undefined || s.trim() === "" ? null : Number(s));

function readDecls(root: El): Map<string, Decl> {
  const out = new Map<string, Decl>();
  for (const d of kids(root, "responseDeclaration")) {
    const m = kid(d, "mapping");
    out.set(d.attrs.identifier, {
      id: d.attrs.identifier,
      cardinality: d.attrs.cardinality ?? "single",
      baseType: d.attrs.baseType ?? "identifier",
      correct: kid(d, "correctResponse") ? kids(kid(d, "correctResponse"), "value").map((v) => textOf(v)) : [],
      mapping: m
        ? {
            entries: kids(m, "mapEntry").map((e) => ({
              key: e.attrs.mapKey,
              value: Number(e.attrs.mappedValue),
              caseSensitive: e.attrs.caseSensitive !== "false",
            })),
            lower: fnum(m.attrs.lowerBound),
            upper: fnum(m.attrs.upperBound),
            dflt: fnum(m.attrs.defaultValue) ?? 0,
          }
        : null,
    });
  }
  return out;
}

/** Reads the response processing into rules; `unknown` when SCORE is set in a way not understood. */
function readRules(root: El, decls: Map<string, Decl>): Rules {
  const out: Rules = { rules: [], unknown: false, templates: [], scoreTouched: false };
  const rp = kid(root, "responseProcessing");
  if (!rp) return out;
  const tpl = (rp.attrs.template ?? rp.attrs.templateLocation ?? "").trim();
  if (tpl) {
    const name =
      tpl
        .replace(/\.xml$/, "")
        .split("/")
        .pop() ?? "";
    out.templates.push(name);
    out.scoreTouched = true;
    if (/^(match_correct|CC2_match|CC2_match_basic)$/.test(name))
      out.rules.push({
        resp: "RESPONSE",
        kind: "cond",
        cond: { op: "match", values: decls.get("RESPONSE")?.correct ?? [], ordered: true },
        points: 1,
        branch: 0,
        chain: 0,
      });
    else if (/^(map_response|CC2_map_response)$/.test(name)) out.rules.push({ resp: "RESPONSE", kind: "map" });
    else out.unknown = true;
    return out;
  }
  // outcomes used as constants (SCORE = SCORE + MAXSCORE)
  const consts = new Map<string, number>();
  for (const o of kids(root, "outcomeDeclaration")) {
    const v = kid(o, "defaultValue") && kid(kid(o, "defaultValue"), "value");
    if (v && Number.isFinite(Number(textOf(v)))) consts.set(o.attrs.identifier, Number(textOf(v)));
  }
  let chainNo = 0;
  const walk = (actions: El[]) => {
    for (const a of actions) {
      if (a.name === "responseCondition") {
        chainNo++;
        let branch = 0;
        for (const b of kids(a)) {
          const all = kids(b);
          const cond = b.name === "responseElse" ? null : (all[0] ?? null);
          const acts = b.name === "responseElse" ? all : all.slice(1);
          branch++;
          const scoreActs = acts.filter((x) => x.name === "setOutcomeValue" && x.attrs.identifier === "SCORE");
          const nested = acts.filter((x) => x.name === "responseCondition");
          if (nested.some((n) => findAll(n, (x) => x.name === "setOutcomeValue" && x.attrs.identifier === "SCORE").length > 0)) {
            out.unknown = true;
            out.scoreTouched = true;
          }
          for (const s of scoreActs) {
            out.scoreTouched = true;
            const v = addedPoints(s, consts);
            if (v === null) {
              out.unknown = true;
              continue;
            }
            if (v.kind === "map") {
              out.rules.push({ resp: v.resp, kind: "map" });
              continue;
            }
            if (!cond) {
              if (v.points !== 0) out.unknown = true;
              continue;
            }
            const c = readCond(cond, decls);
            if (c === "null-check") continue;
            if (!c) {
              if (v.points !== 0) out.unknown = true;
              continue;
            }
            if (v.points !== 0) out.rules.push({ resp: c.resp, kind: "cond", cond: c.cond, points: v.points, branch, chain: chainNo });
          }
        }
      } else if (a.name === "setOutcomeValue" && a.attrs.identifier === "SCORE") {
        out.scoreTouched = true;
        const maps = findAll(a, (x) => x.name === "mapResponse").map((x) => x.attrs.identifier);
        const others = findAll(a, (x) => !["sum", "variable", "mapResponse"].includes(x.name) || (x.name === "variable" && x.attrs.identifier !== "SCORE"));
        if (maps.length === 0 || others.length > 0) out.unknown = true;
        for (const r of maps) out.rules.push({ resp: r, kind: "map" });
      }
    }
  };
  walk(kids(rp));
  return out;
}

/** SCORE = constant, SCORE = SCORE + constant, SCORE = [SCORE +] mapResponse(R). */
function addedPoints(set: El, consts: Map<string, number>): { kind: "const"; points: number } | { kind: "map"; resp: string } | null {
  const [e] = kids(set);
  if (!e) return null;
  const constant = (x: El) =>
    x.name === "baseValue" ? Number(textOf(x)) || 0 : x.name === "variable" && x.attrs.identifier !== "SCORE" ? (consts.get(x.attrs.identifier) ?? null) : null;
  if (constant(e) !== null) return { kind: "const", points: constant(e)! };
  if (e.name === "mapResponse") return { kind: "map", resp: e.attrs.identifier };
  if (e.name === "sum") {
    const parts = kids(e);
    const rest = parts.filter((p) => !(p.name === "variable" && p.attrs.identifier === "SCORE"));
    if (rest.length !== 1 || parts.length !== 2) return null;
    if (constant(rest[0]) !== null) return { kind: "const", points: constant(rest[0])! };
    if (rest[0].name === "mapResponse") return { kind: "map", resp: rest[0].attrs.identifier };
  }
  return null;
}

function readCond(c: El, decls: Map<string, Decl>): { resp: string; cond: Cond } | "null-check" | null {
  if (c.name === "isNull") return "null-check";
  const args = kids(c);
  const variable = args.find((a) => a.name === "variable");
  const other = args.find((a) => a !== variable);
  const valuesOf = (e: El | undefined): string[] | null => {
    if (!e) return null;
    if (e.name === "correct") return decls.get(e.attrs.identifier)?.correct ?? null;
    if (e.name === "baseValue") return [textOf(e)];
    if (e.name === "ordered" || e.name === "multiple") {
      const vs = kids(e).map((x) => (x.name === "baseValue" ? textOf(x) : null));
      return vs.every((v): v is string => v !== null) ? vs : null;
    }
    return null;
  };
  if (c.name === "match" && args[0]?.name === "index" && kid(args[0], "variable")) {
    const v = valuesOf(args[1]);
    if (v?.length !== 1) return null;
    return { resp: kid(args[0], "variable").attrs.identifier, cond: { op: "index", n: Number(args[0].attrs.n), value: v[0] } };
  }
  if (!variable || args.length > 2) return null;
  const resp = variable.attrs.identifier;
  if (!decls.has(resp)) return null;
  switch (c.name) {
    case "match": {
      const v = valuesOf(other);
      return v ? { resp, cond: { op: "match", values: v, ordered: other?.name !== "multiple" } } : null;
    }
    case "stringMatch": {
      const v = valuesOf(other);
      return v?.length === 1 ? { resp, cond: { op: "string", value: v[0], caseSensitive: c.attrs.caseSensitive !== "false" } } : null;
    }
    case "patternMatch":
      return args.length === 1 && c.attrs.pattern !== undefined ? { resp, cond: { op: "pattern", regex: c.attrs.pattern } } : null;
    case "equal": {
      const v = valuesOf(other);
      if (v?.length !== 1) return null;
      const tol = (c.attrs.tolerance ?? "").trim().split(/\s+/).filter(Boolean).map(Number);
      return { resp, cond: { op: "equal", value: Number(v[0]), mode: c.attrs.toleranceMode ?? "exact", tolerance: tol } };
    }
    case "customOperator": {
      if (c.attrs.class !== MATH_OPERATOR) return null;
      const v = valuesOf(other);
      const tol = /tolerance=([0-9.eE+-]+)/.exec(c.attrs.definition ?? "");
      return { resp, cond: { op: "math", value: v?.[0] ?? null, tolerance: tol ? Number(tol[1]) : null } };
    }
    default:
      return null;
  }
}

/** Where an interaction sits: in running text (a gap) or on its own (a question). */
function isInline(body: El, target: El, decls: Map<string, Decl>): boolean {
  if (target.name === "inlineChoiceInteraction") return true;
  if (target.name !== "textEntryInteraction") return false;
  // a number typed in a sentence is still a numeric question (the sentence is its stem)
  if (["float", "integer"].includes(decls.get(target.attrs.responseIdentifier)?.baseType ?? "")) return false;
  const path: El[] = [];
  const find = (e: El): boolean => {
    if (e === target) return true;
    for (const c of e.children)
      if (isEl(c) && find(c)) {
        path.push(e);
        return true;
      }
    return false;
  };
  find(body);
  const block = path.find((p) => ["p", "div", "li", "td", "blockquote", "span"].includes(p.name) || p.name === "itemBody") ?? body;
  const text = textOf(block, NOT_TEXT);
  return text.trim().length > 0;
}
const INTERACTION = (e: El) => /Interaction$/.test(e.name);
/** Feedback and rubrics are not part of what the learner reads before answering. */
const HIDDEN = (e: El) => ["feedbackInline", "feedbackBlock", "modalFeedback", "rubricBlock", "templateBlock", "templateInline"].includes(e.name);
const NOT_TEXT = (e: El) => INTERACTION(e) || HIDDEN(e);

export function importItem(root: El): ParsedItem {
  const item: ParsedItem = {
    identifier: root.attrs.identifier ?? "",
    title: root.attrs.title ?? root.attrs.identifier ?? "",
    version: versionOf(root),
    interactions: [],
    notes: [],
    questions: [],
    media: [],
  };
  const note = (level: RawNote["level"], code: string, params?: Record<string, unknown>) => item.notes.push({ level, code, params });
  const body = kid(root, "itemBody");
  if (root.name !== "assessmentItem" || !body) {
    note("error", "not_an_item", { root: root.name });
    return item;
  }
  const decls = readDecls(root);
  const rules = readRules(root, decls);
  const templated = !!kid(root, "templateProcessing") || kids(root, "templateDeclaration").length > 0;
  if (templated) note("error", "templates");
  if (root.attrs.adaptive === "true") note("warning", "adaptive");
  if (findAll(body, (e) => e.name === "rubricBlock").length) note("info", "rubric_left_out");
  if (findAll(root, (e) => e.name === "assessmentStimulusRef" || e.name === "include").length) note("warning", "stimulus_left_out");
  for (const e of findAll(body, (x) => ["img", "object", "source", "audio", "video", "track"].includes(x.name))) {
    const src = e.attrs.src ?? e.attrs.data;
    if (src) item.media.push(src);
  }
  if (rules.unknown) note("warning", "rp_unknown");
  if (rules.templates.length && !/^(match_correct|CC2_match|CC2_match_basic|map_response|CC2_map_response)$/.test(rules.templates[0]))
    note("warning", "rp_template", { template: rules.templates[0] });

  const all = findAll(body, INTERACTION);
  const inline: El[] = [];
  const blocks: El[] = [];
  const reportOnly = (e: El, code: string, params?: Record<string, unknown>) =>
    item.interactions.push({
      interaction: e.name,
      responseId: e.attrs.responseIdentifier ?? null,
      status: "not_imported",
      questionType: null,
      notes: [{ level: "error", code, params }],
    });
  for (const e of all) {
    if (!SUPPORTED.has(e.name)) reportOnly(e, "interaction_unsupported", { interaction: e.name });
    else if (templated) reportOnly(e, "templates");
    else if (!decls.has(e.attrs.responseIdentifier)) reportOnly(e, "no_declaration", { response: e.attrs.responseIdentifier });
    else if (isInline(body, e, decls)) inline.push(e);
    else blocks.push(e);
  }
  const ctx: Ctx = { decls, rules, root, body };
  const shared = textOf(body, NOT_TEXT);
  for (const e of blocks) {
    const r = blockQuestion(ctx, e, shared);
    item.interactions.push(r.report);
    if (r.question) item.questions.push(r.question);
  }
  if (inline.length) {
    const r = clozeQuestion(ctx, inline);
    item.interactions.push(...r.reports);
    if (r.question) item.questions.push(r.question);
  }
  readFeedback(root, item, note);
  if (all.length === 0) note("error", "no_interaction");
  if (item.questions.length > 1) note("info", "split", { n: item.questions.length });
  for (const q of item.questions) q.name = item.questions.length > 1 ? `${item.title} (${item.questions.indexOf(q) + 1})` : item.title;
  return item;
}

/**
 * Overall feedback shown by outcome (modal feedback "correct" / "partial" / "incorrect", and our
 * FEEDBACKGENERAL "general") becomes the question's feedback; any other feedback is noted as left out.
 */
function readFeedback(root: El, item: ParsedItem, note: (level: RawNote["level"], code: string) => void) {
  const found: Partial<Record<"correct" | "partial" | "incorrect" | "general", string>> = {};
  let other = findAll(root, (e) => e.name === "feedbackInline" || e.name === "feedbackBlock").length > 0;
  for (const f of findAll(root, (e) => e.name === "modalFeedback")) {
    const id = (f.attrs.identifier ?? "").toLowerCase();
    const text = textOf(f);
    if (f.attrs.showHide === "hide" || !text) other = true;
    else if (id === "general" && f.attrs.outcomeIdentifier === "FEEDBACKGENERAL") found.general = text;
    else if (id === "correct" || id === "partial" || id === "incorrect") found[id] = text;
    else other = true;
  }
  const any = Object.keys(found).length > 0;
  if (any && item.questions.length === 1) {
    const d = item.questions[0].definition as { generalFeedback?: string; correctFeedback?: string; partialFeedback?: string; incorrectFeedback?: string };
    if (found.general) d.generalFeedback = found.general;
    if (found.correct) d.correctFeedback = found.correct;
    if (found.partial) d.partialFeedback = found.partial;
    if (found.incorrect) d.incorrectFeedback = found.incorrect;
  } else if (any) other = true;
  if (other) note("warning", "feedback_left_out");
}

type Ctx = { decls: Map<string, Decl>; rules: Rules; root: El; body: El };

/** Points each value of a response earns, from its mapping or the conditions on it. */
function valuePoints(ctx: Ctx, resp: string): { map: Map<string, number> | null; conds: Extract<Rule, { kind: "cond" }>[]; mapDecl: Decl["mapping"] } {
  const d = ctx.decls.get(resp)!;
  const mine = ctx.rules.rules.filter((r) => r.resp === resp);
  const usesMap = mine.some((r) => r.kind === "map");
  return {
    map: usesMap && d.mapping ? new Map(d.mapping.entries.map((e) => [e.key, e.value])) : null,
    conds: mine.filter((r): r is Extract<Rule, { kind: "cond" }> => r.kind === "cond"),
    mapDecl: usesMap ? d.mapping : null,
  };
}

type Built = { report: RawInteraction; question: ParsedQuestion | null };

function blockQuestion(ctx: Ctx, e: El, shared: string): Built {
  const resp = e.attrs.responseIdentifier;
  const d = ctx.decls.get(resp)!;
  const notes: RawNote[] = [];
  const report: RawInteraction = { interaction: e.name, responseId: resp, status: "not_imported", questionType: null, notes };
  const prompt = kid(e, "prompt") ? textOf(kid(e, "prompt"), HIDDEN) : "";
  const stem = [shared, prompt].filter(Boolean).join("\n\n") || "—";
  const fail = (code: string, params?: Record<string, unknown>): Built => {
    notes.push({ level: "error", code, params });
    return { report, question: null };
  };
  const done = (definition: QuestionDefinitionInput, points: number): Built => {
    report.status = "imported";
    report.questionType = definition.type;
    return { report, question: { name: "", points: round(points), definition, interactions: [report] } };
  };
  const vp = valuePoints(ctx, resp);
  const noScoring = !ctx.rules.scoreTouched;
  if (noScoring && !["extendedTextInteraction", "uploadInteraction"].includes(e.name)) {
    if (d.correct.length === 0) return fail("no_scoring");
    notes.push({ level: "warning", code: "scored_by_correct" });
  }
  switch (e.name) {
    case "extendedTextInteraction":
      return done({ type: "essay", stem }, maxScore(ctx.root) ?? 1);
    case "uploadInteraction": {
      const ext = Object.entries({ pdf: "application/pdf", png: "image/png", jpg: "image/jpeg", txt: "text/plain", zip: "application/zip" }).find(
        ([, m]) => m === e.attrs.type,
      )?.[0];
      return done({ type: "file", stem, accept: ext ? [ext] : [] }, maxScore(ctx.root) ?? 1);
    }
    case "choiceInteraction": {
      const choices = kids(e, "simpleChoice").map((c) => ({ id: c.attrs.identifier, text: textOf(c, HIDDEN) || c.attrs.identifier }));
      if (choices.length < 2) return fail("too_few_choices");
      const pts = choicePoints(
        vp,
        d,
        choices.map((c) => c.id),
        notes,
      );
      const max = d.cardinality === "single" ? Math.max(0, ...pts.values()) : Math.min(vp.mapDecl?.upper ?? Infinity, sumPositive(pts));
      if (!(max > 0)) return fail("no_correct");
      const shuffle = e.attrs.shuffle === "true";
      if (d.cardinality === "single") {
        const tf = trueFalse(choices);
        if (tf && [...pts.values()].filter((v) => v > 0).length === 1) {
          const rightId = [...pts.entries()].find(([, v]) => v > 0)![0];
          return done({ type: "truefalse", stem, correct: tf[rightId] }, max);
        }
        return done(
          { type: "single", stem, shuffle, options: choices.map((c) => ({ id: c.id, text: c.text, fraction: round((pts.get(c.id) ?? 0) / max) })) },
          max,
        );
      }
      const rights = choices.filter((c) => (pts.get(c.id) ?? 0) > 0);
      if (!vp.map)
        return done(
          {
            type: "multiple",
            stem,
            shuffle,
            grading: "all-or-nothing",
            options: choices.map((c) => ({ id: c.id, text: c.text, correct: rights.includes(c) })),
          },
          // all-or-nothing: the points are those the right set earns, not one per right choice
          Math.max(0, ...vp.conds.map((c) => c.points)) || (maxScore(ctx.root) ?? 1),
        );
      const positives = rights.map((c) => pts.get(c.id)!);
      const wrongs = choices.filter((c) => !rights.includes(c)).map((c) => -(pts.get(c.id) ?? 0));
      if (new Set(positives.map(round)).size > 1 || Math.abs(max - sumPositive(pts)) > 1e-9) notes.push({ level: "warning", code: "scoring_simplified" });
      const penalty = Math.max(0, ...wrongs);
      if (new Set(wrongs.map(round)).size > 1) notes.push({ level: "warning", code: "penalty_simplified" });
      return done(
        {
          type: "multiple",
          stem,
          shuffle,
          grading: "partial",
          wrongPenalty: Math.min(1, round(penalty / max)),
          options: choices.map((c) => ({ id: c.id, text: c.text, correct: rights.includes(c) })),
        },
        max,
      );
    }
    case "textEntryInteraction":
      return textEntry(d, vp, stem, notes, done, fail);
    case "matchInteraction": {
      const sets = kids(e, "simpleMatchSet");
      if (sets.length !== 2) return fail("match_sets");
      const [left, right] = sets.map((s) =>
        kids(s, "simpleAssociableChoice").map((c) => ({ id: c.attrs.identifier, text: textOf(c, HIDDEN) || c.attrs.identifier })),
      );
      const pts = new Map<string, number>();
      if (vp.map) for (const [k, v] of vp.map) pts.set(k, v);
      else for (const v of d.correct) pts.set(v, 1);
      if (!vp.map && vp.conds.length === 0 && !noScoring) return fail("rp_unsupported_for", { interaction: e.name });
      if (!vp.map) notes.push({ level: "warning", code: "all_or_nothing_became_partial" });
      const pairs: { id: string; prompt: string; answer: string }[] = [];
      for (const l of left) {
        const options = [...pts.entries()]
          .filter(([k, v]) => v > 0 && (k.split(/\s+/)[0] === l.id || k.split(/\s+/)[1] === l.id))
          .map(([k, v]) => ({ other: k.split(/\s+/).find((x) => x !== l.id)!, v }))
          .sort((a, b) => b.v - a.v);
        const ans = right.find((r) => r.id === options[0]?.other);
        if (!ans) {
          notes.push({ level: "warning", code: "prompt_without_answer", params: { prompt: l.text } });
          continue;
        }
        if (options.length > 1) notes.push({ level: "warning", code: "several_answers", params: { prompt: l.text } });
        pairs.push({ id: l.id, prompt: l.text, answer: ans.text });
      }
      if (pairs.length < 2) return fail("too_few_pairs");
      const vals = pairs.map((p) => pts.get([...pts.keys()].find((k) => k.split(/\s+/).includes(p.id))!) ?? 0);
      if (vp.map && new Set(vals.map(round)).size > 1) notes.push({ level: "warning", code: "scoring_simplified" });
      const used = new Set(pairs.map((p) => p.answer));
      const max = vp.map ? Math.min(vp.mapDecl?.upper ?? Infinity, sumPositive(pts)) : (maxScore(ctx.root) ?? 1);
      return done(
        {
          type: "matching",
          stem,
          shuffle: e.attrs.shuffle === "true",
          pairs,
          extraAnswers: [...new Set(right.map((r) => r.text).filter((t) => !used.has(t)))],
        },
        max,
      );
    }
    case "orderInteraction": {
      const items = kids(e, "simpleChoice").map((c) => ({ id: c.attrs.identifier, text: textOf(c, HIDDEN) || c.attrs.identifier }));
      const byId = new Map(items.map((i) => [i.id, i]));
      const order = d.correct.filter((id) => byId.has(id));
      if (order.length !== items.length) return fail(order.length === 0 ? "no_correct" : "order_incomplete");
      const indexRules = vp.conds.filter((c) => c.cond.op === "index");
      const partial = indexRules.length > 0;
      const other = vp.conds.filter((c) => c.cond.op === "match" && c.cond.values.join(" ") !== d.correct.join(" "));
      if (other.length) notes.push({ level: "warning", code: "other_orders_left_out", params: { n: other.length } });
      if (vp.map) notes.push({ level: "warning", code: "scoring_simplified" });
      const max = partial
        ? indexRules.reduce((s, r) => s + r.points, 0)
        : Math.max(...vp.conds.filter((c) => c.cond.op === "match").map((c) => c.points), maxScore(ctx.root) ?? 1);
      return done({ type: "ordering", stem, grading: partial ? "partial" : "all-or-nothing", items: order.map((id) => byId.get(id)!) }, max);
    }
  }
  return fail("interaction_unsupported", { interaction: e.name });
}

function textEntry(
  d: Decl,
  vp: ReturnType<typeof valuePoints>,
  stem: string,
  notes: RawNote[],
  done: (def: QuestionDefinitionInput, points: number) => Built,
  fail: (code: string, params?: Record<string, unknown>) => Built,
): Built {
  const numeric = d.baseType === "float" || d.baseType === "integer";
  const maths = vp.conds.filter((c) => c.cond.op === "math");
  if (maths.length) {
    const answers = maths.map((m) => (m.cond as Extract<Cond, { op: "math" }>).value ?? d.correct[0]).filter(Boolean);
    const tol = (maths[0].cond as Extract<Cond, { op: "math" }>).tolerance;
    if (!answers.length) return fail("no_correct");
    return done(
      { type: "math", stem, answer: answers[0], alternatives: answers.slice(1), ...(tol !== null && { tolerance: tol }) },
      Math.max(...maths.map((m) => m.points)),
    );
  }
  if (numeric) {
    const answers: { value: number; tolerance: number; toleranceKind: "absolute" | "relative"; points: number }[] = [];
    for (const c of vp.conds) {
      if (c.cond.op === "equal" || c.cond.op === "match") {
        const value = c.cond.op === "equal" ? c.cond.value : Number(c.cond.values[0]);
        if (value === null || !Number.isFinite(value)) continue;
        let tolerance = 0;
        let kind: "absolute" | "relative" = "absolute";
        if (c.cond.op === "equal" && c.cond.mode !== "exact") {
          const [lo, hi = lo] = c.cond.tolerance;
          if (lo !== hi) notes.push({ level: "warning", code: "tolerance_asymmetric" });
          tolerance = Math.max(lo ?? 0, hi ?? 0);
          if (c.cond.mode === "relative") {
            kind = "relative";
            tolerance /= 100;
          }
        }
        answers.push({ value, tolerance, toleranceKind: kind, points: c.points });
      } else notes.push({ level: "warning", code: "condition_left_out", params: { op: c.cond.op } });
    }
    if (vp.map)
      for (const [k, v] of vp.map) if (Number.isFinite(Number(k))) answers.push({ value: Number(k), tolerance: 0, toleranceKind: "absolute", points: v });
    if (!answers.length && d.correct.length) answers.push({ value: Number(d.correct[0]), tolerance: 0, toleranceKind: "absolute", points: 1 });
    const max = Math.max(0, ...answers.map((a) => a.points));
    if (!(max > 0) || answers.some((a) => !Number.isFinite(a.value))) return fail("no_correct");
    return done(
      {
        type: "numeric",
        stem,
        answers: answers
          .filter((a) => a.points > 0)
          .map((a) => ({ value: a.value, tolerance: a.tolerance, toleranceKind: a.toleranceKind, fraction: round(a.points / max) })),
      },
      max,
    );
  }
  const t = textAnswers(vp, d, notes);
  if (!t) return fail("no_correct");
  return done(
    {
      type: "short",
      stem,
      answers: t.answers.map((a) => ({ pattern: a.text, fraction: a.fraction })),
      caseSensitive: t.caseSensitive,
      accentSensitive: t.accentSensitive,
    },
    t.max,
  );
}

/** Accepted texts of a typed response (patterns with * wildcards) and the case and accent options. */
function textAnswers(vp: ReturnType<typeof valuePoints>, d: Decl, notes: RawNote[]) {
  const found: { text: string; points: number; caseSensitive: boolean | null; accentSensitive: boolean }[] = [];
  const lit = (s: string) => s.replace(/\*/g, "\\*");
  for (const c of vp.conds) {
    if (c.cond.op === "string") found.push({ text: lit(c.cond.value), points: c.points, caseSensitive: c.cond.caseSensitive, accentSensitive: true });
    else if (c.cond.op === "match") found.push({ text: lit(c.cond.values[0] ?? ""), points: c.points, caseSensitive: true, accentSensitive: true });
    else if (c.cond.op === "pattern") {
      const p = regexToPattern(c.cond.regex);
      if (p)
        found.push({ text: p.pattern, points: c.points, caseSensitive: /\p{L}/u.test(p.pattern) ? p.caseSensitive : null, accentSensitive: p.accentSensitive });
      else notes.push({ level: "warning", code: "pattern_left_out", params: { pattern: c.cond.regex } });
    } else notes.push({ level: "warning", code: "condition_left_out", params: { op: c.cond.op } });
  }
  if (vp.map)
    for (const [k, v] of vp.map)
      found.push({ text: lit(k), points: v, caseSensitive: d.mapping?.entries.find((e) => e.key === k)?.caseSensitive ?? true, accentSensitive: true });
  if (!found.length && d.correct.length) found.push({ text: lit(d.correct[0]), points: 1, caseSensitive: true, accentSensitive: true });
  const kept = found.filter((f) => f.points > 0 && f.text.trim() !== "");
  const max = Math.max(0, ...kept.map((f) => f.points));
  if (!(max > 0)) return null;
  const cs = kept.map((f) => f.caseSensitive).filter((x): x is boolean => x !== null);
  const caseSensitive = cs.length ? cs.some((x) => x) : false;
  if (new Set(cs).size > 1) notes.push({ level: "warning", code: "case_mixed" });
  const accentSensitive = kept.every((f) => f.accentSensitive);
  return { answers: kept.map((f) => ({ text: f.text.trim(), fraction: round(f.points / max) })), caseSensitive, accentSensitive, max };
}

function clozeQuestion(ctx: Ctx, gaps: El[]): { reports: RawInteraction[]; question: ParsedQuestion | null } {
  const reports: RawInteraction[] = [];
  const defs: (ClozeGap & { points: number })[] = [];
  const ids = new Map<El, string>();
  for (const e of gaps) {
    const resp = e.attrs.responseIdentifier;
    const d = ctx.decls.get(resp)!;
    const notes: RawNote[] = [];
    const report: RawInteraction = { interaction: e.name, responseId: resp, status: "not_imported", questionType: null, notes };
    reports.push(report);
    const vp = valuePoints(ctx, resp);
    if (!ctx.rules.scoreTouched) {
      if (!d.correct.length) {
        notes.push({ level: "error", code: "no_scoring" });
        continue;
      }
      notes.push({ level: "warning", code: "scored_by_correct" });
    }
    const id = resp.slice(0, 64);
    if (e.name === "inlineChoiceInteraction") {
      const choices = kids(e, "inlineChoice").map((c) => ({ id: c.attrs.identifier, text: textOf(c, HIDDEN) || c.attrs.identifier }));
      const pts = choicePoints(
        vp,
        d,
        choices.map((c) => c.id),
        notes,
      );
      const max = Math.max(0, ...pts.values());
      if (!(max > 0)) {
        notes.push({ level: "error", code: "no_correct" });
        continue;
      }
      if (new Set(choices.map((c) => c.text)).size !== choices.length) notes.push({ level: "warning", code: "duplicate_choices" });
      defs.push({
        id,
        kind: "select",
        answers: choices.map((c) => ({ text: c.text, fraction: round((pts.get(c.id) ?? 0) / max), feedback: "" })),
        caseSensitive: false,
        weight: 1,
        points: max,
      });
    } else {
      if (d.baseType === "float" || d.baseType === "integer") notes.push({ level: "warning", code: "numeric_gap_as_text" });
      const t = textAnswers(vp, d, notes);
      if (!t) {
        notes.push({ level: "error", code: "no_correct" });
        continue;
      }
      if (!t.accentSensitive) notes.push({ level: "warning", code: "accents_in_gap" });
      defs.push({ id, kind: "typed", answers: t.answers.map((a) => ({ ...a, feedback: "" })), caseSensitive: t.caseSensitive, weight: 1, points: t.max });
    }
    ids.set(e, id);
    report.status = "imported";
    report.questionType = "cloze";
  }
  if (defs.length === 0) return { reports, question: null };
  const total = defs.reduce((s, g) => s + g.points, 0);
  const text = textWithGaps(ctx.body, ids);
  const stemEl = findAll(ctx.body, (e) => e.name === "div" && e.attrs.class === "qti-stem")[0];
  const stem = stemEl ? textOf(stemEl) : "";
  return {
    reports,
    question: {
      name: "",
      points: round(total),
      definition: {
        type: "cloze",
        stem,
        text,
        shuffle: gaps.some((g) => g.attrs.shuffle === "true"),
        gaps: defs.map(({ points, ...g }) => ({ ...g, weight: Math.max(0.001, round((points / total) * 100)) })),
      },
      interactions: reports.filter((r) => r.status === "imported"),
    },
  };
}

/** The body as text, each kept gap written [[id]], other interactions left out (they are reported). */
function textWithGaps(body: El, ids: Map<El, string>): string {
  const marks = new Map<string, string>();
  const clone = (e: El): El => ({
    ...e,
    children: e.children.flatMap((c): Node[] => {
      if (!isEl(c)) return [c];
      if (e.name === "itemBody" && c.name === "div" && c.attrs.class === "qti-stem") return [];
      const id = ids.get(c);
      if (id) {
        const m = `\u0001${marks.size}\u0001`;
        marks.set(m, `[[${id}]]`);
        return [m];
      }
      // feedback is left out, unless a gap sits in it (adaptive items show parts through feedback blocks)
      if (HIDDEN(c) && findAll(c, (x) => ids.has(x)).length > 0) return [clone(c)];
      return NOT_TEXT(c) ? [] : [clone(c)];
    }),
  });
  let t = textOf(clone(body));
  for (const [m, v] of marks) t = t.replace(m, v);
  return t;
}

function choicePoints(vp: ReturnType<typeof valuePoints>, d: Decl, ids: string[], notes: RawNote[]): Map<string, number> {
  const pts = new Map<string, number>();
  if (vp.map) {
    for (const id of ids) pts.set(id, vp.map.get(id) ?? vp.mapDecl?.dflt ?? 0);
    return pts;
  }
  for (const c of vp.conds) {
    if (c.cond.op !== "match") {
      notes.push({ level: "warning", code: "condition_left_out", params: { op: c.cond.op } });
      continue;
    }
    if (d.cardinality === "single") {
      const v = c.cond.values[0];
      if (v !== undefined && !pts.has(v)) pts.set(v, c.points);
    } else for (const v of c.cond.values) if (!pts.has(v)) pts.set(v, c.points);
  }
  if (pts.size === 0) for (const v of d.correct) pts.set(v, 1);
  return pts;
}

const TRUE = /^(true|vrai|verdadero|waar|wahr|richtig|vero|yes|oui|sí|si|ja|correct)$/i;
const FALSE = /^(false|faux|falso|onwaar|niet waar|falsch|no|non|nein|nee|incorrect)$/i;
function trueFalse(choices: { id: string; text: string }[]): Record<string, boolean> | null {
  if (choices.length !== 2) return null;
  const t = choices.find((c) => TRUE.test(c.text.trim()) || c.id.toLowerCase() === "true");
  const f = choices.find((c) => FALSE.test(c.text.trim()) || c.id.toLowerCase() === "false");
  return t && f && t !== f ? { [t.id]: true, [f.id]: false } : null;
}

const sumPositive = (m: Map<string, number>) => [...m.values()].filter((v) => v > 0).reduce((s, v) => s + v, 0);
const round = (n: number) => Math.round(n * 1e9) / 1e9;
function maxScore(root: El): number | null {
  const d = kids(root, "outcomeDeclaration").find((o) => o.attrs.identifier === "MAXSCORE");
  const v = d && kid(d, "defaultValue") ? Number(textOf(kid(kid(d, "defaultValue"), "value") ?? "")) : NaN;
  return Number.isFinite(v) && v > 0 ? v : null;
}

export { rid as randomId };
