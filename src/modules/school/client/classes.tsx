import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { listClasses, listSubjects } from "../shared/contract.ts";
import { TeachingChip } from "./teaching-chip.tsx";
import "./school.css";

export const schoolKey = ["school"] as const;

/** The classes I may see, with who teaches what; admins reach subjects and imports from here. */
export function ClassesPage() {
  const t = useT();
  const q = useQuery({ queryKey: [...schoolKey, "classes"], queryFn: () => api(listClasses) });
  const subjects = useQuery({ queryKey: [...schoolKey, "subjects"], queryFn: () => api(listSubjects) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const manages = q.data.items.some((c) => c.canManage) || !!subjects.data?.canManage;
  return (
    <>
      <PageTitle
        actions={
          manages && (
            <div className="school-actions">
              <Link to="/school/subjects" className="btn btn-secondary">
                {t("ui.school.subjects.title")}
              </Link>
              <Link to="/school/import" className="btn btn-primary">
                {t("ui.school.import.title")}
              </Link>
            </div>
          )
        }
      >
        {t("ui.school.classes.title")}
      </PageTitle>
      {q.data.items.length === 0 ? (
        <EmptyState title={t("ui.school.classes.empty")}>
          <p>{t(manages ? "ui.school.classes.emptyAdmin" : "ui.school.classes.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ul className="class-grid" aria-label={t("ui.school.classes.title")}>
          {q.data.items.map((c) => (
            <li key={c.id} className="card class-card">
              <Link to="/school/classes/$id" params={{ id: c.id }}>
                <h2>{c.name}</h2>
              </Link>
              <p className="muted small">
                {c.parentName ? `${c.parentName} · ` : ""}
                {t("ui.school.classes.pupils", { count: c.pupils })}
              </p>
              {c.teachings.length ? (
                <ul className="teachings" aria-label={t("ui.school.classes.teachings", { name: c.name })}>
                  {c.teachings.map((x) => (
                    <li key={x.id}>
                      <TeachingChip teaching={x} />
                    </li>
                  ))}
                </ul>
              ) : (
                <p className="muted small">{t("ui.school.classes.noTeaching")}</p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
