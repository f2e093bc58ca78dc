import { type Audience, marriageHeld } from "../../domain/eligibility.js";
import { lifeEventKind, registersLifeEvent } from "../../domain/life-event.js";
import { RESULT_STATUSES, type Status } from "../../domain/lifecycle.js";
import type { Principal } from "../../domain/principal.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { dossierReadRight } from "../exchange/index.js";
import { DossierErrors } from "./errors.js";

/**
 * The refusals of "one life event, one registration" and "one marriage at a time"
 * (life-event.ts): what they say and which dossier they name, to whom.
 */

export type LifeEventClaim = {
  key: string;
  procedureCode: string;
  dossierId: string;
  nameVi: string;
  nameEn: string;
  /** Who submits: the first dossier is linked only when they may open it (`dossierReadRight`). */
  viewer?: Principal | undefined;
  /**
   * A procedure that follows the event rather than registering it (`registersLifeEvent` false: an
   * allowance, the residence deregistration): its result kind (`ProcedureDefinition.result.kind`),
   * for the refusal's words. Absent: a registration of the event.
   */
  follows?: string | undefined;
};

/** What a claim tells of its procedure: its names, and `follows` (its result kind when it follows the event). */
export const claimNames = (def: Pick<ProcedureDefinition, "nameVi" | "nameEn" | "result">) => ({
  nameVi: def.nameVi,
  nameEn: def.nameEn,
  follows: registersLifeEvent(def) ? undefined : def.result.kind,
});

/** A procedure's result that is an allowance decided and paid (the funeral allowance, the survivor benefit). */
const ALLOWANCE_RESULT = "allowance_decision";

/** The first dossier holding an event: its code, and what deciding who may open it needs. */
export type Holder = {
  code: string;
  id: string;
  status: string;
  applicantNumber: string;
  createdByKind: string;
  createdBy: string;
  communeCode: string | null;
  provinceCode: string;
  agencyCode: string;
};

export const HOLDER_COLUMNS = [
  "code",
  "id",
  "status",
  "applicant_number as applicantNumber",
  "created_by_kind as createdByKind",
  "created_by as createdBy",
  "commune_code as communeCode",
  "province_code as provinceCode",
  "agency_code as agencyCode",
] as const;

export const asHolder = (r: Omit<Holder, "code"> & { code: string | null }): Holder => ({
  ...r,
  code: r.code ?? "",
});

/**
 * The other dossier as a conflict names it (FieldIssue.dossier): its code; its id, for a link,
 * only when the viewer may open it; `open` while it is being handled (no result issued yet).
 */
export function conflictDossier(viewer: Principal | undefined, h: Holder): ConflictDossier {
  const open = !RESULT_STATUSES.has(h.status as Status);
  return viewer && dossierReadRight(viewer, h).ok ? { code: h.code, id: h.id, open } : { code: h.code, open };
}

/** A dossier a refusal names: its code, its id when the caller may open it, whether it is open. */
export type ConflictDossier = { code: string; id?: string; open: boolean };

/**
 * 409 DUPLICATE_LIFE_EVENT naming the first registration: a dossier (`isDossier`; its code, a
 * link when the submitter may open it, `conflictDossier`) or, registered elsewhere, the register's
 * number. The wording follows where the first one stands: still being handled, its decision is
 * awaited or its filer withdraws it; finished, the event is already registered and its extract is
 * downloaded from it. Never "try again": a second filing cannot succeed.
 */
export function duplicate(claim: LifeEventClaim, first: ConflictDossier, isDossier = true): AppError {
  const kind = lifeEventKind(claim.key);
  const who =
    kind === "birth"
      ? { vi: "Trẻ này", en: "This child" }
      : kind === "death"
        ? { vi: "Người đã mất này", en: "The deceased" }
        : { vi: "Hai người này", en: "These two people" };
  const has = kind === "marriage" ? "have" : "has";
  const code = first.code;
  const where = isDossier
    ? { vi: `hồ sơ ${claim.nameVi} số ${code}`, en: `the dossier "${claim.nameEn}", ${code}` }
    : { vi: `số đăng ký ${code} trong Sổ hộ tịch`, en: `the civil-status register entry ${code}` };
  if (claim.follows !== undefined) return followingDuplicate(claim, first, who);
  const vi = first.open
    ? `${who.vi} đã có hồ sơ ${claim.nameVi} số ${code}, đang được giải quyết. Mỗi sự kiện chỉ được đăng ký một lần: hãy chờ kết quả của hồ sơ đó; nếu muốn nộp hồ sơ này thay cho hồ sơ đó, người đã nộp hồ sơ đó rút hồ sơ trước.`
    : `${who.vi} đã được đăng ký theo ${where.vi} (đã có kết quả). Mỗi sự kiện chỉ được đăng ký một lần; không cần nộp lại: ${isDossier ? "tải bản điện tử (trích lục) từ hồ sơ đó" : "xin trích lục tại cơ quan đăng ký hộ tịch"}.`;
  const en = first.open
    ? `${who.en} already ${has} a dossier "${claim.nameEn}", ${code}, being handled. An event is registered once: wait for that dossier's decision; to file this one instead, its filer withdraws that dossier first.`
    : `${who.en} ${kind === "marriage" ? "are" : "is"} already registered by ${where.en} (finished). An event is registered once; there is nothing to file again: ${isDossier ? "download the electronic extract from that dossier" : "ask the civil-status office for an extract"}.`;
  return new AppError(DossierErrors.DUPLICATE_LIFE_EVENT, [
    { field: "duplicateOf", messageVi: vi, messageEn: en, ...(isDossier ? { dossier: first } : {}) },
  ]);
}

/**
 * DUPLICATE_LIFE_EVENT of a procedure that follows the event (its registration is not this
 * procedure's result): the funeral allowance, the survivor benefit, the deceased's residence
 * deregistration are settled once per event, by a dossier of the platform. Worded by what they
 * are: an allowance is decided and paid ("giải quyết, chi trả"), another one settled
 * ("giải quyết"); never "registered" nor an extract (civil-status words).
 */
function followingDuplicate(
  claim: LifeEventClaim,
  first: ConflictDossier,
  who: { vi: string; en: string },
): AppError {
  const paid = claim.follows === ALLOWANCE_RESULT;
  const code = first.code;
  const doneVi = paid ? "đã được giải quyết, chi trả" : "đã được giải quyết";
  const doneEn = paid ? "was already decided and paid" : "was already settled";
  const vi = first.open
    ? `${who.vi} đã có hồ sơ ${claim.nameVi} số ${code}, đang được giải quyết. Mỗi trường hợp chỉ được giải quyết một lần: hãy chờ kết quả của hồ sơ đó; nếu muốn nộp hồ sơ này thay cho hồ sơ đó, người đã nộp hồ sơ đó rút hồ sơ trước.`
    : `“${claim.nameVi}” cho ${who.vi.toLocaleLowerCase("vi")} ${doneVi} theo hồ sơ số ${code} (đã có kết quả). Mỗi trường hợp chỉ được giải quyết một lần; không cần nộp lại: xem kết quả${paid ? " và việc chi trả" : ""} trong hồ sơ đó.`;
  const en = first.open
    ? `${who.en} already has a dossier "${claim.nameEn}", ${code}, being handled. It is settled once: wait for that dossier's decision; to file this one instead, its filer withdraws that dossier first.`
    : `"${claim.nameEn}" for ${who.en.toLocaleLowerCase("en")} ${doneEn} by dossier ${code} (finished). It is settled once; there is nothing to file again: see the result${paid ? " and the payment" : ""} in that dossier.`;
  return new AppError(DossierErrors.DUPLICATE_LIFE_EVENT, [
    { field: "duplicateOf", messageVi: vi, messageEn: en, dossier: first },
  ]);
}

/**
 * 409 on the party's personal number field: ALREADY_MARRIED (a registered marriage) or
 * MARRIAGE_PENDING (another registration still being handled), `marriageHeld`. The holding registration's code is
 * named only when the requester is one of its parties (`code`); to anyone else the refusal says
 * no more than that the person is held, so that it cannot be used to look people up (the officer
 * sees the link in the workspace). A registered (finished) marriage needs a divorce or a death
 * recorded first; an open one must be withdrawn or decided first.
 */
export function alreadyMarried(
  prefix: string,
  held: {
    code: string | undefined;
    registered: boolean;
    inRegister?: boolean;
    /** The holding dossier, as `conflictDossier` names it (only with `code`). */
    dossier?: { code: string; id?: string; open: boolean } | undefined;
  },
  /** Who reads the refusal: the applicant ("Bạn…") or an officer ("Người yêu cầu…"). */
  audience: Audience = "applicant",
): AppError {
  const { code, messageVi: vi, messageEn: en } = marriageHeld(prefix === "applicant", held, audience);
  return new AppError(DossierErrors[code], [
    {
      field: `form.${prefix}.personalNumber`,
      messageVi: vi,
      messageEn: en,
      ...(held.dossier ? { dossier: held.dossier } : {}),
    },
  ]);
}
