import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useNavigate, useSearch } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { PartnerCourses } from "../../federation/client/partner-courses.tsx";
import { EmptyState, Field, Loading, PageTitle, QueryError, SelectField } from "../../../web/ui.tsx";
import { orgsQuery } from "../../orgs/client/queries.ts";
import { catalogue, COURSE_FORMATS, COURSE_LANGUAGES } from "../shared/contract.ts";
import { CourseCardView } from "./parts.tsx";
import type { CatalogueSearch } from "./routes.tsx";

const ALL = "all";

/** The catalogue: search (stemmed, accent-insensitive) and filters over the courses I may see. */
export function CataloguePage() {
  const t = useT();
  const search = useSearch({ strict: false }) as CatalogueSearch;
  const navigate = useNavigate();
  const setSearch = (patch: Partial<CatalogueSearch>) => navigate({ to: "/catalogue", search: { ...search, page: undefined, ...patch }, replace: true });
  const [text, setText] = useState(search.q ?? "");
  const [tags, setTags] = useState(search.tags ?? "");
  useEffect(() => {
    const h = setTimeout(() => {
      if (text !== (search.q ?? "") || tags !== (search.tags ?? "")) setSearch({ q: text || undefined, tags: tags || undefined });
    }, 300);
    return () => clearTimeout(h);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [text, tags]);
  const active = [search.orgId, search.language, search.format, search.tags].filter(Boolean).length;
  const [showFilters, setShowFilters] = useState(active > 0);
  const page = search.page ?? 1;
  const q = useQuery({
    queryKey: ["catalogue", search],
    queryFn: () =>
      api(catalogue, {
        query: { q: search.q ?? "", orgId: search.orgId, language: search.language as "fr", format: search.format as "online", tags: search.tags, page },
      }),
    placeholderData: keepPreviousData,
  });
  const orgs = useQuery(orgsQuery(false));
  const orgOptions = (orgs.data ?? []).map((o) => ({ id: o.id, label: o.name, depth: o.depth }));
  const pages = q.data ? Math.max(1, Math.ceil(q.data.total / q.data.pageSize)) : 1;
  return (
    <>
      <PageTitle>{t("ui.catalogue.title")}</PageTitle>
      <p className="lead">{t("ui.catalogue.lead")}</p>
      <div className="filters catalogue-filters" role="search" aria-label={t("ui.catalogue.filters")}>
        <Field name="q" type="search" label={t("ui.catalogue.search")} description={t("ui.catalogue.searchHelp")} value={text} onChange={setText} />
        {/* on a phone the other filters fold away under a button, so results come first */}
        <Button
          className="btn btn-secondary filters-toggle"
          aria-expanded={showFilters}
          aria-controls="catalogue-more-filters"
          onPress={() => setShowFilters(!showFilters)}
        >
          {t("ui.catalogue.moreFilters", { count: active })}
        </Button>
        <div className="filters-extra" id="catalogue-more-filters" data-open={showFilters || undefined}>
          <SelectField
            label={t("ui.catalogue.org")}
            value={search.orgId ?? ALL}
            options={[{ id: ALL, label: t("ui.common.all") }, ...orgOptions]}
            onChange={(v) => setSearch({ orgId: v === ALL ? undefined : v })}
          />
          <SelectField
            label={t("ui.catalogue.language")}
            value={search.language ?? ALL}
            options={[{ id: ALL, label: t("ui.common.all") }, ...COURSE_LANGUAGES.map((l) => ({ id: l, label: t(`ui.courses.languages.${l}`) }))]}
            onChange={(v) => setSearch({ language: v === ALL ? undefined : v })}
          />
          <SelectField
            label={t("ui.catalogue.format")}
            value={search.format ?? ALL}
            options={[{ id: ALL, label: t("ui.common.all") }, ...COURSE_FORMATS.map((f) => ({ id: f, label: t(`ui.courses.formats.${f}`) }))]}
            onChange={(v) => setSearch({ format: v === ALL ? undefined : v })}
          />
          <Field name="tags" label={t("ui.catalogue.tags")} description={t("ui.catalogue.tagsHelp")} value={tags} onChange={setTags} />
        </div>
      </div>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
        <>
          <p className="result-count" role="status">
            {t("ui.catalogue.count", { count: q.data.total })}
          </p>
          {q.data.items.length === 0 ? (
            <EmptyState title={t("ui.catalogue.empty")}>
              <p>{t("ui.catalogue.emptyHelp")}</p>
            </EmptyState>
          ) : (
            <ul className="cards">
              {q.data.items.map((c) => (
                <CourseCardView key={c.id} c={c} to="about" />
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={t("ui.pager.label")}>
              <Button
                className="btn btn-secondary"
                isDisabled={page <= 1}
                onPress={() => navigate({ to: "/catalogue", search: { ...search, page: page - 1 > 1 ? page - 1 : undefined } })}
              >
                {t("ui.pager.previous")}
              </Button>
              <span className="pager-status">{t("ui.pager.status", { page, pages })}</span>
              <Button
                className="btn btn-secondary"
                isDisabled={page >= pages}
                onPress={() => navigate({ to: "/catalogue", search: { ...search, page: page + 1 } })}
              >
                {t("ui.pager.next")}
              </Button>
            </nav>
          )}
        </>
      )}
      <PartnerCourses />
    </>
  );
}
