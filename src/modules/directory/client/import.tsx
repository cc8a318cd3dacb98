import { useQueryClient } from "@tanstack/react-query";
import { Link } from "@tanstack/react-router";
import { Cell, Column, Row, Table, TableBody, TableHeader } from "react-aria-components";
import { FormattedNumber } from "react-intl";
import { api } from "../../../web/api.ts";
import { CsvImportPage, useCsvTemplate } from "../../../web/csv-import.tsx";
import { useT } from "../../../web/i18n.tsx";
import { useAnnounce } from "../../../web/ui.tsx";
import { PROFILES } from "../../accounts/shared/contract.ts";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { checkUserImport, getUserImport, type ImportReport, startUserImport } from "../shared/contract.ts";

const TEMPLATE_HEADERS = ["username", "email", "given_name", "family_name", "profile", "class", "password"];

/** Admin: import people and classes from a CSV file — check first, then import with progress. */
export function ImportPage() {
  const t = useT();
  const announce = useAnnounce();
  const template = useCsvTemplate(TEMPLATE_HEADERS);
  const qc = useQueryClient();
  return (
    <CsvImportPage
      messages="ui.import"
      orgs={useManagedOrgOptions()}
      target={{ label: t("ui.import.target"), description: t("ui.import.targetHelp") }}
      fields={
        <p>
          {t("ui.import.format", { headers: TEMPLATE_HEADERS.join(";") })}{" "}
          <a href={template} download="archipel-import-template.csv">
            {t("ui.import.template")}
          </a>
        </p>
      }
      check={(form) => api(checkUserImport, undefined, { form })}
      run={(form) => api(startUserImport, undefined, { form })}
      onRun={() => announce(t("ui.import.started"))}
      follow={{
        read: (s) => api(getUserImport, { params: { id: s.id } }),
        onOver: (s) => {
          if (s.status === "done") for (const k of ["users", "home", "orgs"]) qc.invalidateQueries({ queryKey: [k] });
          if (s.status === "done") announce(t("ui.import.doneAnnounce", { users: s.createdUsers, classes: s.createdClasses }));
          if (s.status === "failed") announce(t("ui.import.failed"), "error");
        },
      }}
      summary={(r) => <Summary report={r} />}
      details={(r) => <Details report={r} />}
      runLabel={(r) => t("ui.import.start", { count: r.rows })}
      result={(s) => (
        <>
          {s.status === "done" && (
            <div className="alert alert-ok">
              <p>{t("ui.import.done", { users: s.createdUsers, classes: s.createdClasses })}</p>
              <p>
                <Link to="/admin/people">{t("ui.import.seePeople")}</Link>
              </p>
            </div>
          )}
          {s.status === "failed" && (
            <div className="alert alert-error" role="alert">
              {t("ui.import.failed")} {s.error}
            </div>
          )}
        </>
      )}
    />
  );
}

/** The counts of a checked file, and how it was read. */
function Summary({ report }: { report: ImportReport }) {
  const t = useT();
  return (
    <>
      <ul className="stats stats-small">
        <li className="stat">
          <span className="stat-value">
            <FormattedNumber value={report.rows} />
          </span>
          <span className="stat-label">{t("ui.import.rows")}</span>
        </li>
        <li className={`stat ${report.errors.length ? "stat-error" : ""}`}>
          <span className="stat-value">
            <FormattedNumber value={report.errors.length} />
          </span>
          <span className="stat-label">{t("ui.import.errors")}</span>
        </li>
        <li className="stat">
          <span className="stat-value">
            <FormattedNumber value={report.newClasses.length} />
          </span>
          <span className="stat-label">{t("ui.import.newClasses")}</span>
        </li>
      </ul>
      <p className="muted small">{t("ui.import.fileInfo", { name: report.fileName, encoding: report.encoding, delimiter: report.delimiter })}</p>
    </>
  );
}

/** The classes the import will create, and the first people it will create. */
function Details({ report }: { report: ImportReport }) {
  const t = useT();
  const profileLabel = (p: string) => (PROFILES.includes(p as (typeof PROFILES)[number]) ? t(`ui.profiles.${p}`) : p);
  return (
    <>
      {report.newClasses.length > 0 && (
        <>
          <h3>{t("ui.import.newClasses")}</h3>
          <ul className="tags">
            {report.newClasses.map((c) => (
              <li key={c} className="badge badge-neutral">
                {c}
              </li>
            ))}
          </ul>
        </>
      )}
      {report.preview.length > 0 && (
        <>
          <h3>{t("ui.import.preview")}</h3>
          <div className="table-wrap">
            <Table aria-label={t("ui.import.preview")} className="table">
              <TableHeader>
                <Column className="hide-sm">{t("ui.import.line")}</Column>
                <Column isRowHeader>{t("ui.people.name")}</Column>
                <Column>{t("ui.people.username")}</Column>
                <Column className="hide-sm">{t("ui.people.profile")}</Column>
                <Column className="hide-sm">{t("ui.import.class")}</Column>
              </TableHeader>
              <TableBody items={report.preview.map((p) => ({ ...p, id: p.line }))}>
                {(p) => (
                  <Row>
                    <Cell className="hide-sm">{p.line}</Cell>
                    <Cell>
                      {p.familyName} {p.givenName}
                    </Cell>
                    <Cell>{p.username}</Cell>
                    <Cell className="hide-sm">{profileLabel(p.profile)}</Cell>
                    <Cell className="hide-sm">{p.className ?? "—"}</Cell>
                  </Row>
                )}
              </TableBody>
            </Table>
          </div>
        </>
      )}
    </>
  );
}
