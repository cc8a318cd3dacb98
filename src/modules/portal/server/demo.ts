import type { Profile } from "../../../kernel/db/schema.ts";
import { newId } from "../../../kernel/ids.ts";
import type { Kernel } from "../../../kernel/module.ts";
import { upsertSetting } from "./repo.ts";

const EVERYONE: Profile[] = ["learner", "teacher", "parent", "staff", "admin"];
const SCHOOL: Profile[] = ["learner", "teacher", "staff", "admin"];

/** A collège's portal: a few public services its node offers (links only: no sign-on client is registered in the demo). */
const SERVICES = [
  { name: "Lumni", description: "Vidéos et jeux éducatifs de l’audiovisuel public, du CP au lycée.", url: "https://www.lumni.fr", profiles: EVERYONE },
  { name: "Wikipédia", description: "L’encyclopédie libre, pour les exposés.", url: "https://fr.wikipedia.org", profiles: EVERYONE },
  { name: "Vikidia", description: "L’encyclopédie des 8-13 ans.", url: "https://fr.vikidia.org", profiles: SCHOOL },
  { name: "GeoGebra", description: "Géométrie dynamique et calcul formel en ligne.", url: "https://www.geogebra.org/classic", profiles: SCHOOL },
  { name: "Éduscol", description: "Programmes et ressources pour les enseignants.", url: "https://eduscol.education.fr", profiles: ["teacher", "staff", "admin"] as Profile[] },
];

export async function loadPortalDemo(k: Kernel, opts: { tenantId: string; orgId: string }) {
  for (const s of SERVICES) {
    const id = newId();
    await k.db
      .insertInto("portal_services")
      .values({ tenant_id: opts.tenantId, id, catalog_id: null, org_id: opts.orgId, name: s.name, description: s.description, icon_url: null, url: s.url, sign_on: "none" })
      .execute();
    await upsertSetting(k.db, opts.tenantId, { org_id: opts.orgId, service_id: id, enabled: true, profiles: s.profiles });
  }
}
