import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { api } from "../../../web/api.ts";
import { CsvImportPage, useCsvTemplate } from "../../../web/csv-import.tsx";
import { useT } from "../../../web/i18n.tsx";
import { SelectField, useAnnounce } from "../../../web/ui.tsx";
import { useManagedOrgOptions } from "../../orgs/client/queries.ts";
import { checkSchoolImport, runSchoolImport } from "../shared/contract.ts";
import { schoolKey } from "./classes.tsx";
import "./school.css";

type Kind = "teachings" | "guardians";
const HEADERS: Record<Kind, string[]> = { teachings: ["classe", "matière", "libellé", "couleur", "enseignant"], guardians: ["responsable", "élève"] };

/** Admin: import classes, subjects and teachers, or parent–child links, from CSV — check first, then import. */
export function SchoolImportPage() {
  const t = useT();
  const announce = useAnnounce();
  const qc = useQueryClient();
  const [kind, setKind] = useState<Kind>("teachings");
  const template = useCsvTemplate(HEADERS[kind]);
  return (
    <CsvImportPage
      messages="ui.school.import"
      orgs={useManagedOrgOptions()}
      target={{ label: t("ui.school.import.target"), description: t("ui.school.import.targetHelp") }}
      scope={kind}
      fields={
        <>
          <SelectField
            label={t("ui.school.import.kind")}
            options={[
              { id: "teachings", label: t("ui.school.import.kindTeachings") },
              { id: "guardians", label: t("ui.school.import.kindGuardians") },
            ]}
            value={kind}
            onChange={(v) => setKind(v as Kind)}
            isRequired
          />
          <p>
            {t(kind === "teachings" ? "ui.school.import.formatTeachings" : "ui.school.import.formatGuardians", { headers: HEADERS[kind].join(";") })}{" "}
            <a href={template} download={`archipel-${kind}.csv`}>
              {t("ui.school.import.template")}
            </a>
          </p>
        </>
      }
      check={(form) => api(checkSchoolImport, { params: { kind } }, { form })}
      run={(form) => api(runSchoolImport, { params: { kind } }, { form })}
      onRun={(r) => {
        qc.invalidateQueries({ queryKey: [...schoolKey] });
        announce(t("ui.school.import.done", { count: r.created }));
      }}
      summary={(r) => <p>{t("ui.school.import.rows", { count: r.rows })}</p>}
      details={(r) => (
        <>
          {r.newClasses.length > 0 && (
            <p>
              {t("ui.school.import.newClasses")} {r.newClasses.join(", ")}
            </p>
          )}
          {r.newSubjects.length > 0 && (
            <p>
              {t("ui.school.import.newSubjects")} {r.newSubjects.join(", ")}
            </p>
          )}
        </>
      )}
      result={(r) => (
        <div className="alert alert-ok" role="status">
          {t("ui.school.import.done", { count: r.created })}
        </div>
      )}
    />
  );
}
