import { type Locale, t } from "../../../kernel/i18n.ts";

export const esc = (s: unknown) => String(s ?? "").replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The few pages the identity provider shows itself (sign-out confirmation, errors): plain HTML
 * in the person's language, legible on a phone, light and dark.
 */
export function page(locale: Locale, title: string, body: string) {
  return `<!DOCTYPE html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
:root{color-scheme:light dark;font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
body{margin:0;background:Canvas;color:CanvasText}
main{max-width:28rem;margin:12vh auto;padding:1.5rem;border:1px solid #8884;border-radius:.75rem}
@media (max-width:30rem){main{margin:1.5rem .75rem}}
h1{font-size:1.4rem;margin:0 0 1rem}
p{line-height:1.5}
.actions{display:flex;flex-wrap:wrap;gap:.75rem;margin-top:1.5rem}
button,a.button{font:inherit;padding:.6rem 1.1rem;border-radius:.5rem;border:1px solid #1d4ed8;cursor:pointer;text-decoration:none}
.primary{background:#1d4ed8;color:#fff}
.secondary{background:transparent;color:inherit}
</style>
</head>
<body><main>
<h1>${esc(title)}</h1>
${body}
</main></body>
</html>`;
}

export function logoutPage(locale: Locale, platform: string, service: string | undefined, form: string) {
  return page(
    locale,
    t(locale, "ui.idp.logout.title", { platform }),
    `<p>${esc(service ? t(locale, "ui.idp.logout.fromService", { service, platform }) : t(locale, "ui.idp.logout.intro", { platform }))}</p>
${form}
<div class="actions">
<button class="primary" autofocus type="submit" form="op.logoutForm" value="yes" name="logout">${esc(t(locale, "ui.idp.logout.confirm"))}</button>
<button class="secondary" type="submit" form="op.logoutForm">${esc(t(locale, "ui.idp.logout.stay"))}</button>
</div>`,
  );
}

/**
 * After sign-out: each service with a front-channel logout address is loaded in a hidden frame,
 * then the browser moves on once they have loaded (3 s at most; not a timed refresh, which
 * WCAG 2.2.1 counts as a time limit), or when the person follows the link.
 */
export function frontchannelPage(locale: Locale, platform: string, frames: string[], next: string) {
  const to = JSON.stringify(next).replace(/</g, "\\u003c");
  return page(
    locale,
    t(locale, "ui.idp.logout.doneTitle"),
    `<p>${esc(t(locale, "ui.idp.logout.services", { platform }))}</p>
${frames.map((f) => `<iframe src="${esc(f)}" title="${esc(t(locale, "ui.idp.logout.frame"))}" hidden></iframe>`).join("\n")}
<div class="actions"><a class="button primary" id="continue" href="${esc(next)}">${esc(t(locale, "ui.idp.logout.continue"))}</a></div>
<script>(() => {
  const go = () => location.replace(${to});
  const frames = document.querySelectorAll("iframe");
  let left = frames.length;
  for (const f of frames) f.addEventListener("load", () => { if (--left === 0) setTimeout(go, 300); });
  setTimeout(go, left ? 3000 : 0);
})();</script>`,
  );
}

export function messagePage(locale: Locale, titleId: string, textId: string, values: Record<string, unknown> = {}, detail?: string) {
  return page(locale, t(locale, titleId, values), `<p>${esc(t(locale, textId, values))}</p>${detail ? `<p><small>${esc(detail)}</small></p>` : ""}`);
}
