import { useQuery } from "@tanstack/react-query";
import { api, url } from "../../../web/api.ts";
import { myPortal } from "../shared/contract.ts";
import { ServiceIcon } from "./service-icon.tsx";
import "./portal.css";

/** The person's portal services as shortcut cards (list items), for the entry page; launches are counted like the portal's. */
export function PortalShortcuts({ max = 8 }: { max?: number }) {
  const q = useQuery({ queryKey: ["portal"], queryFn: () => api(myPortal) });
  return (q.data?.items ?? []).slice(0, max).map((s) => (
    <li key={s.id} className="card service-shortcut">
      <a href={url(s.launchPath)}>
        <ServiceIcon name={s.name} iconUrl={s.iconUrl} />
        {s.name}
      </a>
    </li>
  ));
}
