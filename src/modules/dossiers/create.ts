import type { FormValues } from "../../domain/form.js";
import { apply, type DossierAction, FILING_CHANNEL, INITIAL } from "../../domain/lifecycle.js";
import { actorOf, COUNTER_FILERS, ON_BEHALF_FILERS } from "../../domain/principal.js";
import type { ProcedureDefinition } from "../../domain/procedure.js";
import { foldVietnamese } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { localityId } from "../../kernel/locality.js";
import { getPublished } from "../catalog/index.js";
import { dossierReadRight, lookupApplicant, readForPrefill } from "../exchange/index.js";
import { findCommune } from "../units/index.js";
import { audited, type Ctx, lifecycleRole } from "./access.js";
import { agencyCode } from "./codes.js";
import { claimKey, earlierAnswer, idempotentRequest } from "./idempotency.js";
import { resolveFacts, resolvePrefill } from "./prefill.js";
import { appendAction, enqueue, priorResults } from "./repository.js";

/** Prefill and data facts for an applicant, read through exchange (logged as "prefill"). */
export async function prefillFor(
  ctx: Ctx,
  def: ProcedureDefinition,
  applicantNumber: string,
  consentedAgent = false,
) {
  const sources = await readForPrefill(
    ctx.db,
    { principal: ctx.principal, purpose: "prefill", requestId: ctx.requestId },
    applicantNumber,
    consentedAgent,
  );
  return {
    prefill: resolvePrefill(def, sources),
    facts: resolveFacts(def, sources, await priorResults(ctx.db, applicantNumber)),
  };
}

/** The form as the registries would fill it for the signed-in citizen, without starting a dossier. */
export async function previewPrefill(ctx: Ctx, procedureCode: string) {
  const p = ctx.principal;
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  const published = await getPublished(ctx.db, procedureCode);
  const def = published.definition;
  const { prefill, facts } = await prefillFor(ctx, def, p.personalNumber);
  return {
    procedure: { code: published.code, version: published.version },
    fields: def.form.map((f) => ({
      key: f.key,
      labelVi: f.labelVi,
      labelEn: f.labelEn,
      value: prefill[f.key]?.value ?? null,
      readOnly: prefill[f.key] !== undefined,
      provenance: prefill[f.key]?.provenance ?? null,
    })),
    components: def.components.map((c) => ({
      key: c.key,
      nameVi: c.nameVi,
      nameEn: c.nameEn,
      replaced: facts[c.key]?.replaced ?? false,
    })),
  };
}

export type CreateInput = {
  procedureCode: string;
  applicantNumber?: string | undefined;
  communeCode?: string | undefined;
};

/**
 * Starts a draft. A citizen files for themselves (online); a postal/community agent for a citizen
 * present (online on behalf: prefill waits for the citizen's confirmation); a one-stop receiver
 * records a paper dossier at the counter. Returns the new dossier's id. With an Idempotency-Key
 * (one per tap of "start"), a repeated request returns the draft the first one started, finished
 * or still in flight, instead of a second draft; the key with another body is 409.
 */
export async function createDossier(ctx: Ctx, input: CreateInput, idempotencyKey?: string): Promise<string> {
  return audited(ctx, "dossier.create", `procedure:${input.procedureCode}`, async () => {
    const role = lifecycleRole(ctx.principal);
    const p = ctx.principal;
    const request = idempotentRequest(idempotencyKey, "create", [
      input.procedureCode,
      input.applicantNumber ?? null,
      input.communeCode ?? null,
    ]);
    const applicantNumber = p.kind === "citizen" ? p.personalNumber : input.applicantNumber;
    if (!applicantNumber) {
      throw new AppError("VALIDATION_FAILED", [
        {
          field: "body.applicantNumber",
          messageVi: "Cần số định danh của công dân.",
          messageEn: "The citizen's personal number is required.",
        },
      ]);
    }
    const channel = FILING_CHANNEL[role];
    if (!channel) throw new AppError("FORBIDDEN");
    const published = await getPublished(ctx.db, input.procedureCode);
    const def = published.definition;
    const applicant = await lookupApplicant(
      ctx.db,
      { principal: p, purpose: "dossier-filing", requestId: ctx.requestId },
      applicantNumber,
    );
    if (!applicant || applicant.deceased) throw new AppError("NOT_FOUND");
    // The competent commune: chosen (e.g. where to register temporary residence), else the residence.
    let communeCode = input.communeCode ?? applicant.permanentCommuneCode;
    if (p.kind === "officer" && COUNTER_FILERS.has(p.role) && p.jurisdiction.level === "commune")
      communeCode = p.jurisdiction.code;
    const commune = await findCommune(ctx.db, communeCode);
    if (!commune) throw new AppError("UNKNOWN_COMMUNE");
    // A retry of a finished request answers at once, before prefill reads the registries again
    // (the key lives in the province of the dossier it answers with: the commune's).
    const answered = request && (await earlierAnswer(ctx.db, commune.provinceCode, actorOf(p).id, request));
    if (answered) return answered;
    if (
      p.kind === "officer" &&
      !dossierReadRight(p, {
        applicantNumber,
        createdByKind: actorOf(p).kind,
        createdBy: actorOf(p).id,
        communeCode,
        provinceCode: commune.provinceCode,
      }).ok
    ) {
      throw new AppError("NOT_FOUND");
    }
    // On behalf: nothing read from the registries is stored (the name comes with the citizen's
    // confirmation, `confirmOnBehalf`), and the agent's reads mask the commune until then (view.ts, queue.ts).
    const onBehalf = ON_BEHALF_FILERS.has(role);
    const { prefill, facts } = onBehalf
      ? { prefill: {}, facts: {} }
      : await prefillFor(ctx, def, applicantNumber);
    const applicantName = onBehalf ? null : applicant.fullName;
    const form: FormValues = Object.fromEntries(Object.entries(prefill).map(([k, v]) => [k, v.value]));
    // The id carries the province: every later statement names the distribution key (docs/scaling.md).
    const id = localityId(commune.provinceCode);
    const at = ctx.now ? ctx.now() : new Date();
    const actor = actorOf(p);
    const action: DossierAction = { type: "create", at, role, actorId: actor.id, channel };
    const state = apply(INITIAL, action);
    const d = {
      id,
      provinceCode: commune.provinceCode,
      communeCode: def.level === "commune" ? commune.code : null,
    };
    return ctx.db.tx(async (q) => {
      // A request with the same key that finished while this one read the registries: its draft.
      const earlier = request && (await claimKey(q, d, actor.id, request, false));
      if (earlier) return earlier;
      await q.query(
        `insert into dossiers (id, procedure_code, procedure_version, province_code, commune_code, agency_code,
           applicant_number, applicant_name, applicant_search_name, created_by_kind, created_by, channel, status,
           form, prefill, components, last_seq)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, 1)`,
        [
          id,
          published.code,
          published.version,
          d.provinceCode,
          d.communeCode,
          agencyCode(def.agency.sector, d.provinceCode, d.communeCode),
          applicantNumber,
          applicantName,
          applicantName === null ? null : foldVietnamese(applicantName),
          actor.kind,
          actor.id,
          channel,
          state.status,
          JSON.stringify(form),
          JSON.stringify(prefill),
          JSON.stringify(facts),
        ],
      );
      await appendAction(q, d, 1, {
        ...action,
        actorKind: actor.kind,
        payload: { procedureVersion: published.version },
      });
      await enqueue(q, "dossier.create", id, { procedureCode: published.code }, d.provinceCode);
      return id;
    });
  });
}
