import "./gradebook.css";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Switch } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { Pager } from "../../accounts/client/pager.tsx";
import { deleteItem, getItemGrades, updateItem } from "../shared/contract.ts";
import { HistoryTable } from "./history.tsx";
import { Breadcrumb, GradeForm, gradebookKey, SourceBadge, useNumber } from "./parts.tsx";
import { ItemForm } from "./setup.tsx";

const PAGE = 100;

/** One grade item: statistics, its category and release, every learner's grade, the history. */
export function ItemGradesPage() {
  const t = useT();
  const num = useNumber();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const { id, itemId } = useParams({ strict: false }) as { id: string; itemId: string };
  const [page, setPage] = useState(1);
  const q = useQuery({
    queryKey: [...gradebookKey(id), "item", itemId, page],
    queryFn: () => api(getItemGrades, { params: { id, itemId }, query: { page, pageSize: PAGE } }),
    placeholderData: keepPreviousData,
  });
  const patch = useMutation({
    mutationFn: (body: { released?: boolean; categoryId?: string | null }) => api(updateItem, { params: { id, itemId }, body }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: gradebookKey(id) });
      announce(r.released ? t("ui.gradebook.releasedNow") : t("ui.gradebook.savedChanges"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const remove = useMutation({
    mutationFn: () => api(deleteItem, { params: { id, itemId } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: gradebookKey(id) });
      announce(t("ui.gradebook.deleted"));
      navigate({ to: "/courses/$id/gradebook", params: { id } });
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const it = d.item;
  const names = new Map(d.learners.map((l) => [l.userId, `${l.givenName} ${l.familyName}`]));
  return (
    <>
      <Breadcrumb courseId={id} courseTitle={d.course.title} gradebook />
      <PageTitle
        actions={
          d.canEdit &&
          it.source === "manual" && (
            <>
              <ModalButton label={t("ui.gradebook.editItem")} title={t("ui.gradebook.editItem")} variant="secondary">
                {(close) => <ItemForm courseId={id} categories={d.categories} item={it} onDone={close} />}
              </ModalButton>
              <ModalButton label={t("ui.gradebook.deleteItem")} title={t("ui.gradebook.deleteItem")} variant="quiet">
                {(close) => (
                  <div className="form">
                    <p>{t("ui.gradebook.deleteConfirm", { title: it.title })}</p>
                    <div className="form-actions">
                      <Button className="btn btn-danger" onPress={() => remove.mutate()} isPending={remove.isPending}>
                        {t("ui.gradebook.deleteItem")}
                      </Button>
                      <Button className="btn btn-secondary" onPress={close}>
                        {t("ui.common.cancel")}
                      </Button>
                    </div>
                  </div>
                )}
              </ModalButton>
            </>
          )
        }
      >
        {it.title}
      </PageTitle>
      <p>
        <SourceBadge item={it} /> {t("ui.gradebook.outOf", { max: num(it.maxScore) })}
        {it.passScore !== null && <> · {t("ui.gradebook.passAt", { score: num(it.passScore) })}</>}
      </p>
      <dl className="gb-stats">
        <div>
          <dt>{t("ui.gradebook.stats.graded")}</dt>
          <dd>{t("ui.gradebook.stats.gradedValue", { graded: d.stats.graded, learners: d.stats.learners })}</dd>
        </div>
        <div>
          <dt>{t("ui.gradebook.stats.mean")}</dt>
          <dd>{d.stats.mean === null ? "–" : num(d.stats.mean)}</dd>
        </div>
        <div>
          <dt>{t("ui.gradebook.stats.median")}</dt>
          <dd>{d.stats.median === null ? "–" : num(d.stats.median)}</dd>
        </div>
        {d.stats.passed !== null && (
          <div>
            <dt>{t("ui.gradebook.stats.passed")}</dt>
            <dd>{d.stats.passed}</dd>
          </div>
        )}
      </dl>
      {d.canEdit && (
        <div className="filters">
          <Switch className="checkbox" isSelected={it.released} onChange={(released) => patch.mutate({ released })} isDisabled={patch.isPending}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.gradebook.releaseSwitch")}
          </Switch>
          <SelectField
            label={t("ui.gradebook.category")}
            value={it.categoryId ?? "none"}
            onChange={(v) => patch.mutate({ categoryId: v === "none" ? null : v })}
            options={[{ id: "none", label: t("ui.gradebook.uncategorised") }, ...d.categories.map((c) => ({ id: c.id, label: c.name }))]}
          />
        </div>
      )}
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard */}
      <section className="table-wrap" tabIndex={0} aria-labelledby="gb-item-caption">
        <table className="table">
          <caption id="gb-item-caption" className="visually-hidden">
            {t("ui.gradebook.itemCaption", { title: it.title })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t("ui.gradebook.learner")}</th>
              <th scope="col">{t("ui.gradebook.grade")}</th>
              {d.canGrade && <th scope="col">{t("ui.gradebook.actions")}</th>}
            </tr>
          </thead>
          <tbody>
            {d.learners.map((l) => {
              const name = `${l.givenName} ${l.familyName}`;
              return (
                <tr key={l.userId}>
                  <th scope="row">
                    <Link to="/courses/$id/gradebook/learners/$userId" params={{ id, userId: l.userId }}>
                      {l.familyName} {l.givenName}
                    </Link>
                  </th>
                  <td>
                    {l.cell?.score === null || l.cell?.score === undefined ? "–" : num(l.cell.score)}
                    {l.cell?.overridden && <span className="badge badge-warn">{t("ui.gradebook.overridden")}</span>}
                  </td>
                  {d.canGrade && (
                    <td>
                      <ModalButton
                        variant="quiet"
                        label={t(it.source === "manual" ? "ui.gradebook.enter" : "ui.gradebook.override")}
                        ariaLabel={t("ui.gradebook.enterFor", { item: name })}
                        title={t("ui.gradebook.overrideTitle", { item: it.title, name })}
                      >
                        {(close) => <GradeForm courseId={id} item={it} userId={l.userId} learnerName={name} cell={l.cell} onDone={close} />}
                      </ModalButton>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </section>
      <Pager page={page} pageSize={PAGE} total={d.total} onChange={setPage} />
      <h2>{t("ui.gradebook.history.title")}</h2>
      <HistoryTable entries={d.history} labelOf={(e) => names.get(e.userId) ?? ""} caption={t("ui.gradebook.history.title")} />
    </>
  );
}
