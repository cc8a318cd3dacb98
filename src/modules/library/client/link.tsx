import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, Loading, PageTitle, QueryError, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { applyUpdate, getLink, type UpdateReport } from "../shared/contract.ts";
import { Status } from "./imports.tsx";
import { VersionList } from "./parts.tsx";

/** A course made from the library: its version, newer ones with their notes, and applying the latest. */
export function LinkPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const [done, setDone] = useState<UpdateReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const q = useQuery({ queryKey: ["library", "link", id], queryFn: () => api(getLink, { params: { courseId: id } }) });
  const m = useMutation({
    mutationFn: (version: number) => api(applyUpdate, { params: { courseId: id }, body: { version } }),
    onSuccess: (r) => {
      setDone(r);
      setError(null);
      announce(t("ui.library.link.applied", { n: r.to }));
      qc.invalidateQueries({ queryKey: ["library"] });
    },
    onError: (e) => {
      setError(errorText(e));
      qc.invalidateQueries({ queryKey: ["library", "link", id] });
    },
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const l = q.data;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.library.breadcrumb")}>
        <Link to="/library/imports">{t("ui.library.imports.title")}</Link>
      </nav>
      <PageTitle
        actions={
          <Link className="btn btn-secondary" to="/courses/$id" params={{ id }}>
            {t("ui.library.link.openCourse")}
          </Link>
        }
      >
        {l.courseTitle}
      </PageTitle>
      <p>
        {t(l.linked ? "ui.library.link.linkedFrom" : "ui.library.link.copiedFrom", { entry: l.entryTitle, n: l.version })} <Status r={l} />
      </p>
      {done && (
        <section className="alert alert-ok section" aria-labelledby="done-title">
          <h2 id="done-title">{t("ui.library.link.applied", { n: done.to })}</h2>
          <Plan plan={done} />
        </section>
      )}
      <FormAlert error={error} />
      {l.newer.length > 0 && l.plan && (
        <>
          <section className="section" aria-labelledby="newer-title">
            <h2 id="newer-title">{t("ui.library.link.newer", { n: l.latestVersion })}</h2>
            <VersionList versions={l.newer} />
          </section>
          <section className="card section" aria-labelledby="plan-title">
            <h2 id="plan-title">{t("ui.library.link.planTitle", { n: l.latestVersion })}</h2>
            <Plan plan={l.plan} />
            <h3>{t("ui.library.link.rulesTitle")}</h3>
            <ul className="library-rules">
              <li>{t("ui.library.link.ruleLocal")}</li>
              <li>{t("ui.library.link.ruleUpdated")}</li>
              <li>{t("ui.library.link.ruleEdited")}</li>
              <li>{t("ui.library.link.ruleDeleted")}</li>
            </ul>
            <div className="form-actions">
              <Button className="btn btn-primary" isPending={m.isPending} onPress={() => m.mutate(l.latestVersion)}>
                {t("ui.library.link.apply", { n: l.latestVersion })}
              </Button>
            </div>
          </section>
        </>
      )}
      {l.linked && l.newer.length === 0 && !l.withdrawn && <p className="muted">{t("ui.library.link.upToDate")}</p>}
      {!l.linked && <p className="muted">{t("ui.library.link.independent")}</p>}
    </>
  );
}

function Plan({ plan }: { plan: UpdateReport }) {
  const t = useT();
  return (
    <>
      <dl className="library-report">
        <dt>{t("ui.library.link.added")}</dt>
        <dd>{plan.added}</dd>
        <dt>{t("ui.library.link.updated")}</dt>
        <dd>{plan.updated}</dd>
        <dt>{t("ui.library.link.removed")}</dt>
        <dd>{plan.removed}</dd>
      </dl>
      {plan.conflicts.length > 0 && (
        <>
          <p>{t("ui.library.link.conflicts", { count: plan.conflicts.length })}</p>
          <ul>
            {plan.conflicts.map((c, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list read once, never reordered; titles may repeat
              <li key={`${i}-${c.title}`}>{t(`ui.library.link.conflict.${c.upstream}`, { title: c.title })}</li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
