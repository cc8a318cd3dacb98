import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Button, Cell, Column, Form, Row, Table, TableBody, TableHeader } from "react-aria-components";
import type { z } from "zod";
import { api } from "../../../web/api.ts";
import { isLocale, LOCALES, languageName, useLocale, useT } from "../../../web/i18n.tsx";
import { Field, FormAlert, formValues, Loading, ModalButton, orNull, PageTitle, QueryError, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { ColorField } from "../../orgs/client/color-field.tsx";
import { createPlatform, listPlatforms, type PlatformRow, updatePlatform } from "../shared/contract.ts";

type Platform = z.infer<typeof PlatformRow>;
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

/** Deployment operator: every platform, with its addresses, size and status. */
export function PlatformsPage() {
  const t = useT();
  const { locale } = useLocale();
  const q = useQuery({ queryKey: ["platforms"], queryFn: () => api(listPlatforms) });
  return (
    <>
      <PageTitle actions={<CreatePlatform />}>{t("ui.platforms.title")}</PageTitle>
      <p className="lead">{t("ui.platforms.intro")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : (
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
                <Row id={p.id}>
                  <Cell>
                    <span className="swatch" style={{ background: p.primaryColor ?? "var(--primary)" }} aria-hidden="true" />
                    <strong>{p.name}</strong>
                    <div className="muted small">{languageName(isLocale(p.defaultLocale) ? p.defaultLocale : "fr")}</div>
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
                    <EditPlatform platform={p} />
                  </Cell>
                </Row>
              )}
            </TableBody>
          </Table>
        </div>
      )}
    </>
  );
}

function CreatePlatform() {
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
          primaryColor: orNull(v.primaryColor),
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
          <SelectField name="defaultLocale" label={t("ui.setup.defaultLocale")} defaultValue={locale} options={LOCALES.map((l) => ({ id: l, label: languageName(l) }))} isRequired />
          <ColorField name="primaryColor" label={t("ui.orgs.color")} initial={null} error={error?.fields.primaryColor} />
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

function EditPlatform({ platform }: { platform: Platform }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (body: { hostnames?: string[]; defaultLocale?: (typeof LOCALES)[number]; status?: "active" | "suspended" }) => api(updatePlatform, { params: { id: platform.id }, body }),
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
              { hostnames: hostList(v.hostnames), defaultLocale: isLocale(v.defaultLocale) ? v.defaultLocale : undefined, status: v.status === "suspended" ? "suspended" : "active" },
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
