import { Button } from "react-aria-components";
import { useT } from "../../../web/i18n.tsx";

/** Previous / next pages, with "page x of y" read in the live region of the buttons' group. */
export function Pager({ page, pageSize, total, onChange }: { page: number; pageSize: number; total: number; onChange: (p: number) => void }) {
  const t = useT();
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  return (
    <nav className="pager" aria-label={t("ui.pager.label")}>
      <Button className="btn btn-secondary" isDisabled={page <= 1} onPress={() => onChange(page - 1)}>
        <span aria-hidden="true">← </span>
        {t("ui.pager.previous")}
      </Button>
      <span className="pager-status" aria-live="polite">
        {t("ui.pager.status", { page, pages })}
      </span>
      <Button className="btn btn-secondary" isDisabled={page >= pages} onPress={() => onChange(page + 1)}>
        {t("ui.pager.next")}
        <span aria-hidden="true"> →</span>
      </Button>
    </nav>
  );
}
