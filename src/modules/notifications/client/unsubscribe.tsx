import { useMutation } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { Button } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { FormAlert, useErrorText } from "../../../web/ui.tsx";
import { oneClickUnsubscribe } from "../shared/contract.ts";

/** The page a mail's unsubscribe link opens, signed in or not: one button (a link preview never unsubscribes anyone). */
export function UnsubscribePage() {
  const t = useT();
  const errorText = useErrorText();
  const { token } = useParams({ strict: false }) as { token: string };
  const m = useMutation({ mutationFn: () => api(oneClickUnsubscribe, { params: { token } }) });
  return (
    <div className="unsubscribe">
      <h1 tabIndex={-1} className="page-title">
        {t("ui.notifications.unsubscribe.title")}
      </h1>
      {m.isSuccess ? (
        <div className="alert alert-ok" role="status">
          <p>{t(m.data.scope === "mailing" ? "ui.notifications.unsubscribe.doneMailing" : "ui.notifications.unsubscribe.done")}</p>
          <p>
            <Link to="/notifications/preferences">{t("ui.notifications.unsubscribe.prefs")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p>{t("ui.notifications.unsubscribe.lead")}</p>
          <FormAlert error={m.isError ? errorText(m.error) : null} />
          <Button className="btn btn-primary btn-block" onPress={() => m.mutate()} isPending={m.isPending}>
            {t("ui.notifications.unsubscribe.confirm")}
          </Button>
        </>
      )}
    </div>
  );
}
