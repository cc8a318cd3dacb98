import { describe, expect, it } from "vitest";
import { QuestionDefinition } from "../../shared/types.ts";
import { scoreResponse } from "../scoring/index.ts";
import { parseMoodleXml } from "./moodle-xml.ts";

const q = (type: string, body: string) => `<question type="${type}"><name><text>${type}</text></name>${body}</question>`;
const text = (tag: string, t: string) => `<${tag} format="html"><text><![CDATA[${t}]]></text></${tag}>`;
const quiz = (...qs: string[]) => `<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n${qs.join("\n")}\n</quiz>`;

function parse(xml: string) {
  const r = parseMoodleXml(xml);
  if ("error" in r) throw new Error(r.error.code);
  return r;
}

describe("Moodle XML", () => {
  it("reads true/false, short answer, matching, essay, gap select and ordering; skips descriptions", () => {
    const r = parse(
      quiz(
        q("description", text("questiontext", "Lisez ceci.")),
        q(
          "truefalse",
          `${text("questiontext", "La Terre tourne.")}<answer fraction="100"><text>true</text><feedback><text>Oui</text></feedback></answer><answer fraction="0"><text>false</text><feedback><text>Si</text></feedback></answer>`,
        ),
        q("shortanswer", `${text("questiontext", "Auteur ?")}<usecase>1</usecase><answer fraction="100"><text>Hugo</text></answer>`),
        q(
          "matching",
          `${text("questiontext", "Associez")}<subquestion><text>A</text><answer><text>1</text></answer></subquestion><subquestion><text>B</text><answer><text>2</text></answer></subquestion><subquestion><text></text><answer><text>3</text></answer></subquestion>`,
        ),
        q("essay", `${text("questiontext", "Écrivez")}${text("graderinfo", "Barème")}`),
        q(
          "gapselect",
          `${text("questiontext", "Le [[1]] mange la [[2]].")}<selectoption><text>chat</text><group>1</group></selectoption><selectoption><text>souris</text><group>2</group></selectoption><selectoption><text>chien</text><group>1</group></selectoption>`,
        ),
        q("ordering", `${text("questiontext", "Rangez")}<answer fraction="1"><text>un</text></answer><answer fraction="2"><text>deux</text></answer>`),
      ),
    );
    expect(r.map((p) => p.definition?.type)).toEqual(["truefalse", "short", "matching", "essay", "cloze", "ordering"]);
    expect(r.every((p) => p.problems.length === 0)).toBe(true);
    const [tf, sa, m, es, gs] = r.map((p) => QuestionDefinition.parse(p.definition));
    expect(tf).toMatchObject({ correct: true, trueFeedback: "Oui", falseFeedback: "Si" });
    expect(sa).toMatchObject({ caseSensitive: true });
    expect(scoreResponse(sa, { type: "short", text: "hugo" }).fraction).toBe(0);
    expect(m).toMatchObject({ extraAnswers: ["3"] });
    expect(es).toMatchObject({ graderInfo: "Barème" });
    expect(scoreResponse(gs, { type: "cloze", gaps: { "1": "chat", "2": "souris" } }).fraction).toBe(1);
    expect(scoreResponse(gs, { type: "cloze", gaps: { "1": "chien", "2": "souris" } }).fraction).toBe(0.5);
    // the line of each question is the line of its <question> element
    expect(r[0].line).toBe(4);
  });
  it("keeps multiple-answer penalties, hints and tags; warns about pictures", () => {
    const [p] = parse(
      quiz(
        q(
          "multichoice",
          `${text("questiontext", 'Choisissez <img src="@@PLUGINFILE@@/a.png">')}<single>false</single><answer fraction="50"><text>a</text></answer><answer fraction="50"><text>b</text></answer><answer fraction="-50"><text>c</text></answer><hint><text>Pensez-y</text></hint><tags><tag><text>t1</text></tag></tags>`,
        ),
      ),
    );
    expect(p.problems).toEqual([expect.objectContaining({ code: "xml_image_dropped", level: "warning" })]);
    expect(p.tags).toEqual(["t1"]);
    const d = QuestionDefinition.parse(p.definition);
    expect(d).toMatchObject({ type: "multiple", wrongPenalty: 0.5, hints: ["Pensez-y"] });
    if (d.type !== "multiple") throw new Error();
    const [a, b, c] = d.options.map((o) => o.id);
    expect(scoreResponse(d, { type: "multiple", optionIds: [a, b] }).fraction).toBe(1);
    expect(scoreResponse(d, { type: "multiple", optionIds: [a, c] }).fraction).toBe(0);
  });
  it("reports unsupported types and gaps, a file that is not a Moodle export, and malformed XML", () => {
    const r = parse(quiz(q("ddmarker", text("questiontext", "?")), q("multianswer", text("questiontext", "A {1:MULTIRESPONSE:=a~b}"))));
    expect(r.map((p) => p.problems[0]?.code)).toEqual(["xml_unsupported_type", "xml_unsupported_gap"]);
    expect(parseMoodleXml("<html><body/></html>")).toEqual({ error: { line: 0, code: "xml_not_moodle" } });
    expect(parseMoodleXml("<quiz><question></quiz>")).toMatchObject({ error: { code: "xml_invalid" } });
    // entity expansion stays harmless: no DOCTYPE entities are expanded
    const bomb = `<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>${q("essay", "<questiontext><text>&b;</text></questiontext>")}</quiz>`;
    const out = parseMoodleXml(bomb);
    expect(JSON.stringify(out).length).toBeLessThan(5_000);
  });
});
