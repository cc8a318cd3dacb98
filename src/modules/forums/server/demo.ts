import { sql } from "kysely";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { renderRichText, type RichTextDocument, richTextToPlain } from "../../../kernel/richtext/index.ts";
import { searchVector } from "../../courses/server/search.ts";
import { refreshRating } from "../../reviews/server/index.ts";
import { searchOf } from "./posting.ts";

const P = (...parts: (string | { latex: string })[]): RichTextDocument => ({
  type: "doc",
  content: [{ type: "paragraph", content: parts.map((p) => (typeof p === "string" ? { type: "text" as const, text: p } : { type: "inlineMath" as const, attrs: { latex: p.latex } })) }],
});

const QUESTIONS: [string, RichTextDocument][] = [
  ["Dérivée d’un produit", P("Je ne comprends pas pourquoi ", { latex: "(uv)' = u'v + uv'" }, ". Quelqu’un peut expliquer avec un exemple ?")],
  ["Limite en l’infini", P("Comment montrer que ", { latex: "\\lim_{x\\to+\\infty} \\frac{\\ln x}{x} = 0" }, " sans la règle de L’Hôpital ?")],
  ["Exercice 3 du chapitre 2", P("Dans l’exercice 3, faut-il factoriser avant de dériver ?")],
  ["Intégrale de 1/x", P("Pourquoi ", { latex: "\\int_1^e \\frac{1}{x}\\,dx = 1" }, " ?")],
  ["Quiz de la semaine 1", P("Le quiz reste-t-il ouvert pendant le week-end ?")],
  ["Méthode pour les suites", P("Vos astuces pour étudier une suite ", { latex: "u_{n+1} = f(u_n)" }, " ?")],
  ["Présentation", P("Bonjour à toutes et à tous, je reprends les maths après dix ans !")],
  ["Exponentielle et logarithme", P("Est-ce que ", { latex: "e^{\\ln x} = x" }, " pour tout x réel ?")],
];
const REPLIES = [
  "Merci, c’est beaucoup plus clair maintenant.",
  "Regarde la vidéo de la séquence 2, l’exemple est détaillé à 4 minutes.",
  "Je me posais la même question !",
  "Pense à poser u = x et v = sin x, puis applique la formule.",
  "On peut encadrer ln x par √x pour x assez grand.",
  "Oui, le quiz ferme dimanche soir à minuit.",
  "Bienvenue ! On est plusieurs dans ce cas, courage.",
  "Attention : seulement pour x > 0, le logarithme n’est pas défini sinon.",
];
const REVIEWS = [
  "Très clair, les exercices corrigés aident beaucoup.",
  "Bon cours, mais le rythme de la semaine 3 est soutenu.",
  "Les vidéos sont courtes et bien faites.",
  "J’aurais aimé plus d’exemples concrets.",
  "Excellent, l’équipe répond vite sur le forum.",
  "",
];

/**
 * Demo: a MOOC-sized course and its forums. The demo learners and 1,500 more (accounts without a
 * password) enrolled,
 * an announcements forum, a Q&A forum and a busy discussion forum with dozens of threads and
 * hundreds of replies (formulas included), reactions, an answered thread, a pinned one, a post
 * hidden after three trusted flags and a new member's post waiting for review, a word filter,
 * the moderators' log; and several hundred ratings and reviews with a teacher's reply.
 */
export async function loadForumDemo(k: Kernel, o: { tenantId: string; courseOrgId: string; orgId: string; teacherId: string | null; learnerIds: string[]; cohort?: number }) {
  const tid = o.tenantId;
  const db = k.db;
  const cohort = o.cohort ?? 1500;
  // its own course, so that the other demo courses keep their small, fully graded classes
  const courseId = newId();
  const title = "MOOC — Analyse pour tous";
  const summary = "Dérivées, limites et intégrales en six semaines, avec un forum d’entraide très actif.";
  await db
    .insertInto("courses")
    .values({ tenant_id: tid, id: courseId, org_id: o.courseOrgId, title, summary, status: "published", tags: ["mooc", "maths"], search: searchVector({ title, summary, tags: ["mooc", "maths"], descriptionPlain: "", language: "fr" }) })
    .execute();
  if (o.teacherId) await db.insertInto("course_members").values({ tenant_id: tid, id: newId(), course_id: courseId, user_id: o.teacherId, role: "teacher" }).execute();
  const opts = { ...o, courseId };
  const extra = Array.from({ length: cohort }, (_, i) => ({
    tenant_id: tid,
    id: newId(),
    username: `mooc.${String(i + 1).padStart(4, "0")}`,
    email: null,
    given_name: ["Léa", "Hugo", "Chloé", "Lucas", "Inès", "Nathan", "Manon", "Yanis", "Sarah", "Tom"][i % 10]!,
    family_name: ["Bernard", "Robert", "Richard", "Moreau", "Simon", "Laurent", "Michel", "Garcia", "Roux", "Fournier"][(i * 7) % 10]!,
    profile: "learner" as const,
    locale: null,
    password_hash: null,
    import_id: null,
    locked_until: null,
    last_login_at: null,
  }));
  for (let i = 0; i < extra.length; i += 500) {
    const chunk = extra.slice(i, i + 500);
    await db.insertInto("users").values(chunk).execute();
    await db.insertInto("role_assignments").values(chunk.map((u) => ({ tenant_id: tid, id: newId(), user_id: u.id, org_id: opts.orgId, role: "learner" as const }))).execute();
    await db
      .insertInto("course_members")
      .values(chunk.map((u) => ({ tenant_id: tid, id: newId(), course_id: opts.courseId, user_id: u.id, role: "learner" as const })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  }
  if (opts.learnerIds.length)
    await db
      .insertInto("course_members")
      .values(opts.learnerIds.map((user_id) => ({ tenant_id: tid, id: newId(), course_id: courseId, user_id, role: "learner" as const })))
      .execute();
  const people = [...opts.learnerIds, ...extra.map((u) => u.id)];
  const teacher = opts.teacherId ?? people[0]!;
  // most of the demo learners have taken part for a while; the last cohort members are new
  await db
    .insertInto("forum_people")
    .values(people.slice(0, 400).map((user_id, i) => ({ tenant_id: tid, user_id, days_visited: 3 + (i % 20), posts_read: 30 + i, posts_made: i % 12, silenced_until: null, suspended_until: null })))
    .onConflict((oc) => oc.doNothing())
    .execute();

  const forum = async (kind: "standard" | "qanda" | "announcements", title: string, description: string) => {
    const id = newId();
    await db.insertInto("forums").values({ tenant_id: tid, id, course_id: opts.courseId, org_id: null, kind, title, description, premoderate_new: kind === "standard" }).execute();
    return id;
  };
  const announcements = await forum("announcements", "Annonces", "Les nouvelles de l’équipe pédagogique.");
  const qanda = await forum("qanda", "Questions de la semaine", "Répondez avant de voir les réponses des autres.");
  const discussion = await forum("standard", "Entraide", "Posez vos questions, aidez les autres.");

  let clock = Date.now() - 20 * 86400_000;
  const tick = (minutes: number) => new Date((clock += minutes * 60_000));
  const post = (forumId: string, threadId: string, authorId: string, doc: RichTextDocument, title: string, at: Date, status: "visible" | "pending" | "hidden" = "visible", flags = 0) => {
    const plain = richTextToPlain(doc);
    return {
      tenant_id: tid,
      id: newId(),
      thread_id: threadId,
      forum_id: forumId,
      author_id: authorId,
      quote_post_id: null,
      body_doc: JSON.stringify(doc),
      body_html: renderRichText(doc, "fr"),
      body_plain: plain,
      status,
      flag_count: flags,
      search: searchOf(title, plain),
      created_at: at,
      edited_at: null,
    };
  };
  type Row = ReturnType<typeof post>;
  const thread = async (forumId: string, authorId: string, title: string, doc: RichTextDocument, replies: Row[] = [], extra: { pinned?: boolean; answer?: number } = {}) => {
    const id = newId();
    const first = post(forumId, id, authorId, doc, title, tick(37));
    const rows = [first, ...replies.map((r) => ({ ...r, thread_id: id, forum_id: forumId }))];
    const visible = rows.filter((r) => r.status === "visible");
    await db
      .insertInto("forum_threads")
      .values({
        tenant_id: tid,
        id,
        forum_id: forumId,
        group_id: null,
        author_id: authorId,
        title,
        first_post_id: first.id,
        pinned: extra.pinned ?? false,
        answer_post_id: extra.answer !== undefined ? (replies[extra.answer]?.id ?? null) : null,
        reply_count: visible.length - 1,
        last_post_id: visible.at(-1)!.id,
        last_post_at: visible.at(-1)!.created_at,
        created_at: first.created_at,
      })
      .execute();
    for (let i = 0; i < rows.length; i += 200) await db.insertInto("forum_posts").values(rows.slice(i, i + 200)).execute();
    return { id, rows };
  };

  await thread(announcements, teacher, "Bienvenue dans le MOOC Analyse", P("Bienvenue ! Chaque lundi, une nouvelle séquence ouvre. Le forum Entraide est là pour vos questions."), [], { pinned: true });
  await thread(announcements, teacher, "Quiz de la semaine 2 ouvert", P("Le quiz de la semaine 2 est ouvert jusqu’à dimanche. Rappel : ", { latex: "(x^n)' = n x^{n-1}" }, "."));
  await thread(qanda, teacher, "Que vaut la dérivée de x³ ?", P("Donnez la dérivée de ", { latex: "x^3" }, " et justifiez."), people.slice(0, 25).map((u, i) => post(qanda, "", u, P(i % 4 ? "3x², par la formule de la puissance." : "3x² : on descend l’exposant et on retire 1."), "", tick(11))));

  // the busy forum: 40 threads, 10 to 40 replies each
  let flagged: { postId: string; author: string } | null = null;
  let pending: string | null = null;
  for (let n = 0; n < 40; n++) {
    const [title, doc] = QUESTIONS[n % QUESTIONS.length]!;
    const author = people[(n * 37) % 400]!;
    const count = 10 + ((n * 13) % 31);
    const replies = Array.from({ length: count }, (_, i) => post(discussion, "", people[(n * 11 + i * 7) % 400]!, P(REPLIES[(n + i) % REPLIES.length]!), "", tick(9)));
    if (n === 3) replies.push(post(discussion, "", people[401]!, P("Achetez des diplômes pas chers sur ce site !!!"), "", tick(5), "hidden", 3));
    if (n === 5) replies.push(post(discussion, "", people[cohort]!, P("Bonjour, je suis nouveau, est-ce que quelqu’un a les corrigés ?"), "", tick(5), "pending"));
    const t = await thread(discussion, author, n < QUESTIONS.length ? title : `${title} (${Math.floor(n / QUESTIONS.length) + 1})`, doc, replies, { pinned: n === 0, answer: n % 3 === 0 ? 1 : undefined });
    if (n === 3) flagged = { postId: t.rows.at(-1)!.id, author: people[401]! };
    if (n === 5) pending = t.rows.at(-1)!.id;
    // reactions on the first replies
    const reactions = t.rows.slice(1, 4).flatMap((r, i) => people.slice(i * 5, i * 5 + 3 + i).map((u, j) => ({ tenant_id: tid, post_id: r.id, user_id: u, reaction: ["like", "love", "thinking"][j % 3]! })));
    if (reactions.length) await db.insertInto("forum_reactions").values(reactions).onConflict((oc) => oc.doNothing()).execute();
  }
  if (flagged) {
    await db
      .insertInto("forum_flags")
      .values(
        people.slice(10, 13).map((u, i) => ({ tenant_id: tid, id: newId(), post_id: flagged!.postId, forum_id: discussion, user_id: u, reason: i ? ("spam" as const) : ("inappropriate" as const), note: "", trusted: true, resolved_at: null })),
      )
      .execute();
    await db
      .insertInto("forum_mod_log")
      .values({ tenant_id: tid, id: newId(), forum_id: discussion, post_id: flagged.postId, target_user_id: flagged.author, moderator_id: null, action: "auto_hide", reason: "3", until: null })
      .execute();
  }
  if (pending) await db.insertInto("forum_flags").values({ tenant_id: tid, id: newId(), post_id: pending, forum_id: discussion, user_id: null, reason: "word_filter", note: "corrigés", trusted: false, resolved_at: null }).execute();
  await db.insertInto("forum_word_filters").values([
    { tenant_id: tid, id: newId(), word: "corrigés", action: "flag" },
    { tenant_id: tid, id: newId(), word: "diplômes pas chers", action: "block" },
  ]).onConflict((oc) => oc.doNothing()).execute();
  await db.insertInto("forum_mod_log").values({ tenant_id: tid, id: newId(), forum_id: null, post_id: null, target_user_id: null, moderator_id: teacher, action: "filter_flag", reason: "corrigés", until: null }).execute();

  // ratings: 600 learners, mostly 4 and 5 stars, a few with text, one teacher reply
  const reviews = people.slice(0, 600).map((user_id, i) => ({
    tenant_id: tid,
    id: newId(),
    course_id: opts.courseId,
    user_id,
    stars: [5, 4, 5, 3, 4, 5, 2, 4, 5, 4][i % 10]!,
    body: i < 60 ? REVIEWS[i % REVIEWS.length]! : "",
    hidden_reason: null,
    reply: i === 1 ? "Merci ! Nous ajoutons une séance de révision en semaine 3." : null,
    reply_by: i === 1 ? teacher : null,
    reply_at: i === 1 ? new Date() : null,
  }));
  for (let i = 0; i < reviews.length; i += 300) await db.insertInto("course_reviews").values(reviews.slice(i, i + 300)).onConflict((oc) => oc.doNothing()).execute();
  await refreshRating(db, tid, opts.courseId);
  await sql`analyze forum_posts`.execute(db);
  return courseId;
}
