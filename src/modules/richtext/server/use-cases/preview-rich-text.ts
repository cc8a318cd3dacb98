import { authorize, type UserActor } from "../../../../kernel/auth/actor.ts";
import type { Locale } from "../../../../kernel/i18n.ts";
import { type RichTextDocument, renderRichText } from "../../../../kernel/richtext/index.ts";

/** The HTML readers would see. Any signed-in person may preview their own writing: nothing is read or stored. */
export async function previewRichText(actor: UserActor, doc: RichTextDocument, locale: Locale) {
  authorize(actor, "account.self", { userId: actor.userId });
  return { html: renderRichText(doc, locale) };
}
