import type { FastifyRequest } from "fastify";
import type { Actor } from "../../../../kernel/auth/actor.ts";
import { hashPassword } from "../../../../kernel/auth/password.ts";
import { AppError } from "../../../../kernel/errors.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { findUserByLogin } from "../../../accounts/server/index.ts";
import { USERNAME } from "../../../accounts/shared/contract.ts";
import { localize, type Problem, readTable } from "../../../school/server/index.ts";
import { createPartnerPerson, partnerManager } from "./my-partner.ts";

const MAX_BYTES = 2 * 1024 * 1024;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Header names accepted in the six languages (compared without case or accents). */
const ALIASES = {
  username: ["identifiant", "login", "usuario", "gebruikersnaam", "benutzername", "nome utente"],
  given: ["given name", "first name", "prenom", "nombre", "voornaam", "vorname", "nome"],
  family: ["family name", "last name", "nom", "apellido", "achternaam", "nachname", "cognome"],
  email: ["e-mail", "mail", "courriel", "correo"],
  role: ["rôle", "rol", "rolle", "ruolo"],
  password: ["mot de passe", "contraseña", "wachtwoord", "passwort"],
};
const ROLES: Record<string, "trainer" | "learner"> = Object.fromEntries(
  [
    ["trainer", ["trainer", "formateur", "formatrice", "formador", "docent", "ausbilder", "formatore"]],
    ["learner", ["learner", "apprenant", "apprenante", "estudiante", "cursist", "lernende", "lernender", "studente"]],
  ].flatMap(([role, names]) => (names as string[]).map((n) => [n, role as "trainer" | "learner"])),
);

export async function readCsvUpload(req: FastifyRequest): Promise<Buffer> {
  let data: Buffer | undefined;
  if (req.isMultipart()) {
    for await (const part of req.parts()) {
      if (part.type !== "file") continue;
      const buf = await part.toBuffer(); // always drained, or the next part never comes
      if (part.fieldname === "file" && !data) data = buf;
    }
  }
  if (!data) throw new AppError("validation", {}, { file: { code: "field.required" } });
  if (data.length > MAX_BYTES) throw new AppError("payload_too_large");
  return data;
}

/**
 * The partner's manager adds trainers and learners from a CSV (the school imports' reader: encoding,
 * delimiter and header aliases). Every row is checked first; one problem and nothing is created.
 */
export async function importPartnerPeople(k: Kernel, actor: Actor, data: Buffer, locale: Locale) {
  const me = partnerManager(actor);
  const tid = me.tenant.id;
  const table = readTable<keyof typeof ALIASES>(data, ALIASES, ["username", "given", "family", "role", "password"]);
  const problems: Problem[] = [...table.problems];
  const col = (c: keyof typeof ALIASES) => table.names[c] ?? c;
  const seen = new Map<string, number>();
  const people: {
    line: number;
    username: string;
    givenName: string;
    familyName: string;
    email: string | null;
    role: "trainer" | "learner";
    password: string;
  }[] = [];
  if (problems.length === 0) {
    for (const r of table.rows) {
      const before: number = problems.length;
      const username = r.get("username").trim().toLowerCase();
      const p = {
        username,
        givenName: r.get("given").trim(),
        familyName: r.get("family").trim(),
        email: r.get("email").trim() || null,
        password: r.get("password"),
        role: ROLES[r.get("role").trim().toLowerCase()],
      };
      for (const c of ["username", "given", "family", "role", "password"] as const)
        if (!r.get(c).trim()) problems.push({ line: r.line, column: col(c), code: "school.import.required" });
      if (problems.length > before) continue;
      if (!USERNAME.test(username)) problems.push({ line: r.line, column: col("username"), code: "partners.import.username_format" });
      else if (seen.has(username))
        problems.push({ line: r.line, column: col("username"), code: "school.import.duplicate_row", params: { first: seen.get(username) } });
      else if (await findUserByLogin(k.db, tid, username))
        problems.push({ line: r.line, column: col("username"), code: "partners.import.username_taken", params: { login: username } });
      if (p.email && !EMAIL.test(p.email)) problems.push({ line: r.line, column: col("email"), code: "partners.import.email_format" });
      if (!p.role) problems.push({ line: r.line, column: col("role"), code: "partners.import.role" });
      if (p.password.length < 10) problems.push({ line: r.line, column: col("password"), code: "partners.import.password_short" });
      for (const [c, v] of [
        ["given", p.givenName],
        ["family", p.familyName],
      ] as const)
        if (v.length > 100) problems.push({ line: r.line, column: col(c), code: "school.import.too_long", params: { max: 100 } });
      seen.set(username, r.line);
      if (problems.length === before) people.push({ line: r.line, ...p, role: p.role! });
    }
  }
  if (problems.length) {
    problems.sort((a, b) => a.line - b.line);
    throw new AppError("partners.import_has_errors", { count: problems.length }, undefined, 422, {
      created: 0,
      errors: problems.map((p) => localize(p, locale)),
    });
  }
  const hashed = await Promise.all(people.map(async (p) => ({ ...p, passwordHash: await hashPassword(p.password) })));
  await k.db.transaction().execute(async (trx) => {
    for (const p of hashed) await createPartnerPerson(trx, tid, me.partner.partnerId, p, p.role);
  });
  k.record({
    tenantId: tid,
    actorId: me.userId,
    verb: "imported",
    objectType: "partner-people",
    objectId: me.partner.partnerId,
    context: { created: people.length },
  });
  return { created: people.length, errors: [] };
}
