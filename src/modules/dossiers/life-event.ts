import type { Queryable } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import type { FormValues } from "../../domain/form.js";
import { LIFE_EVENT_RELEASED, lifeEventKey, lifeEventKind } from "../../domain/life-event.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { DossierErrors } from "./errors.js";
import type { DossierRow } from "./repository.js";

/**
 * The dossier side of "one life event, one registration" (rule and keys in
 * src/domain/life-event.ts; database guarantee: the partial unique index of migration 060).
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
  return claim;
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
