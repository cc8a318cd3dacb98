import { useIntl } from "react-intl";
import { useT } from "../../../web/i18n.tsx";
import type { EntryCard, Version } from "../shared/contract.ts";
import "./library.css";

/** Licence, level, language and subjects of an entry, as badges. */
export function EntryMeta({ e }: { e: EntryCard }) {
  const t = useT();
  return (
    <ul className="tags library-meta" aria-label={t("ui.library.about")}>
      <li className="badge badge-neutral">{t(`ui.library.licences.${e.licence}`)}</li>
      <li className="badge badge-neutral">{t(`ui.library.levels.${e.level}`)}</li>
      <li className="badge badge-neutral">{t(`ui.courses.languages.${e.language}`)}</li>
      {e.subjects.map((s) => (
        <li key={s} className="badge badge-ok">
          {s}
        </li>
      ))}
    </ul>
  );
}

export function useDay() {
  const intl = useIntl();
  return (iso: string) => intl.formatDate(iso, { day: "numeric", month: "long", year: "numeric" });
}

/** Versions with their change notes, newest first. */
export function VersionList({ versions }: { versions: Version[] }) {
  const t = useT();
  const day = useDay();
  return (
    <ol className="list library-versions" reversed>
      {versions.map((v) => (
        <li key={v.number} className="list-item">
          <p>
            <strong>{t("ui.library.version", { n: v.number })}</strong>{" "}
            <span className="muted small">{t("ui.library.publishedBy", { name: v.publishedBy, date: day(v.publishedAt) })}</span>
          </p>
          <p className="library-notes">{v.changeNotes || t("ui.library.noNotes")}</p>
          <p className="muted small">{t("ui.library.size", { sections: v.sections, items: v.items })}</p>
        </li>
      ))}
    </ol>
  );
}
