import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { Button, Checkbox, Form, Label, Radio, RadioGroup, Text } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, Loading, PageTitle, QueryError, useAnnounce, useFormErrors } from "../../../web/ui.tsx";
import { DELIVERIES, getPreferences, type Preferences, updatePreferences } from "../shared/contract.ts";

/** How forum activity reaches me (at once, as a daily or weekly digest, or not), by mail and/or in the app; announcements by mail. */
export function PreferencesPage() {
  const t = useT();
  const q = useQuery({ queryKey: ["notifications", "preferences"], queryFn: () => api(getPreferences) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/notifications">
          <span aria-hidden="true">← </span>
          {t("ui.notifications.title")}
        </Link>
      </p>
      <PageTitle>{t("ui.notifications.prefs.title")}</PageTitle>
      <PreferencesForm initial={q.data} />
    </>
  );
}

function PreferencesForm({ initial }: { initial: Preferences }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [p, setP] = useState(initial);
  useEffect(() => setP(initial), [initial]);
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: () => api(updatePreferences, { body: p }),
    onMutate: clear,
    onError,
    onSuccess: (saved) => {
      qc.setQueryData(["notifications", "preferences"], saved);
      announce(t("ui.notifications.prefs.saved"));
    },
  });
  return (
    <Form
      className="form card section"
      onSubmit={(e) => {
        e.preventDefault();
        m.mutate();
      }}
    >
      <FormAlert error={error} />
      <RadioGroup className="choice-group prefs-delivery" value={p.delivery} onChange={(v) => setP({ ...p, delivery: v as Preferences["delivery"] })}>
        <Label>{t("ui.notifications.prefs.delivery")}</Label>
        <Text slot="description" className="field-help">
          {t("ui.notifications.prefs.deliveryHelp")}
        </Text>
        <div className="choices choices-stack">
          {DELIVERIES.map((d) => (
            <Radio key={d} value={d} className="pref-radio">
              <span className="pref-radio-dot" aria-hidden="true" />
              {t(`ui.notifications.prefs.${d}`)}
            </Radio>
          ))}
        </div>
      </RadioGroup>
      <fieldset className="prefs-channels" disabled={p.delivery === "none"}>
        <legend>{t("ui.notifications.prefs.channels")}</legend>
        <Checkbox
          className="checkbox"
          isSelected={p.inApp}
          onChange={(v) => setP({ ...p, inApp: v })}
          isDisabled={p.delivery === "none" || p.delivery !== "immediate"}
        >
          <span className="checkbox-box" aria-hidden="true" />
          {t("ui.notifications.prefs.inApp")}
        </Checkbox>
        <Checkbox className="checkbox" isSelected={p.byEmail} onChange={(v) => setP({ ...p, byEmail: v })} isDisabled={p.delivery === "none"}>
          <span className="checkbox-box" aria-hidden="true" />
          {t("ui.notifications.prefs.byEmail")}
        </Checkbox>
        {p.delivery !== "immediate" && p.delivery !== "none" && <p className="field-help">{t("ui.notifications.prefs.digestHelp")}</p>}
      </fieldset>
      <Checkbox className="checkbox" isSelected={!p.mailingOptOut} onChange={(v) => setP({ ...p, mailingOptOut: !v })}>
        <span className="checkbox-box" aria-hidden="true" />
        {t("ui.notifications.prefs.announcements")}
      </Checkbox>
      <p className="field-help">{t("ui.notifications.prefs.messagesHelp")}</p>
      <div className="form-actions">
        <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
          {t("ui.notifications.prefs.save")}
        </Button>
      </div>
    </Form>
  );
}
