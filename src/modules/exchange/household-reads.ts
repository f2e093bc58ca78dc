import type { Db } from "../../db/client.js";
import type { AccessField } from "../../domain/access-fields.js";
import type { Kin } from "../../domain/assistant.js";
import type { CitizenPrincipal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import * as repo from "../registries/index.js";
import { logAccess } from "./access-log.js";
import { kinOf } from "./assistant-reads.js";

/** A member of the citizen's household as the death registration's choice of the deceased shows them. */
export type HouseholdRelative = {
  personalNumber: string;
  fullName: string;
  birthDate: string;
  /** Who they are to the citizen when the registries say (parents' records, the household); else null. */
  kin: Kin | null;
  /** Their relationship to the head of household, as the residence registry holds it ("bố", "vợ"…). */
  relationshipToHead: string | null;
};

/** What the choice reads of each member (and logs): the name, the birth date, the household, the parents. */
const FIELDS: readonly AccessField[] = ["fullName", "birthDate", "household", "parents"];

/**
 * The other living members of the signed-in citizen's household, for a death registration without
 * an electronic notice (a death at home, a paper notice): the citizen chooses whose death it is,
 * and the form is then filled from that person's record (`readForPrefill`'s `deceased`). Each
 * member read is written to that member's access list (purpose "prefill"). An empty list when the
 * citizen has no household or lives alone.
 */
export async function readHouseholdRelatives(
  db: Db,
  ctx: { principal: CitizenPrincipal; requestId?: string | undefined },
): Promise<HouseholdRelative[]> {
  const p = ctx.principal;
  const self = await repo.findPerson(db, p.personalNumber);
  if (!self) throw new AppError("NOT_FOUND");
  const household = self.householdId ? await repo.findHousehold(db, self.householdId) : undefined;
  if (!household) return [];
  const others = (await repo.findHouseholdMembers(db, household.memberNumbers)).filter(
    (m) => m.personalNumber !== self.personalNumber,
  );
  await logAccess(
    db,
    { principal: p, purpose: "prefill" },
    others.map((m) => ({ subject: m.personalNumber, provinceCode: m.provinceCode, fields: [...FIELDS] })),
    `household-relatives:${household.id}`,
  );
  return others.map((m) => ({
    personalNumber: m.personalNumber,
    fullName: m.fullName,
    birthDate: m.birthDate,
    kin: kinOf(self, m, household.headNumber),
    relationshipToHead: m.relationshipToHead ?? null,
  }));
}
