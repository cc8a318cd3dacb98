import type { Actor } from "../../../../kernel/auth/actor.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { hidesIdentities, loadAssignment, requireMarker } from "../load.ts";
import { markingRows } from "../marking.ts";

/** The marking list (teachers and assistants): under anonymous marking, participant numbers only. */
export async function listSubmissions(k: Kernel, actor: Actor, courseId: string, itemId: string) {
  const l = await loadAssignment(k, actor, courseId, itemId, "view");
  requireMarker(l);
  const { rows, present } = await markingRows(k, l);
  return { anonymous: hidesIdentities(l.a), released: !!l.a.released_at, rows: rows.map(present) };
}
