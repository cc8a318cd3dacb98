import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { Link, useParams } from "@tanstack/react-router";
import { useState } from "react";
import {
  Group as AriaGroup,
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  NumberField,
  Radio,
  RadioGroup,
  TextField,
} from "react-aria-components";
import { api } from "../../../web/api.ts";
import { CsvDialog } from "../../../web/csv-dialog.tsx";
import { useT } from "../../../web/i18n.tsx";
import { FormDialog } from "../../../web/mutation-form.tsx";
import { Confirm, EmptyState, Field, Loading, ModalButton, PageTitle, QueryError, SelectField, useAnnounce, useErrorText } from "../../../web/ui.tsx";
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
              <CsvGroups courseId={id} />
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

/** After a change of the course's groups: the page is read again and what happened is said. */
function useChanged(courseId: string) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  return (said?: string) => {
    qc.invalidateQueries({ queryKey: groupsKey(courseId) });
    if (said) announce(said);
  };
}

/** A change made by a button outside any form: a failure is announced, there being no form to show it in. */
function useAction<V = void>(courseId: string, mutationFn: (v: V) => Promise<unknown>, said?: (v: V) => string) {
  const changed = useChanged(courseId);
  const announce = useAnnounce();
  const errorText = useErrorText();
  return useMutation({ mutationFn, onSuccess: (_, v) => changed(said?.(v)), onError: (e) => announce(errorText(e), "error") });
}

function GroupCard({ page, g, grouping }: { page: Page; g: Group; grouping: Grouping | null }) {
  const t = useT();
  const courseId = page.course.id;
  const join = useAction(
    courseId,
    () => api(joinGroup, { params: { courseId, groupId: g.id } }),
    () => t("ui.groups.joined", { name: g.name }),
  );
  const leave = useAction(
    courseId,
    () => api(leaveGroup, { params: { courseId, groupId: g.id } }),
    () => t("ui.groups.left", { name: g.name }),
  );
  const remove = useAction(courseId, (userId: string) => api(removeGroupMember, { params: { courseId, groupId: g.id, userId } }));
  const del = useAction(
    courseId,
    () => api(deleteGroup, { params: { courseId, groupId: g.id } }),
    () => t("ui.groups.deleted", { name: g.name }),
  );
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
        {page.canManage && <DeleteButton title={t("ui.groups.deleteNamed", { name: g.name })} message={t("ui.groups.deleteConfirm")} del={del} />}
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

/** "Delete", then a confirmation (a group, a grouping). */
function DeleteButton({ title, message, del }: { title: string; message: string; del: ReturnType<typeof useAction<void>> }) {
  const t = useT();
  return (
    <ModalButton variant="quiet" label={t("ui.groups.delete")} ariaLabel={title} title={title}>
      {(close) => (
        <Confirm
          message={message}
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

/** Learners to tick, sent as `userIds`. */
function LearnerChecks({
  label,
  learners,
  value,
  onChange,
}: {
  label: string;
  learners: Page["learners"];
  value?: string[];
  onChange?: (v: string[]) => void;
}) {
  return (
    <CheckboxGroup className="field group-pick" name="userIds" value={value} onChange={onChange}>
      <Label>{label}</Label>
      {learners.map((l) => (
        <Checkbox key={l.id} value={l.id} className="checkbox">
          <span className="checkbox-box" aria-hidden="true" />
          {l.name}
        </Checkbox>
      ))}
    </CheckboxGroup>
  );
}

/** The grouping a group belongs to, or none, sent as `groupingId`. */
function GroupingSelect({ page, defaultValue }: { page: Page; defaultValue: string }) {
  const t = useT();
  return (
    <SelectField
      name="groupingId"
      label={t("ui.groups.grouping")}
      options={[{ id: "", label: t("ui.groups.noGrouping") }, ...page.groupings.map((x) => ({ id: x.id, label: x.name }))]}
      defaultValue={defaultValue}
    />
  );
}

const groupingOf = (f: FormData) => (f.get("groupingId") as string) || null;

function AddMembersDialog({ page, g }: { page: Page; g: Group }) {
  const t = useT();
  const changed = useChanged(page.course.id);
  const [chosen, setChosen] = useState<string[]>([]);
  const inGroup = new Set(g.members.map((m) => m.id));
  const candidates = page.learners.filter((l) => !inGroup.has(l.id));
  return (
    <FormDialog
      variant="secondary"
      label={t("ui.groups.addMembers")}
      ariaLabel={t("ui.groups.addMembersTo", { name: g.name })}
      title={t("ui.groups.addMembersTo", { name: g.name })}
      onOpenChange={() => setChosen([])}
      submitLabel={t("ui.groups.addN", { n: chosen.length })}
      submitDisabled={chosen.length === 0}
      cancel
      onSubmit={() =>
        api(addGroupMembers, { params: { courseId: page.course.id, groupId: g.id }, body: { userIds: chosen } }).then(() =>
          changed(t("ui.groups.added", { n: chosen.length, name: g.name })),
        )
      }
    >
      {() =>
        candidates.length === 0 ? (
          <p className="muted">{t("ui.groups.noCandidates")}</p>
        ) : (
          <LearnerChecks label={t("ui.groups.learners")} learners={candidates} value={chosen} onChange={setChosen} />
        )
      }
    </FormDialog>
  );
}

function NewGroupDialog({ page }: { page: Page }) {
  const t = useT();
  const changed = useChanged(page.course.id);
  return (
    <FormDialog
      variant="primary"
      label={t("ui.groups.new")}
      title={t("ui.groups.new")}
      submitLabel={t("ui.groups.create")}
      cancel
      onSubmit={(f) =>
        api(createGroup, {
          params: { courseId: page.course.id },
          body: { name: String(f.get("name") ?? ""), groupingId: groupingOf(f), userIds: f.getAll("userIds").map(String) },
        }).then((g) => changed(t("ui.groups.created", { name: g.name })))
      }
    >
      {() => (
        <>
          <Field name="name" label={t("ui.groups.name")} isRequired autoFocus />
          {page.groupings.length > 0 && <GroupingSelect page={page} defaultValue="" />}
          {page.learners.length > 0 && <LearnerChecks label={t("ui.groups.members")} learners={page.learners} />}
        </>
      )}
    </FormDialog>
  );
}

function NewGroupingDialog({ courseId }: { courseId: string }) {
  return <GroupingDialog courseId={courseId} grouping={null} />;
}

/** Creates a grouping, or changes one (name, self-selection and its limits). */
function GroupingDialog({ courseId, grouping }: { courseId: string; grouping: Grouping | null }) {
  const t = useT();
  const changed = useChanged(courseId);
  const save = (f: FormData) => {
    const selfSelect = f.get("selfSelect") === "on";
    const max = String(f.get("maxMembers") ?? "");
    const body: GroupingInput = {
      name: String(f.get("name") ?? ""),
      selfSelect,
      maxMembers: selfSelect && max ? Number(max) : null,
      opensAt: selfSelect ? fromLocalInput(f.get("opensAt") as string) : null,
      closesAt: selfSelect ? fromLocalInput(f.get("closesAt") as string) : null,
    };
    return (grouping ? api(updateGrouping, { params: { courseId, groupingId: grouping.id }, body }) : api(createGrouping, { params: { courseId }, body })).then(
      (g) => changed(t(grouping ? "ui.groups.groupingSaved" : "ui.groups.groupingCreated", { name: g.name })),
    );
  };
  const title = grouping ? t("ui.groups.editGroupingNamed", { name: grouping.name }) : t("ui.groups.newGrouping");
  return (
    <FormDialog
      variant={grouping ? "quiet" : "secondary"}
      label={grouping ? t("ui.groups.editGrouping") : t("ui.groups.newGrouping")}
      ariaLabel={title}
      title={title}
      submitLabel={grouping ? t("ui.common.save") : t("ui.groups.create")}
      cancel
      onSubmit={save}
    >
      {() => <GroupingFields grouping={grouping} />}
    </FormDialog>
  );
}

function GroupingFields({ grouping }: { grouping: Grouping | null }) {
  const t = useT();
  const [selfSelect, setSelfSelect] = useState(grouping?.selfSelect ?? false);
  return (
    <>
      <Field name="name" label={t("ui.groups.groupingName")} description={t("ui.groups.groupingHelp")} defaultValue={grouping?.name} isRequired autoFocus />
      <Checkbox name="selfSelect" className="checkbox" isSelected={selfSelect} onChange={setSelfSelect}>
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
    </>
  );
}

function DeleteGroupingButton({ courseId, grouping }: { courseId: string; grouping: Grouping }) {
  const t = useT();
  const del = useAction(
    courseId,
    () => api(deleteGrouping, { params: { courseId, groupingId: grouping.id } }),
    () => t("ui.groups.groupingDeleted", { name: grouping.name }),
  );
  return <DeleteButton title={t("ui.groups.deleteGroupingNamed", { name: grouping.name })} message={t("ui.groups.deleteGroupingConfirm")} del={del} />;
}

/** Renames a group or moves it to another grouping. */
function EditGroupDialog({ page, g }: { page: Page; g: Group }) {
  const t = useT();
  const changed = useChanged(page.course.id);
  const title = t("ui.groups.editGroupNamed", { name: g.name });
  return (
    <FormDialog
      label={t("ui.groups.editGroup")}
      ariaLabel={title}
      title={title}
      submitLabel={t("ui.common.save")}
      cancel
      onSubmit={(f) =>
        api(updateGroup, { params: { courseId: page.course.id, groupId: g.id }, body: { name: String(f.get("name") ?? ""), groupingId: groupingOf(f) } }).then(
          (r) => changed(t("ui.groups.groupSaved", { name: r.name })),
        )
      }
    >
      {() => (
        <>
          <Field name="name" label={t("ui.groups.name")} defaultValue={g.name} isRequired autoFocus />
          <GroupingSelect page={page} defaultValue={g.groupingId ?? ""} />
        </>
      )}
    </FormDialog>
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

/** Two or more choices side by side (how to split, in what order). */
function Choices({
  label,
  value,
  onChange,
  options,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  /** value: label */
  options: Record<string, string>;
}) {
  return (
    <RadioGroup className="field choice-group" value={value} onChange={onChange} orientation="horizontal">
      <Label>{label}</Label>
      <div className="choices">
        {Object.entries(options).map(([id, text]) => (
          <Radio key={id} value={id} className="choice">
            {text}
          </Radio>
        ))}
      </div>
    </RadioGroup>
  );
}

function AutoDialog({ courseId }: { courseId: string }) {
  const t = useT();
  const changed = useChanged(courseId);
  const [mode, setMode] = useState<"count" | "size">("count");
  const [order, setOrder] = useState<"random" | "name">("random");
  const [onlyUngrouped, setOnlyUngrouped] = useState(false);
  return (
    <FormDialog
      variant="secondary"
      label={t("ui.groups.auto")}
      title={t("ui.groups.autoTitle")}
      submitLabel={t("ui.groups.autoRun")}
      cancel
      onSubmit={(f) =>
        api(autoCreateGroups, {
          params: { courseId },
          body: {
            mode,
            order,
            onlyUngrouped,
            n: Number(f.get("n") || 0),
            prefix: String(f.get("prefix") ?? ""),
            groupingName: (f.get("groupingName") as string)?.trim() || null,
          },
        }).then((r) => changed(t("ui.groups.autoDone", { n: r.groups.length })))
      }
    >
      {() => (
        <>
          <Choices
            label={t("ui.groups.autoMode")}
            value={mode}
            onChange={(v) => setMode(v as "count" | "size")}
            options={{ count: t("ui.groups.modeCount"), size: t("ui.groups.modeSize") }}
          />
          <NumberField name="n" className="field" minValue={1} maxValue={1000} defaultValue={mode === "count" ? 4 : 3} isRequired>
            <Label>{mode === "count" ? t("ui.groups.howManyGroups") : t("ui.groups.howManyMembers")}</Label>
            <AriaGroup>
              <Input />
            </AriaGroup>
          </NumberField>
          <Choices
            label={t("ui.groups.order")}
            value={order}
            onChange={(v) => setOrder(v as "random" | "name")}
            options={{ random: t("ui.groups.orderRandom"), name: t("ui.groups.orderName") }}
          />
          <Field name="prefix" label={t("ui.groups.prefix")} defaultValue={t("ui.groups.prefixDefault")} isRequired />
          <Field name="groupingName" label={t("ui.groups.autoGrouping")} description={t("ui.groups.autoGroupingHelp")} />
          <Checkbox className="checkbox" isSelected={onlyUngrouped} onChange={setOnlyUngrouped}>
            <span className="checkbox-box" aria-hidden="true" />
            {t("ui.groups.onlyUngrouped")}
          </Checkbox>
        </>
      )}
    </FormDialog>
  );
}

function CsvGroups({ courseId }: { courseId: string }) {
  const t = useT();
  return (
    <CsvDialog
      messages="ui.groups"
      paste={{ placeholder: "groupe;identifiant;groupement\nÉquipe 1;alice;Projets" }}
      send={(csv, dryRun) => api(importGroups, { params: { courseId }, body: { csv, dryRun } })}
      queryKey={groupsKey(courseId)}
      applied={(r) => t("ui.groups.csvApplied", { n: r.counts.add })}
      counts={(r) => ({ ...r.counts, groups: r.counts.newGroups })}
      columns={[
        { label: t("ui.groups.csvGroup"), cell: (r) => r.group },
        { label: t("ui.groups.login"), cell: (r) => r.login },
      ]}
      applyLabel={(r) => (r.counts.add > 0 ? t("ui.groups.apply", { n: r.counts.add }) : null)}
    />
  );
}
