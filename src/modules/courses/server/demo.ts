import { readFileSync } from "node:fs";
import type { CourseRole, FilePurpose } from "../../../kernel/db/schema.ts";
import { storeUpload } from "../../../kernel/files/index.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { insertCourse, insertItem, insertMember, insertSection } from "./repo.ts";
import { richField } from "./rich.ts";
import { searchVector } from "./search.ts";

/** Demo courses: sections, pages (one full of formulas), links, a captioned video; a teacher manages each, learners follow them. */

type Inline = { type: "text"; text: string; marks?: { type: "bold" | "italic" }[] } | { type: "inlineMath"; attrs: { latex: string } };
const txt = (text: string, bold = false): Inline => (bold ? { type: "text", text, marks: [{ type: "bold" }] } : { type: "text", text });
const m = (latex: string): Inline => ({ type: "inlineMath", attrs: { latex } });
const p = (...content: (Inline | string)[]) => ({ type: "paragraph", content: content.map((c) => (typeof c === "string" ? txt(c) : c)) });
const h = (level: 2 | 3, text: string) => ({ type: "heading", attrs: { level }, content: [txt(text)] });
const math = (latex: string) => ({ type: "blockMath", attrs: { latex } });
const ul = (...items: (Inline | string)[][]) => ({ type: "bulletList", content: items.map((c) => ({ type: "listItem", content: [p(...c)] })) });
const doc = (...content: unknown[]) => ({ type: "doc", content });

const FORMULAS = doc(
  h(2, "Fonctions affines et second degré"),
  p("Une fonction affine s'écrit ", m("f(x) = ax + b"), " où ", m("a"), " est le coefficient directeur et ", m("b"), " l'ordonnée à l'origine."),
  p("Le coefficient directeur entre deux points ", m("A(x_A; y_A)"), " et ", m("B(x_B; y_B)"), " vaut :"),
  math("a = \\frac{y_B - y_A}{x_B - x_A}"),
  h(3, "Équation du second degré"),
  p("Pour ", m("ax^2 + bx + c = 0"), " avec ", m("a \\neq 0"), ", on calcule le discriminant ", m("\\Delta = b^2 - 4ac"), "."),
  math("x_{1,2} = \\frac{-b \\pm \\sqrt{\\Delta}}{2a}"),
  ul(
    [txt("si ", false), m("\\Delta > 0"), " : deux solutions réelles ;"],
    [m("\\Delta = 0"), " : une solution double ", m("x_0 = -\\frac{b}{2a}"), " ;"],
    [m("\\Delta < 0"), " : pas de solution réelle."],
  ),
  h(3, "Quelques résultats à connaître"),
  math("\\sum_{k=1}^{n} k = \\frac{n(n+1)}{2}"),
  math("\\int_0^1 x^2 \\, dx = \\frac{1}{3}"),
  math("\\lim_{x \\to +\\infty} \\left(1 + \\frac{1}{x}\\right)^x = e"),
  p("Identité remarquable : ", m("(a+b)^2 = a^2 + 2ab + b^2"), ", et sa cousine ", m("(a-b)(a+b) = a^2 - b^2"), "."),
  math("\\begin{pmatrix} 1 & 2 \\\\ 3 & 4 \\end{pmatrix} \\begin{pmatrix} x \\\\ y \\end{pmatrix} = \\begin{pmatrix} x + 2y \\\\ 3x + 4y \\end{pmatrix}"),
);

type DemoItem =
  | { kind: "page"; title: string; body: unknown }
  | { kind: "link"; title: string; url: string }
  /** files of ./demo-media (a 16 s WebM made once with make-video.sh: no ffmpeg at run time) */
  | { kind: "video"; title: string; file: string; captions: string };

const AFFINE: DemoItem = { kind: "video", title: "Vidéo : la droite y = ax + b", file: "affine.webm", captions: "affine.fr.vtt" };

/** A demo file goes through the files store like an upload: type checked from its bytes, stored in chunks. */
function storeDemoFile(k: Kernel, tenantId: string, ownerId: string, purpose: FilePurpose, name: string) {
  const bytes = readFileSync(new URL(`./demo-media/${name}`, import.meta.url));
  return storeUpload(k.db, {
    tenantId,
    ownerId,
    purpose,
    clientName: name,
    maxBytes: bytes.length,
    stream: (async function* () {
      yield bytes;
    })(),
  });
}
type DemoCourse = {
  title: string;
  summary: string;
  description: unknown;
  language: string;
  tags: string[];
  format: "online" | "blended" | "in-person";
  sections: { title: string; items: DemoItem[] }[];
};

const NATIONAL: DemoCourse[] = [
  {
    title: "Mathématiques : fonctions et équations",
    summary: "Remise à niveau en mathématiques pour les formateurs et les stagiaires.",
    description: doc(p("Un parcours court pour revoir les fonctions affines, le second degré et quelques résultats classiques, avec des exercices corrigés.")),
    language: "fr",
    tags: ["mathématiques", "remise à niveau"],
    format: "online",
    sections: [
      {
        title: "Introduction",
        items: [
          {
            kind: "page",
            title: "Bienvenue",
            body: doc(p("Bienvenue dans ce cours ! Comptez environ ", txt("deux heures", true), " pour le parcourir en entier.")),
          },
        ],
      },
      {
        title: "Fonctions",
        items: [
          { kind: "page", title: "Formulaire", body: FORMULAS },
          AFFINE,
          { kind: "link", title: "Calculatrice graphique en ligne", url: "https://www.geogebra.org/graphing" },
        ],
      },
      { title: "Pour aller plus loin", items: [{ kind: "link", title: "Ressources Éduscol", url: "https://eduscol.education.fr/" }] },
    ],
  },
  {
    title: "Animer une formation hybride",
    summary: "Alterner présentiel et distanciel sans perdre les stagiaires en route.",
    description: doc(p("Méthodes, outils et retours d'expérience pour concevoir une formation hybride : rythme, activités, suivi et évaluation.")),
    language: "fr",
    tags: ["pédagogie", "hybride"],
    format: "blended",
    sections: [
      {
        title: "Concevoir",
        items: [
          {
            kind: "page",
            title: "Les principes",
            body: doc(
              h(2, "Trois principes"),
              ul(["Annoncer le rythme dès le départ."], ["Alterner temps synchrones et asynchrones."], ["Suivre la progression de chacun."]),
            ),
          },
        ],
      },
      {
        title: "Animer",
        items: [
          { kind: "page", title: "Outils d'animation", body: doc(p("Classe virtuelle, forum, pads partagés : choisissez peu d'outils et tenez-vous-y.")) },
        ],
      },
    ],
  },
  {
    title: "English for trainers",
    summary: "Run a session in English with confidence.",
    description: doc(p("Useful phrases, pronunciation tips and short role plays for trainers who welcome international learners.")),
    language: "en",
    tags: ["english", "languages"],
    format: "online",
    sections: [
      {
        title: "Getting started",
        items: [
          { kind: "page", title: "Welcoming learners", body: doc(p("Start by introducing yourself and asking learners what they expect from the session.")) },
        ],
      },
    ],
  },
];

const COLLEGE: DemoCourse[] = [
  {
    title: "Mathématiques 4e : puissances et équations",
    summary: "Le cours de mathématiques de 4e, chapitre par chapitre.",
    description: doc(p("Cours, formulaires et liens d'entraînement pour l'année de 4e.")),
    language: "fr",
    tags: ["mathématiques", "4e"],
    format: "online",
    sections: [
      {
        title: "Chapitre 1 — Puissances",
        items: [
          {
            kind: "page",
            title: "Règles de calcul",
            body: doc(
              p("Pour tout nombre ", m("a \\neq 0"), " et entiers ", m("n, p"), " :"),
              math("a^n \\times a^p = a^{n+p}"),
              math("\\frac{a^n}{a^p} = a^{n-p}"),
              math("(a^n)^p = a^{np}"),
            ),
          },
        ],
      },
      { title: "Chapitre 2 — Équations", items: [{ kind: "page", title: "Formulaire", body: FORMULAS }, AFFINE] },
      { title: "S'entraîner", items: [{ kind: "link", title: "Exercices en ligne", url: "https://www.mathenpoche.net/" }] },
    ],
  },
  {
    title: "Histoire-géographie 5e",
    summary: "Le Moyen Âge, les échanges et les sociétés.",
    description: doc(p("Le programme d'histoire-géographie de 5e avec cartes, frises et documents.")),
    language: "fr",
    tags: ["histoire", "géographie", "5e"],
    format: "in-person",
    sections: [
      {
        title: "Le Moyen Âge",
        items: [{ kind: "page", title: "Frise chronologique", body: doc(p("De la chute de Rome (476) à la découverte de l'Amérique (1492).")) }],
      },
    ],
  },
];

/**
 * Loads the demo courses of one platform, published, on `orgId`: `teacher` manages them,
 * `learners` follow them (their usernames). Returns the courses' ids.
 */
export async function loadCourseDemo(k: Kernel, opts: { tenantId: string; orgId: string; teacher: string; learners: string[]; set: "national" | "college" }) {
  const tid = opts.tenantId;
  const users = await k.db
    .selectFrom("users")
    .select(["id", "username"])
    .where("tenant_id", "=", tid)
    .where("username", "in", [opts.teacher, ...opts.learners])
    .execute();
  const idOf = new Map(users.map((u) => [u.username, u.id]));
  const ids: string[] = [];
  for (const c of opts.set === "national" ? NATIONAL : COLLEGE) {
    const desc = richField("description", c.description, c.language);
    const id = newId();
    await insertCourse(k.db, tid, {
      id,
      org_id: opts.orgId,
      title: c.title,
      summary: c.summary,
      description_doc: JSON.stringify(desc.doc),
      description_html: desc.html,
      language: c.language,
      tags: c.tags,
      format: c.format,
      status: "published",
      search: searchVector({ title: c.title, summary: c.summary, tags: c.tags, descriptionPlain: desc.plain, language: c.language }),
      created_by: idOf.get(opts.teacher) ?? null,
    });
    const members: [string, CourseRole][] = [[opts.teacher, "manager"], ...opts.learners.map((l) => [l, "learner"] as [string, CourseRole])];
    for (const [u, role] of members) {
      const userId = idOf.get(u);
      if (userId) await insertMember(k.db, tid, { id: newId(), course_id: id, user_id: userId, role, source: role === "manager" ? "creator" : "teacher" });
    }
    for (const s of c.sections) {
      const section = await insertSection(k.db, tid, { id: newId(), course_id: id, title: s.title, summary: "" });
      for (const it of s.items) {
        if (it.kind === "page") {
          const body = richField("body", it.body, c.language);
          await insertItem(k.db, tid, {
            id: newId(),
            course_id: id,
            section_id: section.id,
            kind: "page",
            title: it.title,
            body_doc: JSON.stringify(body.doc),
            body_html: body.html,
          });
        } else if (it.kind === "video") {
          const owner = idOf.get(opts.teacher);
          if (!owner) continue;
          const video = await storeDemoFile(k, tid, owner, "video", it.file);
          const captions = await storeDemoFile(k, tid, owner, "captions", it.captions);
          await insertItem(k.db, tid, {
            id: newId(),
            course_id: id,
            section_id: section.id,
            kind: "video",
            title: it.title,
            file_id: video.id,
            captions_file_id: captions.id,
          });
        } else {
          await insertItem(k.db, tid, { id: newId(), course_id: id, section_id: section.id, kind: "link", title: it.title, url: it.url });
        }
      }
    }
    ids.push(id);
  }
  return ids;
}
