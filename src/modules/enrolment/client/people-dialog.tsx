import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { type ReactNode, useState } from "react";
import { Checkbox, CheckboxGroup } from "react-aria-components";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { Field } from "../../../web/ui.tsx";

type Person = { id: string; familyName: string; givenName: string; username: string; enrolled?: boolean };

/** A dialog to find people by name and enrol those ticked (in a course, in a programme); those already in cannot be ticked. */
export function PeopleDialog({
  title,
  search,
  help,
  searchHelp,
  nobody,
  children,
  onSubmit,
}: {
  /** the button's label and the dialog's title */
  title: string;
  /** the people a search finds */
  search: (q: string) => { queryKey: readonly unknown[]; queryFn: () => Promise<{ items: Person[] }> };
  /** said above the search */
  help?: string;
  /** said below the search field (whom it looks among) */
  searchHelp?: string;
  /** said in place of the list when the search finds nobody */
  nobody?: string;
  /** fields below the list (a role) */
  children?: ReactNode;
  onSubmit: (userIds: string[]) => Promise<unknown>;
}) {
  const t = useT();
  const [q, setQ] = useState("");
  const [picked, setPicked] = useState<string[]>([]);
  const found = useQuery({ ...search(q), placeholderData: keepPreviousData });
  return (
    <FormDialog
      variant="primary"
      label={title}
      title={title}
      onOpenChange={() => setPicked([])}
      submitLabel={t("ui.enrolment.addCount", { count: picked.length })}
      submitDisabled={picked.length === 0}
      cancel
      onSubmit={() => onSubmit(picked)}
    >
      {() => (
        <>
          {help && <p className="muted">{help}</p>}
          <Field name="q" type="search" label={t("ui.enrolment.searchPeople")} description={searchHelp} value={q} onChange={setQ} autoFocus />
          {nobody && found.data?.items.length === 0 ? (
            <p className="muted">{nobody}</p>
          ) : (
            <CheckboxGroup value={picked} onChange={setPicked} className="field candidate-list" aria-label={t("ui.enrolment.people")}>
              {found.data?.items.map((c) => (
                <Checkbox key={c.id} value={c.id} className="checkbox" isDisabled={c.enrolled}>
                  <span className="checkbox-box" aria-hidden="true" />
                  {c.familyName} {c.givenName} <span className="muted small">({c.username})</span>
                  {c.enrolled && <span className="badge badge-neutral">{t("ui.enrolment.alreadyIn")}</span>}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
          {children}
        </>
      )}
    </FormDialog>
  );
}
