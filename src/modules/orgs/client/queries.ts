import { queryOptions, useQuery } from "@tanstack/react-query";
import { api } from "../../../web/api.ts";
import { listOrgs } from "../shared/contract.ts";

export const orgsQuery = (archived = false) =>
  queryOptions({ queryKey: ["orgs", archived], queryFn: () => api(listOrgs, { query: { archived: archived ? "true" : "false" } }).then((r) => r.items) });

/** Nodes the person manages, as indented select options. */
export function useManagedOrgOptions() {
  const q = useQuery(orgsQuery(false));
  return (q.data ?? []).filter((o) => o.canManage).map((o) => ({ id: o.id, label: o.name, depth: o.depth }));
}
