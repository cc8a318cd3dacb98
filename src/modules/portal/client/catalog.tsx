import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Loading, ModalButton, PageTitle, QueryError, useAnnounce } from "../../../web/ui.tsx";
import { createCatalogEntry, listCatalog, networkUsage, updateCatalogEntry } from "../shared/contract.ts";
import { ServiceIcon } from "./service-icon.tsx";
import { ServiceForm } from "./services.tsx";
import "./portal.css";

/** The network catalogue, the deployment operator's: services every platform may offer, and their launches per platform. */
export function CatalogPage() {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const q = useQuery({ queryKey: ["portal", "catalog"], queryFn: () => api(listCatalog) });
  const usage = useQuery({ queryKey: ["portal", "catalog", "usage"], queryFn: () => api(networkUsage, { query: { days: 30 } }) });
  const create = useMutation({
    mutationFn: (v: Parameters<Parameters<typeof ServiceForm>[0]["onSubmit"]>[0]) =>
      api(createCatalogEntry, { body: { name: v.name, description: v.description, url: v.url, iconUrl: v.iconUrl, signOn: v.signOn } }),
    onSuccess: (e) => {
      setOpen(false);
      qc.invalidateQueries({ queryKey: ["portal"] });
      announce(t("ui.portal.admin.added", { name: e.name }));
    },
  });
  const archive = useMutation({
    mutationFn: (v: { id: string; archived: boolean }) => api(updateCatalogEntry, { params: { id: v.id }, body: { archived: v.archived } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["portal"] }),
  });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const launches = (id: string) => (usage.data?.items ?? []).filter((u) => u.catalogId === id);
  return (
    <>
      <PageTitle
        actions={
          <ModalButton label={t("ui.portal.catalog.add")} title={t("ui.portal.catalog.add")} isOpen={open} onOpenChange={setOpen}>
            {() => <ServiceForm onSubmit={(v) => create.mutateAsync(v)} submit={t("ui.portal.catalog.add")} />}
          </ModalButton>
        }
      >
        {t("ui.portal.catalog.title")}
      </PageTitle>
      <p className="lead">{t("ui.portal.catalog.intro")}</p>
      {q.data.items.length === 0 ? (
        <EmptyState title={t("ui.portal.catalog.empty")} />
      ) : (
        <ul className="service-list">
          {q.data.items.map((c) => (
            <li key={c.id} className={`card ${c.archived ? "muted" : ""}`}>
              <div className="service-row">
                <span className="service-title">
                  <ServiceIcon name={c.name} iconUrl={c.iconUrl} />
                  <span>
                    <h2>{c.name}</h2>
                    <span className="small muted">
                      {t(`ui.portal.signOn.${c.signOn}`)} · {t("ui.portal.catalog.platforms", { n: c.platforms })}
                    </span>
                  </span>
                </span>
                <Button
                  className="btn btn-quiet"
                  onPress={() => archive.mutate({ id: c.id, archived: !c.archived })}
                  aria-label={t(c.archived ? "ui.portal.catalog.restoreLabel" : "ui.portal.catalog.archiveLabel", { name: c.name })}
                >
                  {t(c.archived ? "ui.portal.catalog.restore" : "ui.portal.admin.archive")}
                </Button>
              </div>
              {c.description && <p>{c.description}</p>}
              <p className="small">
                <code>{c.url}</code>
              </p>
              {launches(c.id).length > 0 && (
                <p className="small">
                  {launches(c.id)
                    .map((u) => t("ui.portal.catalog.launchesOn", { platform: u.platform, n: u.launches }))
                    .join(" · ")}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
