import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../../web/api.ts";
import { CsvImportPage, useCsvTemplate } from "../../../web/csv-import.tsx";
import { useT } from "../../../web/i18n.tsx";
import { SelectField, useAnnounce } from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { checkTimetableImport, runTimetableImport } from "../shared/contract.ts";
import { attendanceKey } from "./keys.ts";
import "./attendance.css";

type Format = "csv" | "ics";
const HEADERS = ["classe", "matière", "enseignant", "salle", "jour", "début", "fin", "semaine", "du", "au"];
const ACCEPT: Record<Format, string[]> = { csv: [".csv", "text/csv", "text/plain"], ics: [".ics", "text/calendar"] };

/** Admins import a timetable from a CSV (a school's classes) or an iCalendar file (one class): check first, then import. */
export function TimetableImportPage() {
  const t = useT();
  const announce = useAnnounce();
  const qc = useQueryClient();
  const [format, setFormat] = useState<Format>("csv");
  const template = useCsvTemplate(HEADERS);
  return (
    <CsvImportPage
      messages="ui.attendance.import"
      orgs={useManagedOrgOptions()}
      target={{ label: t(format === "csv" ? "ui.attendance.import.targetCsv" : "ui.attendance.import.targetIcs") }}
      scope={format}
      accept={ACCEPT[format]}
      fields={
        <>
          <SelectField
            label={t("ui.attendance.import.format")}
            options={[
              { id: "csv", label: t("ui.attendance.import.csv") },
              { id: "ics", label: t("ui.attendance.import.ics") },
            ]}
            value={format}
            onChange={(v) => setFormat(v as Format)}
            isRequired
          />
          {format === "csv" ? (
            <p>
              {t("ui.attendance.import.formatCsv", { headers: HEADERS.join(";") })}{" "}
              <a href={template} download="archipel-timetable.csv">
                {t("ui.attendance.import.template")}
              </a>
            </p>
          ) : (
            <p>{t("ui.attendance.import.formatIcs")}</p>
          )}
        </>
      }
      check={(form) => api(checkTimetableImport, { params: { format } }, { form })}
      run={(form) => api(runTimetableImport, { params: { format } }, { form })}
      onRun={(r) => {
        qc.invalidateQueries({ queryKey: [...attendanceKey] });
        announce(t("ui.attendance.import.done", { count: r.created }));
      }}
      summary={(r) => <p>{t(format === "csv" ? "ui.attendance.import.rows" : "ui.attendance.import.events", { count: r.rows })}</p>}
      readyCount={(r) => r.lessons}
      lineLabel={t(format === "csv" ? "ui.attendance.import.line" : "ui.attendance.import.event")}
      result={(r) => (
        <div className="alert alert-ok" role="status">
          {t("ui.attendance.import.done", { count: r.created })}
        </div>
      )}
    />
  );
}
