import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Me } from "../modules/accounts/shared/contract.ts";
import { adminAccess, isAdminPath } from "./admin-area.ts";
import { ADMIN_ENTRIES } from "./admin-entries.ts";

const ROOT = "00000000-0000-7000-8000-000000000001";
const BRANCH = "00000000-0000-7000-8000-000000000002";
const branding = { primaryColor: "#1d4ed8", logoUrl: null, platformName: "P" } as unknown as Me["grants"][number]["branding"];
const person = (over: Partial<Me>, grants: [string, Me["profile"]][] = []): Me => ({
  id: "00000000-0000-7000-8000-0000000000aa",
  username: "x",
  email: null,
  givenName: "X",
  familyName: "Y",
  profile: "learner",
  locale: null,
  isOperator: false,
  isAdmin: grants.some(([, r]) => r === "admin"),
  partner: null,
  partnerCourses: false,
  grants: grants.map(([orgId, role], i) => ({ id: `00000000-0000-7000-8000-00000000010${i}`, orgId, orgName: "O", role, branding })),
  csrfToken: "t",
  ...over,
});
const visible = (me: Me) => ADMIN_ENTRIES.filter((e) => e.allowed(adminAccess(me, ROOT))).map((e) => e.id);

describe("administration hub entries", () => {
  it("show each person only the areas their roles open", () => {
    expect(visible(person({}, [[BRANCH, "learner"]]))).toEqual([]);
    expect(visible(person({ profile: "teacher" }, [[BRANCH, "teacher"]]))).toEqual([]);
    // an admin of a branch: the branch's people and imports, not the platform-wide areas
    expect(visible(person({ profile: "staff" }, [[BRANCH, "admin"]]))).toEqual([
      "orgs",
      "people",
      "import",
      "funders",
      "schoolImport",
      "timetableImport",
      "partners",
      "services",
    ]);
    // an admin of the root node also moderates, federates, sets up sign-on and the subjects
    expect(visible(person({ profile: "admin" }, [[ROOT, "admin"]]))).toEqual([
      "orgs",
      "people",
      "import",
      "funders",
      "moderation",
      "subjects",
      "schoolImport",
      "timetableImport",
      "partners",
      "federation",
      "sso",
      "services",
    ]);
    // the operator alone: the deployment's areas
    expect(visible(person({ isOperator: true }))).toEqual(["platforms", "outbox", "catalog"]);
    // without a known root node, nobody is its admin
    expect(ADMIN_ENTRIES.filter((e) => e.allowed(adminAccess(person({}, [[ROOT, "admin"]]), null))).map((e) => e.id)).not.toContain("moderation");
  });

  it("have unique ids, texts in every language and pages that exist", () => {
    expect(new Set(ADMIN_ENTRIES.map((e) => e.id)).size).toBe(ADMIN_ENTRIES.length);
    type Tree = { [k: string]: string | Tree };
    const routes = readdirSync("src/modules")
      .flatMap((m) => {
        try {
          return [readFileSync(`src/modules/${m}/client/routes.tsx`, "utf8")];
        } catch {
          return [];
        }
      })
      .join("\n");
    for (const lang of ["fr", "en", "es", "nl", "de", "it"]) {
      const cat = JSON.parse(readFileSync(`locales/${lang}.json`, "utf8")) as Tree;
      const text = (id: string) => id.split(".").reduce<string | Tree | undefined>((v, k) => (v as Tree | undefined)?.[k], cat);
      for (const e of ADMIN_ENTRIES) {
        expect(typeof text(e.title), `${lang} ${e.title}`).toBe("string");
        expect(typeof text(e.description), `${lang} ${e.description}`).toBe("string");
      }
    }
    for (const e of ADMIN_ENTRIES) expect(routes, e.to).toContain(`path: "${e.to}"`);
  });

  it("tell administration pages from the others", () => {
    for (const p of [
      "/admin",
      "/admin/orgs",
      "/admin/people/123",
      "/admin/services/1/sign-on",
      "/operator/outbox",
      "/moderation",
      "/school/subjects",
      "/school/import",
      "/attendance/import",
    ])
      expect(isAdminPath(p, ADMIN_ENTRIES), p).toBe(true);
    for (const p of ["/", "/courses", "/administration", "/school/classes", "/attendance", "/attendance/absences", "/moderations", "/library"])
      expect(isAdminPath(p, ADMIN_ENTRIES), p).toBe(false);
  });
});
