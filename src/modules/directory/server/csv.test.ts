import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { catalog, LOCALES } from "../../../kernel/i18n.ts";
import { COLUMN_ALIASES, columnOf, fold, PROFILE_ALIASES, profileOf } from "./columns.ts";
import { detectDelimiter, parseCsv } from "./csv.ts";
import { validateRows } from "./validate.ts";

const check = (text: string | Buffer) => validateRows(parseCsv(Buffer.isBuffer(text) ? text : Buffer.from(text)));
const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as { code: string }).code;
  }
  return "no error";
};

describe("CSV decoding and splitting", () => {
  it("reads UTF-8 with a BOM, CRLF line ends and a quoted field spanning lines, numbering lines as an editor does", () => {
    const p = parseCsv(Buffer.from('\uFEFFa;b;c\r\n1;2;3\r\n\r\n4;"x\r\ny";6\r\n;;\r\n7;8;9\r\n'));
    expect(p.encoding).toBe("utf-8");
    expect(p.delimiter).toBe(";");
    expect(p.header.cells).toEqual(["a", "b", "c"]);
    expect(p.records.map((r) => r.line)).toEqual([2, 4, 7]);
    expect(p.records[1].cells[1]).toBe("x\ny");
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8, and reads UTF-16 with a BOM", () => {
    const p = parseCsv(iconv.encode("nom;prénom\r\nGarçon;Éloïse\r\n", "win1252"));
    expect(p.encoding).toBe("windows-1252");
    expect(p.records[0].cells).toEqual(["Garçon", "Éloïse"]);
    const u = parseCsv(Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode("nom\tprénom\nLefèvre\tZoé\n", "utf-16le")]));
    expect(u.encoding).toBe("utf-16le");
    expect(u.delimiter).toBe("\t");
    expect(u.records[0].cells).toEqual(["Lefèvre", "Zoé"]);
  });

  it("detects the delimiter from the header line", () => {
    expect(detectDelimiter("a,b,c\n1;2;3")).toBe(",");
    expect(detectDelimiter("a;b,c;d\n")).toBe(";");
    expect(detectDelimiter("a\tb\tc")).toBe("\t");
    expect(detectDelimiter("single")).toBe(",");
  });

  it("refuses empty, header-only and non-CSV files with a clear code", () => {
    expect(codeOf(() => parseCsv(Buffer.alloc(0)))).toBe("import.empty_file");
    expect(codeOf(() => parseCsv(Buffer.from("\uFEFF \r\n\r\n")))).toBe("import.empty_file");
    expect(codeOf(() => parseCsv(Buffer.from("username;nom\r\n")))).toBe("import.no_rows");
    expect(codeOf(() => parseCsv(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00])))).toBe("import.not_csv");
    expect(codeOf(() => parseCsv(Buffer.from([0x01, 0x00, 0x02, 0x00])))).toBe("import.not_csv");
  });

  it("reports broken quoting on its line instead of failing", () => {
    const p = parseCsv(Buffer.from('a,b\n1,2\n3,"bad"x\n'));
    expect(p.problems[0]).toEqual({ line: 3, code: "import.bad_quotes" });
  });
});

describe("columns and profiles", () => {
  it("matches headers case- and accent-insensitively in six languages", () => {
    for (const [h, c] of [
      ["Identifiant", "username"],
      ["LOGIN", "username"],
      ["E-mail", "email"],
      ["Courriel", "email"],
      ["Prénom", "given_name"],
      ["first_name", "given_name"],
      ["Nom", "family_name"],
      ["last name", "family_name"],
      ["Rôle", "profile"],
      ["Groupe", "class"],
      ["Mot de passe", "password"],
      ["Nachname", "family_name"],
      ["Cognome", "family_name"],
      ["voornaam", "given_name"],
      ["Contraseña", "password"],
    ] as const) {
      expect(columnOf(h), h).toBe(c);
    }
    expect(columnOf("date de naissance")).toBeUndefined();
  });

  it("never gives one word two meanings", () => {
    for (const table of [COLUMN_ALIASES, PROFILE_ALIASES]) {
      const all = Object.values(table).flatMap((names) => [...new Set(names.map(fold))]);
      expect(all.length).toBe(new Set(all).size);
    }
  });

  it("understands profile words in French and the other languages", () => {
    expect(profileOf("Élève")).toBe("learner");
    expect(profileOf("eleve")).toBe("learner");
    expect(profileOf("Apprenant")).toBe("learner");
    expect(profileOf("Professeur")).toBe("teacher");
    expect(profileOf("formateur")).toBe("teacher");
    expect(profileOf("Personnel")).toBe("staff");
    expect(profileOf("Administrateur")).toBe("admin");
    expect(profileOf("Schüler")).toBe("learner");
    expect(profileOf("leraar")).toBe("teacher");
    expect(profileOf("genitore")).toBe("parent");
    expect(profileOf("chef")).toBeUndefined();
  });
});

describe("row validation", () => {
  it("reports every bad row with its line, its column as written in the header, and a reason", () => {
    const v = check(
      [
        "Identifiant;Courriel;Prénom;Nom;Profil;Mot de passe",
        "ok.one;one@example.test;Ana;Ok;élève;",
        "Bad Name;bad@example.test;Bo;Bad;élève;",
        "ok.two;not-an-email;Cy;Ok;élève;",
        "ok.three;three@example.test;;Ok;chef;short",
        "OK.ONE;ONE@example.test;Di;Dup;élève;",
        "ok.four;four@example.test;Ed",
        "ok.five;five@example.test;Fa;Ok;enseignant;long enough password;;",
      ].join("\n"),
    );
    expect(v.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [3, "Identifiant", "import.username_format"],
      [4, "Courriel", "import.email_format"],
      [5, "Prénom", "import.required"],
      [5, "Profil", "import.unknown_profile"],
      [5, "Mot de passe", "import.password_short"],
      [6, "Identifiant", "import.duplicate_in_file"],
      [6, "Courriel", "import.duplicate_in_file"],
      [7, "", "import.column_count"],
    ]);
    expect(v.problems.find((p) => p.line === 6)!.params).toEqual({ first: 2 });
    expect(v.rows.map((r) => [r.line, r.username, r.profile, r.password])).toEqual([
      [2, "ok.one", "learner", null],
      [8, "ok.five", "teacher", "long enough password"],
    ]);
  });

  it("reports unknown, repeated and missing columns on line 1", () => {
    const v = check("login;nom;date de naissance;identifiant\nzoe;Z;2010-01-01;zoe2\n");
    expect(v.problems.map((p) => [p.line, p.column, p.code])).toEqual([
      [1, "date de naissance", "import.unknown_column"],
      [1, "identifiant", "import.duplicate_column"],
      [1, "given_name", "import.missing_column"],
      [1, "profile", "import.missing_column"],
    ]);
  });
});

describe("messages", () => {
  it("has every import message in all six locales", () => {
    const ids = [...catalog("fr").keys()].filter((k) => k.startsWith("errors.import."));
    expect(ids.length).toBeGreaterThan(25);
    for (const l of LOCALES) for (const id of ids) expect(catalog(l).has(id), `${l} ${id}`).toBe(true);
  });
});
