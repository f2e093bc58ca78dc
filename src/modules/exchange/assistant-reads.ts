import type { Db, Queryable } from "../../db/client.js";
import type { AfterDeath, AssistantFacts, FactName, Kin } from "../../domain/assistant.js";
import { kinOfRelation } from "../../domain/assistant-kin.js";
import { localDate } from "../../domain/calendar/index.js";
import { relationInHousehold } from "../../domain/household-kin.js";
import { AppError } from "../../kernel/errors.js";
import type { DeathElsewhere } from "../registries/index.js";
import * as repo from "../registries/index.js";
import { type AccessEntry, logAccess } from "./access-log.js";
import type { ReadContext } from "./read-rights.js";

/**
 * The registry facts the virtual assistant may use for a signed-in citizen (src/domain/assistant.ts):
 * only those `needs` names, only about the citizen and their household. `log(used)` writes the
 * facts the answer actually used to the access list of the citizen (fields = the fact names, plus
 * the persons whose data the answer names), purpose "assistant", in one statement; the caller
 * calls it once the answer is known. Only the citizen themself may ask (FORBIDDEN otherwise).
 * `registeredHere`: whether a death registration of the person was issued on this platform (the
 * dossiers' records, before the registry takes it in): such a death is registered, not waiting.
 * `afterDeath`: what was filed after a registered death (the citizen's own linked group of it, the
 * dossiers holding the event: src/modules/assistant), read with it and logged as `deathProcedures`
 * of the deceased.
 */
export async function readForAssistant(
  db: Db,
  ctx: ReadContext,
  needs: readonly FactName[],
  registeredHere?: DeathElsewhere,
  afterDeath?: (deceasedNumber: string) => Promise<AfterDeath>,
): Promise<{ facts: AssistantFacts; log: (q: Queryable, used: readonly FactName[]) => Promise<void> }> {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const self = await repo.findPerson(db, p.personalNumber);
  if (!self) throw new AppError("NOT_FOUND");
  const facts: AssistantFacts = {};
  const others = new Map<FactName, AccessEntry[]>();

  const householdNeeded =
    needs.includes("household") || needs.includes("deathNotice") || needs.includes("deathRegistered");
  const household =
    householdNeeded && self.householdId ? await repo.findHousehold(db, self.householdId) : undefined;
  const members = household ? await repo.findHouseholdMembers(db, household.memberNumbers) : [];

  if (needs.includes("birthNotice")) {
    const n = await repo.findUnregisteredBirthNotice(db, self.personalNumber);
    facts.birthNotice = n ? { birthDate: localDate(n.birthAt), facility: n.facility } : null;
  }
  if (needs.includes("household")) {
    const head = members.find((m) => m.personalNumber === household?.headNumber);
    facts.household =
      household && head
        ? {
            headName: head.fullName,
            selfIsHead: head.personalNumber === self.personalNumber,
            address: household.address,
            members: members.length,
          }
        : null;
    const read: AccessEntry[] =
      head && head.personalNumber !== self.personalNumber
        ? [
            {
              subject: head.personalNumber,
              provinceCode: head.provinceCode,
              fields: ["fullName", "household"],
            },
          ]
        : [];
    // A death at home: who each other living member is to the citizen (their parent links read).
    if (facts.household && needs.includes("deathNotice")) {
      const rest = members.filter((m) => m.personalNumber !== self.personalNumber);
      facts.household.kins = rest.map((m) => kinOf(self, m, household?.headNumber));
      for (const m of rest) {
        const known = read.find((e) => e.subject === m.personalNumber);
        if (known) known.fields = ["fullName", "household", "parents"];
        else
          read.push({
            subject: m.personalNumber,
            provinceCode: m.provinceCode,
            fields: ["household", "parents"],
          });
      }
    }
    if (read.length > 0) others.set("household", read);
  }
  // A notice the registry has not taken in whose registration was issued here is registered.
  const waiting =
    (needs.includes("deathNotice") || needs.includes("deathRegistered")) && self.householdId
      ? await repo.findUnregisteredDeathNotice(db, self.householdId)
      : undefined;
  const issuedHere = waiting && registeredHere ? await registeredHere(waiting.personNumber) : false;
  if (needs.includes("deathRegistered")) {
    const r =
      (issuedHere ? waiting : undefined) ??
      (self.householdId && !waiting ? await repo.findRegisteredDeathNotice(db, self.householdId) : undefined);
    const deceased = r ? await repo.findPerson(db, r.personNumber) : undefined;
    const after = r && deceased && afterDeath ? await afterDeath(deceased.personalNumber) : undefined;
    facts.deathRegistered =
      r && deceased
        ? {
            fullName: deceased.fullName,
            diedOn: localDate(r.diedAt),
            kin: kinOf(self, deceased, household?.headNumber),
            ...(after ? { after } : {}),
          }
        : null;
    if (r && deceased)
      others.set("deathRegistered", [
        {
          subject: deceased.personalNumber,
          provinceCode: deceased.provinceCode,
          fields: [
            "fullName",
            "household",
            "deathRegistered",
            ...(after ? (["deathProcedures"] as const) : []),
          ],
        },
      ]);
  }
  if (needs.includes("deathNotice")) {
    const n = issuedHere ? undefined : waiting;
    // The deceased is read by number: household members are only the living ones.
    const deceased = n ? await repo.findPerson(db, n.personNumber) : undefined;
    facts.deathNotice =
      n && deceased
        ? {
            fullName: deceased.fullName,
            relationship:
              deceased.personalNumber === household?.headNumber
                ? "chủ hộ"
                : self.personalNumber === household?.headNumber
                  ? deceased.relationshipToHead
                  : null,
            diedOn: localDate(n.diedAt),
            kin: kinOf(self, deceased, household?.headNumber),
          }
        : null;
    if (n && deceased) {
      others.set("deathNotice", [
        {
          subject: deceased.personalNumber,
          provinceCode: deceased.provinceCode,
          fields: ["fullName", "household", "deathNotice"],
        },
      ]);
    }
  }

  const log = (q: Queryable, used: readonly FactName[]) =>
    used.length === 0
      ? Promise.resolve()
      : logAccess(
          q,
          { principal: p, purpose: "assistant" },
          [
            {
              subject: self.personalNumber,
              provinceCode: self.provinceCode,
              fields: used,
            },
            ...used.flatMap((f) => others.get(f) ?? []),
          ],
          `assistant:${self.personalNumber}`,
        );
  return { facts, log };
}

type KinPerson = {
  personalNumber: string;
  fatherNumber: string | null;
  motherNumber: string | null;
  relationshipToHead: string | null;
  sex: "M" | "F";
};
/**
 * Who the deceased is to the citizen, from the population registry's parent links and else the
 * household's relations to its head (src/domain/household-kin.ts: the head's father is his wife's
 * "bố chồng"); null when neither says.
 */
export function kinOf(self: KinPerson, deceased: KinPerson, headNumber: string | undefined): Kin | null {
  if (self.fatherNumber === deceased.personalNumber) return "father";
  if (self.motherNumber === deceased.personalNumber) return "mother";
  if (deceased.fatherNumber === self.personalNumber || deceased.motherNumber === self.personalNumber)
    return "child";
  const toHead = (p: KinPerson) => (p.personalNumber === headNumber ? "chủ hộ" : p.relationshipToHead);
  const rel = relationInHousehold(toHead(self), toHead(deceased));
  return rel ? kinOfRelation(rel, self.sex, deceased.sex) : null;
}
