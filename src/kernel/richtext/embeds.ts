/**
 * Embeds allowed in rich text: a short explicit list of video and maths providers, each given by
 * the exact shape of its player address. Pure (no Node API): shared by the server and the web client.
 */
export type EmbedProvider = { name: string; origin: string; pattern: RegExp };

const PEERTUBE_HOSTS = ["tube-numerique-educatif.apps.education.fr", "framatube.org"] as const;

export const EMBED_PROVIDERS: readonly EmbedProvider[] = [
  {
    name: "youtube",
    origin: "https://www.youtube-nocookie.com",
    pattern: /^https:\/\/www\.youtube-nocookie\.com\/embed\/[A-Za-z0-9_-]{11}(\?start=\d{1,6})?$/,
  },
  { name: "vimeo", origin: "https://player.vimeo.com", pattern: /^https:\/\/player\.vimeo\.com\/video\/\d{1,12}(\?h=[0-9a-f]{6,20})?$/ },
  ...PEERTUBE_HOSTS.map((host) => ({
    name: "peertube",
    origin: `https://${host}`,
    pattern: new RegExp(`^https://${host.replaceAll(".", "\\.")}/videos/embed/[A-Za-z0-9-]{8,36}$`),
  })),
  { name: "geogebra", origin: "https://www.geogebra.org", pattern: /^https:\/\/www\.geogebra\.org\/material\/iframe\/id\/[A-Za-z0-9]{1,20}$/ },
];

/** Origins to allow in the Content-Security-Policy `frame-src` directive. */
export const EMBED_ORIGINS = [...new Set(EMBED_PROVIDERS.map((p) => p.origin))];

/** The provider of an embed address, or undefined when it is not on the list. */
export const embedProvider = (src: string) => EMBED_PROVIDERS.find((p) => p.pattern.test(src));

/**
 * Turns an address a person pastes (a YouTube watch page, a youtu.be link, a Vimeo page, a
 * PeerTube watch page, a GeoGebra material) into the provider's player address, or undefined.
 */
export function toEmbedSrc(input: string): string | undefined {
  const raw = input.trim();
  if (embedProvider(raw)) return raw;
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return undefined;
  }
  if (u.protocol !== "https:" && u.protocol !== "http:") return undefined;
  const host = u.hostname.replace(/^(www|m)\./, "");
  const start = Number.parseInt(u.searchParams.get("t") ?? u.searchParams.get("start") ?? "", 10);
  const startQ = Number.isFinite(start) && start > 0 ? `?start=${start}` : "";
  let out: string | undefined;
  if (host === "youtube.com" || host === "youtube-nocookie.com") {
    const id = u.pathname === "/watch" ? u.searchParams.get("v") : /^\/(embed|shorts|live)\/([^/]+)/.exec(u.pathname)?.[2];
    if (id) out = `https://www.youtube-nocookie.com/embed/${id}${startQ}`;
  } else if (host === "youtu.be") {
    out = `https://www.youtube-nocookie.com/embed/${u.pathname.slice(1)}${startQ}`;
  } else if (host === "vimeo.com" || host === "player.vimeo.com") {
    const m = /^\/(?:video\/)?(\d+)(?:\/([0-9a-f]+))?/.exec(u.pathname);
    if (m) out = `https://player.vimeo.com/video/${m[1]}${m[2] ? `?h=${m[2]}` : u.searchParams.get("h") ? `?h=${u.searchParams.get("h")}` : ""}`;
  } else if ((PEERTUBE_HOSTS as readonly string[]).includes(u.hostname)) {
    const m = /^\/(?:w|videos\/watch|videos\/embed)\/([A-Za-z0-9-]+)/.exec(u.pathname);
    if (m) out = `https://${u.hostname}/videos/embed/${m[1]}`;
  } else if (host === "geogebra.org") {
    const m = /^\/(?:m|material\/show\/id|material\/iframe\/id)\/([A-Za-z0-9]+)/.exec(u.pathname);
    if (m) out = `https://www.geogebra.org/material/iframe/id/${m[1]}`;
  }
  return out && embedProvider(out) ? out : undefined;
}
