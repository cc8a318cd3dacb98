import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";

/**
 * Refuses at run time any statement on a tenant-owned table that does not constrain tenant_id
 * (the compile-time half is the TenantId parameter every repository function takes).
 * Inserts must set tenant_id; selects, updates and deletes must name tenant_id in WHERE or ON.
 * Deployment-wide code that really crosses tenants says so with `crossTenant(db)`.
 */
export class TenantGuardError extends Error {}

export class TenantGuardPlugin implements KyselyPlugin {
  constructor(private readonly tenantTables: () => ReadonlySet<string>) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node;
    const tables = this.tenantTables();
    if (tables.size === 0) return node;
    const kind = node.kind;
    if (kind === "InsertQueryNode") {
      const n = node as unknown as { into?: { table: { identifier: { name: string } } }; columns?: { column: { name: string } }[] };
      const table = n.into?.table.identifier.name;
      if (table && tables.has(table) && !n.columns?.some((c) => c.column.name === "tenant_id")) {
        throw new TenantGuardError(`insert into ${table} without tenant_id`);
      }
      return node;
    }
    if (kind !== "SelectQueryNode" && kind !== "UpdateQueryNode" && kind !== "DeleteQueryNode") return node;
    const touched = new Set<string>();
    collectTables(node, touched);
    const owned = [...touched].filter((t) => tables.has(t));
    if (owned.length === 0) return node;
    if (!mentionsTenant(node)) throw new TenantGuardError(`query on ${owned.join(", ")} without a tenant_id condition`);
    return node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

function collectTables(node: unknown, out: Set<string>) {
  if (!node || typeof node !== "object") return;
  const n = node as OperationNode & Record<string, unknown>;
  if (n.kind === "TableNode") {
    out.add((n as unknown as { table: { identifier: { name: string } } }).table.identifier.name);
    return;
  }
  for (const v of Object.values(n)) {
    if (Array.isArray(v)) for (const x of v) collectTables(x, out);
    else if (v && typeof v === "object") collectTables(v, out);
  }
}

function mentionsTenant(node: unknown): boolean {
  // tenant_id must appear inside a WHERE or a join's ON clause, at any depth (subqueries included)
  const walk = (n: unknown, inCondition: boolean): boolean => {
    if (!n || typeof n !== "object") return false;
    const o = n as Record<string, unknown> & { kind?: string };
    if (inCondition && o.kind === "ColumnNode" && (o as { column?: { name?: string } }).column?.name === "tenant_id") return true;
    for (const [k, v] of Object.entries(o)) {
      const cond = inCondition || k === "where" || k === "on";
      if (Array.isArray(v)) {
        if (v.some((x) => walk(x, cond))) return true;
      } else if (v && typeof v === "object" && walk(v, cond)) return true;
    }
    return false;
  };
  return walk(node, false);
}
