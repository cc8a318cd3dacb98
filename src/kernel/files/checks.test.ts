import { describe, expect, it } from "vitest";
import { checkVtt, judgeType, sanitizeName } from "./checks.ts";
import { contentDisposition, parseRange } from "./range.ts";

describe("file names", () => {
  it.each([
    ["../../etc/passwd", "passwd"],
    ["..\\..\\windows\\system32\\cmd.exe", "cmd.exe"],
    ["/etc/shadow", "shadow"],
    ["C:\\Users\\x\\report.pdf", "report.pdf"],
    ["a\u0000b.pdf", "ab.pdf"],
    ["evil\u202Efdp.exe", "evilfdp.exe"],
    ["line\nbreak\t.txt", "linebreak.txt"],
    ["..", "file"],
    ["   ", "file"],
    [".htaccess", "htaccess"],
    ["CON.txt", "_CON.txt"],
    ['a<b>c:"d|e?f*.pdf', "a_b_c__d_e_f_.pdf"],
    ["Cours n°1 — été.pdf", "Cours n°1 — été.pdf"],
  ])("%j becomes %j", (raw, safe) => {
    expect(sanitizeName(raw)).toBe(safe);
  });

  it("keeps the extension of an overlong name within 200 characters", () => {
    const s = sanitizeName(`${"é".repeat(500)}.docx`);
    expect([...s].length).toBe(200);
    expect(s.endsWith(".docx")).toBe(true);
  });
});

describe("types", () => {
  const head = new TextEncoder().encode("hello");
  it("trusts the bytes and requires the extension to agree", () => {
    expect(judgeType("document", "a.pdf", { ext: "pdf", mime: "application/pdf" }, head)).toMatchObject({ ok: true });
    expect(judgeType("document", "a.pdf", { ext: "exe", mime: "application/x-msdownload" }, head)).toMatchObject({ ok: false, code: "files.type_not_allowed" });
    expect(judgeType("document", "a.png", { ext: "pdf", mime: "application/pdf" }, head)).toMatchObject({ ok: false, code: "files.type_mismatch" });
    expect(judgeType("document", "a.png", undefined, head)).toMatchObject({ ok: false, code: "files.type_mismatch" });
    expect(judgeType("document", "a.svg", undefined, head)).toMatchObject({ ok: false });
    expect(judgeType("document", "notes.txt", undefined, head)).toMatchObject({ ok: true });
    expect(judgeType("document", "notes.txt", undefined, new Uint8Array([0x4d, 0x5a, 0, 1]))).toMatchObject({ ok: false, code: "files.not_text" });
    expect(judgeType("video", "clip.pdf", { ext: "pdf", mime: "application/pdf" }, head)).toMatchObject({ ok: false, code: "files.type_not_allowed" });
    expect(judgeType("video", "clip.m4v", { ext: "mp4", mime: "video/mp4" }, head)).toMatchObject({ ok: true });
    expect(judgeType("document", "slides.pptx", { ext: "zip", mime: "application/zip" }, head)).toMatchObject({ ok: true });
  });
});

describe("WebVTT", () => {
  it("accepts cues with identifiers, notes and hours", () => {
    const vtt = "WEBVTT - intro\n\nNOTE a note\n\n1\n00:00:01.000 --> 00:00:04.000 align:start\nBonjour\n\n01:00:00.500 --> 01:00:02.000\nFin\n";
    expect(checkVtt(vtt)).toEqual({ ok: true, cues: 2 });
    expect(checkVtt("\ufeffWEBVTT\r\n\r\n00:01.000 --> 00:02.000\r\nHi\r\n")).toEqual({ ok: true, cues: 1 });
  });
  it.each([
    ["1\n00:00:01,000 --> 00:00:02,000\nSRT, not VTT\n", 1],
    ["WEBVTTX\n\n00:00:01.000 --> 00:00:02.000\nx\n", 1],
    ["WEBVTT\n\n00:00:01 --> 00:00:02\nx\n", 3],
    ["WEBVTT\n\n00:00:05.000 --> 00:00:02.000\nbackwards\n", 3],
    ["WEBVTT\n\n", 3],
  ])("refuses %j at line %i", (vtt, line) => {
    expect(checkVtt(vtt)).toEqual({ ok: false, line });
  });
});

describe("ranges", () => {
  it.each([
    [undefined, "all"],
    ["bytes=0-99", { start: 0, end: 99 }],
    ["bytes=900-", { start: 900, end: 999 }],
    ["bytes=-100", { start: 900, end: 999 }],
    ["bytes=-5000", { start: 0, end: 999 }],
    ["bytes=990-5000", { start: 990, end: 999 }],
    ["bytes=1000-", "unsatisfiable"],
    ["bytes=5-2", "unsatisfiable"],
    ["bytes=-0", "unsatisfiable"],
    ["bytes=abc", "unsatisfiable"],
    ["bytes=0-1,5-6", "all"],
    ["items=0-1", "all"],
  ])("%j", (header, answer) => {
    expect(parseRange(header, 1000)).toEqual(answer);
  });

  it("names the file in ASCII and in RFC 5987 form", () => {
    expect(contentDisposition("attachment", 'Résumé "final".pdf')).toBe(
      `attachment; filename="Resume _final_.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%20%22final%22.pdf`,
    );
  });
});
