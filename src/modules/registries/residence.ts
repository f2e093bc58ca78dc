import type { Queryable } from "../../db/client.js";
import { localDate } from "../../domain/calendar/index.js";
import { chooseHouseholdHead, type HeadChoice } from "../../domain/household-head.js";
import type { PayloadOf } from "../../domain/messages.js";
import { type Provenance, provenanceOf } from "./writeback.js";

/** The relationship the registry records for a head of household. */
export const HEAD_RELATIONSHIP = "chủ hộ";

export type ResidenceApplied = {
  applied: boolean;
  /** When the subject headed the household they left: who heads it now, and why. */
  newHead?: HeadChoice & { householdId: string };
};

/** Whether this message was applied to this person already (the registry's own idempotency). */
async function appliedBefore(q: Queryable, personalNumber: string, messageId: string): Promise<boolean> {
  const { rows } = await q.query(
    "select 1 from residence_records where personal_number = $1 and message_id = $2",
    [personalNumber, messageId],
  );
  return rows.length > 0;
}

async function lockPerson(
  q: Queryable,
  personalNumber: string,
): Promise<{ householdId: string | null; temporaryCommune: string | null }> {
  const { rows } = await q.query<{ householdId: string | null; temporaryCommune: string | null }>(
    `select household_id as "householdId", temporary_commune_code as "temporaryCommune"
     from persons where personal_number = $1 for update`,
    [personalNumber],
  );
  const p = rows[0];
  if (!p) throw new Error(`unknown person ${personalNumber}`);
  return p;
}

/**
 * Removes `personalNumber` from household `householdId`'s member list; when they headed it, a new
 * head is chosen among the members left by `chooseHouseholdHead` (src/domain/household-head.ts,
 * Luật Cư trú 2020 Điều 10) as of `asOf`, recorded with the instant and the basis, and the new
 * head's relationship becomes "chủ hộ". Returns the choice, or undefined when they did not head it.
 */
async function leaveHousehold(
  q: Queryable,
  householdId: string,
  personalNumber: string,
  at: Date,
): Promise<(HeadChoice & { householdId: string }) | undefined> {
  const { rows } = await q.query<{ head: string; members: string[] }>(
    `update households set member_numbers = array_remove(member_numbers, $2::bpchar)
     where id = $1 returning head_number as head, member_numbers as members`,
    [householdId, personalNumber],
  );
  const h = rows[0];
  if (!h || h.head !== personalNumber) return undefined;
  const members = await q.query<{ personalNumber: string; birthDate: string; deceasedOn: string | null }>(
    `select personal_number as "personalNumber", birth_date::text as "birthDate", deceased_on::text as "deceasedOn"
     from persons where personal_number = any($1::char(12)[])`,
    [h.members],
  );
  const choice = chooseHouseholdHead(members.rows, localDate(at), personalNumber);
  await q.query(
    `update households set head_number = coalesce($2, head_number), head_since = $3, head_basis = $4
     where id = $1`,
    [householdId, choice.head, at, choice.basis],
  );
  if (choice.head)
    await q.query(
      "update persons set relationship_to_head = $2, updated_at = $3 where personal_number = $1",
      [choice.head, HEAD_RELATIONSHIP, at],
    );
  return { ...choice, householdId };
}

async function record(
  q: Queryable,
  r: {
    personalNumber: string;
    kind: "permanent" | "temporary";
    event: "registered" | "ended";
    communeCode: string;
    address?: string | null;
    householdId?: string | null;
    relationshipToHead?: string | null;
    until?: string | null;
    endedOn?: string | null;
    reason?: string | null;
  },
  prov: Provenance,
): Promise<void> {
  await q.query(
    `insert into residence_records (personal_number, kind, event, commune_code, address, household_id,
       relationship_to_head, until, ended_on, reason, message_id, dossier_code, result_number, applied_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
    [
      r.personalNumber,
      r.kind,
      r.event,
      r.communeCode,
      r.address ?? null,
      r.householdId ?? null,
      r.relationshipToHead ?? null,
      r.until ?? null,
      r.endedOn ?? null,
      r.reason ?? null,
      prov.messageId,
      prov.dossierCode,
      prov.resultNumber ?? null,
      prov.at,
    ],
  );
}

/**
 * Applies `residence.registered@2` or `@3` inside `q`'s transaction (the delivery inbox row's):
 * - permanent: the person's permanent residence becomes the commune and address; joining a
 *   household (`householdId`) puts them on its member list with their relationship to the head,
 *   and takes them off the household they leave (which gets a new head by rule when they headed it);
 *   with `newHousehold` (@3, another lawful residence of their own, Luật Cư trú 2020 Điều 20 khoản 1)
 *   the household is first opened at that address with them as its head (basis "registered");
 * - temporary: the person's temporary residence becomes the commune and address (until `until`).
 * Each change is filed in `residence_records` with provenance (dossier, result, message, as of
 * when). Idempotent: a message already applied to the person changes nothing. Throws Error for an
 * unknown person or household (retried, then dead). Legal source: Luật Cư trú 2020 Điều 22 (thường
 * trú), Điều 28 (tạm trú), Điều 10 (chủ hộ).
 */
export async function applyResidenceRegistered(
  q: Queryable,
  p: PayloadOf<"residence.registered@2"> | PayloadOf<"residence.registered@3">,
  prov: Provenance,
): Promise<ResidenceApplied> {
  if (await appliedBefore(q, p.personalNumber, prov.messageId)) return { applied: false };
  const person = await lockPerson(q, p.personalNumber);
  let newHead: ResidenceApplied["newHead"];
  if (p.kind === "temporary") {
    await q.query(
      `update persons set temporary_commune_code = $2, temporary_address = $3, updated_at = $4
       where personal_number = $1`,
      [p.personalNumber, p.communeCode, p.address, prov.at],
    );
  } else {
    if (p.householdId && "newHousehold" in p && p.newHousehold)
      await q.query(
        `insert into households (id, province_code, commune_code, address, head_number, member_numbers,
           created_at, head_since, head_basis)
         select $1, c.province_code, c.code, $3, $4, '{}', $5, $5, 'registered' from communes c where c.code = $2
         on conflict (id) do nothing`,
        [p.householdId, p.communeCode, p.address, p.personalNumber, prov.at],
      );
    if (p.householdId) {
      const joined = await q.query(
        `update households set member_numbers = case when $2::bpchar = any(member_numbers) then member_numbers
           else member_numbers || $2::bpchar end
         where id = $1 returning id`,
        [p.householdId, p.personalNumber],
      );
      if (joined.rows.length === 0) throw new Error(`unknown household ${p.householdId}`);
    }
    if (person.householdId && person.householdId !== p.householdId)
      newHead = await leaveHousehold(q, person.householdId, p.personalNumber, prov.at);
    await q.query(
      `update persons set permanent_commune_code = $2, permanent_address = $3, household_id = $4,
         relationship_to_head = $5, updated_at = $6
       where personal_number = $1`,
      [p.personalNumber, p.communeCode, p.address, p.householdId, p.relationshipToHead, prov.at],
    );
  }
  await record(q, { ...p, event: "registered" }, prov);
  return { applied: true, ...(newHead ? { newHead } : {}) };
}

/**
 * Applies `residence.ended@1`: a permanent residence ended takes the person off their household
 * (a new head chosen by rule when they headed it; their last address stays on record, as the
 * registry keeps it); a temporary one clears the temporary residence in that commune. Filed in
 * `residence_records` with provenance. Idempotent. Legal source: Luật Cư trú 2020 Điều 24 (xóa
 * đăng ký thường trú) and Điều 29 (xóa đăng ký tạm trú).
 */
export async function applyResidenceEnded(
  q: Queryable,
  p: PayloadOf<"residence.ended@1">,
  prov: Provenance,
): Promise<ResidenceApplied> {
  if (await appliedBefore(q, p.personalNumber, prov.messageId)) return { applied: false };
  const person = await lockPerson(q, p.personalNumber);
  let newHead: ResidenceApplied["newHead"];
  if (p.kind === "permanent") {
    if (person.householdId) newHead = await leaveHousehold(q, person.householdId, p.personalNumber, prov.at);
    await q.query(
      `update persons set household_id = null, relationship_to_head = null, updated_at = $2
       where personal_number = $1`,
      [p.personalNumber, prov.at],
    );
  } else if (person.temporaryCommune === p.communeCode) {
    await q.query(
      `update persons set temporary_commune_code = null, temporary_address = null, updated_at = $2
       where personal_number = $1`,
      [p.personalNumber, prov.at],
    );
  }
  await record(
    q,
    {
      personalNumber: p.personalNumber,
      kind: p.kind,
      event: "ended",
      communeCode: p.communeCode,
      householdId: person.householdId,
      endedOn: p.endedOn,
      reason: p.reason,
    },
    prov,
  );
  return { applied: true, ...(newHead ? { newHead } : {}) };
}

/** Where a person's household is: its id, commune and address (undefined without one). */
export async function findHouseholdOf(
  q: Queryable,
  personalNumber: string,
): Promise<{ id: string; communeCode: string; address: string } | undefined> {
  const p = await q.query<{ householdId: string | null }>(
    `select household_id as "householdId" from persons where personal_number = $1`,
    [personalNumber],
  );
  const id = p.rows[0]?.householdId;
  if (!id) return undefined;
  const { rows } = await q.query<{ id: string; communeCode: string; address: string }>(
    `select id, commune_code as "communeCode", address from households where id = $1`,
    [id],
  );
  return rows[0];
}

/**
 * Applies `health_insurance.card_issued@2`: the card is filed in the insurance registry under the
 * person (their province), with provenance. Idempotent: the same card number is filed once. Throws
 * Error for an unknown person. Legal source: Luật Bảo hiểm y tế 2008 (sửa đổi 2024), Điều 16-17.
 */
export async function applyCardIssued(
  q: Queryable,
  p: PayloadOf<"health_insurance.card_issued@2">,
  prov: Provenance,
): Promise<{ applied: boolean }> {
  const person = await q.query<{ province: string }>(
    "select province_code as province from persons where personal_number = $1",
    [p.personalNumber],
  );
  const province = person.rows[0]?.province;
  if (!province) throw new Error(`unknown person ${p.personalNumber}`);
  const { rows } = await q.query(
    `insert into health_insurance_cards (personal_number, card_number, province_code, beneficiary_group,
       benefit_level, primary_facility, valid_from, valid_to, provenance)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     on conflict (personal_number, card_number) do nothing
     returning card_number`,
    [
      p.personalNumber,
      p.cardNumber,
      province,
      p.beneficiaryGroup,
      p.benefitLevel,
      p.primaryFacility,
      p.validFrom,
      p.validTo,
      JSON.stringify(provenanceOf(prov)),
    ],
  );
  return { applied: rows.length > 0 };
}
