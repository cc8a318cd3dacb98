import type { Profile } from "../../../kernel/db/schema.ts";

/** Lowercase, accents and punctuation dropped: "Prénom" → "prenom", "E-mail" → "email", "Mot de passe" → "motdepasse". */
export const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "");

/** Same, keeping word breaks (for class names: "6e A" and "6E  a" are one class, "6eA" another). */
export const foldName = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

export const COLUMNS = ["username", "email", "given_name", "family_name", "profile", "class", "password"] as const;
export type Column = (typeof COLUMNS)[number];
export const REQUIRED_COLUMNS: readonly Column[] = ["username", "given_name", "family_name", "profile"];

/** Header names accepted for each column, in French, English, Spanish, Dutch, German and Italian (compared folded). */
export const COLUMN_ALIASES: Record<Column, string[]> = {
  username: [
    "username",
    "user name",
    "user",
    "login",
    "identifiant",
    "utilisateur",
    "nom d'utilisateur",
    "usuario",
    "nombre de usuario",
    "gebruikersnaam",
    "benutzername",
    "benutzer",
    "anmeldename",
    "nome utente",
    "utente",
  ],
  email: [
    "email",
    "e-mail",
    "mail",
    "courriel",
    "adresse email",
    "adresse e-mail",
    "adresse courriel",
    "email address",
    "correo",
    "correo electrónico",
    "e-mailadres",
    "e-mail-adresse",
    "posta elettronica",
    "indirizzo email",
  ],
  given_name: ["given_name", "given name", "first_name", "first name", "firstname", "prénom", "prenom", "nombre", "voornaam", "vorname", "nome"],
  family_name: [
    "family_name",
    "family name",
    "last_name",
    "last name",
    "lastname",
    "surname",
    "nom",
    "nom de famille",
    "apellido",
    "apellidos",
    "achternaam",
    "nachname",
    "familienname",
    "cognome",
  ],
  profile: ["profile", "profil", "role", "rôle", "type", "perfil", "rol", "profiel", "rolle", "profilo", "ruolo"],
  class: ["class", "classe", "groupe", "group", "clase", "grupo", "klas", "groep", "klasse", "gruppe", "gruppo"],
  password: ["password", "mot de passe", "mdp", "contraseña", "wachtwoord", "passwort", "kennwort"],
};

const COLUMN_BY_ALIAS = new Map<string, Column>(Object.entries(COLUMN_ALIASES).flatMap(([col, names]) => names.map((n) => [fold(n), col as Column] as const)));

export const columnOf = (header: string): Column | undefined => COLUMN_BY_ALIAS.get(fold(header));

/** Profile words, masculine and feminine, in the six languages. */
export const PROFILE_ALIASES: Record<Profile, string[]> = {
  learner: [
    "learner",
    "student",
    "pupil",
    "élève",
    "eleve",
    "apprenant",
    "apprenante",
    "étudiant",
    "étudiante",
    "alumno",
    "alumna",
    "estudiante",
    "leerling",
    "schüler",
    "schueler",
    "schülerin",
    "lernende",
    "lernender",
    "studente",
    "studentessa",
    "alunno",
    "alunna",
    "allievo",
    "allieva",
  ],
  teacher: [
    "teacher",
    "instructor",
    "trainer",
    "enseignant",
    "enseignante",
    "professeur",
    "professeure",
    "prof",
    "formateur",
    "formatrice",
    "profesor",
    "profesora",
    "docente",
    "maestro",
    "maestra",
    "leraar",
    "lerares",
    "docent",
    "leerkracht",
    "lehrer",
    "lehrerin",
    "lehrkraft",
    "insegnante",
    "professore",
    "professoressa",
  ],
  parent: ["parent", "guardian", "padre", "madre", "tutor", "ouder", "voogd", "eltern", "elternteil", "genitore"],
  staff: ["staff", "personnel", "personal", "personeel", "medewerker", "mitarbeiter", "mitarbeiterin", "personale"],
  admin: ["admin", "administrator", "administrateur", "administratrice", "administrador", "administradora", "beheerder", "amministratore", "amministratrice"],
};

const PROFILE_BY_ALIAS = new Map<string, Profile>(Object.entries(PROFILE_ALIASES).flatMap(([p, names]) => names.map((n) => [fold(n), p as Profile] as const)));

export const profileOf = (value: string): Profile | undefined => PROFILE_BY_ALIAS.get(fold(value));
