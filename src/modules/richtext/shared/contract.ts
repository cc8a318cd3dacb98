import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";
import { RichTextDoc } from "../../../kernel/richtext/schema.ts";

export const previewRichText = defineContract({
  method: "POST",
  path: "/api/v1/richtext/preview",
  summary: "The HTML the server renders for a rich-text document (what readers will see), or 422 naming the path of what is refused",
  tags: ["rich text"],
  body: z.object({ doc: RichTextDoc }),
  response: z.object({ html: z.string() }),
});
