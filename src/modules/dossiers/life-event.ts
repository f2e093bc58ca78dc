import type { Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import type { FormValues } from "../../domain/form.js";
import {
  LIFE_EVENT_RELEASED,
  lifeEventKey,
  lifeEventKind,
  marriagePartyNumbers,
} from "../../domain/life-event.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { DossierErrors } from "./errors.js";
import type { DossierRow } from "./repository.js";

/**
 * The dossier side of "one life event, one registration" (rule and keys in
 * src/domain/life-event.ts; database guarantee: the partial unique index of migration 060) and of
 * "one marriage at a time" (`marriage_parties`, migration 091).
 */
const INDEX = "dossiers_life_event_key";

export type LifeEventClaim = {
  key: string;
  procedureCode: string;
  dossierId: string;
  nameVi: string;
  nameEn: string;
};

/**
 * The code of the open or finished dossier of this procedure holding the key, other than `exceptId`.
 * National by nature (an event is registered once in the country): the one query of a submission
 * that names no province, run only when the dossier registers a life event; the database's unique
 * index guarantees it within a province (migration 090, docs/scaling.md).
 */
async function holderOf(q: Queryable, claim: LifeEventClaim): Promise<string | undefined> {
  const holder = await first(
    q,
    qb
      .selectFrom("dossiers")
      .select("code")
      .where("procedure_code", "=", claim.procedureCode)
      .where("life_event_key", "=", claim.key)
      .where("id", "<>", claim.dossierId)
      .where("status", "not in", [...LIFE_EVENT_RELEASED])
      .orderBy("submitted_at")
      .limit(1),
  );
  return holder?.code ?? undefined;
}

/** 409 DUPLICATE_LIFE_EVENT; its message and details name the first dossier's code. */
function duplicate(claim: LifeEventClaim, code: string): AppError {
  const kind = lifeEventKind(claim.key);
  const who =
    kind === "birth"
      ? { vi: "Trẻ này", en: "This child" }
      : kind === "death"
        ? { vi: "Người đã mất này", en: "The deceased" }
        : { vi: "Hai người này", en: "These two people" };
  const vi = `${who.vi} đã có hồ sơ ${claim.nameVi} số ${code} (đang giải quyết hoặc đã có kết quả). Mỗi sự kiện chỉ được đăng ký một lần; muốn nộp lại, hồ sơ đó phải được rút trước.`;
  const en = `${who.en} already ${kind === "marriage" ? "have" : "has"} a dossier "${claim.nameEn}", ${code} (in progress or finished). An event is registered once; to file again, that dossier must be withdrawn first.`;
  return new AppError(DossierErrors.DUPLICATE_LIFE_EVENT, [
    { field: "duplicateOf", messageVi: vi, messageEn: en },
  ]);
}

/**
 * Inside the submit transaction: derives the dossier's life-event key, refuses it when another
 * open or finished dossier of the procedure holds it (DUPLICATE_LIFE_EVENT, 409), and records it
 * on the dossier. Returns the claim (undefined when the dossier registers no life event) so that
 * a concurrent loser can be told who won (`asDuplicateLifeEvent`).
 */
export async function claimLifeEvent(
  q: Queryable,
  d: Pick<DossierRow, "id" | "provinceCode" | "procedureCode" | "components">,
  def: ProcedureDefinition,
  form: FormValues,
): Promise<LifeEventClaim | undefined> {
  const key = lifeEventKey(def, form, d.components);
  if (!key) return undefined;
  const claim = {
    key,
    procedureCode: d.procedureCode,
    dossierId: d.id,
    nameVi: def.nameVi,
    nameEn: def.nameEn,
  };
  const first = await holderOf(q, claim);
  if (first) throw duplicate(claim, first);
  await run(
    q,
    qb
      .updateTable("dossiers")
      .set({ life_event_key: key })
      .where("province_code", "=", d.provinceCode)
      .where("id", "=", d.id),
  );
  for (const party of marriagePartyNumbers(def, form)) await claimMarriageParty(q, d, claim, party);
  return claim;
}

const RELEASED: readonly string[] = LIFE_EVENT_RELEASED;

/**
 * One marriage at a time (Law 52/2014/QH13 on Marriage and Family, Art. 5(2)(c): no marrying
 * while married). Inside the submit transaction, for one party known by personal number: the
 * registration `marriage_parties` files the person under, if any, must be this one or be
 * released (withdrawn, rejected, refused); an open or finished one refuses the submit, with 409
 * DUPLICATE_LIFE_EVENT when it registers the same couple, else 409 ALREADY_MARRIED naming its code.
 * Then the person is filed under this dossier. Both reads are routed by their distribution key
 * (the person's number, then the holding dossier's province and id); the person's row, locked or
 * inserted, makes two submits at once for one person queue behind each other (parties are claimed
 * in the order of their numbers, so two couples sharing a person cannot deadlock).
 */
async function claimMarriageParty(
  q: Queryable,
  d: Pick<DossierRow, "id" | "provinceCode">,
  claim: LifeEventClaim,
  party: { prefix: string; number: string },
): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    const held = await first(
      q,
      qb
        .selectFrom("marriage_parties")
        .select(["province_code as provinceCode", "dossier_id as dossierId"])
        .where("personal_number", "=", party.number)
        .forUpdate(),
    );
    if (!held) {
      // A concurrent submit that filed the person first makes this insert wait, then do nothing:
      // read its row again.
      const inserted = await run(
        q,
        qb
          .insertInto("marriage_parties")
          .values({ personal_number: party.number, province_code: d.provinceCode, dossier_id: d.id })
          .onConflict((oc) => oc.column("personal_number").doNothing()),
      );
      if ((inserted.rowCount ?? 0) > 0) return;
      continue;
    }
    if (held.provinceCode === d.provinceCode && held.dossierId === d.id) return;
    const h = await first(
      q,
      qb
        .selectFrom("dossiers")
        .select(["code", "status", "life_event_key as key"])
        .where("province_code", "=", held.provinceCode)
        .where("id", "=", held.dossierId),
    );
    if (h && !RELEASED.includes(h.status)) {
      throw h.key === claim.key ? duplicate(claim, h.code ?? "") : alreadyMarried(party.prefix, h.code ?? "");
    }
    await run(
      q,
      qb
        .updateTable("marriage_parties")
        .set({ province_code: d.provinceCode, dossier_id: d.id })
        .where("personal_number", "=", party.number),
    );
    return;
  }
  throw new Error(`marriage_parties: no row for a party after a conflicting insert`);
}

/** 409 ALREADY_MARRIED on the party's personal number field, naming the other registration's code. */
function alreadyMarried(prefix: string, code: string): AppError {
  const you = prefix === "applicant";
  const vi = `${you ? "Bạn" : "Người kia"} đang có hồ sơ đăng ký kết hôn số ${code} (đang giải quyết hoặc đã có kết quả). Người đang có vợ, có chồng không được kết hôn với người khác (Luật Hôn nhân và gia đình số 52/2014/QH13, Điều 5 khoản 2 điểm c); muốn nộp hồ sơ này, hồ sơ kia phải được rút trước.`;
  const en = `${you ? "You are" : "The other party is"} in another marriage registration, ${code} (in progress or finished). A married person may not marry someone else (Law 52/2014/QH13 on Marriage and Family, Art. 5(2)(c)); to file this one, that dossier must be withdrawn first.`;
  return new AppError(DossierErrors.ALREADY_MARRIED, [
    { field: `form.${prefix}.personalNumber`, messageVi: vi, messageEn: en },
  ]);
}

/**
 * Two submits at once for one event: the loser's transaction fails on the unique index when the
 * winner commits. Maps that failure to the same 409 as the check above; any other error is returned.
 */
export async function asDuplicateLifeEvent(
  q: Queryable,
  err: unknown,
  claim: LifeEventClaim | undefined,
): Promise<unknown> {
  const e = err as { code?: unknown; constraint?: unknown };
  if (!claim || e?.code !== "23505" || e.constraint !== INDEX) return err;
  const first = await holderOf(q, claim);
  return first ? duplicate(claim, first) : err;
}
