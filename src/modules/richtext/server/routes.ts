import type { FastifyInstance } from "fastify";
import { route } from "../../../kernel/http/route.ts";
import * as c from "../shared/contract.ts";
import { previewRichText } from "./use-cases/preview-rich-text.ts";

export function richTextRoutes(app: FastifyInstance) {
  route(app, c.previewRichText, async ({ actor, body, locale }) => previewRichText(actor, body.doc, locale));
}
