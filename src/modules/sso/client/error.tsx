import { Link, useSearch } from "@tanstack/react-router";
import { useT } from "../../../web/i18n.tsx";
import { PageTitle } from "../../../web/ui.tsx";
import { FAILURE_CODES } from "../shared/contract.ts";
import "./sso.css";

/** Why a single sign-on failed, in the person's language, and what to do next. */
export function SsoErrorPage() {
  const t = useT();
  const { code } = useSearch({ strict: false }) as { code?: string };
  const known = (FAILURE_CODES as readonly string[]).includes(code ?? "") ? code : "response_invalid";
  return (
    <>
      <PageTitle>{t("ui.sso.error.title")}</PageTitle>
      <div className="alert alert-error" role="alert">
        {t(`errors.sso.failure.${known}`)}
      </div>
      <p className="muted sso-logged">{t("ui.sso.error.logged")}</p>
      <p className="center">
        <Link to="/sign-in" className="btn btn-primary">
          {t("ui.sso.error.back")}
        </Link>
      </p>
    </>
  );
}
