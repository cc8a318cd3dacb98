import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { Button, Checkbox, Form, type Key, Tree, TreeItem, TreeItemContent } from "react-aria-components";
import { api } from "../../../web/api.ts";
import { useT } from "../../../web/i18n.tsx";
import { EmptyState, Field, FormAlert, formValues, Loading, ModalButton, orNull, PageTitle, QueryError, SelectField, useAnnounce, useErrorText, useFormErrors } from "../../../web/ui.tsx";
import { createOrg, moveOrg, ORG_KINDS, type OrgNode, updateOrg } from "../shared/contract.ts";
import { ColorField } from "./color-field.tsx";
import { orgsQuery } from "./queries.ts";

type Kind = Exclude<(typeof ORG_KINDS)[number], "platform">;
type TreeNode = OrgNode & { children: TreeNode[] };

const buildTree = (items: OrgNode[]) => {
  const byId = new Map<string, TreeNode>(items.map((o) => [o.id, { ...o, children: [] }]));
  const roots: TreeNode[] = [];
  for (const o of items) {
    const n = byId.get(o.id)!;
    const parent = o.parentId ? byId.get(o.parentId) : undefined;
    if (parent) parent.children.push(n);
    else roots.push(n);
  }
  return roots;
};

/** The node and everything under it (the flat list is in tree order). */
const subtreeIds = (items: OrgNode[], id: string) => {
  const i = items.findIndex((o) => o.id === id);
  if (i < 0) return new Set<string>();
  const out = new Set([id]);
  for (let j = i + 1; j < items.length && items[j].depth > items[i].depth; j++) out.add(items[j].id);
  return out;
};

function useKindOptions() {
  const t = useT();
  return ORG_KINDS.filter((k) => k !== "platform").map((k) => ({ id: k, label: t(`ui.kinds.${k}`) }));
}

/** After a change, everything that shows a node or its branding is fetched again (header included). */
function useRefreshOrgs() {
  const qc = useQueryClient();
  return () => Promise.all(["orgs", "me", "home", "platform"].map((k) => qc.invalidateQueries({ queryKey: [k] })));
}

/** Admin: the organisation tree — create, rename, brand, move, archive and restore nodes. */
export function OrgTreePage() {
  const t = useT();
  const [showArchived, setShowArchived] = useState(false);
  const q = useQuery(orgsQuery(showArchived));
  const [selected, setSelected] = useState<string | null>(null);
  const items = q.data ?? [];
  const tree = useMemo(() => buildTree(items), [items]);
  const [expanded, setExpanded] = useState<Set<Key> | null>(null);
  const expandedKeys = expanded ?? new Set<Key>(items.map((o) => o.id));
  const current = items.find((o) => o.id === selected) ?? items[0];

  const renderNode = (n: TreeNode) => (
    <TreeItem key={n.id} id={n.id} textValue={n.name} className="tree-item">
      <TreeItemContent>
        {({ hasChildItems, isExpanded }) => (
          <div className="tree-row">
            {hasChildItems ? (
              <Button slot="chevron" className="tree-chevron" aria-label={t(isExpanded ? "ui.orgs.collapse" : "ui.orgs.expand")}>
                <span aria-hidden="true">{isExpanded ? "▾" : "▸"}</span>
              </Button>
            ) : (
              <span className="tree-chevron-spacer" />
            )}
            <span className="swatch" style={{ background: n.primaryColor ?? "transparent", borderStyle: n.primaryColor ? "solid" : "dashed" }} aria-hidden="true" />
            <span className={`tree-name ${n.archived ? "archived" : ""}`}>{n.name}</span>
            <span className="tree-kind">{t(`ui.kinds.${n.kind}`)}</span>
            {n.code && <span className="badge badge-neutral">{n.code}</span>}
            {n.archived && <span className="badge badge-warn">{t("ui.orgs.archived")}</span>}
          </div>
        )}
      </TreeItemContent>
      {n.children.map(renderNode)}
    </TreeItem>
  );

  return (
    <>
      <PageTitle>{t("ui.orgs.title")}</PageTitle>
      <p className="lead">{t("ui.orgs.intro")}</p>
      {q.isPending ? (
        <Loading />
      ) : q.isError ? (
        <QueryError error={q.error} />
      ) : items.length === 0 ? (
        <EmptyState title={t("ui.orgs.empty")} />
      ) : (
        <div className="split">
          <div className="split-side">
            <Checkbox className="checkbox" isSelected={showArchived} onChange={setShowArchived}>
              <span className="checkbox-box" aria-hidden="true" />
              {t("ui.orgs.showArchived")}
            </Checkbox>
            <Tree
              aria-label={t("ui.orgs.treeLabel")}
              className="tree"
              selectionMode="single"
              selectionBehavior="replace"
              disallowEmptySelection
              selectedKeys={current ? [current.id] : []}
              onSelectionChange={(keys) => {
                const k = [...(keys as Set<Key>)][0];
                if (k != null) setSelected(String(k));
              }}
              expandedKeys={expandedKeys}
              onExpandedChange={(k) => setExpanded(new Set(k))}
            >
              {tree.map(renderNode)}
            </Tree>
          </div>
          <div className="split-main">{current && <NodePanel key={current.id} node={current} items={items} onSelect={setSelected} />}</div>
        </div>
      )}
    </>
  );
}

function NodePanel({ node, items, onSelect }: { node: OrgNode; items: OrgNode[]; onSelect: (id: string) => void }) {
  const t = useT();
  const isRoot = node.parentId === null;
  return (
    <section className="card node-panel" aria-labelledby="node-title">
      <div className="section-head">
        <div>
          <h2 id="node-title">{node.name}</h2>
          <p className="muted">
            {t(`ui.kinds.${node.kind}`)}
            {node.code && ` · ${node.code}`}
            {node.archived && ` · ${t("ui.orgs.archived")}`}
          </p>
        </div>
        {node.canManage && !node.archived && <CreateChild parent={node} onCreated={onSelect} />}
      </div>
      {!node.canManage ? (
        <p>{t("ui.orgs.readOnly")}</p>
      ) : (
        <>
          <EditNode node={node} />
          {!isRoot && <MoveNode node={node} items={items} />}
          {!isRoot && <ArchiveNode node={node} />}
        </>
      )}
    </section>
  );
}

function EditNode({ node }: { node: OrgNode }) {
  const t = useT();
  const kinds = useKindOptions();
  const refresh = useRefreshOrgs();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const isRoot = node.parentId === null;
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(updateOrg, {
        params: { id: node.id },
        body: {
          name: v.name,
          ...(!isRoot && { kind: v.kind as Kind }),
          code: orNull(v.code),
          primaryColor: orNull(v.primaryColor),
          logoUrl: orNull(v.logoUrl),
        },
      }),
    onError,
    onSuccess: async () => {
      clear();
      await refresh();
      announce(t("ui.common.saved"));
    },
  });
  return (
    <section className="subsection" aria-labelledby="node-edit">
      <h3 id="node-edit">{t("ui.orgs.editTitle")}</h3>
      <Form validationBehavior="aria" validationErrors={error?.fields} className="form" onSubmit={(e) => m.mutate(formValues(e))}>
        <FormAlert error={error} />
        <Field name="name" label={t("ui.orgs.name")} defaultValue={node.name} isRequired />
        <div className="row">
          {!isRoot && <SelectField name="kind" label={t("ui.orgs.kind")} options={kinds} defaultValue={node.kind} isRequired />}
          <Field name="code" label={t("ui.orgs.code")} description={t("ui.orgs.codeHelp")} defaultValue={node.code ?? ""} />
        </div>
        <ColorField name="primaryColor" label={t("ui.orgs.color")} initial={node.primaryColor} inherit={t(isRoot ? "ui.orgs.defaultColor" : "ui.orgs.inheritColor")} error={error?.fields.primaryColor} />
        <Field name="logoUrl" type="url" label={t("ui.orgs.logo")} description={t("ui.orgs.logoHelp")} defaultValue={node.logoUrl ?? ""} />
        {node.logoUrl && <img className="logo-preview" src={node.logoUrl} alt={t("ui.orgs.logoPreview")} />}
        <div className="form-actions">
          <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
            {t("ui.common.save")}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function CreateChild({ parent, onCreated }: { parent: OrgNode; onCreated: (id: string) => void }) {
  const t = useT();
  const kinds = useKindOptions();
  const refresh = useRefreshOrgs();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const m = useMutation({
    mutationFn: (v: Record<string, string>) =>
      api(createOrg, { body: { parentId: parent.id, name: v.name, kind: v.kind as Kind, code: orNull(v.code), primaryColor: orNull(v.primaryColor), logoUrl: orNull(v.logoUrl) } }),
    onError,
  });
  return (
    <ModalButton label={t("ui.orgs.addChild")} title={t("ui.orgs.addChildTitle", { parent: parent.name })} onOpenChange={clear}>
      {(close) => (
        <Form
          validationBehavior="aria"
          validationErrors={error?.fields}
          className="form"
          onSubmit={(e) =>
            m.mutate(formValues(e), {
              onSuccess: async (o) => {
                await refresh();
                announce(t("ui.orgs.created", { name: o.name }));
                onCreated(o.id);
                close();
              },
            })
          }
        >
          <FormAlert error={error} />
          <Field name="name" label={t("ui.orgs.name")} isRequired autoFocus />
          <div className="row">
            <SelectField name="kind" label={t("ui.orgs.kind")} options={kinds} defaultValue={parent.kind === "platform" ? "region" : parent.kind === "school" ? "class" : "site"} isRequired />
            <Field name="code" label={t("ui.orgs.code")} description={t("ui.orgs.codeHelp")} />
          </div>
          <ColorField name="primaryColor" label={t("ui.orgs.color")} initial={null} inherit={t("ui.orgs.inheritColor")} error={error?.fields.primaryColor} />
          <Field name="logoUrl" type="url" label={t("ui.orgs.logo")} description={t("ui.orgs.logoHelp")} />
          <div className="form-actions">
            <Button type="submit" className="btn btn-primary" isPending={m.isPending}>
              {t("ui.orgs.create")}
            </Button>
            <Button className="btn btn-secondary" onPress={close}>
              {t("ui.common.cancel")}
            </Button>
          </div>
        </Form>
      )}
    </ModalButton>
  );
}

function MoveNode({ node, items }: { node: OrgNode; items: OrgNode[] }) {
  const t = useT();
  const refresh = useRefreshOrgs();
  const announce = useAnnounce();
  const { error, onError, clear } = useFormErrors();
  const excluded = subtreeIds(items, node.id);
  const options = items.filter((o) => o.canManage && !o.archived && !excluded.has(o.id)).map((o) => ({ id: o.id, label: o.name, depth: o.depth }));
  const m = useMutation({
    mutationFn: (parentId: string) => api(moveOrg, { params: { id: node.id }, body: { parentId } }),
    onError,
    onSuccess: async () => {
      clear();
      await refresh();
      announce(t("ui.orgs.moved", { name: node.name }));
    },
  });
  return (
    <section className="subsection" aria-labelledby="node-move">
      <h3 id="node-move">{t("ui.orgs.moveTitle")}</h3>
      <Form validationBehavior="aria" validationErrors={error?.fields} className="form form-inline" onSubmit={(e) => m.mutate(formValues(e).parentId)}>
        <FormAlert error={error} />
        <SelectField name="parentId" label={t("ui.orgs.newParent")} options={options} defaultValue={node.parentId} isRequired />
        <Button type="submit" className="btn btn-secondary" isPending={m.isPending}>
          {t("ui.orgs.move")}
        </Button>
      </Form>
    </section>
  );
}

function ArchiveNode({ node }: { node: OrgNode }) {
  const t = useT();
  const refresh = useRefreshOrgs();
  const announce = useAnnounce();
  const errorText = useErrorText();
  const m = useMutation({
    mutationFn: () => api(updateOrg, { params: { id: node.id }, body: { archived: !node.archived } }),
    onSuccess: async () => {
      await refresh();
      announce(t(node.archived ? "ui.orgs.restored" : "ui.orgs.archivedDone", { name: node.name }));
    },
  });
  return (
    <section className="subsection" aria-labelledby="node-archive">
      <h3 id="node-archive">{t(node.archived ? "ui.orgs.restoreTitle" : "ui.orgs.archiveTitle")}</h3>
      <p className="muted">{t(node.archived ? "ui.orgs.restoreHelp" : "ui.orgs.archiveHelp")}</p>
      {m.isError && <FormAlert error={errorText(m.error)} />}
      <Button className={`btn ${node.archived ? "btn-secondary" : "btn-danger"}`} onPress={() => m.mutate()} isPending={m.isPending}>
        {t(node.archived ? "ui.orgs.restore" : "ui.orgs.archive")}
      </Button>
    </section>
  );
}
