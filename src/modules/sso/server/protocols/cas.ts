import { XMLParser } from "fast-xml-parser";
import { isNetworkError, SsoFailure } from "../failure.ts";
import type { CasSettings, ProviderRow } from "../repo.ts";
import type { Attributes } from "./attributes.ts";

/** CAS 3.0 client: the login redirect and service ticket validation at /p3/serviceValidate. */
const base = (p: ProviderRow) => (p.settings as CasSettings).casUrl.replace(/\/+$/, "");

export const casStart = (p: ProviderRow, service: string) => `${base(p)}/login?service=${encodeURIComponent(service)}`;

const parser = new XMLParser({ removeNSPrefix: true, ignoreAttributes: true, parseTagValue: false });

export async function casFinish(p: ProviderRow, service: string, ticket: string): Promise<Attributes> {
  const url = `${base(p)}/p3/serviceValidate?service=${encodeURIComponent(service)}&ticket=${encodeURIComponent(ticket)}`;
  let text: string;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { accept: "application/xml" } });
    if (!res.ok) throw new SsoFailure("unreachable", `serviceValidate answered HTTP ${res.status}`);
    text = await res.text();
  } catch (e) {
    if (e instanceof SsoFailure) throw e;
    throw new SsoFailure(isNetworkError(e) ? "unreachable" : "response_invalid", (e as Error).message);
  }
  let doc: Record<string, any>;
  try {
    doc = parser.parse(text);
  } catch (e) {
    throw new SsoFailure("response_invalid", (e as Error).message);
  }
  const answer = doc.serviceResponse;
  if (answer?.authenticationFailure !== undefined) throw new SsoFailure("ticket_invalid", String(answer.authenticationFailure).trim().slice(0, 300));
  const ok = answer?.authenticationSuccess;
  if (!ok?.user) throw new SsoFailure("response_invalid", "no cas:user in the answer");
  return { ...(ok.attributes ?? {}), user: String(ok.user) };
}
