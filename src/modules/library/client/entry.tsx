import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useNavigate, useParams } from "@tanstack/react-router";
import { useId, useState } from "react";
import { Button, Form, Label, Radio, RadioGroup, Text } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import {
  Confirm,
  Field,
  FormAlert,
  formValues,
  Loading,
  ModalButton,
  PageTitle,
  QueryError,
  SelectField,
  useAnnounce,
  useFormErrors,
} from "../../../web/ui.tsx";
import { type Entry, getEntry, importEntry, withdraw } from "../shared/contract.ts";
import { EntryMeta, VersionList } from "./parts.tsx";

/** One entry: description, versions and their notes, the outline of a version, and importing it. */
export function EntryPage() {
  const t = useT();
  const { entryId } = useParams({ strict: false }) as { entryId: string };
  const [version, setVersion] = useState<number | undefined>();
  const q = useQuery({ queryKey: ["library", "entry", entryId, version], queryFn: () => api(getEntry, { params: { id: entryId }, query: { version } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const e = q.data;
  return (
    <>
      <nav className="breadcrumb" aria-label={t("ui.library.breadcrumb")}>
        <Link to="/library">{t("ui.library.title")}</Link>
      </nav>
      <PageTitle actions={e.mine && e.usage && <WithdrawButton e={e} />}>{e.title}</PageTitle>
      <p className="muted">{t("ui.library.byPublisher", { publisher: e.publisher, n: e.latestVersion })}</p>
      <EntryMeta e={e} />
      {e.description && <p className="lead">{e.description}</p>}
      <div className="split">
        <div>
          <section className="section" aria-labelledby="outline-title">
            <h2 id="outline-title">{t("ui.library.outline", { n: e.preview.version })}</h2>
            {e.versions.length > 1 && (
              <SelectField
                label={t("ui.library.previewVersion")}
                value={String(e.preview.version)}
                options={e.versions.map((v) => ({ id: String(v.number), label: t("ui.library.version", { n: v.number }) }))}
                onChange={(v) => setVersion(Number(v))}
              />
            )}
            <Outline e={e} />
          </section>
          <section className="section" aria-labelledby="versions-title">
            <h2 id="versions-title">{t("ui.library.versions")}</h2>
            <VersionList versions={e.versions} />
          </section>
        </div>
        <div className="split-side">
          {e.canImport && <ImportForm e={e} />}
          <section className="card section" aria-labelledby="usage-title">
            <h2 id="usage-title">{t("ui.library.usageTitle")}</h2>
            <p>{t("ui.library.usage", { imports: e.imports, platforms: e.platforms })}</p>
            {e.usage && e.usage.length > 0 && (
              <div className="table-wrap">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">{t("ui.library.platform")}</th>
                      <th scope="col">{t("ui.library.importsCount")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {e.usage.map((u) => (
                      <tr key={u.platform}>
                        <td>{u.platform}</td>
                        <td>{u.imports}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </div>
      </div>
    </>
  );
}

export function Outline({ e }: { e: Pick<Entry, "preview"> }) {
  const t = useT();
  const containsId = useId();
  return (
    <>
      {e.preview.counts.length > 0 && (
        <div className="library-contains">
          <p id={containsId} className="library-contains-label">
            {t("ui.library.contains")}
          </p>
          <ul className="tags library-counts" aria-labelledby={containsId}>
            {e.preview.counts.map((c) => (
              <li key={c.kind} className="badge badge-neutral">
                {t(`ui.library.kindCounts.${c.kind}`, { count: c.count })}
              </li>
            ))}
          </ul>
          <p className="muted small">{t("ui.library.carriedNote")}</p>
        </div>
      )}
      <ol className="library-outline">
        {e.preview.sections.map((s, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list read once, never reordered; titles may repeat
          <li key={`${i}-${s.title}`}>
            <strong>{s.title}</strong>
            {s.items.length > 0 && (
              <ul>
                {s.items.map((it, j) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list read once, never reordered; titles may repeat
                  <li key={`${j}-${it.title}`}>
                    <span className="badge badge-neutral library-kind">{t(`ui.courses.kinds.${it.kind}`)}</span>
                    {it.title}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {e.preview.notCarried.length > 0 && (
        <div className="alert">
          <p>{t("ui.library.notCarried", { count: e.preview.notCarried.length })}</p>
          <ul>
            {e.preview.notCarried.map((n, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: a fixed list read once, never reordered; titles may repeat
              <li key={`${i}-${n.title}`}>{t("ui.library.notCarriedItem", { kind: t(`ui.courses.kinds.${n.kind}`), title: n.title })}</li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}

function ImportForm({ e }: { e: Entry }) {
  const t = useT();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const errors = useFormErrors();
  const [mode, setMode] = useState<"linked" | "copy">("linked");
  const m = useMutation({
    mutationFn: (v: { title: string; version: number }) =>
      api(importEntry, { params: { id: e.id }, body: { linked: mode === "linked", version: v.version, title: v.title || undefined } }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: ["library"] });
      navigate({ to: "/courses/$id", params: { id: r.courseId } });
    },
    onError: errors.onError,
  });
  return (
    <section className="card section library-import" aria-labelledby="import-title">
      <h2 id="import-title">{t("ui.library.import.title")}</h2>
      <Form
        className="form"
        validationErrors={errors.error?.fields}
        onSubmit={(ev) => {
          const v = formValues(ev);
          m.mutate({ title: v.title ?? "", version: Number(v.version ?? e.preview.version) });
        }}
      >
        <FormAlert error={errors.error} />
        <RadioGroup className="field radio-group" value={mode} onChange={(v) => setMode(v as "linked" | "copy")}>
          <Label>{t("ui.library.import.mode")}</Label>
          {(["linked", "copy"] as const).map((k) => (
            <Radio key={k} value={k} className="radio">
              <span>
                {t(`ui.library.import.${k}`)}
                <Text slot="description" className="field-help">
                  {t(`ui.library.import.${k}Help`)}
                </Text>
              </span>
            </Radio>
          ))}
        </RadioGroup>
        <SelectField
          name="version"
          label={t("ui.library.import.version")}
          defaultValue={String(e.latestVersion)}
          options={e.versions.map((v) => ({ id: String(v.number), label: t("ui.library.version", { n: v.number }) }))}
        />
        <Field name="title" label={t("ui.library.import.courseTitle")} defaultValue={e.title} />
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.library.import.submit")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function WithdrawButton({ e }: { e: Entry }) {
  const t = useT();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const m = useMutation({
    mutationFn: () => api(withdraw, { params: { id: e.id } }),
    onSuccess: () => {
      announce(t("ui.library.withdrawn"));
      navigate({ to: "/library" });
    },
  });
  return (
    <ModalButton label={t("ui.library.withdraw")} title={t("ui.library.withdraw")} variant="secondary" isOpen={open} onOpenChange={setOpen}>
      {(close) => (
        <Confirm
          message={t("ui.library.withdrawConfirm")}
          action={t("ui.library.withdraw")}
          danger
          pending={m.isPending}
          onConfirm={() => m.mutate()}
          close={close}
        />
      )}
    </ModalButton>
  );
}
