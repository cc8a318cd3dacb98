import { z } from "zod";
import { defineContract } from "../../../kernel/contract.ts";

export const recordPageView = defineContract({
  method: "POST",
  path: "/api/v1/events/page-view",
  summary: "Record that the person viewed a page of the web client (usage indicators)",
  tags: ["activity"],
  auth: false,
  body: z.object({ path: z.string().min(1).max(500).regex(/^\//) }),
  response: z.object({ ok: z.literal(true) }),
});
