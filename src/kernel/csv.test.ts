import { describe, expect, it } from "vitest";
import { foldCell, readCsv } from "./csv.ts";
import { AppError } from "./errors.ts";

const refuse = { unreadable: "m.csv_unreadable", empty: "m.csv_empty", tooMany: { code: "m.csv_too_many", params: { maximum: 2 } } };
const read = (csv: string, trim = true) => readCsv(csv, { maxRows: 2, trim }, refuse);
const refusal = (csv: string) => {
  try {
    read(csv);
  } catch (e) {
    return e instanceof AppError ? e.fields?.csv : e;
  }
};

describe("readCsv", () => {
  it("takes the delimiter found most on the header line, after a BOM and whatever line endings", () => {
    expect(read("\uFEFFusername;role\r\nlea;learner\r\n\r\nmax;teacher")).toEqual([
      ["username", "role"],
      ["lea", "learner"],
      ["max", "teacher"],
    ]);
    expect(read("a,b,c;d\n1,2,3;4\n")).toEqual([
      ["a", "b", "c;d"],
      ["1", "2", "3;4"],
    ]);
    expect(read("a,b;c\n1,2;3\n")[1]).toEqual(["1,2", "3"]); // a tie: the semicolon
    expect(read("a\tb\n1\t2\n")).toEqual([
      ["a", "b"],
      ["1", "2"],
    ]);
  });

  it("trims cells only when asked", () => {
    expect(read("a; b\n1 ; 2\n", false)).toEqual([
      ["a", " b"],
      ["1 ", " 2"],
    ]);
    expect(read("a; b\n1 ; 2\n")[1]).toEqual(["1", "2"]);
  });

  it("refuses with the caller's codes a file that does not parse, has no row, or too many", () => {
    expect(refusal('a;b\n"1;2\n')).toEqual({ code: "m.csv_unreadable" });
    expect(refusal("a;b\n\n")).toEqual({ code: "m.csv_empty" });
    expect(refusal("a\n1\n2\n3\n")).toEqual({ code: "m.csv_too_many", params: { maximum: 2 } });
  });
});

it("foldCell compares headers without accents, case or outer spaces", () => {
  expect(foldCell("  Rôle ")).toBe("role");
  expect(foldCell("Élève")).toBe("eleve");
});
