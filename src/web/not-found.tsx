import { Link } from "@tanstack/react-router";
import { useT } from "./i18n.tsx";
import { PageTitle } from "./ui.tsx";

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
