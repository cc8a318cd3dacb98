import { FormattedDate } from "react-intl";
import { useT } from "../../../web/i18n.tsx";
import type { HistoryEntry } from "../shared/contract.ts";
import { useNumber } from "./parts.tsx";

/** The audit trail of grades: who changed what, when, from which score to which, and why. */
export function HistoryTable({ entries, labelOf, caption }: { entries: HistoryEntry[]; labelOf: (e: HistoryEntry) => string; caption: string }) {
  const t = useT();
  const num = useNumber();
  if (entries.length === 0) return <p className="muted">{t("ui.gradebook.history.empty")}</p>;
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a table that scrolls sideways must be reachable by keyboard
    <section className="table-wrap" tabIndex={0} aria-label={caption}>
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t("ui.gradebook.history.when")}</th>
            <th scope="col">{t("ui.gradebook.history.what")}</th>
            <th scope="col">{t("ui.gradebook.history.change")}</th>
            <th scope="col">{t("ui.gradebook.history.who")}</th>
            <th scope="col">{t("ui.gradebook.history.reason")}</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((e) => (
            <tr key={e.id}>
              <td className="gb-nowrap">
                <FormattedDate value={e.at} dateStyle="short" timeStyle="short" />
              </td>
              <td>
                {labelOf(e)} <span className="badge badge-neutral">{t(`ui.gradebook.history.kinds.${e.kind}`)}</span>
              </td>
              <td>
                {e.oldScore === null ? "–" : num(e.oldScore)} <span aria-hidden="true">→</span>
                <span className="visually-hidden"> {t("ui.gradebook.history.to")} </span> {e.newScore === null ? "–" : num(e.newScore)}
              </td>
              <td>{e.actor?.name ?? "—"}</td>
              <td>{e.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
