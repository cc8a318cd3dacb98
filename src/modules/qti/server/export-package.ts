import { strToU8, zipSync } from "fflate";
import type { QuestionDefinition } from "../../questions/shared/types.ts";
import { exportItem, qtiId } from "./export-item.ts";
import { esc } from "./xml.ts";

/**
 * An IMS content package (imsmanifest.xml + one file per item, and the test when there is one),
 * as QTI 3.0 readers expect it.
 */
export type ExportQuestion = { versionId: string; name: string; points: number; definition: QuestionDefinition };
export type ExportSection = { title: string; questions: ExportQuestion[] /** draw this many at random */; select: number | null; shuffle: boolean };

const itemFile = (q: ExportQuestion) => `items/${itemIdent(q)}.xml`;
const itemIdent = (q: ExportQuestion) => qtiId(`Q_${q.versionId}`);

export function packageQuestions(title: string, questions: ExportQuestion[]): Uint8Array {
  return zip(title, dedupe(questions), null);
}

export function packageTest(title: string, sections: ExportSection[], opts: { timeLimitS: number | null; shuffle: boolean }): Uint8Array {
  const all = dedupe(sections.flatMap((s) => s.questions));
  const test = `<?xml version="1.0" encoding="UTF-8"?>
<qti-assessment-test xmlns="http://www.imsglobal.org/xsd/imsqtiasi_v3p0" identifier="TEST" title="${esc(title)}">
<qti-outcome-declaration identifier="SCORE" cardinality="single" base-type="float"/>
<qti-test-part identifier="PART_1" navigation-mode="nonlinear" submission-mode="simultaneous">
${opts.timeLimitS ? `<qti-time-limits max-time="${opts.timeLimitS}"/>\n` : ""}${sections
  .map(
    (s, i) => `<qti-assessment-section identifier="SECTION_${i + 1}" title="${esc(s.title)}" visible="true">
${s.select !== null ? `<qti-selection select="${s.select}"/>\n` : ""}${s.shuffle || opts.shuffle ? `<qti-ordering shuffle="true"/>\n` : ""}${s.questions
  .map(
    (q) => `<qti-assessment-item-ref identifier="${itemIdent(q)}" href="${itemFile(q)}"><qti-weight identifier="WEIGHT" value="1"/></qti-assessment-item-ref>`,
  )
  .join("\n")}
</qti-assessment-section>`,
  )
  .join("\n")}
</qti-test-part>
<qti-outcome-processing><qti-set-outcome-value identifier="SCORE"><qti-sum><qti-test-variables variable-identifier="SCORE"/></qti-sum></qti-set-outcome-value></qti-outcome-processing>
</qti-assessment-test>
`;
  return zip(title, all, test);
}

function dedupe(qs: ExportQuestion[]) {
  const seen = new Set<string>();
  return qs.filter((q) => !seen.has(q.versionId) && seen.add(q.versionId));
}

function zip(title: string, questions: ExportQuestion[], test: string | null): Uint8Array {
  const files: Record<string, Uint8Array> = {};
  const resources: string[] = [];
  for (const q of questions) {
    files[itemFile(q)] = strToU8(exportItem({ identifier: itemIdent(q), title: q.name, points: q.points, definition: q.definition }));
    resources.push(`<resource identifier="RES_${itemIdent(q)}" type="imsqti_item_xmlv3p0" href="${itemFile(q)}"><file href="${itemFile(q)}"/></resource>`);
  }
  if (test) {
    files["assessment.xml"] = strToU8(test);
    resources.unshift(
      `<resource identifier="RES_TEST" type="imsqti_test_xmlv3p0" href="assessment.xml"><file href="assessment.xml"/>${questions
        .map((q) => `<dependency identifierref="RES_${itemIdent(q)}"/>`)
        .join("")}</resource>`,
    );
  }
  files["imsmanifest.xml"] = strToU8(`<?xml version="1.0" encoding="UTF-8"?>
<manifest xmlns="http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1" xmlns:imsmd="http://ltsc.ieee.org/xsd/LOM" identifier="MANIFEST_1">
<metadata><schema>QTI Package</schema><schemaversion>3.0.0</schemaversion><imsmd:lom><imsmd:general><imsmd:title><imsmd:string>${esc(title)}</imsmd:string></imsmd:title></imsmd:general></imsmd:lom></metadata>
<organizations/>
<resources>
${resources.join("\n")}
</resources>
</manifest>
`);
  return zipSync(files, { level: 6, mtime: new Date("2026-01-01T00:00:00Z") });
}
