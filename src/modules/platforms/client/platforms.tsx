import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Cell, Column, Form, Row, Table, TableBody, TableHeader } from "react-aria-components";
import type { z } from "zod";
import { api } from "../../../web/api.ts";
import { isLocale, LOCALES, languageName, useLocale, useT } from "../../../web/i18n.tsx";
import { Field, FormAlert, formValues, Loading, ModalButton, orNull, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { ColorField } from "../../orgs/client/color-field.tsx";
import { createPlatform, listPlatforms, type NetworkTotals, type PlatformRow, updatePlatform } from "../shared/contract.ts";
import "./platforms.css";

type Platform = z.infer<typeof PlatformRow>;
type Network = z.infer<typeof NetworkTotals>;
/** The select's value when the platform heads its own network. */
const NO_PARENT = "none";
/** The platforms another may sit under: those heading a network (one level), never itself. */
const parentOptions = (platforms: Platform[], t: ReturnType<typeof useT>, self?: string) => [
  { id: NO_PARENT, label: t("ui.platforms.noParent") },
  ...platforms.filter((p) => !p.parentId && p.id !== self).map((p) => ({ id: p.id, label: p.name })),
];
/** A size in the largest unit that keeps it above 1 (kB, MB, GB…), in the reader's language. */
const formatBytes = (bytes: number, locale: string) => {
  const units = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte"] as const;
  const i = bytes > 0 ? Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1000))) : 0;
  return new Intl.NumberFormat(locale, { style: "unit", unit: units[i], unitDisplay: "short", maximumFractionDigits: 1 }).format(bytes / 1000 ** i);
};
const hostList = (s: string | undefined) =>
  (s ?? "")
    .split(/[\s,;]+/)
    .map((h) => h.trim())
    .filter(Boolean);

/** Deployment operator: every platform, each network's head followed by its platforms, with addresses, usage and status; then each network's totals. */
export function PlatformsPage() {
  const t = useT();
  const { locale } = useLocale();
  const q = useQuery({ queryKey: ["platforms"], queryFn: () => api(listPlatforms) });
  const all = q.data?.items ?? [];
  const nameOf = (id: string) => all.find((p) => p.id === id)?.name ?? "";
  return (
    <>
      <PageTitle actions={<CreatePlatform platforms={all} />}>{t("ui.platforms.title")}</PageTitle>
      <p className="lead">{t("ui.platforms.intro")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
        <>
          <div className="table-wrap">
            <Table aria-label={t("ui.platforms.title")} className="table">
              <TableHeader>
                <Column isRowHeader>{t("ui.platforms.name")}</Column>
                <Column className="hide-sm">{t("ui.platforms.addresses")}</Column>
                <Column className="hide-sm">{t("ui.platforms.usage")}</Column>
                <Column>{t("ui.platforms.status")}</Column>
                <Column>{t("ui.common.actions")}</Column>
              </TableHeader>
              <TableBody items={q.data.items}>
                {(p) => (
                  <Row id={p.id} className={p.parentId ? "platform-member" : undefined}>
                    <Cell>
                      <span className="swatch" style={{ background: p.primaryColor ?? "var(--primary)" }} aria-hidden="true" />
                      <strong>{p.name}</strong>
                      {p.parentId ? (
                        <div className="muted small">{t("ui.platforms.memberOf", { network: nameOf(p.parentId) })}</div>
                      ) : all.some((c) => c.parentId === p.id) ? (
                        <div className="muted small">{t("ui.platforms.headsNetwork")}</div>
                      ) : null}
                      <div className="muted small">{languageName(isLocale(p.defaultLocale) ? p.defaultLocale : "fr")}</div>
                      <div className="show-sm small">{t("ui.platforms.usageLine", { users: p.users, active: p.activePeople })}</div>
                      <div className="show-sm small">
                        <a href={`/p/${p.slug}/`}>{`/p/${p.slug}/`}</a>
                      </div>
                    </Cell>
                    <Cell className="hide-sm">
                      <ul className="plain">
                        <li>
                          <a href={`/p/${p.slug}/`}>{`/p/${p.slug}/`}</a>
                        </li>
                        {p.hostnames.map((h) => (
                          <li key={h} className="muted">
                            {h}
                          </li>
                        ))}
                      </ul>
                    </Cell>
                    <Cell className="hide-sm">
                      <div>{t("ui.platforms.usageLine", { users: p.users, active: p.activePeople })}</div>
                      <div className="muted small">{t("ui.platforms.coursesLine", { courses: p.courses, storage: formatBytes(p.storageBytes, locale) })}</div>
                    </Cell>
                    <Cell>
                      <span className={`badge ${p.status === "active" ? "badge-ok" : "badge-warn"}`}>{t(`ui.platforms.statuses.${p.status}`)}</span>
                    </Cell>
                    <Cell>
                      <EditPlatform platform={p} platforms={all} />
                    </Cell>
                  </Row>
                )}
              </TableBody>
            </Table>
          </div>
          <NetworksTable networks={q.data.networks} nameOf={nameOf} />
        </>
      )}
    </>
  );
}

/** Each network's usage added up: the head platform and those under it. */
function NetworksTable({ networks, nameOf }: { networks: Network[]; nameOf: (id: string) => string }) {
  const t = useT();
  const { locale } = useLocale();
  return (
    <section className="platform-networks" aria-labelledby="networks-title">
      <h2 id="networks-title">{t("ui.platforms.networks")}</h2>
      <p className="muted">{t("ui.platforms.networksIntro")}</p>
      <div className="table-wrap">
        <Table aria-label={t("ui.platforms.networks")} className="table">
          <TableHeader>
            <Column isRowHeader>{t("ui.platforms.network")}</Column>
            <Column>{t("ui.platforms.platformCount")}</Column>
            <Column>{t("ui.platforms.usage")}</Column>
          </TableHeader>
          <TableBody items={networks}>
            {(n) => (
              <Row id={n.id}>
                <Cell>
                  <strong>{nameOf(n.id)}</strong>
                </Cell>
                <Cell>{n.platforms}</Cell>
                <Cell>
                  <div>{t("ui.platforms.usageLine", { users: n.users, active: n.activePeople })}</div>
                  <div className="muted small">{t("ui.platforms.coursesLine", { courses: n.courses, storage: formatBytes(n.storageBytes, locale) })}</div>
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </div>
    </section>
  );
}

function CreatePlatform({ platforms }: { platforms: Platform[] }) {
  const t = useT();
  const { locale } = useLocale();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, setError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(createPlatform, {
        body: {
          name: v.name,
          slug: v.slug,
          hostnames: hostList(v.hostnames),
          defaultLocale: isLocale(v.defaultLocale) ? v.defaultLocale : "fr",
          parentId: v.parentId && v.parentId !== NO_PARENT ? v.parentId : null,
          primaryColor: orNull(v.primaryColor),
          logoUrl: orNull(v.logoUrl),
          admin: { givenName: v["admin.givenName"], familyName: v["admin.familyName"], username: v["admin.username"], email: v["admin.email"], password: v["admin.password"] },
        },
      }),
    onError,
  });
  return (
    <ModalButton label={t("ui.platforms.create")} title={t("ui.platforms.create")} onOpenChange={clear}>
      {(close) => (
        <Form
          validationBehavior="aria"
          validationErrors={error?.fields}
          className="form"
          onSubmit={(e) => {
            const v = formValues(e);
            if (v.confirm !== v["admin.password"]) return setError({ message: t("ui.account.mismatch"), fields: { confirm: t("ui.account.mismatch") } });
            m.mutate(v, {
              onSuccess: (p) => {
                qc.invalidateQueries({ queryKey: ["platforms"] });
                announce(t("ui.platforms.created", { name: p.name }));
                close();
              },
            });
          }}
        >
          <FormAlert error={error} />
          <Field name="name" label={t("ui.platforms.name")} isRequired />
          <Field name="slug" label={t("ui.setup.slug")} description={t("ui.setup.slugHelp")} isRequired />
          <Field name="hostnames" label={t("ui.platforms.hostnames")} description={t("ui.platforms.hostnamesHelp")} />
          <SelectField name="parentId" label={t("ui.platforms.parent")} description={t("ui.platforms.parentHelp")} defaultValue={NO_PARENT} options={parentOptions(platforms, t)} />
          <SelectField
            name="defaultLocale"
            label={t("ui.setup.defaultLocale")}
            description={t("ui.platforms.languagesHelp")}
            defaultValue={locale}
            options={LOCALES.map((l) => ({ id: l, label: languageName(l) }))}
            isRequired
          />
          <fieldset className="fieldset">
            <legend>{t("ui.platforms.branding")}</legend>
            <ColorField name="primaryColor" label={t("ui.orgs.color")} initial={null} error={error?.fields.primaryColor} />
            <Field name="logoUrl" type="url" label={t("ui.orgs.logo")} description={t("ui.platforms.logoHelp")} />
          </fieldset>
          <fieldset className="fieldset">
            <legend>{t("ui.setup.admin")}</legend>
            <div className="row">
              <Field name="admin.givenName" label={t("ui.people.givenName")} isRequired />
              <Field name="admin.familyName" label={t("ui.people.familyName")} isRequired />
            </div>
            <Field name="admin.username" label={t("ui.people.username")} isRequired />
            <Field name="admin.email" type="email" label={t("ui.people.email")} isRequired />
            <Field name="admin.password" type="password" label={t("ui.account.newPassword")} description={t("ui.account.passwordHelp")} isRequired autoComplete="new-password" />
            <Field name="confirm" type="password" label={t("ui.account.confirmPassword")} isRequired autoComplete="new-password" />
          </fieldset>
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
              {t("ui.platforms.create")}
            </Button>
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

function EditPlatform({ platform, platforms }: { platform: Platform; platforms: Platform[] }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  // a platform with platforms under it heads its network: it cannot be put under another
  const heads = platforms.some((p) => p.parentId === platform.id);
  const m = useMutation({
    mutationFn: (body: { hostnames?: string[]; defaultLocale?: (typeof LOCALES)[number]; parentId?: string | null; status?: "active" | "suspended" }) =>
      api(updatePlatform, { params: { id: platform.id }, body }),
    onError,
  });
  return (
    <ModalButton
      label={t("ui.common.edit")}
      ariaLabel={t("ui.platforms.editTitle", { name: platform.name })}
      title={t("ui.platforms.editTitle", { name: platform.name })}
      variant="secondary"
      onOpenChange={clear}
    >
      {(close) => (
        <Form
          validationBehavior="aria"
          validationErrors={error?.fields}
          className="form"
          onSubmit={(e) => {
            const v = formValues(e);
            m.mutate(
              {
                hostnames: hostList(v.hostnames),
                defaultLocale: isLocale(v.defaultLocale) ? v.defaultLocale : undefined,
                ...(!heads && { parentId: v.parentId && v.parentId !== NO_PARENT ? v.parentId : null }),
                status: v.status === "suspended" ? "suspended" : "active",
              },
              {
                onSuccess: () => {
                  qc.invalidateQueries({ queryKey: ["platforms"] });
                  announce(t("ui.common.saved"));
                  close();
                },
              },
            );
          }}
        >
          <FormAlert error={error} />
          <Field name="hostnames" label={t("ui.platforms.hostnames")} description={t("ui.platforms.hostnamesHelp")} defaultValue={platform.hostnames.join(", ")} />
          <SelectField
            name="parentId"
            label={t("ui.platforms.parent")}
            description={heads ? t("ui.platforms.headsHelp") : t("ui.platforms.parentHelp")}
            defaultValue={platform.parentId ?? NO_PARENT}
            options={parentOptions(platforms, t, platform.id)}
            isDisabled={heads}
          />
          <SelectField name="defaultLocale" label={t("ui.setup.defaultLocale")} defaultValue={platform.defaultLocale} options={LOCALES.map((l) => ({ id: l, label: languageName(l) }))} />
          <SelectField
            name="status"
            label={t("ui.platforms.status")}
            defaultValue={platform.status}
            options={(["active", "suspended"] as const).map((s) => ({ id: s, label: t(`ui.platforms.statuses.${s}`) }))}
          />
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
              {t("ui.common.save")}
            </Button>
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}
