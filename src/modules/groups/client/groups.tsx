import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { type FormEvent, useState } from "react";
import {
  Group as AriaGroup,
  Button,
  Cell,
  Checkbox,
  CheckboxGroup,
  Column,
  FieldError,
  FileTrigger,
  Form,
  Input,
  Label,
  NumberField,
  Radio,
  RadioGroup,
  Row,
  Table,
  TableBody,
  TableHeader,
  TextArea,
  TextField,
} from "react-aria-components";
import type { Output } from "../../../kernel/contract.ts";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import {
  Confirm,
  EmptyState,
  Field,
  FormAlert,
  Loading,
  ModalButton,
  PageTitle,
  QueryError,
  SelectField,
  useAnnounce,
  useErrorText,
  useFormErrors,
} from "../../../web/ui.tsx";
import {
  addGroupMembers,
  autoCreateGroups,
  createGroup,
  createGrouping,
  deleteGroup,
  deleteGrouping,
  type Group,
  type Grouping,
  type GroupingInput,
  importGroups,
  joinGroup,
  leaveGroup,
  listGroups,
  type GroupsPage as Page,
  removeGroupMember,
  updateGroup,
  updateGrouping,
} from "../shared/contract.ts";
import "./groups.css";

export const groupsKey = (courseId: string) => ["course-groups", courseId] as const;

const pad = (n: number) => String(n).padStart(2, "0");
const fromLocalInput = (v: string | undefined) => (v ? new Date(v).toISOString() : null);
export const toLocalInput = (iso: string | null | undefined) => {
  if (!iso) return "";
  const d = new Date(iso);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
};

/**
 * Groups of a course. Teachers create groups (by hand, automatically, from a CSV), groupings and
 * their self-selection, and add or remove members; learners see their groups and, where a
 * grouping lets them, choose one.
 */
export function GroupsPage() {
  const t = useT();
  const { id } = useParams({ strict: false }) as { id: string };
  const q = useQuery({ queryKey: groupsKey(id), queryFn: () => api(listGroups, { params: { courseId: id } }) });
  if (q.isPending) return <Loading />;
  if (q.isError) return <QueryError error={q.error} />;
  const d = q.data;
  const byGrouping = (gid: string | null) => d.groups.filter((g) => g.groupingId === gid);
  const loose = byGrouping(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/courses/$id" params={{ id }}>
          <span aria-hidden="true">← </span>
          {d.course.title}
        </Link>
      </p>
      <PageTitle
        actions={
          d.canManage && (
            <div className="row-buttons">
              <NewGroupDialog page={d} />
              <AutoDialog courseId={id} />
              <CsvDialog courseId={id} />
              <NewGroupingDialog courseId={id} />
            </div>
          )
        }
      >
        {t("ui.groups.title")}
      </PageTitle>
      {d.groups.length === 0 && d.groupings.length === 0 ? (
        <EmptyState title={t("ui.groups.empty")}>
          <p>{d.canManage ? t("ui.groups.emptyTeacher") : t("ui.groups.emptyLearner")}</p>
        </EmptyState>
      ) : (
        <>
          {d.groupings.map((gg) => (
            <GroupingSection key={gg.id} page={d} grouping={gg} groups={byGrouping(gg.id)} />
          ))}
          {loose.length > 0 && (
            <section className="section groups-section" aria-labelledby="groups-loose">
              <h2 id="groups-loose">{d.groupings.length ? t("ui.groups.otherGroups") : t("ui.groups.allGroups")}</h2>
              <GroupCards page={d} groups={loose} grouping={null} />
            </section>
          )}
        </>
      )}
    </>
  );
}

function GroupingSection({ page, grouping, groups }: { page: Page; grouping: Grouping; groups: Group[] }) {
  const t = useT();
  const hid = `grouping-${grouping.id}`;
  return (
    <section className="section groups-section" aria-labelledby={hid}>
      <div className="groups-section-head">
        <h2 id={hid}>{grouping.name}</h2>
        {page.canManage && (
          <div className="row-buttons">
            <GroupingDialog courseId={page.course.id} grouping={grouping} />
            <DeleteGroupingButton courseId={page.course.id} grouping={grouping} />
          </div>
        )}
      </div>
      {grouping.selfSelect && (
        <p className="muted">
          {grouping.open ? t("ui.groups.selfSelectOpen") : t("ui.groups.selfSelectClosed")}
          {grouping.maxMembers !== null && <> · {t("ui.groups.maxMembers", { n: grouping.maxMembers })}</>}
          {grouping.closesAt && <> · {t("ui.groups.closesAt", { date: new Date(grouping.closesAt) })}</>}
        </p>
      )}
      {groups.length === 0 ? <p className="muted">{t("ui.groups.noGroupsInGrouping")}</p> : <GroupCards page={page} groups={groups} grouping={grouping} />}
    </section>
  );
}

function GroupCards({ page, groups, grouping }: { page: Page; groups: Group[]; grouping: Grouping | null }) {
  return (
    <ul className="group-cards">
      {groups.map((g) => (
        <GroupCard key={g.id} page={page} g={g} grouping={grouping} />
      ))}
    </ul>
  );
}

function GroupCard({ page, g, grouping }: { page: Page; g: Group; grouping: Grouping | null }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const courseId = page.course.id;
  const refresh = () => qc.invalidateQueries({ queryKey: groupsKey(courseId) });
  const join = useMutation({
    mutationFn: () => api(joinGroup, { params: { courseId, groupId: g.id } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.groups.joined", { name: g.name }));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const leave = useMutation({
    mutationFn: () => api(leaveGroup, { params: { courseId, groupId: g.id } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.groups.left", { name: g.name }));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const remove = useMutation({
    mutationFn: (userId: string) => api(removeGroupMember, { params: { courseId, groupId: g.id, userId } }),
    onSuccess: refresh,
    onError: (e) => announce(errorText(e), "error"),
  });
  const del = useMutation({
    mutationFn: () => api(deleteGroup, { params: { courseId, groupId: g.id } }),
    onSuccess: () => {
      refresh();
      announce(t("ui.groups.deleted", { name: g.name }));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const canChoose = page.isLearner && grouping?.selfSelect && grouping.open;
  const full = grouping?.maxMembers != null && g.size >= grouping.maxMembers;
  const titleId = `group-${g.id}`;
  return (
    <li className={`card group-card${g.mine ? " group-mine" : ""}`} aria-labelledby={titleId}>
      <div className="group-card-head">
        <h3 id={titleId}>{g.name}</h3>
        <span className="badge badge-neutral">
          {grouping?.maxMembers != null ? t("ui.groups.sizeOf", { n: g.size, max: grouping.maxMembers }) : t("ui.groups.size", { n: g.size })}
        </span>
        {g.mine && <span className="badge badge-ok">{t("ui.groups.mine")}</span>}
      </div>
      {g.members.length > 0 && (
        <ul className="group-members" aria-label={t("ui.groups.membersOf", { name: g.name })}>
          {g.members.map((m) => (
            <li key={m.id}>
              <span>{m.name}</span>
              {page.canManage && (
                <Button
                  className="btn btn-quiet btn-small"
                  aria-label={t("ui.groups.removeMember", { name: m.name, group: g.name })}
                  onPress={() => remove.mutate(m.id)}
                >
                  {t("ui.groups.remove")}
                </Button>
              )}
            </li>
          ))}
        </ul>
      )}
      <div className="row-buttons group-card-actions">
        {page.canManage && <AddMembersDialog page={page} g={g} />}
        {page.canManage && <EditGroupDialog page={page} g={g} />}
        {page.canManage && (
          <ModalButton
            variant="quiet"
            label={t("ui.groups.delete")}
            ariaLabel={t("ui.groups.deleteNamed", { name: g.name })}
            title={t("ui.groups.deleteNamed", { name: g.name })}
          >
            {(close) => (
              <Confirm
                message={t("ui.groups.deleteConfirm")}
                action={t("ui.groups.delete")}
                danger
                pending={del.isPending}
                onConfirm={() => del.mutate(undefined, { onSuccess: close })}
                close={close}
              />
            )}
          </ModalButton>
        )}
        {canChoose && !g.mine && (
          <Button
            className="btn btn-primary"
            isDisabled={full}
            isPending={join.isPending}
            onPress={() => join.mutate()}
            aria-label={t("ui.groups.joinNamed", { name: g.name })}
          >
            {full ? t("ui.groups.full") : t("ui.groups.join")}
          </Button>
        )}
        {canChoose && g.mine && (
          <Button
            className="btn btn-secondary"
            isPending={leave.isPending}
            onPress={() => leave.mutate()}
            aria-label={t("ui.groups.leaveNamed", { name: g.name })}
          >
            {t("ui.groups.leave")}
          </Button>
        )}
      </div>
    </li>
  );
}

function AddMembersDialog({ page, g }: { page: Page; g: Group }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, onError, clear } = useFormErrors();
  const inGroup = new Set(g.members.map((m) => m.id));
  const candidates = page.learners.filter((l) => !inGroup.has(l.id));
  const add = useMutation({
    mutationFn: () => api(addGroupMembers, { params: { courseId: page.course.id, groupId: g.id }, body: { userIds: chosen } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: groupsKey(page.course.id) });
      announce(t("ui.groups.added", { n: chosen.length, name: g.name }));
    },
    onError,
  });
  return (
    <ModalButton
      variant="secondary"
      label={t("ui.groups.addMembers")}
      ariaLabel={t("ui.groups.addMembersTo", { name: g.name })}
      title={t("ui.groups.addMembersTo", { name: g.name })}
      onOpenChange={() => {
        setChosen([]);
        clear();
      }}
    >
      {(close) => (
        <div className="form">
          <FormAlert error={error} />
          {candidates.length === 0 ? (
            <p className="muted">{t("ui.groups.noCandidates")}</p>
          ) : (
            <CheckboxGroup className="field group-pick" value={chosen} onChange={setChosen}>
              <Label>{t("ui.groups.learners")}</Label>
              {candidates.map((l) => (
                <Checkbox key={l.id} value={l.id} className="checkbox">
                  <span className="checkbox-box" aria-hidden="true" />
                  {l.name}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
          <div className="form-actions">
            <Button
              className="btn btn-primary"
              isDisabled={chosen.length === 0}
              isPending={add.isPending}
              onPress={() => add.mutate(undefined, { onSuccess: close })}
            >
              {t("ui.groups.addN", { n: chosen.length })}
            </Button>
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </div>
      )}
    </ModalButton>
  );
}

function NewGroupDialog({ page }: { page: Page }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [chosen, setChosen] = useState<string[]>([]);
  const { error, onError, clear } = useFormErrors();
  const create = useMutation({
    mutationFn: (body: { name: string; groupingId: string | null; userIds: string[] }) => api(createGroup, { params: { courseId: page.course.id }, body }),
    onSuccess: (g) => {
      qc.invalidateQueries({ queryKey: groupsKey(page.course.id) });
      announce(t("ui.groups.created", { name: g.name }));
      setOpen(false);
    },
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    create.mutate({ name: String(f.get("name") ?? ""), groupingId: (f.get("groupingId") as string) || null, userIds: chosen });
  };
  return (
    <ModalButton
      label={t("ui.groups.new")}
      title={t("ui.groups.new")}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        setChosen([]);
        clear();
      }}
    >
      {(close) => (
        <Form className="form" onSubmit={submit} validationErrors={error?.fields}>
          <FormAlert error={error} />
          <Field name="name" label={t("ui.groups.name")} isRequired autoFocus />
          {page.groupings.length > 0 && (
            <SelectField
              name="groupingId"
              label={t("ui.groups.grouping")}
              options={[{ id: "", label: t("ui.groups.noGrouping") }, ...page.groupings.map((g) => ({ id: g.id, label: g.name }))]}
              defaultValue=""
            />
          )}
          {page.learners.length > 0 && (
            <CheckboxGroup className="field group-pick" value={chosen} onChange={setChosen}>
              <Label>{t("ui.groups.members")}</Label>
              {page.learners.map((l) => (
                <Checkbox key={l.id} value={l.id} className="checkbox">
                  <span className="checkbox-box" aria-hidden="true" />
                  {l.name}
                </Checkbox>
              ))}
            </CheckboxGroup>
          )}
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={create.isPending}>
              {t("ui.groups.create")}
            </Button>
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

function NewGroupingDialog({ courseId }: { courseId: string }) {
  return <GroupingDialog courseId={courseId} grouping={null} />;
}

/** Creates a grouping, or changes one (name, self-selection and its limits). */
function GroupingDialog({ courseId, grouping }: { courseId: string; grouping: Grouping | null }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [selfSelect, setSelfSelect] = useState(grouping?.selfSelect ?? false);
  const { error, onError, clear } = useFormErrors();
  const save = useMutation({
    mutationFn: (body: GroupingInput) =>
      grouping ? api(updateGrouping, { params: { courseId, groupingId: grouping.id }, body }) : api(createGrouping, { params: { courseId }, body }),
    onSuccess: (g) => {
      qc.invalidateQueries({ queryKey: groupsKey(courseId) });
      announce(t(grouping ? "ui.groups.groupingSaved" : "ui.groups.groupingCreated", { name: g.name }));
      setOpen(false);
    },
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const max = String(f.get("maxMembers") ?? "");
    save.mutate({
      name: String(f.get("name") ?? ""),
      selfSelect,
      maxMembers: selfSelect && max ? Number(max) : null,
      opensAt: selfSelect ? fromLocalInput(f.get("opensAt") as string) : null,
      closesAt: selfSelect ? fromLocalInput(f.get("closesAt") as string) : null,
    });
  };
  const title = grouping ? t("ui.groups.editGroupingNamed", { name: grouping.name }) : t("ui.groups.newGrouping");
  return (
    <ModalButton
      variant={grouping ? "quiet" : "secondary"}
      label={grouping ? t("ui.groups.editGrouping") : t("ui.groups.newGrouping")}
      ariaLabel={title}
      title={title}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        setSelfSelect(grouping?.selfSelect ?? false);
        clear();
      }}
    >
      {(close) => (
        <Form className="form" onSubmit={submit} validationErrors={error?.fields}>
          <FormAlert error={error} />
          <Field name="name" label={t("ui.groups.groupingName")} description={t("ui.groups.groupingHelp")} defaultValue={grouping?.name} isRequired autoFocus />
          <Checkbox className="checkbox" isSelected={selfSelect} onChange={setSelfSelect}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.groups.selfSelect")}
          </Checkbox>
          {selfSelect && (
            <>
              <NumberField name="maxMembers" className="field" minValue={1} maxValue={10000} defaultValue={grouping?.maxMembers ?? undefined}>
                <Label>{t("ui.groups.maxMembersLabel")}</Label>
                <AriaGroup>
                  <Input />
                </AriaGroup>
              </NumberField>
              <DateTime name="opensAt" label={t("ui.groups.opensAt")} defaultValue={toLocalInput(grouping?.opensAt)} />
              <DateTime name="closesAt" label={t("ui.groups.closesAtLabel")} defaultValue={toLocalInput(grouping?.closesAt)} />
            </>
          )}
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
              {grouping ? t("ui.common.save") : t("ui.groups.create")}
            </Button>
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

function DeleteGroupingButton({ courseId, grouping }: { courseId: string; grouping: Grouping }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const del = useMutation({
    mutationFn: () => api(deleteGrouping, { params: { courseId, groupingId: grouping.id } }),
    onSuccess: () => {
      qc.invalidateQueries({ queryKey: groupsKey(courseId) });
      announce(t("ui.groups.groupingDeleted", { name: grouping.name }));
    },
    onError: (e) => announce(errorText(e), "error"),
  });
  const title = t("ui.groups.deleteGroupingNamed", { name: grouping.name });
  return (
    <ModalButton variant="quiet" label={t("ui.groups.delete")} ariaLabel={title} title={title}>
      {(close) => (
        <Confirm
          message={t("ui.groups.deleteGroupingConfirm")}
          action={t("ui.groups.delete")}
          danger
          pending={del.isPending}
          onConfirm={() => del.mutate(undefined, { onSuccess: close })}
          close={close}
        />
      )}
    </ModalButton>
  );
}

/** Renames a group or moves it to another grouping. */
function EditGroupDialog({ page, g }: { page: Page; g: Group }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const { error, onError, clear } = useFormErrors();
  const save = useMutation({
    mutationFn: (body: { name: string; groupingId: string | null }) => api(updateGroup, { params: { courseId: page.course.id, groupId: g.id }, body }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: groupsKey(page.course.id) });
      announce(t("ui.groups.groupSaved", { name: r.name }));
      setOpen(false);
    },
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    save.mutate({ name: String(f.get("name") ?? ""), groupingId: (f.get("groupingId") as string) || null });
  };
  const title = t("ui.groups.editGroupNamed", { name: g.name });
  return (
    <ModalButton
      variant="quiet"
      label={t("ui.groups.editGroup")}
      ariaLabel={title}
      title={title}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        clear();
      }}
    >
      {(close) => (
        <Form className="form" onSubmit={submit} validationErrors={error?.fields}>
          <FormAlert error={error} />
          <Field name="name" label={t("ui.groups.name")} defaultValue={g.name} isRequired autoFocus />
          <SelectField
            name="groupingId"
            label={t("ui.groups.grouping")}
            options={[{ id: "", label: t("ui.groups.noGrouping") }, ...page.groupings.map((x) => ({ id: x.id, label: x.name }))]}
            defaultValue={g.groupingId ?? ""}
          />
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={save.isPending}>
              {t("ui.common.save")}
            </Button>
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

export function DateTime({ name, label, defaultValue }: { name: string; label: string; defaultValue?: string }) {
  return (
    <TextField name={name} type="datetime-local" className="field" defaultValue={defaultValue}>
      <Label>{label}</Label>
      <Input />
      <FieldError className="field-error" />
    </TextField>
  );
}

function AutoDialog({ courseId }: { courseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<"count" | "size">("count");
  const [order, setOrder] = useState<"random" | "name">("random");
  const [onlyUngrouped, setOnlyUngrouped] = useState(false);
  const { error, onError, clear } = useFormErrors();
  const run = useMutation({
    mutationFn: (body: { mode: "count" | "size"; n: number; order: "random" | "name"; prefix: string; groupingName: string | null; onlyUngrouped: boolean }) =>
      api(autoCreateGroups, { params: { courseId }, body }),
    onSuccess: (r) => {
      qc.invalidateQueries({ queryKey: groupsKey(courseId) });
      announce(t("ui.groups.autoDone", { n: r.groups.length }));
      setOpen(false);
    },
    onError,
  });
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    run.mutate({
      mode,
      order,
      onlyUngrouped,
      n: Number(f.get("n") || 0),
      prefix: String(f.get("prefix") ?? ""),
      groupingName: (f.get("groupingName") as string)?.trim() || null,
    });
  };
  return (
    <ModalButton
      variant="secondary"
      label={t("ui.groups.auto")}
      title={t("ui.groups.autoTitle")}
      isOpen={open}
      onOpenChange={(o) => {
        setOpen(o);
        clear();
      }}
    >
      {(close) => (
        <Form className="form" onSubmit={submit} validationErrors={error?.fields}>
          <FormAlert error={error} />
          <RadioGroup className="field choice-group" value={mode} onChange={(v) => setMode(v as "count" | "size")} orientation="horizontal">
            <Label>{t("ui.groups.autoMode")}</Label>
            <div className="choices">
              <Radio value="count" className="choice">
                {t("ui.groups.modeCount")}
              </Radio>
              <Radio value="size" className="choice">
                {t("ui.groups.modeSize")}
              </Radio>
            </div>
          </RadioGroup>
          <NumberField name="n" className="field" minValue={1} maxValue={1000} defaultValue={mode === "count" ? 4 : 3} isRequired>
            <Label>{mode === "count" ? t("ui.groups.howManyGroups") : t("ui.groups.howManyMembers")}</Label>
            <AriaGroup>
              <Input />
            </AriaGroup>
          </NumberField>
          <RadioGroup className="field choice-group" value={order} onChange={(v) => setOrder(v as "random" | "name")} orientation="horizontal">
            <Label>{t("ui.groups.order")}</Label>
            <div className="choices">
              <Radio value="random" className="choice">
                {t("ui.groups.orderRandom")}
              </Radio>
              <Radio value="name" className="choice">
                {t("ui.groups.orderName")}
              </Radio>
            </div>
          </RadioGroup>
          <Field name="prefix" label={t("ui.groups.prefix")} defaultValue={t("ui.groups.prefixDefault")} isRequired />
          <Field name="groupingName" label={t("ui.groups.autoGrouping")} description={t("ui.groups.autoGroupingHelp")} />
          <Checkbox className="checkbox" isSelected={onlyUngrouped} onChange={setOnlyUngrouped}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.groups.onlyUngrouped")}
          </Checkbox>
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={run.isPending}>
              {t("ui.groups.autoRun")}
            </Button>
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

type Report = Output<typeof importGroups>;

function CsvDialog({ courseId }: { courseId: string }) {
  const t = useT();
  const qc = useQueryClient();
  const announce = useAnnounce();
  const [text, setText] = useState("");
  const [report, setReport] = useState<Report | null>(null);
  const { error, onError, clear } = useFormErrors();
  const run = useMutation({
    mutationFn: (dryRun: boolean) => api(importGroups, { params: { courseId }, body: { csv: text, dryRun } }),
    onSuccess: (r) => {
      setReport(r);
      if (r.applied) {
        qc.invalidateQueries({ queryKey: groupsKey(courseId) });
        announce(t("ui.groups.csvApplied", { n: r.counts.add }));
      }
    },
    onError,
  });
  return (
    <ModalButton
      variant="secondary"
      label={t("ui.groups.csv")}
      title={t("ui.groups.csvTitle")}
      onOpenChange={() => {
        clear();
        setReport(null);
        setText("");
      }}
    >
      {(close) => (
        <div className="form">
          <p className="muted">{t("ui.groups.csvHelp")}</p>
          <FormAlert error={error} />
          <FileTrigger
            acceptedFileTypes={[".csv", "text/csv", "text/plain"]}
            onSelect={async (files) => {
              const f = files?.[0];
              if (!f) return;
              setText(await f.text());
              setReport(null);
              clear();
            }}
          >
            <Button className="btn btn-secondary">{t("ui.groups.csvChoose")}</Button>
          </FileTrigger>
          <TextField
            className="field"
            value={text}
            onChange={(v) => {
              setText(v);
              setReport(null);
            }}
          >
            <Label>{t("ui.groups.csvText")}</Label>
            <TextArea rows={6} className="mono" placeholder={"groupe;identifiant;groupement\nÉquipe 1;alice;Projets"} />
          </TextField>
          {report && (
            <div role="status">
              <p>
                {t(report.applied ? "ui.groups.csvDone" : "ui.groups.csvWouldDo", {
                  add: report.counts.add,
                  already: report.counts.already,
                  error: report.counts.error,
                  groups: report.counts.newGroups,
                })}
              </p>
              {report.rows.some((r) => r.outcome === "error") && (
                <div className="table-wrap">
                  <Table aria-label={t("ui.groups.csvErrors")} className="table">
                    <TableHeader>
                      <Column isRowHeader>{t("ui.groups.line")}</Column>
                      <Column>{t("ui.groups.csvGroup")}</Column>
                      <Column>{t("ui.groups.login")}</Column>
                      <Column>{t("ui.groups.problem")}</Column>
                    </TableHeader>
                    <TableBody items={report.rows.filter((r) => r.outcome === "error").map((r) => ({ ...r, id: r.line }))}>
                      {(r) => (
                        <Row id={r.line}>
                          <Cell>{r.line}</Cell>
                          <Cell>{r.group}</Cell>
                          <Cell>{r.login}</Cell>
                          <Cell>{r.error}</Cell>
                        </Row>
                      )}
                    </TableBody>
                  </Table>
                </div>
              )}
            </div>
          )}
          <div className="form-actions">
            {!report?.applied && (
              <Button className="btn btn-secondary" isDisabled={!text.trim()} isPending={run.isPending && run.variables} onPress={() => run.mutate(true)}>
                {t("ui.groups.check")}
              </Button>
            )}
            {report && !report.applied && report.counts.add > 0 && (
              <Button className="btn btn-primary" isPending={run.isPending && !run.variables} onPress={() => run.mutate(false)}>
                {t("ui.groups.apply", { n: report.counts.add })}
              </Button>
            )}
            <Button className="btn btn-quiet" onPress={close}>
              {t("ui.common.close")}
            </Button>
          </div>
        </div>
      )}
    </ModalButton>
  );
}
