import type { Queryable } from "../../db/client.js";
import { feeFor } from "../../domain/fees.js";
import {
  checkForm,
  componentReplaced,
  type FormValues,
  requiredComponents,
  reuseCounts,
} from "../../domain/form.js";
import type { GroupLimit } from "../../domain/linked-group.js";
import type { ProcedureDefinition, TimeLimit } from "../../domain/procedure.js";
import { AppError, type FieldIssue } from "../../kernel/errors.js";
import { getDefinition } from "../catalog/index.js";
import { lookupApplicant } from "../exchange/index.js";
import { findCommune } from "../units/index.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { agencyCode, nextDossierCode } from "./codes.js";
import { prefillFor } from "./create.js";
import { eligibilityIssues, refuseIneligible } from "./eligibility.js";
import { DossierErrors } from "./errors.js";
import { needsHeadConsent, refuseOpenSpouseRequest, refuseTypedSpouseRequest } from "./head-consent.js";
import { queueHeadRequest } from "./head-request.js";
import { idempotentRequest } from "./idempotency.js";
import { asDuplicateLifeEvent, claimLifeEvent, type LifeEventClaim } from "./life-event.js";
import type { PrefilledValue } from "./prefill.js";
import type { DossierRecord } from "./records.js";
import type { DossierRow, RefusedValue } from "./repository-reads.js";
import { transition } from "./transition.js";

/** Merges incoming values; registry-sourced values must arrive unaltered (or be left out). */
export function mergeValues(d: Pick<DossierRow, "form" | "prefill">, incoming: FormValues): FormValues {
  const tampered: FieldIssue[] = [];
  for (const [key, value] of Object.entries(incoming)) {
    const pre = d.prefill[key];
    if (pre && value !== pre.value && String(value) !== String(pre.value)) {
      tampered.push({
        field: `form.${key}`,
        messageVi: 'Giá trị lấy từ cơ sở dữ liệu không được sửa; hãy dùng "Thông tin này sai".',
        messageEn: 'A registry-sourced value cannot be changed; use "this is wrong" instead.',
      });
    }
  }
  if (tampered.length > 0) throw new AppError(DossierErrors.PREFILL_TAMPERED, tampered);
  const prefilled = Object.fromEntries(Object.entries(d.prefill).map(([k, v]) => [k, v.value]));
  return { ...d.form, ...incoming, ...prefilled };
}

/**
 * The merged values, validated by the procedure's form schema (complete or as a draft, "today"
 * read from `now`, the transition's instant) and reduced to the visible fields as stored.
 * Throws AppError FORM_INVALID with one issue per field.
 */
export function checkedForm(
  def: ProcedureDefinition,
  d: Pick<DossierRow, "form" | "prefill" | "applicantNumber">,
  incoming: FormValues,
  complete: boolean,
  now: Date,
): FormValues {
  const merged = mergeValues(d, incoming);
  const r = checkForm(def, merged, { complete, context: { now, applicantNumber: d.applicantNumber } });
  if (!r.ok) throw new AppError(DossierErrors.FORM_INVALID, r.issues);
  return r.values;
}

/**
 * Saves a draft's typed values. A value the form refuses is 400 FORM_INVALID, nothing saved; with
 * `keepRefused` (the citizen's form as it auto-saves), the rest is saved and each refused value is
 * kept with the draft as typed, with its message (`refused`, migration 352), so that it shows again
 * after a reload on any device; its field holds no answer meanwhile (never counted as valid). A
 * value saved valid later (with or without `keepRefused`), or left out of a save that names it,
 * drops what was kept for it.
 */
export async function saveDraft(
  ctx: Ctx,
  id: string,
  values: FormValues,
  { keepRefused = false }: { keepRefused?: boolean } = {},
): Promise<DossierRecord> {
  return transition(ctx, id, {
    type: "save_draft",
    payload: { keys: Object.keys(values) },
    prepare: async (_q, { dossier, definition }, at) => {
      // What was kept refused for a field this save names goes, whatever the flag: a valid value
      // saved for it is its answer now (no stale message beside it on the review step).
      const kept = Object.fromEntries(Object.entries(dossier.refused ?? {}).filter(([k]) => !(k in values)));
      if (!keepRefused) {
        const form = checkedForm(definition, dossier, values, false, at);
        const stale = Object.keys(kept).length !== Object.keys(dossier.refused ?? {}).length;
        return { columns: stale ? { form, refused: kept } : { form } };
      }
      const { form, refused } = forgivingForm(definition, dossier, values, at);
      return {
        columns: { form, refused: { ...kept, ...refused } },
        payload: { refused: Object.keys(refused) },
      };
    },
  });
}

/**
 * The draft's values with each typed value the form refuses set aside (its field emptied) with the
 * message that refused it. Registry values and other refusals (a tampered prefill) still throw.
 */
function forgivingForm(
  def: ProcedureDefinition,
  d: Pick<DossierRow, "form" | "prefill" | "applicantNumber">,
  values: FormValues,
  at: Date,
): { form: FormValues; refused: Record<string, RefusedValue> } {
  const refused: Record<string, RefusedValue> = {};
  const fields = new Set(def.form.map((f) => f.key));
  let rest: FormValues = { ...values };
  // A few rounds at most: setting a value aside may make another rule (a date after it) judge again.
  for (let round = 0; round < 3; round++) {
    try {
      return { form: checkedForm(def, d, rest, false, at), refused };
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== DossierErrors.FORM_INVALID.code) throw err;
      const typed = (err.details ?? [])
        .map((i) => ({ issue: i, key: i.field.replace(/^form\./, "") }))
        .filter(({ key }) => fields.has(key) && key in rest && rest[key] !== null);
      if (typed.length === 0) throw err;
      for (const { issue, key } of typed) {
        refused[key] = {
          value: rest[key] ?? null,
          ...(issue.code ? { code: issue.code } : {}),
          messageVi: issue.messageVi,
          messageEn: issue.messageEn,
        };
        rest = { ...rest, [key]: null };
      }
    }
  }
  return { form: checkedForm(def, d, rest, false, at), refused };
}

/**
 * The citizen confirms that the agent files for them: in their own session, or ("otp", checked by
 * the caller) by reading the one-time code sent to their phone; the registries' data is then prefilled.
 * `consume` (the one-time code's) runs inside the confirmation's transaction: a confirmation that
 * fails leaves the code usable.
 */
export async function confirmOnBehalf(
  ctx: Ctx,
  id: string,
  method: "session" | "otp" = "session",
  consume?: (q: Queryable) => Promise<void>,
): Promise<DossierRecord> {
  const d = await getVisibleDossier(ctx, id, "filing");
  if (ctx.principal.kind !== "citizen" && method !== "otp") throw new AppError("FORBIDDEN");
  const def = await getDefinition(ctx.db, d.procedureCode, d.procedureVersion);
  const { prefill, facts, logRead } = await prefillFor(ctx, def, d.applicantNumber, {
    consentedAgent: method === "otp",
  });
  // The applicant's name is stored only now, with the citizen's consent (createDossier left it out).
  const applicant = await lookupApplicant(
    ctx.db,
    { principal: ctx.principal, purpose: "dossier-filing", requestId: ctx.requestId },
    d.applicantNumber,
  );
  return transition(ctx, id, {
    type: "confirm_on_behalf",
    payload: { method },
    prepare: async (q) => {
      await consume?.(q);
      await logRead(q);
      return {
        columns: {
          ...(applicant ? { applicantName: applicant.fullName } : {}),
          prefill,
          components: facts,
          form: { ...d.form, ...Object.fromEntries(Object.entries(prefill).map(([k, v]) => [k, v.value])) },
        },
      };
    },
  });
}

/**
 * A dossier filed as one step of a linked group (Decree 63/2024): the group and step it belongs to,
 * the step's own time limit inside the group (fixed at receipt instead of the procedure's), and
 * whether the group's fee rule waives the fee.
 */
export type LinkedFiling = {
  groupId: string;
  step: string;
  timeLimit: TimeLimit;
  /**
   * Whether the law confirms that step limit (the group's `confirmed`): an unconfirmed one drives
   * the clock but the citizen reads its due date as expected, never as the law's (`citizenLimit`).
   */
  limitConfirmed: boolean;
  /**
   * How long the applicant has to supply missing documents (the group's `supplementWithin`): the
   * supplement deadline the step's page shows (`supplementDeadline`, src/domain/linked-group.ts).
   */
  supplementWithin?: GroupLimit | undefined;
  free: boolean;
  /**
   * Fields the group kept from a registry message when it was filed (the health facility's notice,
   * consumed since by the first step): reused, counted as prefilled in the reuse figures.
   */
  reused?: readonly string[] | undefined;
  /**
   * Values taken from the group's earlier results (the child's name and new personal number from
   * the birth registration's result), each with its source: filed as prefilled values (read-only,
   * shown with that source to the officer and the citizen, never as typed by the applicant).
   */
  fromResults?: Readonly<Record<string, PrefilledValue>> | undefined;
  /** "group": a later step the group started by itself (its draft and submission are the platform's). */
  startedBy?: "group" | undefined;
  /**
   * The group decides this step automatically (its member's `decision: "automatic"`), under this
   * rule: logged with the submission, it lets the platform take the step to its result.
   */
  automatic?: { vi: string; en: string } | undefined;
};

/**
 * Submits a draft: complete validation, registry values unaltered, required components present or
 * replaced by data, code allocated from the agency's daily sequence, fee fixed from the procedure's
 * tariff and the form's quantities, reuse figures recorded. With an Idempotency-Key, every request
 * with the key answers with the same dossier, whether the first is finished or still in flight
 * (idempotency.ts `claimSql`); the key with another body or dossier is 409 IDEMPOTENCY_CONFLICT.
 */
export async function submit(
  ctx: Ctx,
  id: string,
  values: FormValues | undefined,
  idempotencyKey?: string,
  linked?: LinkedFiling,
): Promise<DossierRecord> {
  let claim: LifeEventClaim | undefined;
  const submitted = transition(ctx, id, {
    type: "submit",
    idempotent: idempotentRequest(idempotencyKey, "submit", values ?? null),
    prepare: async (q, { dossier: d, definition: def, parts }, at) => {
      const form = checkedForm(def, d, values ?? {}, true, at);
      // The group's results' values as filed, with their source, beside the registries' own.
      const fromResults = Object.fromEntries(
        Object.entries(linked?.fromResults ?? {}).filter(
          ([k, v]) => !(k in d.prefill) && form[k] !== undefined && String(form[k]) === String(v.value),
        ),
      );
      const prefill = { ...d.prefill, ...fromResults };
      const uploaded = new Set(parts.files.map((f) => f.componentKey));
      const replaced = d.components as Record<string, { replaced?: boolean }>;
      const missing = requiredComponents(def, form).filter(
        (c) => !componentReplaced(c, replaced[c.key]?.replaced, form) && !uploaded.has(c.key),
      );
      if (missing.length > 0) {
        throw new AppError(
          DossierErrors.COMPONENT_MISSING,
          missing.map((c) => ({
            field: `components.${c.key}`,
            messageVi: `Thiếu: ${c.nameVi}.`,
            messageEn: `Missing: ${c.nameEn}.`,
          })),
        );
      }
      // Registry facts the procedure's rules check (src/domain/eligibility.ts), as the form showed them.
      refuseIneligible(await eligibilityIssues(q, ctx, d, def, form, at));
      refuseTypedSpouseRequest(d, form);
      if (needsHeadConsent(form) && typeof form["household.headNumber"] === "string")
        await refuseOpenSpouseRequest(q, { ...d, headNumber: form["household.headNumber"] });
      claim = await claimLifeEvent(q, d, def, form, ctx.principal);
      const counts = reuseCounts(
        def,
        form,
        new Set([...Object.keys(prefill), ...(linked?.reused ?? [])]),
        def.components.filter((c) => componentReplaced(c, replaced[c.key]?.replaced, form)).length,
      );
      const place = await competentPlace(q, def, d, form);
      const code = await nextDossierCode(q, d.provinceCode, place.agencyCode, at);
      // A spouse's dossier: its household's head is told at once that their consent is asked.
      await queueHeadRequest(q, { ...d, communeCode: place.communeCode }, def, form, code, at);
      // Decree 63/2024: a step of a linked group costs the citizen nothing extra (the group's fee rule).
      const fee = linked?.free ? 0 : feeFor(def.fee, form, d.channel);
      return {
        columns: {
          ...place,
          code,
          form,
          // What the form refused in the draft was never an answer: it does not outlive the draft.
          ...(Object.keys(d.refused ?? {}).length > 0 ? { refused: {} } : {}),
          ...(Object.keys(fromResults).length > 0 ? { prefill } : {}),
          feeAmount: fee,
          fieldsTotal: counts.total,
          fieldsPrefilled: counts.prefilled,
          fieldsTyped: counts.typed,
          componentsReplaced: counts.componentsReplaced,
        },
        payload: {
          code,
          fee,
          reuse: counts,
          reused: [...new Set([...Object.keys(prefill), ...(linked?.reused ?? [])])],
          replacedComponents: Object.keys(replaced),
          ...(linked
            ? {
                linked: {
                  groupId: linked.groupId,
                  step: linked.step,
                  timeLimit: linked.timeLimit,
                  limitConfirmed: linked.limitConfirmed,
                  ...(linked.supplementWithin ? { supplementWithin: linked.supplementWithin } : {}),
                  ...(linked.startedBy ? { startedBy: linked.startedBy } : {}),
                  ...(linked.automatic ? { decision: "automatic", decisionBasis: linked.automatic } : {}),
                },
              }
            : {}),
        },
      };
    },
  });
  // A concurrent submit of the same life event won: say which dossier, as the check above does.
  return submitted.catch(async (err: unknown) => {
    const mapped = await asDuplicateLifeEvent(ctx.db, err, claim);
    if (mapped === err) throw err;
    return audited(ctx, "dossier.submit", `dossier:${id}`, () => Promise.reject(mapped));
  });
}

/**
 * Where the dossier is handled: by default the commune chosen at creation; a procedure may name
 * a commune field of its form instead (temporary residence goes to the commune where one stays).
 * The province is fixed when the dossier is created (it is the distribution key and part of the
 * dossier's id): a commune of another province is refused (OTHER_PROVINCE, 409); the citizen starts
 * the dossier there (`communeCode` at creation).
 */
async function competentPlace(q: Queryable, def: ProcedureDefinition, d: DossierRow, form: FormValues) {
  const current = { communeCode: d.communeCode, agencyCode: d.agencyCode };
  const chosen = def.competentCommuneField ? form[def.competentCommuneField] : undefined;
  if (typeof chosen !== "string" || chosen === d.communeCode) return current;
  const commune = await findCommune(q, chosen);
  if (!commune) {
    throw new AppError("UNKNOWN_COMMUNE", [
      {
        field: `form.${def.competentCommuneField}`,
        messageVi: "Mã xã, phường không tồn tại.",
        messageEn: "Unknown commune code.",
      },
    ]);
  }
  if (commune.provinceCode !== d.provinceCode) {
    throw new AppError(DossierErrors.OTHER_PROVINCE, [
      {
        field: `form.${def.competentCommuneField}`,
        messageVi: `Hồ sơ này được lập tại tỉnh, thành phố mã ${d.provinceCode}; xã, phường đã chọn thuộc mã ${commune.provinceCode}.`,
        messageEn: `This dossier was started in province ${d.provinceCode}; the chosen commune is in province ${commune.provinceCode}.`,
      },
    ]);
  }
  return {
    communeCode: commune.code,
    agencyCode: agencyCode(def.agency.sector, commune.provinceCode, commune.code),
  };
}
