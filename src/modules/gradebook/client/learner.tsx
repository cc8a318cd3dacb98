import "./gradebook.css";
import { useQuery } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, ModalButton, PageTitle, QueryError } from "../../../web/ui.tsx";
import { getLearnerGrades } from "../shared/contract.ts";
import { HistoryTable } from "./history.tsx";
import { Breadcrumb, GradeForm, gradebookKey, SourceBadge, TotalExplained, useNumber } from "./parts.tsx";

/** One learner's grades for teachers: every item (enter or override), category totals, history. */
export function LearnerGradesPage() {
  const t = useT();
  const num = useNumber();
  const { id, userId } = useParams({ strict: false }) as { id: string; userId: string };
  const q = useQuery({ queryKey: [...gradebookKey(id), "learner", userId], queryFn: () => api(getLearnerGrades, { params: { id, userId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const name = `${d.learner.givenName} ${d.learner.familyName}`;
  const catName = (cid: string | null) => (cid ? (d.categories.find((c) => c.id === cid)?.name ?? "") : t("ui.gradebook.uncategorised"));
  const hasCategories = d.categories.length > 0;
  const titleOf = new Map(d.items.map((i) => [i.id, i.title]));
  return (
    <>
      <Breadcrumb courseId={id} courseTitle={d.course.title} gradebook />
      <PageTitle>{t("ui.gradebook.learnerTitle", { name })}</PageTitle>
      <dl className="gb-stats">
        <div>
          <dt>{t("ui.gradebook.total")}</dt>
          <dd>
            {d.learner.totalText || "–"}
            {d.learner.total !== null && d.scale.kind !== "percent" && <span className="muted gb-sub">{num(d.learner.total, 1)} %</span>}
          </dd>
        </div>
      </dl>
      <TotalExplained categories={d.categories} uncategorisedWeight={d.uncategorisedWeight} scaleName={d.scale.name} />
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard */}
      <section className="table-wrap" tabIndex={0} aria-labelledby="gb-learner-caption">
        <table className="table">
          <caption id="gb-learner-caption" className="visually-hidden">
            {t("ui.gradebook.learnerCaption", { name })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("ui.gradebook.item")}</th>
              {hasCategories && <th scope="col">{t("ui.gradebook.category")}</th>}
              <th scope="col">{t("ui.gradebook.grade")}</th>
              <th scope="col">{t("ui.gradebook.computed")}</th>
              <th scope="col">{t("ui.gradebook.visibility")}</th>
              {d.canGrade && <th scope="col">{t("ui.gradebook.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {d.items.map((it, n) => {
              const cell = d.learner.cells[n];
              return (
                <tr key={it.id}>
                  <th scope="row">
                    {it.title} <SourceBadge item={it} />
                  </th>
                  {hasCategories && <td>{catName(it.categoryId)}</td>}
                  <td>
                    {cell?.score === null || cell?.score === undefined ? "–" : t("ui.gradebook.scoreOf", { score: num(cell.score), max: num(it.maxScore) })}
                    {cell?.overridden && <span className="badge badge-warn">{t("ui.gradebook.overridden")}</span>}
                  </td>
                  <td>{it.source === "manual" || cell?.computed === null || cell?.computed === undefined ? "–" : num(cell.computed)}</td>
                  <td>{cell?.released ? t("ui.gradebook.released") : t("ui.gradebook.hidden")}</td>
                  {d.canGrade && (
                    <td>
                      <ModalButton
                        variant="quiet"
                        label={t(it.source === "manual" ? "ui.gradebook.enter" : "ui.gradebook.override")}
                        ariaLabel={t("ui.gradebook.enterFor", { item: it.title })}
                        title={t("ui.gradebook.overrideTitle", { item: it.title, name })}
                      >
                        {(close) => <GradeForm courseId={id} item={it} userId={userId} learnerName={name} cell={cell} onDone={close} />}
                      </ModalButton>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      {hasCategories && (
        <>
          <h2>{t("ui.gradebook.categoryTotals")}</h2>
          <dl className="gb-stats">
            {d.categoryTotals
              .filter((c) => c.categoryId !== null || d.items.some((i) => !i.categoryId))
              .map((c) => (
                <div key={c.categoryId ?? "none"}>
                  <dt>{catName(c.categoryId)}</dt>
                  <dd>{c.text || "–"}</dd>
                </div>
              ))}
          </dl>
        </>
      )}
      <h2>{t("ui.gradebook.history.title")}</h2>
      <HistoryTable entries={d.history} labelOf={(e) => titleOf.get(e.itemId) ?? ""} caption={t("ui.gradebook.history.title")} />
    </>
  );
}
