import { useQuery } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, PageTitle, QueryError } from "../../../web/ui.tsx";
import { listChildren } from "../shared/contract.ts";
import { schoolKey } from "./classes.tsx";
import { TeachingChip } from "./teaching-chip.tsx";
import "./school.css";

/** A parent's children: their classes and who teaches them what, with a way to write to them. */
export function ChildrenPage() {
  const t = useT();
  const q = useQuery({ queryKey: [...schoolKey, "children"], queryFn: () => api(listChildren) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <PageTitle>{t("ui.school.children.title")}</PageTitle>
      {q.data.items.length === 0 ? (
        <EmptyState title={t("ui.school.children.empty")}>
          <p>{t("ui.school.children.emptyHelp")}</p>
        </EmptyState>
      ) : (
        <ul className="class-grid" aria-label={t("ui.school.children.title")}>
          {q.data.items.map((child) => (
            <li key={child.id} className="card class-card">
              <h2>{child.name}</h2>
              {child.classes.length === 0 && <p className="muted small">{t("ui.school.children.noClass")}</p>}
              {child.classes.map((c) => (
                <section key={c.id} aria-label={c.name}>
                  <p className="muted small">{t("ui.school.children.inClass", { name: c.name })}</p>
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
                </section>
              ))}
            </li>
          ))}
        </ul>
      )}
      <p className="school-after-list">
        <Link to="/messages/new" className="btn btn-secondary">
          {t("ui.school.children.write")}
        </Link>
      </p>
    </>
  );
}
