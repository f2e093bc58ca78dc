import { type Queryable, withinOneTx } from "../../db/client.js";
import { all, qb, sql } from "../../db/query.js";
import type { EligibilityIssue } from "../../domain/eligibility.js";
import type { FormValues } from "../../domain/form.js";
import { HEAD_ACTOR } from "../../domain/head-refusal.js";
import { relationWordEn } from "../../domain/household-kin.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { AppError } from "../../kernel/errors.js";
import { provinceOfId } from "../../kernel/locality.js";
import { headedHousehold, readSpouseHousehold, type SpouseHousehold } from "../exchange/index.js";
import type { Ctx } from "./access.js";
import { onDossierKey } from "./conditions.js";
import { DossierErrors } from "./errors.js";
import type { PrefilledValue } from "./prefill.js";
import { findDossier } from "./repository-reads.js";
import { systemTransition } from "./transition.js";

/**
 * A spouse registering into the other spouse's household (permanent residence 1.004222, request
 * `join_spouse_household`; Law on Residence 2020, Art. 20(2)(a)) needs the consent of that
 * household's head (Art. 21): the head sees the request in their portal and consents (one row of
 * `dossier_head_consents`, migration 358); the dossier cannot be approved before
 * (409 HEAD_CONSENT_WAITING), and its eligibility check says so to the officer and the citizen.
 * The head may instead refuse, which ends the dossier (./head-refusal.ts, migration 359).
 */
export const SPOUSE_REQUEST = "join_spouse_household";

/** Whether a dossier's form asks to join the spouse's household (its head's consent is then needed). */
export const needsHeadConsent = (form: FormValues): boolean => form.request === SPOUSE_REQUEST;

/** The head's answer to a dossier (migrations 358, 359): who, when, which, and a refusal's reason. */
export type HeadAnswer = {
  headNumber: string;
  at: Date;
  decision: "consented" | "refused";
  reason: string | null;
};

/** The head's answer to a dossier, when given (one row at most). */
export async function headAnswerOf(
  q: Queryable,
  d: { provinceCode: string; id: string },
): Promise<HeadAnswer | undefined> {
  const { rows } = await q.query<HeadAnswer>(
    `select head_number as "headNumber", consented_at as at, decision, reason from dossier_head_consents
     where province_code = $1 and dossier_id = $2`,
    [d.provinceCode, d.id],
  );
  const r = rows[0];
  return r && { ...r, headNumber: r.headNumber.trim(), at: new Date(r.at) };
}

/** The head's consent to a dossier, when given: who and when (a refusal is no consent). */
export async function headConsentOf(
  q: Queryable,
  d: { provinceCode: string; id: string },
): Promise<{ headNumber: string; at: Date } | undefined> {
  const a = await headAnswerOf(q, d);
  return a?.decision === "consented" ? { headNumber: a.headNumber, at: a.at } : undefined;
}

const WAITING = {
  vi: "Chủ hộ chưa đồng ý cho đăng ký thường trú vào hộ (Luật Cư trú 2020, Điều 21). Chủ hộ xác nhận trên Cổng Một Lần; hồ sơ chỉ được phê duyệt sau khi chủ hộ đồng ý.",
  en: "The head of household has not yet agreed to the registration into the household (Law on Residence 2020, Art. 21). The head confirms on the Một Lần portal; the dossier can be approved only after the head agrees.",
};

/** The eligibility warning of a spouse's dossier whose head has not consented yet (none otherwise). */
export async function headConsentIssues(
  q: Queryable,
  d: { provinceCode: string; id: string; form: FormValues },
): Promise<EligibilityIssue[]> {
  // Answered: a consent lifts it; a refusal ended the dossier (the view's `headConsent` says which).
  if (!needsHeadConsent(d.form) || !d.id || (await headAnswerOf(q, d))) return [];
  return [
    {
      code: "HEAD_CONSENT_WAITING",
      severity: "warning",
      field: "household.headConsent",
      messageVi: WAITING.vi,
      messageEn: WAITING.en,
    },
  ];
}

/** Refuses approving a spouse's dossier before the head's consent: 409 HEAD_CONSENT_WAITING. */
export async function refuseWithoutHeadConsent(
  q: Queryable,
  d: { provinceCode: string; id: string; form: FormValues },
): Promise<void> {
  if (needsHeadConsent(d.form) && !(await headConsentOf(q, d)))
    throw new AppError(DossierErrors.HEAD_CONSENT_WAITING);
}

/**
 * GET /api/me/spouse-household: the household the signed-in citizen's spouse lives in, as the
 * permanent residence form would name it (exchange `readSpouseHousehold`: its errors, reads logged).
 */
export async function spouseHousehold(ctx: Ctx) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const h = await readSpouseHousehold(
    ctx.db,
    { principal: p, purpose: "prefill", requestId: ctx.requestId },
    p.personalNumber,
  );
  const { spouseNumber: _, householdId: __, ...shown } = h;
  return shown;
}

/** A spouse's dossier waiting for the signed-in head's consent, as their portal lists it. */
export type SpouseConsentRequest = {
  kind: "spouse";
  dossierId: string;
  applicantName: string | null;
  relationship: string | null;
  /** The relationship in English words ("con dâu": "daughter-in-law"; `relationWordEn`). */
  relationshipEn: string | null;
  communeName: string;
  receivedAt: Date;
};

/**
 * The spouses' dossiers (submitted, not finished) naming the signed-in citizen as the head of the
 * household they join, in the household's province, not yet consented to.
 */
export async function spouseConsentRequests(ctx: Ctx): Promise<SpouseConsentRequest[]> {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const household = await headedHousehold(ctx.db, p.personalNumber);
  if (!household) return [];
  const rows = await all(
    ctx.db,
    qb
      .selectFrom("dossiers as d")
      .innerJoin("communes as c", "c.code", "d.commune_code")
      .select((eb) => [
        "d.id as dossierId",
        "d.applicant_name as applicantName",
        sql<string | null>`d.form->>'household.relationshipToHead'`.as("relationship"),
        "c.full_name as communeName",
        eb.fn.coalesce("d.submitted_at", "d.created_at").as("receivedAt"),
      ])
      .where("d.province_code", "=", household.provinceCode)
      .where("d.spouse_head_number", "=", p.personalNumber)
      .where("d.status", "in", [
        "submitted",
        "received",
        "in_processing",
        "supplement_requested",
        "supplemented",
      ])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom("dossier_head_consents as h")
              .select(eb.lit(1).as("one"))
              .where(onDossierKey("h", "d", household.provinceCode)),
          ),
        ),
      )
      .orderBy("d.created_at", "desc")
      .limit(20),
  );
  return rows.map((r) => ({
    kind: "spouse" as const,
    ...r,
    relationshipEn: relationWordEn(r.relationship) ?? null,
  }));
}

/**
 * The answer the signed-in head already gave to a dossier naming them: consenting again answers
 * the consent on record; after a refusal, 409 HEAD_CONSENT_REFUSED. Undefined when none was given.
 */
export async function answeredByHead(ctx: Ctx, province: string, id: string) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const a = await headAnswerOf(ctx.db, { provinceCode: province, id });
  return a && a.headNumber === p.personalNumber ? a : undefined;
}

/**
 * The head consents to the spouse's dossier (recorded once: who, when; in one transaction with the
 * platform's `head_consent` action, whose effects open the fee's payment request). Anyone but the head of the
 * household the dossier names, or a dossier not waiting: 404 HEAD_CONSENT_NOT_HEAD, nothing
 * written. Consenting again answers the consent on record; after the head refused: 409
 * HEAD_CONSENT_REFUSED.
 */
export async function consentToDossierAsHead(ctx: Ctx, id: string) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const province = provinceOfId(id);
  const before = province ? await answeredByHead(ctx, province, id) : undefined;
  if (before?.decision === "refused") throw new AppError(DossierErrors.HEAD_CONSENT_REFUSED);
  if (before)
    return {
      dossierId: id,
      consent: { by: before.headNumber, at: before.at.toISOString(), as: "head" as const },
    };
  const waiting = province ? (await spouseConsentRequests(ctx)).find((r) => r.dossierId === id) : undefined;
  if (!province || !waiting) return consentOnRecord(ctx, province, id);
  const at = ctx.now ? ctx.now() : new Date();
  const recorded = await withinOneTx(ctx.db, async (db) => {
    const { rowCount } = await db.query(
      `insert into dossier_head_consents (province_code, dossier_id, head_number, consented_at, decision)
       values ($1, $2, $3, $4, 'consented') on conflict do nothing`,
      [province, id, p.personalNumber, at],
    );
    // Answered meanwhile (a refusal racing this consent, a second tap): told what is on record.
    if ((rowCount ?? 0) === 0) return false;
    // The consent in the dossier's log, by the platform on the head's answer (named in the
    // timeline, `householdHeadOf`); its effects open the fee (payments: the request is opened
    // only now, never before the head agrees) and the applicant is told.
    const d = await findDossier(db, id);
    const done = await systemTransition(db, id, {
      type: "head_consent",
      actorId: HEAD_ACTOR,
      at,
      payload: { headConsent: { by: p.personalNumber }, headName: text(d?.form["household.headName"]) },
      effects: ctx.services?.effects,
    });
    // Closed meanwhile (withdrawn): the consent is not recorded either.
    if (!done.ok) throw new AppError(DossierErrors.HEAD_CONSENT_NOT_HEAD);
    return true;
  });
  if (!recorded) return consentOnRecord(ctx, province, id);
  return { dossierId: id, consent: { by: p.personalNumber, at: at.toISOString(), as: "head" as const } };
}

const text = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v.trim() : null);

/**
 * A consent that found the dossier no longer waiting: a refusal of the head on record (committed
 * while this consent ran; PostgreSQL and PGlite see it at different points) is 409
 * HEAD_CONSENT_REFUSED, a consent is answered again, anything else 404 HEAD_CONSENT_NOT_HEAD.
 */
async function consentOnRecord(ctx: Ctx, province: string | undefined, id: string) {
  const raced = province ? await answeredByHead(ctx, province, id) : undefined;
  if (raced?.decision === "refused") throw new AppError(DossierErrors.HEAD_CONSENT_REFUSED);
  if (!raced) throw new AppError(DossierErrors.HEAD_CONSENT_NOT_HEAD);
  return {
    dossierId: id,
    consent: { by: raced.headNumber, at: raced.at.toISOString(), as: "head" as const },
  };
}

/**
 * One request into a spouse's household at a time (review r15: the head saw two identical
 * requests): another dossier of the applicant joining the household of the same head, being
 * handled, refuses this one with 409 SPOUSE_REQUEST_OPEN naming its code, as a second filing of
 * a life event is refused (DUPLICATE_LIFE_EVENT): at the start of a draft and at its submission.
 */
export async function refuseOpenSpouseRequest(
  q: Queryable,
  d: { id?: string; provinceCode: string; applicantNumber: string; headNumber: string },
): Promise<void> {
  const { rows } = await q.query<{ code: string | null }>(
    `select code from dossiers
     where province_code = $1 and applicant_number = $2 and spouse_head_number = $3 and status in ('submitted', 'received', 'in_processing', 'supplement_requested', 'supplemented')
       and ($4::text is null or id::text <> $4)
     order by submitted_at limit 1`,
    [d.provinceCode, d.applicantNumber, d.headNumber, d.id ?? null],
  );
  const code = rows[0]?.code;
  if (!rows[0]) return;
  throw new AppError(DossierErrors.SPOUSE_REQUEST_OPEN, undefined, {
    vi: `Bạn đã có hồ sơ đăng ký thường trú vào hộ gia đình này đang chờ giải quyết (mã ${code ?? "—"}); không thể nộp trùng. Hãy theo dõi hồ sơ đó trong “Hồ sơ của tôi”, hoặc rút hồ sơ đó trước khi nộp hồ sơ mới.`,
    en: `You already have a dossier registering into this household being handled (${code ?? "—"}); it cannot be filed twice. Follow that dossier in "My dossiers", or withdraw it before filing a new one.`,
  });
}

/**
 * The spouse's household a citizen's new draft registers into (`household: "spouse"` of the
 * create request): read through the exchange (its errors: SPOUSE_NOT_MARRIED, SPOUSE_NO_HOUSEHOLD,
 * SPOUSE_HOUSEHOLD_ALREADY); another request into it being handled: 409 SPOUSE_REQUEST_OPEN. A
 * procedure without the request option: 422 VALIDATION_FAILED.
 */
export async function spouseHomeFor(
  ctx: Ctx,
  def: ProcedureDefinition,
  household: "spouse" | undefined,
): Promise<SpouseHousehold | undefined> {
  const p = ctx.principal;
  if (household !== "spouse" || p.kind !== "citizen") return undefined;
  const offers = def.form.some(
    (f) => f.key === "request" && f.options?.some((o) => o.value === SPOUSE_REQUEST),
  );
  if (!offers)
    throw new AppError("VALIDATION_FAILED", [
      {
        field: "body.household",
        messageVi: "Thủ tục này không đăng ký vào hộ gia đình của vợ, chồng.",
        messageEn: "This procedure does not register into a spouse's household.",
      },
    ]);
  const home = await readSpouseHousehold(
    ctx.db,
    { principal: p, purpose: "prefill", requestId: ctx.requestId },
    p.personalNumber,
  );
  await refuseOpenSpouseRequest(ctx.db, {
    provinceCode: home.provinceCode,
    applicantNumber: p.personalNumber,
    headNumber: home.headNumber,
  });
  return home;
}

/** The values the spouse's household gives the form: the request, and the relationship when known. */
export function spousePrefill(h: SpouseHousehold, at: Date): Record<string, PrefilledValue> {
  const asOf = at.toISOString();
  return {
    request: {
      value: SPOUSE_REQUEST,
      provenance: {
        registry: "civil_status",
        sourceVi: `Cơ sở dữ liệu hộ tịch điện tử: kết hôn với ${h.spouseName}`,
        sourceEn: `Electronic civil-status database: married to ${h.spouseName}`,
        asOf,
      },
    },
    ...(h.relationship
      ? {
          "household.relationshipToHead": {
            value: h.relationship,
            provenance: {
              registry: "residence",
              sourceVi: "Cơ sở dữ liệu về cư trú: quan hệ của vợ, chồng bạn với chủ hộ",
              sourceEn: "Residence database: your spouse's relationship to the head",
              asOf,
            },
          },
        }
      : {}),
  };
}

/**
 * The spouse's household is chosen when the draft starts (its head, commune and relation read
 * then): a draft started otherwise that types the request is 400 VALIDATION_FAILED on `request`.
 */
export function refuseTypedSpouseRequest(
  d: { prefill: Record<string, PrefilledValue> },
  form: FormValues,
): void {
  if (needsHeadConsent(form) && d.prefill.request?.value !== SPOUSE_REQUEST)
    throw new AppError("VALIDATION_FAILED", [
      {
        field: "form.request",
        messageVi:
          "Muốn đăng ký vào hộ của vợ, chồng, hãy bắt đầu hồ sơ mới và chọn “Vào hộ gia đình của chồng hoặc vợ tôi” trên trang thủ tục.",
        messageEn:
          "To register into your spouse's household, start a new dossier and choose “In my husband's or wife's household” on the procedure page.",
      },
    ]);
}
