import type { DefOf, QuestionDefinition } from "../../questions/shared/types.ts";
import { patternToRegex } from "./patterns.ts";
import { esc } from "./xml.ts";

/**
 * One question as a QTI 3.0 assessment item. Scores are in points (SCORE out of MAXSCORE = the
 * question's points) so that other players show the same marks.
 *
 * - single / true-false / multiple: choiceInteraction; partial credit through a mapping
 *   (map_response), all-or-nothing through match_correct; true/false is a choice of "true"/"false".
 * - short: textEntryInteraction (string); each accepted pattern is a branch of the response
 *   processing: stringMatch when it is a plain word, patternMatch (regular expression) when it has
 *   wildcards or ignores accents.
 * - numeric: textEntryInteraction with base-type float; each answer is an `equal` with its
 *   tolerance (absolute, or relative in percent as QTI counts it). Units cannot be expressed: the
 *   first unit is printed after the box and the answer is expected in it.
 * - math: textEntryInteraction (string) whose correct response is the LaTeX; it is compared by a
 *   customOperator `org.archipel.math-equivalent` (algebraic equivalence). Other players do not
 *   know this operator; they still see the correct response (see ../README.md for why).
 * - matching: matchInteraction (directedPair prompt → answer), one mapping entry per right pair.
 * - ordering: orderInteraction; all-or-nothing with match_correct, partial with one condition per
 *   position.
 * - cloze: the text with inline textEntry / inlineChoice interactions, one response per gap, each
 *   adding its weighted share.
 * - essay: extendedTextInteraction; file: uploadInteraction (no automatic scoring).
 */

export const QTI3_NS = "http://www.imsglobal.org/xsd/imsqtiasi_v3p0";
export const MATH_OPERATOR = "org.archipel.math-equivalent";
const TEMPLATES = "https://purl.imsglobal.org/spec/qti/v3p0/rptemplates";

/** A QTI identifier (NCName-like) for an id of ours; ids already valid are kept as they are. */
export function qtiId(id: string, prefix = "ID_"): string {
  return /^[A-Za-z_][A-Za-z0-9_.-]*$/.test(id) ? id : `${prefix}${id.replace(/[^A-Za-z0-9_.-]/g, "_")}`;
}

const num = (n: number) => String(Number(n.toPrecision(15)));
const paras = (text: string) =>
  text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${esc(p).replace(/\n/g, "<br/>")}</p>`)
    .join("\n");

type Out = { decls: string[]; body: string; rp: string };

export function exportItem(q: { identifier: string; title: string; points: number; definition: QuestionDefinition }): string {
  const scale = q.points > 0 ? q.points : 1;
  const o = build(q.definition, scale);
  const fb = feedback(q.definition, o.rp);
  return `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-item xmlns="${QTI3_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="${QTI3_NS} https://purl.imsglobal.org/spec/qti/v3p0/schema/xsd/imsqti_asiv3p0_v1p0.xsd" identifier="${esc(q.identifier)}" title="${esc(q.title)}" adaptive="false" time-dependent="false">
${o.decls.join("\n")}
<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>0</qti-value></qti-default-value></qti-outcome-declaration>
<qti-outcome-declaration identifier="MAXSCORE" cardinality="single" base-type="float"><qti-default-value><qti-value>${num(scale)}</qti-value></qti-default-value></qti-outcome-declaration>
${fb.decls}<qti-item-body>
${o.body}
</qti-item-body>
${fb.rp}
${fb.modal}</qti-assessment-item>
`;
}

/**
 * Overall feedback as modal feedback: FEEDBACKBASIC is set to correct / partial / incorrect from
 * SCORE after scoring (the convention of several authoring tools), FEEDBACKGENERAL always shows the
 * general feedback. A template cannot be followed by more rules, so it is written out in full.
 */
function feedback(d: QuestionDefinition, rp: string): { decls: string; rp: string; modal: string } {
  const outcome = MANUAL.has(d.type)
    ? []
    : (
        [
          ["correct", d.correctFeedback],
          ["partial", d.partialFeedback],
          ["incorrect", d.incorrectFeedback],
        ] as const
      ).filter(([, t]) => t.trim());
  const general = d.generalFeedback.trim();
  if (outcome.length === 0 && !general) return { decls: "", rp, modal: "" };
  let rules = rp
    .replace(
      `<qti-response-processing template="${TEMPLATES}/map_response.xml"/>`,
      rpOf([`<qti-set-outcome-value identifier="SCORE"><qti-map-response identifier="RESPONSE"/></qti-set-outcome-value>`]),
    )
    .replace(`<qti-response-processing template="${TEMPLATES}/match_correct.xml"/>`, rpOf([MATCH_CORRECT]));
  if (!rules) rules = rpOf([]);
  const set = (o: string, v: string) =>
    `<qti-set-outcome-value identifier="${o}"><qti-base-value base-type="identifier">${v}</qti-base-value></qti-set-outcome-value>`;
  const extra =
    (outcome.length
      ? `<qti-response-condition><qti-response-if><qti-gte><qti-variable identifier="SCORE"/><qti-variable identifier="MAXSCORE"/></qti-gte>${set("FEEDBACKBASIC", "correct")}</qti-response-if><qti-response-else-if><qti-gt><qti-variable identifier="SCORE"/><qti-base-value base-type="float">0</qti-base-value></qti-gt>${set("FEEDBACKBASIC", "partial")}</qti-response-else-if><qti-response-else>${set("FEEDBACKBASIC", "incorrect")}</qti-response-else></qti-response-condition>`
      : "") + (general ? set("FEEDBACKGENERAL", "general") : "");
  const modal = (o: string, id: string, text: string) =>
    `<qti-modal-feedback outcome-identifier="${o}" identifier="${id}" show-hide="show"><qti-content-body>${paras(text)}</qti-content-body></qti-modal-feedback>\n`;
  return {
    decls: `${outcome.length ? `<qti-outcome-declaration identifier="FEEDBACKBASIC" cardinality="single" base-type="identifier"/>\n` : ""}${general ? `<qti-outcome-declaration identifier="FEEDBACKGENERAL" cardinality="single" base-type="identifier"/>\n` : ""}`,
    rp: rules.replace("</qti-response-processing>", `${extra}</qti-response-processing>`),
    modal: outcome.map(([id, text]) => modal("FEEDBACKBASIC", id, text)).join("") + (general ? modal("FEEDBACKGENERAL", "general", general) : ""),
  };
}
const MANUAL = new Set(["essay", "file"]);
const rpOf = (parts: string[]) => `<qti-response-processing>${parts.join("")}</qti-response-processing>`;
const MATCH_CORRECT = `<qti-response-condition><qti-response-if><qti-match><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-match><qti-set-outcome-value identifier="SCORE"><qti-variable identifier="MAXSCORE"/></qti-set-outcome-value></qti-response-if></qti-response-condition>`;

const template = (name: "match_correct" | "map_response") => `<qti-response-processing template="${TEMPLATES}/${name}.xml"/>`;
const decl = (id: string, cardinality: string, baseType: string, inner = "") =>
  `<qti-response-declaration identifier="${id}" cardinality="${cardinality}" base-type="${baseType}">${inner}</qti-response-declaration>`;
const correct = (values: string[]) => `<qti-correct-response>${values.map((v) => `<qti-value>${esc(v)}</qti-value>`).join("")}</qti-correct-response>`;
const mapping = (entries: [string, number][], attrs: string, caseSensitive?: boolean) =>
  `<qti-mapping ${attrs}>${entries
    .map(([k, v]) => `<qti-map-entry map-key="${esc(k)}" mapped-value="${num(v)}"${caseSensitive === undefined ? "" : ` case-sensitive="${caseSensitive}"`}/>`)
    .join("")}</qti-mapping>`;

/** A chain of conditions on one response: the first that holds adds its points to SCORE. */
function chain(branches: { cond: string; points: number }[]): string {
  const kept = branches.filter((b) => b.points > 0);
  if (kept.length === 0) return "";
  const add = (p: number) =>
    `<qti-set-outcome-value identifier="SCORE"><qti-sum><qti-variable identifier="SCORE"/><qti-base-value base-type="float">${num(p)}</qti-base-value></qti-sum></qti-set-outcome-value>`;
  return `<qti-response-condition>${kept
    .map((b, i) =>
      i === 0 ? `<qti-response-if>${b.cond}${add(b.points)}</qti-response-if>` : `<qti-response-else-if>${b.cond}${add(b.points)}</qti-response-else-if>`,
    )
    .join("")}</qti-response-condition>`;
}
const rp = (parts: string[]) => `<qti-response-processing>${parts.join("")}</qti-response-processing>`;

function textCond(resp: string, pattern: string, caseSensitive: boolean, accentSensitive: boolean): string {
  const v = `<qti-variable identifier="${resp}"/>`;
  const plain = !/(^|[^\\])\*/.test(pattern) && (accentSensitive || !/\p{L}/u.test(pattern));
  if (plain)
    return `<qti-string-match case-sensitive="${caseSensitive}">${v}<qti-base-value base-type="string">${esc(pattern.replace(/\\\*/g, "*"))}</qti-base-value></qti-string-match>`;
  return `<qti-pattern-match pattern="${esc(patternToRegex(pattern, caseSensitive, accentSensitive))}">${v}</qti-pattern-match>`;
}

function build(d: QuestionDefinition, scale: number): Out {
  const stem = paras(d.stem);
  switch (d.type) {
    case "single": {
      const best = Math.max(...d.options.map((o) => o.fraction));
      const choices = d.options.map((o) => `<qti-simple-choice identifier="${qtiId(o.id)}">${esc(o.text)}</qti-simple-choice>`).join("\n");
      return {
        decls: [
          decl(
            "RESPONSE",
            "single",
            "identifier",
            correct(
              d.options
                .filter((o) => o.fraction === best)
                .slice(0, 1)
                .map((o) => qtiId(o.id)),
            ) +
              mapping(
                d.options.filter((o) => o.fraction > 0).map((o) => [qtiId(o.id), o.fraction * scale]),
                `default-value="0" lower-bound="0" upper-bound="${num(scale)}"`,
              ),
          ),
        ],
        body: `${stem}\n<qti-choice-interaction response-identifier="RESPONSE" shuffle="${d.shuffle}" max-choices="1">\n${choices}\n</qti-choice-interaction>`,
        rp: template("map_response"),
      };
    }
    case "truefalse":
      return {
        decls: [decl("RESPONSE", "single", "identifier", correct([String(d.correct)]))],
        body: `${stem}\n<qti-choice-interaction response-identifier="RESPONSE" shuffle="false" max-choices="1">\n<qti-simple-choice identifier="true">True</qti-simple-choice>\n<qti-simple-choice identifier="false">False</qti-simple-choice>\n</qti-choice-interaction>`,
        rp: rp([chain([{ cond: `<qti-match><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-match>`, points: scale }])]),
      };
    case "multiple":
      return multiple(d, stem, scale);
    case "short":
      return {
        decls: [decl("RESPONSE", "single", "string", correct([bestText(d.answers.map((a) => ({ text: a.pattern, fraction: a.fraction })))]))],
        body: `${stem}\n<p><qti-text-entry-interaction response-identifier="RESPONSE" expected-length="${Math.min(200, Math.max(15, ...d.answers.map((a) => a.pattern.length)))}"/></p>`,
        rp: rp([
          chain(
            sortByFraction(d.answers).map((a) => ({ cond: textCond("RESPONSE", a.pattern, d.caseSensitive, d.accentSensitive), points: a.fraction * scale })),
          ),
        ]),
      };
    case "numeric": {
      const best = sortByFraction(d.answers)[0];
      const unit = d.units[0] ? ` ${esc(d.units[0].unit)}` : "";
      return {
        decls: [decl("RESPONSE", "single", "float", correct([num(best.value)]))],
        body: `${stem}\n<p><qti-text-entry-interaction response-identifier="RESPONSE" expected-length="12"/>${unit}</p>`,
        rp: rp([
          chain(
            sortByFraction(d.answers).map((a) => {
              const tol = a.toleranceKind === "relative" ? a.tolerance * 100 : a.tolerance;
              const mode = tol === 0 ? "exact" : a.toleranceKind;
              return {
                cond: `<qti-equal tolerance-mode="${mode}"${tol === 0 ? "" : ` tolerance="${num(tol)} ${num(tol)}"`}><qti-variable identifier="RESPONSE"/><qti-base-value base-type="float">${num(a.value)}</qti-base-value></qti-equal>`,
                points: a.fraction * scale,
              };
            }),
          ),
        ]),
      };
    }
    case "math":
      return {
        decls: [decl("RESPONSE", "single", "string", correct([d.answer]))],
        body: `${stem}\n<p><qti-text-entry-interaction response-identifier="RESPONSE" expected-length="30"/></p>`,
        rp: rp([
          chain(
            [d.answer, ...d.alternatives].map((a) => ({
              cond: `<qti-custom-operator class="${MATH_OPERATOR}" definition="tolerance=${num(d.tolerance)}"><qti-variable identifier="RESPONSE"/><qti-base-value base-type="string">${esc(a)}</qti-base-value></qti-custom-operator>`,
              points: scale,
            })),
          ),
        ]),
      };
    case "matching":
      return matching(d, stem, scale);
    case "ordering": {
      const ids = d.items.map((i) => qtiId(i.id));
      const body = `${stem}\n<qti-order-interaction response-identifier="RESPONSE" shuffle="true">\n${d.items
        .map((i) => `<qti-simple-choice identifier="${qtiId(i.id)}">${esc(i.text)}</qti-simple-choice>`)
        .join("\n")}\n</qti-order-interaction>`;
      const decls = [decl("RESPONSE", "ordered", "identifier", correct(ids))];
      if (d.grading === "all-or-nothing")
        return {
          decls,
          body,
          rp: rp([chain([{ cond: `<qti-match><qti-variable identifier="RESPONSE"/><qti-correct identifier="RESPONSE"/></qti-match>`, points: scale }])]),
        };
      return {
        decls,
        body,
        rp: rp(
          ids.map((id, i) =>
            chain([
              {
                cond: `<qti-match><qti-index n="${i + 1}"><qti-variable identifier="RESPONSE"/></qti-index><qti-base-value base-type="identifier">${id}</qti-base-value></qti-match>`,
                points: scale / ids.length,
              },
            ]),
          ),
        ),
      };
    }
    case "cloze":
      return cloze(d, stem, scale);
    case "essay":
      return {
        decls: [decl("RESPONSE", "single", "string")],
        body: `${stem}\n<qti-extended-text-interaction response-identifier="RESPONSE" format="xhtml"${d.maxWords ? ` expected-length="${d.maxWords * 6}"` : ""}/>`,
        rp: "",
      };
    case "file":
      return {
        decls: [decl("RESPONSE", "single", "file")],
        body: `${stem}\n<qti-upload-interaction response-identifier="RESPONSE"${d.accept.length === 1 && MIME[d.accept[0]] ? ` type="${MIME[d.accept[0]]}"` : ""}/>`,
        rp: "",
      };
  }
}

export const MIME: Record<string, string> = {
  pdf: "application/pdf",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  txt: "text/plain",
  zip: "application/zip",
};

const sortByFraction = <T extends { fraction: number }>(xs: T[]) => [...xs].sort((a, b) => b.fraction - a.fraction);
const bestText = (xs: { text: string; fraction: number }[]) => (sortByFraction(xs)[0]?.text ?? "").replace(/\\\*/g, "*");

function multiple(d: DefOf<"multiple">, stem: string, scale: number): Out {
  const rights = d.options.filter((o) => o.correct);
  const choices = d.options.map((o) => `<qti-simple-choice identifier="${qtiId(o.id)}">${esc(o.text)}</qti-simple-choice>`).join("\n");
  const body = `${stem}\n<qti-choice-interaction response-identifier="RESPONSE" shuffle="${d.shuffle}" max-choices="0">\n${choices}\n</qti-choice-interaction>`;
  const corr = correct(rights.map((o) => qtiId(o.id)));
  if (d.grading === "all-or-nothing" || rights.length === 0)
    return { decls: [decl("RESPONSE", "multiple", "identifier", corr)], body, rp: rpOf([MATCH_CORRECT]) };
  const each = scale / rights.length;
  const penalty = (d.wrongPenalty ?? 1 / rights.length) * scale;
  const entries: [string, number][] = d.options.map((o) => [qtiId(o.id), o.correct ? each : -penalty]);
  return {
    decls: [decl("RESPONSE", "multiple", "identifier", corr + mapping(entries, `default-value="0" lower-bound="0" upper-bound="${num(scale)}"`))],
    body,
    rp: template("map_response"),
  };
}

function matching(d: DefOf<"matching">, stem: string, scale: number): Out {
  const answers = [...new Set([...d.pairs.map((p) => p.answer), ...d.extraAnswers])];
  const aid = (text: string) => `A${answers.indexOf(text) + 1}`;
  const pairs = d.pairs.map((p) => `${qtiId(p.id)} ${aid(p.answer)}`);
  return {
    decls: [
      decl(
        "RESPONSE",
        "multiple",
        "directedPair",
        correct(pairs) +
          mapping(
            pairs.map((p) => [p, scale / d.pairs.length]),
            `default-value="0" lower-bound="0" upper-bound="${num(scale)}"`,
          ),
      ),
    ],
    body: `${stem}\n<qti-match-interaction response-identifier="RESPONSE" shuffle="${d.shuffle}" max-associations="${d.pairs.length}">\n<qti-simple-match-set>\n${d.pairs
      .map((p) => `<qti-simple-associable-choice identifier="${qtiId(p.id)}" match-max="1">${esc(p.prompt)}</qti-simple-associable-choice>`)
      .join("\n")}\n</qti-simple-match-set>\n<qti-simple-match-set>\n${answers
      .map((a) => `<qti-simple-associable-choice identifier="${aid(a)}" match-max="0">${esc(a)}</qti-simple-associable-choice>`)
      .join("\n")}\n</qti-simple-match-set>\n</qti-match-interaction>`,
    rp: template("map_response"),
  };
}

function cloze(d: DefOf<"cloze">, stem: string, scale: number): Out {
  const total = d.gaps.reduce((s, g) => s + g.weight, 0);
  const decls: string[] = [];
  const rps: string[] = [];
  const rid = (i: number) => `RESPONSE_${i + 1}`;
  const gapIndex = new Map(d.gaps.map((g, i) => [g.id, i]));
  d.gaps.forEach((g, i) => {
    const share = (scale * g.weight) / total;
    const best = sortByFraction(g.answers)[0];
    if (g.kind === "select") {
      const cid = (j: number) => `G${i + 1}_${j + 1}`;
      decls.push(
        decl(
          rid(i),
          "single",
          "identifier",
          correct([cid(g.answers.indexOf(best))]) +
            mapping(
              g.answers.map((a, j) => [cid(j), a.fraction * share] as [string, number]).filter(([, v]) => v > 0),
              `default-value="0" lower-bound="0" upper-bound="${num(share)}"`,
            ),
        ),
      );
      rps.push(
        `<qti-set-outcome-value identifier="SCORE"><qti-sum><qti-variable identifier="SCORE"/><qti-map-response identifier="${rid(i)}"/></qti-sum></qti-set-outcome-value>`,
      );
    } else {
      decls.push(decl(rid(i), "single", "string", correct([best.text.replace(/\\\*/g, "*")])));
      rps.push(chain(sortByFraction(g.answers).map((a) => ({ cond: textCond(rid(i), a.text, g.caseSensitive, true), points: a.fraction * share }))));
    }
  });
  const gapXml = (id: string) => {
    const i = gapIndex.get(id);
    if (i === undefined) return esc(`[[${id}]]`);
    const g = d.gaps[i];
    if (g.kind === "typed")
      return `<qti-text-entry-interaction response-identifier="${rid(i)}" expected-length="${Math.max(8, ...g.answers.map((a) => a.text.length))}"/>`;
    return `<qti-inline-choice-interaction response-identifier="${rid(i)}" shuffle="${d.shuffle}">${g.answers
      .map((a, j) => `<qti-inline-choice identifier="G${i + 1}_${j + 1}">${esc(a.text)}</qti-inline-choice>`)
      .join("")}</qti-inline-choice-interaction>`;
  };
  const text = d.text
    .split(/\n{2,}/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map(
      (p) =>
        `<p>${p
          .split(/(\[\[[^\]]{1,64}\]\])/)
          .map((part) => {
            const m = /^\[\[([^\]]{1,64})\]\]$/.exec(part);
            return m ? gapXml(m[1].trim()) : esc(part).replace(/\n/g, "<br/>");
          })
          .join("")}</p>`,
    )
    .join("\n");
  return { decls, body: `${stem ? `<div class="qti-stem">${stem}</div>\n` : ""}${text}`, rp: rp(rps) };
}
