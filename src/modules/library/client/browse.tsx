import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Button, Checkbox } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, Loading, PageTitle, QueryError, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import { browse, LEVELS, LICENCES, settings, updateSettings } from "../shared/contract.ts";
import { EntryMeta } from "./parts.tsx";

const ALL = "all";
type Filters = { language?: string; level?: (typeof LEVELS)[number]; licence?: (typeof LICENCES)[number]; subject?: string };

/** The network library: search and filters, one card per entry, and the platform's setting for admins. */
export function LibraryPage() {
  const t = useT();
  const [text, setText] = useState("");
  const [q, setQ] = useState("");
  const [f, setF] = useState<Filters>({});
  const [page, setPage] = useState(1);
  useEffect(() => {
    const h = setTimeout(() => {
      setQ(text);
      setPage(1);
    }, 300);
    return () => clearTimeout(h);
  }, [text]);
  const set = (patch: Filters) => {
    setF({ ...f, ...patch });
    setPage(1);
  };
  const r = useQuery({
    queryKey: ["library", q, f, page],
    queryFn: () => api(browse, { query: { q: q || undefined, ...f, page } }),
    placeholderData: keepPreviousData,
  });
  const pages = r.data ? Math.max(1, Math.ceil(r.data.total / r.data.pageSize)) : 1;
  const all = { id: ALL, label: t("ui.common.all") };
  return (
    <>
      <PageTitle
        actions={
          <Link className="btn btn-secondary" to="/library/imports">
            {t("ui.library.imports.title")}
          </Link>
        }
      >
        {t("ui.library.title")}
      </PageTitle>
      <p className="lead">{t("ui.library.lead")}</p>
      <PublishSetting />
      {/* biome-ignore lint/a11y/useSemanticElements: the <search> element is not in React's DOM types yet; the role says the same */}
      <div className="filters" role="search" aria-label={t("ui.library.filters")}>
        <Field name="q" type="search" label={t("ui.library.search")} value={text} onChange={setText} />
        <SelectField
          label={t("ui.library.language")}
          value={f.language ?? ALL}
          options={[all, ...(r.data?.languages ?? []).map((l) => ({ id: l, label: t(`ui.courses.languages.${l}`) }))]}
          onChange={(v) => set({ language: v === ALL ? undefined : v })}
        />
        <SelectField
          label={t("ui.library.level")}
          value={f.level ?? ALL}
          options={[all, ...LEVELS.map((l) => ({ id: l, label: t(`ui.library.levels.${l}`) }))]}
          onChange={(v) => set({ level: v === ALL ? undefined : (v as Filters["level"]) })}
        />
        <SelectField
          label={t("ui.library.licence")}
          value={f.licence ?? ALL}
          options={[all, ...LICENCES.map((l) => ({ id: l, label: t(`ui.library.licences.${l}`) }))]}
          onChange={(v) => set({ licence: v === ALL ? undefined : (v as Filters["licence"]) })}
        />
        <SelectField
          label={t("ui.library.subject")}
          value={f.subject ?? ALL}
          options={[all, ...(r.data?.subjects ?? []).map((s) => ({ id: s, label: s }))]}
          onChange={(v) => set({ subject: v === ALL ? undefined : v })}
        />
      </div>
      {r.isPending ? (
        <Loading />
      ) : r.isError ? (
        <QueryError error={r.error} />
      ) : (
        <>
          <p className="result-count" role="status">
            {t("ui.library.count", { count: r.data.total })}
          </p>
          {r.data.items.length === 0 ? (
            <EmptyState title={t("ui.library.empty")}>
              <p>{t("ui.library.emptyHelp")}</p>
            </EmptyState>
          ) : (
            <ul className="cards">
              {r.data.items.map((e) => (
                <li key={e.id} className="card library-card">
                  <h2>
                    <Link to="/library/entries/$entryId" params={{ entryId: e.id }}>
                      {e.title}
                    </Link>
                  </h2>
                  <p className="muted small">{t("ui.library.byPublisher", { publisher: e.publisher, n: e.latestVersion })}</p>
                  <EntryMeta e={e} />
                  {e.description && <p>{e.description}</p>}
                  <p className="muted small">{t("ui.library.usage", { imports: e.imports, platforms: e.platforms })}</p>
                </li>
              ))}
            </ul>
          )}
          {pages > 1 && (
            <nav className="pager" aria-label={t("ui.pager.label")}>
              <Button className="btn btn-secondary" isDisabled={page <= 1} onPress={() => setPage(page - 1)}>
                {t("ui.pager.previous")}
              </Button>
              <span className="pager-status">{t("ui.pager.status", { page, pages })}</span>
              <Button className="btn btn-secondary" isDisabled={page >= pages} onPress={() => setPage(page + 1)}>
                {t("ui.pager.next")}
              </Button>
            </nav>
          )}
        </>
      )}
    </>
  );
}

/** Platform admins decide whether course editors may publish. */
function PublishSetting() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const s = useQuery({ queryKey: ["library", "settings"], queryFn: () => api(settings) });
  const m = useMutation({
    mutationFn: (v: boolean) => api(updateSettings, { body: { teachersMayPublish: v } }),
    onSuccess: (d) => {
      qc.setQueryData(["library", "settings"], d);
      announce(t("ui.library.settingSaved"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  if (!s.data?.canChange) return null;
  return (
    <section className="card section" aria-labelledby="library-setting">
      <h2 id="library-setting">{t("ui.library.settingTitle")}</h2>
      <Checkbox className="checkbox" isSelected={s.data.teachersMayPublish} onChange={(v) => m.mutate(v)} isDisabled={m.isPending}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.library.teachersMayPublish")}
      </Checkbox>
    </section>
  );
}
