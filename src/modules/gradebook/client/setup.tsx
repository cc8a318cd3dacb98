import "./gradebook.css";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useParams } from "@tanstack/react-router";
import { useState } from "react";
import { Button, FieldError, Input, Label, NumberField, Switch, Text, TextArea, TextField } from "react-aria-components";
import { ApiError, api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { MutationForm } from "../../../web/mutation-form.tsx";
import { Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
import {
  type Category,
  createCategory,
  createCourseScale,
  createItem,
  createPlatformScale,
  deleteCategory,
  type GradeItem,
  getGradebook,
  getPlatformSettings,
  getSettings,
  updateCategory,
  updateItem,
  updatePlatformSettings,
  updateSettings,
} from "../shared/contract.ts";
import { Breadcrumb, gradebookKey, TotalExplained, useNumber } from "./parts.tsx";

function Num({
  name,
  label,
  value,
  onChange,
  min = 0,
  max,
  step = 0.5,
  isRequired,
}: {
  name: string;
  label: string;
  value: number;
  onChange: (n: number) => void;
  min?: number;
  max?: number;
  step?: number;
  isRequired?: boolean;
}) {
  return (
    <NumberField name={name} className="field" minValue={min} maxValue={max} step={step} value={value} onChange={onChange} isRequired={isRequired}>
      <Label>{label}</Label>
      <Input />
      <FieldError className="field-error" />
    </NumberField>
  );
}

/** A one-line text field of these forms: required, focused when the dialog opens. */
function TextLine({ name, label, value, onChange, maxLength }: { name: string; label: string; value: string; onChange: (v: string) => void; maxLength: number }) {
  return (
    <TextField name={name} className="field" value={value} onChange={onChange} isRequired autoFocus maxLength={maxLength}>
      <Label>{label}</Label>
      <Input />
      <FieldError className="field-error" />
    </TextField>
  );
}

/** Add or change a column graded by hand. */
export function ItemForm({ courseId, categories, item, onDone }: { courseId: string; categories: Category[]; item?: GradeItem; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [title, setTitle] = useState(item?.title ?? "");
  const [max, setMax] = useState(item?.maxScore ?? 20);
  const [pass, setPass] = useState(item?.passScore ?? Number.NaN);
  const [cat, setCat] = useState(item?.categoryId ?? "none");
  const [released, setReleased] = useState(item?.released ?? false);
  const m = useMutation({
    mutationFn: () => {
      const body = { title, maxScore: max, passScore: Number.isNaN(pass) ? null : pass, categoryId: cat === "none" ? null : cat, released };
      return item
        ? api(updateItem, { params: { id: courseId, itemId: item.id }, body })
        : api(createItem, { params: { id: courseId }, body: { ...body, courseItemId: null } });
    },
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: gradebookKey(courseId) });
      announce(t("ui.gradebook.savedChanges"));
    },
  });
  return (
    <MutationForm submitLabel={t("ui.gradebook.save")} onSubmit={() => m.mutateAsync()} onDone={onDone}>
      {() => (
        <>
          <TextLine name="title" label={t("ui.gradebook.fields.title")} value={title} onChange={setTitle} maxLength={300} />
          <Num name="maxScore" label={t("ui.gradebook.fields.maxScore")} value={max} onChange={setMax} min={0.5} isRequired />
          <Num name="passScore" label={t("ui.gradebook.fields.passScore")} value={pass} onChange={setPass} max={max} />
          <SelectField
            name="categoryId"
            label={t("ui.gradebook.category")}
            value={cat}
            onChange={setCat}
            options={[{ id: "none", label: t("ui.gradebook.uncategorised") }, ...categories.map((c) => ({ id: c.id, label: c.name }))]}
          />
          <Switch className="checkbox" isSelected={released} onChange={setReleased}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.gradebook.releaseSwitch")}
          </Switch>
        </>
      )}
    </MutationForm>
  );
}

function CategoryForm({ courseId, category, onDone }: { courseId: string; category?: Category; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [name, setName] = useState(category?.name ?? "");
  const [weight, setWeight] = useState(category?.weight ?? 1);
  const [drop, setDrop] = useState(category?.dropLowest ?? 0);
  const m = useMutation({
    mutationFn: () => {
      const body = { name, weight, dropLowest: drop };
      return category
        ? api(updateCategory, { params: { id: courseId, categoryId: category.id }, body })
        : api(createCategory, { params: { id: courseId }, body });
    },
    onSuccess: () => qc.invalidateQueries({ queryKey: gradebookKey(courseId) }),
  });
  return (
    <MutationForm submitLabel={t("ui.gradebook.save")} onSubmit={() => m.mutateAsync()} onDone={onDone}>
      {() => (
        <>
          <TextLine name="name" label={t("ui.gradebook.fields.name")} value={name} onChange={setName} maxLength={200} />
          <Num name="weight" label={t("ui.gradebook.fields.weight")} value={weight} onChange={setWeight} max={1000} />
          <Num name="dropLowest" label={t("ui.gradebook.fields.dropLowest")} value={drop} onChange={setDrop} step={1} max={100} />
        </>
      )}
    </MutationForm>
  );
}

/** "A 90" lines to bands; null when a line is not a letter and a minimum. */
function parseBands(lines: string) {
  const bands = lines
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.+?)\s+(\d+(?:[.,]\d+)?)$/.exec(l);
      return m ? { letter: m[1], min: Number(m[2].replace(",", ".")) } : null;
    });
  return bands.some((b) => !b) ? null : (bands as { letter: string; min: number }[]);
}

/** A letter scale for this course: one line per letter, "A 90". */
function ScaleForm({ courseId, platform, onDone }: { courseId: string; platform?: boolean; onDone: () => void }) {
  const t = useT();
  const qc = useQueryClient();
  const [name, setName] = useState("");
  const [lines, setLines] = useState("A 90\nB 80\nC 70\nD 60\nE 50\nF 0");
  const m = useMutation({
    mutationFn: (bands: { letter: string; min: number }[]) =>
      platform ? api(createPlatformScale, { body: { name, bands } }) : api(createCourseScale, { params: { id: courseId }, body: { name, bands } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: gradebookKey(courseId) }),
  });
  return (
    <MutationForm
      submitLabel={t("ui.gradebook.save")}
      onSubmit={() => {
        const bands = parseBands(lines);
        // refused here, shown like the server's refusals
        if (!bands) return Promise.reject(new ApiError(422, "invalid", t("ui.gradebook.scaleLinesInvalid")));
        return m.mutateAsync(bands);
      }}
      onDone={onDone}
    >
      {() => (
        <>
          <TextLine name="name" label={t("ui.gradebook.fields.name")} value={name} onChange={setName} maxLength={100} />
          <TextField name="bands" className="field" value={lines} onChange={setLines} isRequired>
            <Label>{t("ui.gradebook.fields.bands")}</Label>
            <TextArea rows={7} className="gb-csv" />
            <FieldError className="field-error" />
            <Text slot="description" className="field-help">
              {t("ui.gradebook.bandsHelp")}
            </Text>
          </TextField>
        </>
      )}
    </MutationForm>
  );
}

/** Course editors: the scale, categories (weights, drop lowest), columns graded by hand. */
export function SetupPage() {
  const t = useT();
  const num = useNumber();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const { id } = useParams({ strict: false }) as { id: string };
  const g = useQuery({ queryKey: [...gradebookKey(id), "grid", "setup"], queryFn: () => api(getGradebook, { params: { id }, query: { pageSize: 1 } }) });
  const s = useQuery({ queryKey: [...gradebookKey(id), "settings"], queryFn: () => api(getSettings, { params: { id } }) });
  const save = useMutation({
    mutationFn: (body: { scale: string | null; uncategorisedWeight: number }) => api(updateSettings, { params: { id }, body }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: gradebookKey(id) });
      announce(t("ui.gradebook.savedChanges"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const remove = useMutation({
    mutationFn: (categoryId: string) => api(deleteCategory, { params: { id, categoryId } }),
    onSuccess: () => qc.invalidateQueries({ queryKey: gradebookKey(id) }),
    onError: (e) => announce(errorText(e), "error"),
  });
  if (g.isPending || s.isPending) return <Loading />;
  if (g.isError) return <QueryError error={g.error} />;
  if (s.isError) return <QueryError error={s.error} />;
  const d = g.data;
  const settings = s.data;
  const scaleName = (sid: string) => settings.scales.find((x) => x.id === sid)?.name ?? sid;
  return (
    <>
      <Breadcrumb courseId={id} courseTitle={d.course.title} gradebook />
      <PageTitle>{t("ui.gradebook.setup.title")}</PageTitle>
      <section className="card" aria-labelledby="gb-scale">
        <h2 id="gb-scale">{t("ui.gradebook.setup.scale")}</h2>
        <div className="filters">
          <SelectField
            label={t("ui.gradebook.setup.scaleLabel")}
            value={settings.scale ?? "default"}
            onChange={(v) => save.mutate({ scale: v === "default" ? null : v, uncategorisedWeight: settings.uncategorisedWeight })}
            options={[
              { id: "default", label: t("ui.gradebook.setup.platformDefault", { scale: scaleName(settings.platformDefault) }) },
              ...settings.scales.map((x) => ({ id: x.id, label: x.name })),
            ]}
          />
          <Num
            name="uncategorisedWeight"
            label={t("ui.gradebook.fields.uncategorisedWeight")}
            value={settings.uncategorisedWeight}
            onChange={(w) => !Number.isNaN(w) && w !== settings.uncategorisedWeight && save.mutate({ scale: settings.scale, uncategorisedWeight: w })}
            max={1000}
          />
        </div>
        <ModalButton label={t("ui.gradebook.setup.newScale")} title={t("ui.gradebook.setup.newScale")} variant="secondary">
          {(close) => <ScaleForm courseId={id} onDone={close} />}
        </ModalButton>
      </section>
      <section className="card" aria-labelledby="gb-cats">
        <h2 id="gb-cats">{t("ui.gradebook.setup.categories")}</h2>
        {d.categories.length === 0 ? (
          <p className="muted">{t("ui.gradebook.setup.noCategories")}</p>
        ) : (
          <ul className="gb-list">
            {d.categories.map((c) => (
              <li key={c.id}>
                <span>
                  <strong>{c.name}</strong> — {t("ui.gradebook.weightValue", { weight: num(c.weight) })}
                  {c.dropLowest > 0 && <> · {t("ui.gradebook.explain.drop", { count: c.dropLowest })}</>}
                </span>
                <span className="row-actions">
                  <ModalButton label={t("ui.gradebook.edit")} ariaLabel={t("ui.gradebook.editNamed", { name: c.name })} title={c.name} variant="quiet">
                    {(close) => <CategoryForm courseId={id} category={c} onDone={close} />}
                  </ModalButton>
                  <Button className="btn btn-quiet" onPress={() => remove.mutate(c.id)} aria-label={t("ui.gradebook.deleteNamed", { name: c.name })}>
                    {t("ui.gradebook.delete")}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
        <ModalButton label={t("ui.gradebook.setup.newCategory")} title={t("ui.gradebook.setup.newCategory")} variant="secondary">
          {(close) => <CategoryForm courseId={id} onDone={close} />}
        </ModalButton>
      </section>
      <section className="card" aria-labelledby="gb-items">
        <h2 id="gb-items">{t("ui.gradebook.setup.items")}</h2>
        <p className="muted">{t("ui.gradebook.setup.itemsHelp")}</p>
        <ModalButton label={t("ui.gradebook.setup.newItem")} title={t("ui.gradebook.setup.newItem")}>
          {(close) => <ItemForm courseId={id} categories={d.categories} onDone={close} />}
        </ModalButton>
      </section>
      <PlatformScales courseId={id} />
      <TotalExplained categories={d.categories} uncategorisedWeight={d.uncategorisedWeight} scaleName={d.scale.name} />
    </>
  );
}

/** For the platform's admins only (the query is refused to others, and then nothing shows): the default scale of every course. */
function PlatformScales({ courseId }: { courseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const q = useQuery({ queryKey: ["gradebook", "platform"], queryFn: () => api(getPlatformSettings), retry: false });
  const save = useMutation({
    mutationFn: (defaultScale: string) => api(updatePlatformSettings, { body: { defaultScale } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: ["gradebook", "platform"] });
      qc.invalidateQueries({ queryKey: gradebookKey(courseId) });
      announce(t("ui.gradebook.savedChanges"));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  if (!q.data) return null;
  return (
    <section className="card" aria-labelledby="gb-platform">
      <h2 id="gb-platform">{t("ui.gradebook.setup.platform")}</h2>
      <p className="muted">{t("ui.gradebook.setup.platformHelp")}</p>
      <div className="filters">
        <SelectField
          label={t("ui.gradebook.setup.platformScale")}
          value={q.data.defaultScale}
          onChange={(v) => save.mutate(v)}
          options={q.data.scales.map((x) => ({ id: x.id, label: x.name }))}
        />
      </div>
      <ModalButton label={t("ui.gradebook.setup.newPlatformScale")} title={t("ui.gradebook.setup.newPlatformScale")} variant="secondary">
        {(close) => (
          <ScaleForm
            courseId={courseId}
            platform
            onDone={() => {
              qc.invalidateQueries({ queryKey: ["gradebook", "platform"] });
              close();
            }}
          />
        )}
      </ModalButton>
    </section>
  );
}
