import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { type ImportRow, listImports } from "../shared/contract.ts";
import { useDay } from "./parts.tsx";

/** The platform's courses made from the library that I edit, with the linked ones' available updates. */
export function ImportsPage() {
  const t = useT();
  const day = useDay();
  const q = useQuery({ queryKey: ["library", "imports"], queryFn: () => api(listImports) });
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.library.breadcrumb")}>
        <Link to="/library">{t("ui.library.title")}</Link>
      </nav>
      <PageTitle>{t("ui.library.imports.title")}</PageTitle>
      <p className="lead">{t("ui.library.imports.lead")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : q.data.items.length === 0 ? (
        <EmptyState title={t("ui.library.imports.empty")}>
          <p>
            <Link to="/library">{t("ui.library.imports.browse")}</Link>
          </p>
        </EmptyState>
      ) : (
        <ul className="cards">
          {q.data.items.map((r) => (
            <li key={r.courseId} className="card library-card">
              <h2>
                <Link to="/courses/$id" params={{ id: r.courseId }}>
                  {r.courseTitle}
                </Link>
              </h2>
              <p className="muted small">
                {r.linked ? t("ui.library.import.linked") : t("ui.library.import.copy")} · {t("ui.library.imports.on", { date: day(r.importedAt) })}
              </p>
              <p>
                <Link to="/library/entries/$entryId" params={{ entryId: r.entryId }}>
                  {t("ui.library.imports.from", { entry: r.entryTitle })}
                </Link>
              </p>
              <p>
                <Status r={r} />
              </p>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

export function Status({ r }: { r: ImportRow }) {
  const t = useT();
  if (r.withdrawn) return <span className="badge badge-neutral">{t("ui.library.imports.withdrawn")}</span>;
  if (!r.linked) return <span className="muted">{t("ui.library.version", { n: r.version })}</span>;
  if (r.latestVersion > r.version)
    return (
      <Link className="badge badge-warn" to="/library/imports/$id" params={{ id: r.courseId }}>
        {t("ui.library.imports.available", { n: r.latestVersion })}
      </Link>
    );
  return (
    <Link className="badge badge-ok" to="/library/imports/$id" params={{ id: r.courseId }}>
      {t("ui.library.imports.upToDate", { n: r.version })}
    </Link>
  );
}
