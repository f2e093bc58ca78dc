import type { z } from "zod";
import { mayActOnDossier } from "../../domain/agencies.js";
import type { DossierView } from "../../domain/api/dossier.js";
import { mayApologizeAgain } from "../../domain/apology.js";
import { type Clock, clockOf, dueInstantsOf } from "../../domain/due.js";
import { safeFilename } from "../../domain/files.js";
import { componentReplaced, visibleFields } from "../../domain/form.js";
import { endedByHeadRefusal } from "../../domain/head-refusal.js";
import { type ActionType, availableActions, reduce } from "../../domain/lifecycle.js";
import { supplementDeadline } from "../../domain/linked-clock.js";
import type { GroupLimit } from "../../domain/linked-group.js";
import { lifecycleRoleOrNull } from "../../domain/principal.js";
import { evaluate, lawConfirmsLimit } from "../../domain/procedure.js";
import { getDefinition } from "../catalog/index.js";
import { findOfficer } from "../identity/index.js";
import { CHECKED_ACTIONS, type Ctx, getVisibleRecord } from "./access.js";
import { headConsentView } from "./head-refusal.js";
import type { DossierRecord } from "./records.js";

type View = z.output<typeof DossierView>;

/** What the portal and the workspace show of a dossier, for the person looking at it. */
export async function dossierView(ctx: Ctx, id: string): Promise<View> {
  return buildView(ctx, await getVisibleRecord(ctx, id, "view"));
}

/**
 * The dossier as `DossierView` (src/domain/api/dossier.ts) describes it, at the context's clock,
 * from what the request already holds (the row and its parts: no statement but the procedure's
 * definition, cached per version).
 */
export async function buildView(ctx: Ctx, { dossier: d, parts }: DossierRecord): Promise<View> {
  const def = await getDefinition(ctx.db, d.procedureCode, d.procedureVersion);
  const { log, files } = parts;
  const state = reduce(log);
  const visible = new Set(visibleFields(def, d.form).map((f) => f.key));
  const replaced = d.components as Record<
    string,
    { replaced?: boolean; fact?: unknown; ref?: string | null }
  >;
  // The stored instants (what the queue filters by); computed from the log for a row not backfilled.
  const instants = d.dueAt && d.nearDueAt ? { dueAt: d.dueAt, nearDueAt: d.nearDueAt } : dueInstantsOf(state);
  const legalDueAt = state.legalDueAt ?? d.dueAt;
  // A linked step's limit is the group's, confirmed by law or not (fixed at submission); a step
  // filed before that was recorded is not claimed as the law's. Else the procedure's own limit.
  const linked = log.find((a) => a.type === "submit")?.payload?.linked as
    | { limitConfirmed?: boolean; supplementWithin?: GroupLimit }
    | undefined;
  const limitConfirmed = linked ? linked.limitConfirmed === true : lawConfirmsLimit(def.timeLimit);
  const clock: (Clock & { limitConfirmed: boolean }) | null =
    d.receivedAt && legalDueAt && instants
      ? {
          limitConfirmed,
          ...clockOf({
            status: state.status,
            receivedAt: d.receivedAt,
            legalDueAt,
            instants,
            pauses: state.pauses,
            supplementRequests: state.supplementRequests,
            // Ended by the head's refusal: no decision of the agency, none on time (KPIS.md, kpis.ts).
            decidedAt: endedByHeadRefusal(log) ? null : state.decidedAt,
            finishedAt: state.finishedAt,
            now: ctx.now ? ctx.now() : new Date(),
          }),
        }
      : null;
  const role = lifecycleRoleOrNull(ctx.principal);
  // Before the citizen confirms, the agent sees nothing read from the registries: not the commune
  // the residence chose (nor the agency code that carries it).
  const masked = role === "agent" && d.channel === "online_on_behalf" && !state.onBehalfConfirmed;
  return {
    id: d.id,
    code: d.code,
    procedure: {
      code: d.procedureCode,
      version: d.procedureVersion,
      nameVi: def.nameVi,
      nameEn: def.nameEn,
      fullyOnline: def.fullyOnline,
    },
    status: d.status,
    channel: d.channel,
    applicantNumber: d.applicantNumber,
    applicantName: masked ? null : d.applicantName,
    createdBy: d.createdBy,
    provinceCode: d.provinceCode,
    communeCode: masked ? null : d.communeCode,
    agencyCode: masked ? d.agencyCode.replace(/\.[0-9]{5}\./, ".00000.") : d.agencyCode,
    fields: def.form.map((f) => {
      const pre = d.prefill[f.key];
      return {
        key: f.key,
        labelVi: f.labelVi,
        labelEn: f.labelEn,
        type: f.type,
        options: f.options ?? null,
        required: evaluate(f.required, d.form, false),
        visible: visible.has(f.key),
        value: d.form[f.key] ?? null,
        readOnly: pre !== undefined,
        provenance: pre?.provenance ?? null,
        ...(d.status === "draft" && d.refused?.[f.key] ? { refused: d.refused[f.key] } : {}),
      };
    }),
    components: def.components.map((c) => {
      const own = files.filter((f) => f.componentKey === c.key);
      const r = replaced[c.key];
      const isReplaced = componentReplaced(c, r?.replaced, d.form);
      return {
        key: c.key,
        nameVi: c.nameVi,
        nameEn: c.nameEn,
        kind: c.kind,
        required: evaluate(c.required, d.form, true),
        accept: c.accept ?? null,
        maxBytes: c.maxBytes ?? null,
        state: isReplaced
          ? ("replaced" as const)
          : own.length > 0
            ? ("uploaded" as const)
            : ("missing" as const),
        replacedBy: isReplaced ? { fact: c.replacedBy ?? null, ref: r?.ref ?? null } : null,
        files: own.map((f) => ({
          sha256: f.sha256,
          // Names stored before they were made safe are made safe as they are shown.
          filename: safeFilename(f.filename, f.mime),
          mime: f.mime,
          originalMime: f.originalMime,
          sizeBytes: f.sizeBytes,
          uploadedAt: f.uploadedAt,
        })),
      };
    }),
    reuse: {
      fieldsTotal: d.fieldsTotal,
      fieldsPrefilled: d.fieldsPrefilled,
      fieldsTyped: d.fieldsTyped,
      componentsReplaced: d.componentsReplaced,
    },
    feeAmount: d.feeAmount,
    paymentStatus: d.feeAmount <= 0 ? "not_required" : state.feePaid ? "paid" : "unpaid",
    resultNumber: state.resultNumber,
    rating: parts.rating,
    assignee: d.assignee,
    assigneeName: d.assignee ? ((await findOfficer(ctx.db, d.assignee))?.name ?? d.assignee) : null,
    correctionRequests: parts.corrections,
    createdAt: d.createdAt,
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt,
    dueAt: instants?.dueAt ?? null,
    nearDueAt: instants?.nearDueAt ?? null,
    finishedAt: d.finishedAt,
    decidedAt: state.decidedAt,
    supplementRequests: d.supplementRequests,
    supplementRequest: state.supplementRequest && {
      ...state.supplementRequest,
      dueAt: linked?.supplementWithin
        ? supplementDeadline(linked.supplementWithin, state.supplementRequest.at)
        : null,
    },
    apology: state.apology,
    // Read only for a spouse joining a household (one statement); null, unread, for any other.
    headConsent: await headConsentView(ctx.db, d),
    onBehalfConfirmed: state.onBehalfConfirmed,
    clock,
    log: log.map((a) => ({
      seq: a.seq,
      type: a.type,
      at: a.at,
      actorKind: a.actorKind,
      actorId: a.actorId,
      role: a.role,
      channel: a.channel,
      reason: a.reason ?? null,
      payload: a.payload ?? {},
    })),
    // No action on another agency's dossier (`mayActOnDossier`); the read gate refuses it first.
    availableActions: await offeredByModules(
      ctx,
      d,
      role && (ctx.principal.kind !== "officer" || mayActOnDossier(ctx.principal.agency, d.agencyCode))
        ? availableActions(state, role).filter(
            // The apology slip only when it may be sent: near due or late, not yet decided, none
            // sent yet (once per dossier, src/domain/apology.ts; `act` checks the same).
            (a) =>
              a !== "apologize" ||
              (clock !== null &&
                clock.state !== "on_time" &&
                state.decidedAt === null &&
                mayApologizeAgain(log.filter((x) => x.type === "apologize").length)),
          )
        : [],
    ),
  };
}

/**
 * The actions, less those another module's effect would refuse (`CHECKED_ACTIONS`): "cần xác
 * minh" only on a linked group's first step whose group has a verification limit and is not
 * marked yet (src/modules/linked/verification.ts, the rule its effect checks).
 */
async function offeredByModules(
  ctx: Ctx,
  d: DossierRecord["dossier"],
  actions: ActionType[],
): Promise<ActionType[]> {
  const out: ActionType[] = [];
  for (const a of actions) {
    const check = ctx.services?.actionChecks?.[a];
    if (!CHECKED_ACTIONS.includes(a) || (check && (await check(ctx.db, d)))) out.push(a);
  }
  return out;
}
