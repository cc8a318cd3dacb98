import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useState } from "react";
import { Checkbox, CheckboxGroup, Label } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useLocale, useT } from "../../../web/i18n.tsx";
import { MutationForm } from "../../../web/mutation-form.tsx";
import {
  Confirm,
  EmptyState,
  Field,
  Loading,
  ModalButton,
  orNull,
  PageTitle,
  QueryError,
  SelectField,
  useAnnounce,
  useProfileOptions,
} from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { addNodeService, listNodeServices, type NodeService, portalUsage, SIGN_ON, setNodeService, updateNodeService } from "../shared/contract.ts";
import { ServiceIcon } from "./service-icon.tsx";
import "./portal.css";

type Profile = NodeService["profiles"][number];
const key = (orgId: string) => ["portal", "node", orgId] as const;

/**
 * The portal's services as an admin of a node decides them: the network catalogue and the services
 * added at or above the node, each enabled or hidden below the node for some profiles (or left to
 * the node above); services of the node's own; usage figures for the platform's admins.
 */
export function ServicesAdminPage() {
  const t = useT();
  const options = useManagedOrgOptions();
  const [orgId, setOrgId] = useState<string | null>(null);
  const chosen = orgId ?? options[0]?.id ?? null;
  return (
    <>
      <PageTitle>{t("ui.portal.admin.title")}</PageTitle>
      <p className="lead">{t("ui.portal.admin.intro")}</p>
      {options.length === 0 ? (
        <EmptyState title={t("ui.portal.admin.noNode")} />
      ) : (
        <>
          <SelectField label={t("ui.portal.admin.node")} options={options} value={chosen} onChange={setOrgId} />
          {chosen && <NodeServices orgId={chosen} />}
        </>
      )}
    </>
  );
}

function NodeServices({ orgId }: { orgId: string }) {
  const t = useT();
  const q = useQuery({ queryKey: key(orgId), queryFn: () => api(listNodeServices, { params: { orgId } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <section className="section" aria-labelledby="services-h">
        <div className="service-row">
          <h2 id="services-h">{t("ui.portal.admin.servicesAt", { node: q.data.org.name })}</h2>
          <AddService orgId={orgId} node={q.data.org.name} />
        </div>
        {q.data.items.length === 0 ? (
          <EmptyState title={t("ui.portal.admin.empty")} />
        ) : (
          <ul className="service-list">
            {q.data.items.map((s) => (
              <ServiceItem key={s.serviceId ?? s.catalogId} orgId={orgId} s={s} isRoot={q.data.org.isRoot} />
            ))}
          </ul>
        )}
      </section>
      {q.data.org.isRoot && <Usage />}
    </>
  );
}

function stateText(t: ReturnType<typeof useT>, s: NodeService) {
  if (s.state === "off") return t("ui.portal.admin.off");
  const where = s.setAt?.here ? t("ui.portal.admin.setHere") : t("ui.portal.admin.inherited", { node: s.setAt?.name ?? "" });
  if (s.state === "hidden") return `${t("ui.portal.admin.hidden")} · ${where}`;
  return `${t("ui.portal.admin.enabledFor", { profiles: s.profiles.map((p) => t(`ui.profiles.${p}`)).join(", ") })} · ${where}`;
}

function ServiceItem({ orgId, s, isRoot }: { orgId: string; s: NodeService; isRoot: boolean }) {
  const t = useT();
  const qc = useQueryClient();
  const archive = useMutation({
    mutationFn: () => api(updateNodeService, { params: { id: s.serviceId! }, body: { archived: true } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: ["portal"] }),
  });
  const canSignOn = s.serviceId && s.signOn !== "none" && (s.own || (s.catalogId && isRoot));
  return (
    <li className="card">
      <div className="service-row">
        <span className="service-title">
          <ServiceIcon name={s.name} iconUrl={s.iconUrl} />
          <span>
            <h3>{s.name}</h3>
            <span className="small muted">
              {s.catalogId ? t("ui.portal.admin.fromCatalog") : t("ui.portal.admin.addedBy", { node: s.ownerName ?? "" })} · {t(`ui.portal.signOn.${s.signOn}`)}
            </span>
          </span>
        </span>
        <span className={`badge ${s.state === "enabled" ? "badge-ok" : "badge-neutral"}`}>{t(`ui.portal.admin.state.${s.state}`)}</span>
      </div>
      {s.description && <p>{s.description}</p>}
      <p className="small">{stateText(t, s)}</p>
      <div className="service-actions">
        <ModalButton
          label={t("ui.portal.admin.change")}
          ariaLabel={t("ui.portal.admin.changeLabel", { name: s.name })}
          title={t("ui.portal.admin.changeTitle", { name: s.name })}
          variant="secondary"
        >
          {(close) => <SettingForm orgId={orgId} s={s} close={close} />}
        </ModalButton>
        {canSignOn && (
          <Link
            className="btn btn-quiet"
            to="/admin/services/$id/sign-on"
            params={{ id: s.serviceId! }}
            aria-label={t("ui.portal.admin.signOnLabel", { name: s.name })}
          >
            {t("ui.portal.admin.signOn")}
          </Link>
        )}
        {s.own && (
          <ModalButton
            label={t("ui.portal.admin.archive")}
            ariaLabel={t("ui.portal.admin.archiveLabel", { name: s.name })}
            title={t("ui.portal.admin.archiveTitle", { name: s.name })}
            variant="quiet"
          >
            {(close) => (
              <Confirm
                message={t("ui.portal.admin.archiveConfirm", { name: s.name })}
                action={t("ui.portal.admin.archive")}
                danger
                pending={archive.isPending}
                onConfirm={() => archive.mutate(undefined, { onSuccess: close })}
                close={close}
              />
            )}
          </ModalButton>
        )}
      </div>
    </li>
  );
}

function ProfileChecks({ value, onChange, label }: { value: Profile[]; onChange: (v: Profile[]) => void; label: string }) {
  const profiles = useProfileOptions();
  return (
    <CheckboxGroup className="field" value={value} onChange={(v) => onChange(v as Profile[])} name="profiles">
      <Label>{label}</Label>
      <div className="checks">
        {profiles.map((p) => (
          <Checkbox key={p.id} value={p.id} className="checkbox">
            <span className="checkbox-box" aria-hidden="true" />
            {p.label}
          </Checkbox>
        ))}
      </div>
    </CheckboxGroup>
  );
}

function SettingForm({ orgId, s, close }: { orgId: string; s: NodeService; close: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [state, setState] = useState<"enabled" | "hidden" | "inherit">(s.setAt?.here ? (s.state === "hidden" ? "hidden" : "enabled") : "enabled");
  const [profiles, setProfiles] = useState<Profile[]>(s.profiles.length ? s.profiles : ["learner", "teacher"]);
  const m = useMutation({
    mutationFn: () =>
      api(setNodeService, { params: { orgId }, body: { ...(s.serviceId ? { serviceId: s.serviceId } : { catalogId: s.catalogId! }), state, profiles } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["portal"] });
      announce(t("ui.portal.admin.saved", { name: s.name }));
      close();
    },
  });
  const states = [
    { id: "enabled", label: t("ui.portal.admin.stateChoice.enabled") },
    { id: "hidden", label: t("ui.portal.admin.stateChoice.hidden") },
    ...(s.setAt?.here ? [{ id: "inherit", label: t("ui.portal.admin.stateChoice.inherit") }] : []),
  ];
  return (
    <MutationForm
      submitLabel={t("ui.common.save")}
      submitDisabled={state === "enabled" && profiles.length === 0}
      onSubmit={() => m.mutateAsync()}
      onCancel={close}
    >
      {() => (
        <>
          <SelectField label={t("ui.portal.admin.stateLabel")} options={states} value={state} onChange={(v) => setState(v as typeof state)} />
          {state === "enabled" && <ProfileChecks value={profiles} onChange={setProfiles} label={t("ui.portal.admin.profiles")} />}
        </>
      )}
    </MutationForm>
  );
}

/** A service of the node's own (name, address, sign-on, who sees it); `onSubmit` resolves once the server has it. */
export function ServiceForm({
  onSubmit,
  submit,
  withProfiles,
}: {
  onSubmit: (v: {
    name: string;
    description: string;
    url: string;
    iconUrl: string | null;
    signOn: (typeof SIGN_ON)[number];
    profiles: Profile[];
  }) => Promise<unknown>;
  submit: string;
  withProfiles?: boolean;
}) {
  const t = useT();
  const [signOn, setSignOn] = useState<(typeof SIGN_ON)[number]>("oidc");
  const [profiles, setProfiles] = useState<Profile[]>(["learner", "teacher"]);
  return (
    <MutationForm
      submitLabel={submit}
      onSubmit={(form) => {
        const v = (k: string) => String(form.get(k) ?? "");
        return onSubmit({ name: v("name"), description: v("description"), url: v("url"), iconUrl: orNull(v("iconUrl")), signOn, profiles });
      }}
    >
      {() => (
        <>
          <Field name="name" label={t("ui.portal.form.name")} isRequired />
          <Field name="description" label={t("ui.portal.form.description")} />
          <Field name="url" type="url" label={t("ui.portal.form.url")} description={t("ui.portal.form.urlHelp")} isRequired />
          <Field name="iconUrl" type="url" label={t("ui.portal.form.iconUrl")} />
          <SelectField
            label={t("ui.portal.form.signOn")}
            options={SIGN_ON.map((s) => ({ id: s, label: t(`ui.portal.signOn.${s}`) }))}
            value={signOn}
            onChange={(v) => setSignOn(v as typeof signOn)}
          />
          {withProfiles && <ProfileChecks value={profiles} onChange={setProfiles} label={t("ui.portal.admin.profiles")} />}
        </>
      )}
    </MutationForm>
  );
}

function AddService({ orgId, node }: { orgId: string; node: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const m = useMutation({
    mutationFn: (body: Parameters<Parameters<typeof ServiceForm>[0]["onSubmit"]>[0]) => api(addNodeService, { params: { orgId }, body }),
    onSuccess: (s) => {
      qc.invalidateQueries({ queryKey: ["portal"] });
      announce(t("ui.portal.admin.added", { name: s.name }));
      setOpen(false);
    },
  });
  return (
    <ModalButton label={t("ui.portal.admin.add")} title={t("ui.portal.admin.addTitle", { node })} isOpen={open} onOpenChange={setOpen}>
      {() => <ServiceForm onSubmit={(v) => m.mutateAsync(v)} submit={t("ui.portal.admin.add")} withProfiles />}
    </ModalButton>
  );
}

function Usage() {
  const t = useT();
  const { locale } = useLocale();
  const q = useQuery({ queryKey: ["portal", "usage"], queryFn: () => api(portalUsage, { query: { days: 30 } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const names = new Map(q.data.services.map((s) => [s.id, s.name]));
  const day = (d: string) => new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(new Date(`${d}T00:00:00Z`));
  return (
    <section className="section" aria-labelledby="usage-h">
      <h2 id="usage-h">{t("ui.portal.usage.title")}</h2>
      <p className="small muted">{t("ui.portal.usage.intro", { from: day(q.data.from) })}</p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">{t("ui.portal.usage.title")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("ui.portal.usage.service")}</th>
              <th scope="col">{t("ui.portal.usage.launches")}</th>
              <th scope="col">{t("ui.portal.usage.people")}</th>
            </tr>
          </thead>
          <tbody>
            {q.data.services.map((s) => (
              <tr key={s.id}>
                <th scope="row">{s.name}</th>
                <td>{s.launches}</td>
                <td>{s.people}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {q.data.days.length > 0 && (
        <div className="table-wrap usage-day">
          <table className="table">
            <caption className="visually-hidden">{t("ui.portal.usage.byDay")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ui.portal.usage.day")}</th>
                <th scope="col">{t("ui.portal.usage.service")}</th>
                <th scope="col">{t("ui.portal.usage.launches")}</th>
                <th scope="col">{t("ui.portal.usage.people")}</th>
              </tr>
            </thead>
            <tbody>
              {q.data.days.map((d) => (
                <tr key={`${d.day}-${d.serviceId}`}>
                  <td>{day(d.day)}</td>
                  <th scope="row">{names.get(d.serviceId) ?? "—"}</th>
                  <td>{d.launches}</td>
                  <td>{d.people}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
