import { Link } from "@tanstack/react-router";
import { useT } from "./i18n.tsx";
import { PageTitle, useErrorText } from "./ui.tsx";

export function NotFound() {
  const t = useT();
  return (
    <main id="main" className="main narrow">
      <PageTitle>{t("ui.notFound.title")}</PageTitle>
      <p>{t("ui.notFound.body")}</p>
      <p>
        <Link to="/">{t("ui.notFound.home")}</Link>
      </p>
    </main>
  );
}

/** A page that could not load (server unreachable...): what happened and a way to try again. */
export function RouteError({ error }: { error: unknown }) {
  const t = useT();
  const text = useErrorText();
  return (
    <main id="main" className="main narrow">
      <PageTitle>{t("ui.routeError.title")}</PageTitle>
      <div className="alert alert-error" role="alert">
        {text(error)}
      </div>
      <p>
        <button type="button" className="btn btn-primary" onClick={() => window.location.reload()}>
          {t("ui.routeError.retry")}
        </button>
      </p>
    </main>
  );
}
