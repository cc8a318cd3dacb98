import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "@tanstack/react-router";
import { useState } from "react";
import { Button, Form } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { isLocale, LOCALES, languageName, useLocale, useT } from "../../../web/i18n.tsx";
import { Field, FormAlert, formValues, PageTitle, SelectField, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { setup } from "../shared/contract.ts";

const slugify = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);

/** First run: the person who installed the server creates the first platform and its admin. */
export function SetupPage() {
  const t = useT();
  const { locale } = useLocale();
  const { error, onError, setError } = useFormErrors();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugTouched, setSlugTouched] = useState(false);
  const [password, setPassword] = useState("");
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(setup, {
        body: {
          setupCode: v.setupCode,
          platformName: v.platformName,
          slug: v.slug,
          defaultLocale: isLocale(v.defaultLocale) ? v.defaultLocale : "fr",
          admin: { givenName: v["admin.givenName"], familyName: v["admin.familyName"], username: v["admin.username"], email: v["admin.email"], password: v["admin.password"] },
        },
      }),
    onError,
    onSuccess: async () => {
      announce(t("ui.setup.done"));
      await qc.invalidateQueries({ queryKey: ["platform"] });
      navigate({ to: "/sign-in" });
    },
  });
  return (
    <>
      <PageTitle>{t("ui.setup.title")}</PageTitle>
      <p className="lead">{t("ui.setup.intro")}</p>
      <Form validationBehavior="aria" validationErrors={error?.fields} onSubmit={(e) => {
          const v = formValues(e);
          if (v.confirm !== v["admin.password"]) return setError({ message: t("ui.account.mismatch"), fields: { confirm: t("ui.account.mismatch") } });
          m.mutate(v);
        }} className="form">
        <FormAlert error={error} />
        <Field name="setupCode" label={t("ui.setup.code")} description={t("ui.setup.codeHelp")} isRequired autoComplete="off" />
        <fieldset className="fieldset">
          <legend>{t("ui.setup.platform")}</legend>
          <Field
            name="platformName"
            label={t("ui.setup.platformName")}
            isRequired
            value={name}
            onChange={(v) => {
              setName(v);
              if (!slugTouched) setSlug(slugify(v));
            }}
          />
          <Field
            name="slug"
            label={t("ui.setup.slug")}
            description={t("ui.setup.slugHelp")}
            isRequired
            value={slug}
            onChange={(v) => {
              setSlugTouched(true);
              setSlug(v);
            }}
          />
          <SelectField name="defaultLocale" label={t("ui.setup.defaultLocale")} defaultValue={locale} options={LOCALES.map((l) => ({ id: l, label: languageName(l) }))} isRequired />
        </fieldset>
        <fieldset className="fieldset">
          <legend>{t("ui.setup.admin")}</legend>
          <div className="row">
            <Field name="admin.givenName" label={t("ui.people.givenName")} isRequired autoComplete="given-name" />
            <Field name="admin.familyName" label={t("ui.people.familyName")} isRequired autoComplete="family-name" />
          </div>
          <Field name="admin.username" label={t("ui.people.username")} description={t("ui.people.usernameHelp")} isRequired autoComplete="username" />
          <Field name="admin.email" type="email" label={t("ui.people.email")} isRequired autoComplete="email" />
          <Field name="admin.password" type="password" label={t("ui.account.newPassword")} description={t("ui.account.passwordHelp")} isRequired autoComplete="new-password" value={password} onChange={setPassword} />
          <Field name="confirm" type="password" label={t("ui.account.confirmPassword")} isRequired autoComplete="new-password" validate={(v) => (v && v !== password ? t("ui.account.mismatch") : null)} />
        </fieldset>
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.setup.submit")}
          </Button>
        </div>
      </Form>
    </>
  );
}
