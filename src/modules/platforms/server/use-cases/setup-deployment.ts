import { timingSafeEqual } from "node:crypto";
import { AppError } from "../../../../kernel/errors.ts";
import type { Kernel } from "../../../../kernel/module.ts";
import { addOperator, countTenants } from "../repo.ts";
import { createPlatformRecords, type NewPlatform } from "./create-platform.ts";

const same = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/**
 * First run: whoever holds the setup code printed in the server's log creates the first platform
 * and becomes its admin and the deployment admin. There is no default password; once a platform
 * exists, setup is closed for good.
 */
export async function setupDeployment(k: Kernel, setupCode: string | null, input: Omit<NewPlatform, "hostnames"> & { setupCode: string }, hostnames: string[]) {
  if ((await countTenants(k.db)) > 0) throw new AppError("setup_done");
  if (!setupCode || !same(input.setupCode.toUpperCase(), setupCode)) throw new AppError("validation", {}, { setupCode: { code: "platforms.setup_code_wrong" } });
  const { tenantId, adminId } = await createPlatformRecords(k, { ...input, hostnames });
  await addOperator(k.db, tenantId, adminId);
  await k.actors.changed(tenantId, adminId);
  k.record({ tenantId, actorId: adminId, verb: "set-up", objectType: "deployment", objectId: tenantId });
  return { slug: input.slug };
}
