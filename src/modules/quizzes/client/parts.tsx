import { Link } from "@tanstack/react-router";
import { useIntl } from "react-intl";
import { useT } from "../../../web/i18n.tsx";
import type { AttemptSummary } from "../shared/contract.ts";

export const quizKey = (itemId: string) => ["quiz", itemId];
export const attemptKey = (attemptId: string) => ["quiz-attempt", attemptId];

/** Points with at most two decimals, in the reader's language. */
export function usePoints() {
  const intl = useIntl();
  return (n: number | null | undefined) => (n === null || n === undefined ? "—" : intl.formatNumber(n, { maximumFractionDigits: 2 }));
}

export function useDate() {
  const intl = useIntl();
  return (s: string | null) => (s ? intl.formatDate(new Date(s), { dateStyle: "medium", timeStyle: "short" }) : "—");
}

export function Breadcrumb({ courseId, title, itemId, quizTitle }: { courseId: string; title: string; itemId?: string; quizTitle?: string }) {
  return (
    <p className="breadcrumb">
      <Link to="/courses/$id" params={{ id: courseId }}>
        <span aria-hidden="true">← </span>
        {title}
      </Link>
      {itemId && quizTitle && (
        <>
          {" / "}
          <Link to="/courses/$id/quizzes/$itemId" params={{ id: courseId, itemId }}>
            {quizTitle}
          </Link>
        </>
      )}
    </p>
  );
}

/** An attempt's score for a list: "7.5 / 10", or why there is none yet. */
export function AttemptScore({ a }: { a: AttemptSummary }) {
  const t = useT();
  const pts = usePoints();
  if (a.state === "in_progress") return <span className="badge badge-neutral">{t("ui.quizzes.inProgress")}</span>;
  if (a.needsGrading) return <span className="badge badge-warn">{t("ui.quizzes.awaitingGrading")}</span>;
  if (a.score === null) return <span className="muted">{t("ui.quizzes.marksLater")}</span>;
  return <strong>{t("ui.quizzes.scoreOf", { score: pts(a.score), max: pts(a.maxScore) })}</strong>;
}
