import type { CompiledQuery, KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";

/**
 * Refuses at run time any statement on a tenant-owned table that does not constrain tenant_id
 * (the compile-time half is the TenantId parameter every repository function takes).
 * Inserts must set tenant_id; selects, updates and deletes must name tenant_id in WHERE or ON.
 * Deployment-wide code that really crosses tenants says so with `crossTenant(db)`.
 */
export class TenantGuardError extends Error {}

/** Distinct SQL texts whose verdict is remembered; beyond, statements are analysed every time. */
const MAX_VERDICTS = 5000;

/**
 * The plugin marks the statements built through the guarded Kysely instance (`crossTenant()` drops
 * it); `check`, called by the driver with each compiled statement before it runs, analyses each
 * distinct SQL text once: the same text always comes from the same tree, values apart.
 */
export class TenantGuardPlugin implements KyselyPlugin {
  readonly #marked = new WeakSet<RootOperationNode>();
  readonly #verdicts = new Map<string, string | null>();
  #tables: ReadonlySet<string> | undefined;

  constructor(private readonly tenantTables: () => ReadonlySet<string>) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.#marked.add(args.node);
    return args.node;
  }

  check(query: CompiledQuery) {
    if (!this.#marked.has(query.query)) return;
    const tables = this.tenantTables();
    if (tables !== this.#tables) {
      this.#verdicts.clear();
      this.#tables = tables;
    }
    let verdict = this.#verdicts.get(query.sql);
    if (verdict === undefined) {
      verdict = violation(query.query, tables);
      if (this.#verdicts.size < MAX_VERDICTS) this.#verdicts.set(query.sql, verdict);
    }
    if (verdict) throw new TenantGuardError(verdict);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/** What is wrong with a statement, or null when it names tenant_id where it must. */
function violation(node: RootOperationNode, tables: ReadonlySet<string>): string | null {
  if (tables.size === 0) return null;
  const kind = node.kind;
  if (kind === "InsertQueryNode") {
    const n = node as unknown as { into?: { table: { identifier: { name: string } } }; columns?: { column: { name: string } }[] };
    const table = n.into?.table.identifier.name;
    return table && tables.has(table) && !n.columns?.some((c) => c.column.name === "tenant_id") ? `insert into ${table} without tenant_id` : null;
  }
  if (kind !== "SelectQueryNode" && kind !== "UpdateQueryNode" && kind !== "DeleteQueryNode") return null;
  const touched = new Set<string>();
  collectTables(node, touched);
  const owned = [...touched].filter((t) => tables.has(t));
  if (owned.length === 0 || mentionsTenant(node)) return null;
  return `query on ${owned.join(", ")} without a tenant_id condition`;
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
