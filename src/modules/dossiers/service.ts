import { createHash, randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { AppError, type FieldIssue } from "../../server/errors.js";
import { getPublished, getVersion } from "../catalog/catalog.js";
import type { ProcedureDefinition } from "../catalog/schema.js";
import { readForPrefill } from "../exchange/exchange.js";
import { findOfficer } from "../identity/officers.js";
import { actorOf } from "../identity/principal.js";
import { createPaymentRequest, requirePaidIfOwed } from "../payments/payments.js";
import { findPerson } from "../registries/repository.js";
import { issueResult } from "../results/results.js";
import { findCommune } from "../units/units.js";
import { audited, type Ctx, canSee, lifecycleRole } from "./access.js";
import { dueAt } from "./clock.js";
import { agencyCode, nextDossierCode } from "./codes.js";
import { feeFor } from "./fee.js";
import { type FormValues, requiredComponents, reuseCounts, validateForm, visibleValues } from "./form.js";
import { type ActionType, apply, type Channel, check, type DossierAction, reduce } from "./lifecycle.js";
import { notificationText } from "./notifications.js";
import { resolveFacts, resolvePrefill } from "./prefill.js";
import { appendAction, type DossierRow, enqueue, findDossier, loadLog, priorResults } from "./repository.js";
import { lifecycleRoleOrNull } from "./roles.js";

const now = (ctx: Ctx) => (ctx.now ? ctx.now() : new Date());

async function definitionOf(
  q: Queryable,
  d: Pick<DossierRow, "procedureCode" | "procedureVersion">,
): Promise<ProcedureDefinition> {
  return (await getVersion(q, d.procedureCode, d.procedureVersion)).definition;
}

/** Prefill and data facts for an applicant, read through exchange (logged as "prefill"). */
async function prefillFor(
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
 * records a paper dossier at the counter.
 */
export async function createDossier(ctx: Ctx, input: CreateInput): Promise<string> {
  return audited(ctx, "dossier.create", `procedure:${input.procedureCode}`, async () => {
    const role = lifecycleRole(ctx.principal);
    const p = ctx.principal;
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
    if (role !== "citizen" && role !== "agent" && role !== "receiver") throw new AppError("FORBIDDEN");
    const channel: Channel =
      role === "citizen" ? "online" : role === "agent" ? "online_on_behalf" : "counter";
    const published = await getPublished(ctx.db, input.procedureCode);
    const def = published.definition;
    const applicant = await findPerson(ctx.db, applicantNumber);
    if (!applicant || applicant.deceasedOn) throw new AppError("NOT_FOUND");
    // The competent commune: chosen (e.g. where to register temporary residence), else the residence.
    let communeCode = input.communeCode ?? applicant.permanentCommuneCode;
    if (p.kind === "officer" && p.role === "receiver" && p.jurisdiction.level === "commune")
      communeCode = p.jurisdiction.code;
    const commune = await findCommune(ctx.db, communeCode);
    if (!commune) throw new AppError("UNKNOWN_COMMUNE");
    if (
      p.kind === "officer" &&
      !canSee(p, {
        applicantNumber,
        createdByKind: actorOf(p).kind,
        createdBy: actorOf(p).id,
        communeCode,
        provinceCode: commune.provinceCode,
      })
    ) {
      throw new AppError("NOT_FOUND");
    }
    const { prefill, facts } =
      role === "agent" ? { prefill: {}, facts: {} } : await prefillFor(ctx, def, applicantNumber);
    const form: FormValues = Object.fromEntries(Object.entries(prefill).map(([k, v]) => [k, v.value]));
    const id = randomUUID();
    const at = now(ctx);
    const actor = actorOf(p);
    const action: DossierAction = { type: "create", at, role, actorId: actor.id, channel };
    const state = apply(reduce([]), action);
    const d = {
      id,
      provinceCode: commune.provinceCode,
      communeCode: def.level === "commune" ? commune.code : null,
    };
    await ctx.db.tx(async (q) => {
      await q.query(
        `insert into dossiers (id, procedure_code, procedure_version, province_code, commune_code, agency_code,
           applicant_number, created_by_kind, created_by, channel, status, form, prefill, components, last_seq)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, 1)`,
        [
          id,
          published.code,
          published.version,
          d.provinceCode,
          d.communeCode,
          agencyCode(def.agency.sector, d.provinceCode, d.communeCode),
          applicantNumber,
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
    });
    return id;
  });
}

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
  if (tampered.length > 0) throw new AppError("PREFILL_TAMPERED", tampered);
  const prefilled = Object.fromEntries(Object.entries(d.prefill).map(([k, v]) => [k, v.value]));
  return { ...d.form, ...incoming, ...prefilled };
}

/** Projection columns to set, and facts to record in the action's payload. */
type Prepared = { columns?: Record<string, unknown>; payload?: Record<string, unknown> };

type Transition = {
  type: ActionType;
  reason?: string | undefined;
  payload?: Record<string, unknown>;
  /** Extra checks and projection changes, inside the transaction. */
  prepare?: (q: Queryable, d: DossierRow, def: ProcedureDefinition, at: Date) => Promise<Prepared>;
};

/**
 * The one way a dossier changes: lock the row, fold the log, check the action against the
 * lifecycle, then write the action, the projection and an outbox message in one transaction.
 */
export async function transition(ctx: Ctx, id: string, t: Transition): Promise<DossierRow> {
  return audited(ctx, `dossier.${t.type}`, `dossier:${id}`, () =>
    ctx.db.tx(async (q) => {
      const d = await findDossier(q, id, true);
      if (!d || !canSee(ctx.principal, d)) throw new AppError("NOT_FOUND");
      const role = lifecycleRole(ctx.principal);
      const log = await loadLog(q, id);
      const state = reduce(log);
      const at = now(ctx);
      const actor = actorOf(ctx.principal);
      const action: DossierAction = {
        type: t.type,
        at,
        role,
        actorId: actor.id,
        channel: d.channel,
        reason: t.reason,
        payload: t.payload,
      };
      const verdict = check(state, action);
      if (!verdict.ok) {
        if (verdict.reason === "role") throw new AppError("FORBIDDEN");
        if (verdict.reason === "reason_required") {
          throw new AppError("VALIDATION_FAILED", [
            { field: "body.reason", messageVi: "Cần nêu lý do.", messageEn: "A reason is required." },
          ]);
        }
        throw new AppError("ILLEGAL_TRANSITION", [
          {
            field: "status",
            messageVi: `Trạng thái hiện tại: ${state.status}.`,
            messageEn: `Current status: ${state.status}.`,
          },
        ]);
      }
      const def = await definitionOf(q, d);
      const changes = t.prepare ? await t.prepare(q, d, def, at) : {};
      const next = apply(state, action);
      const seq = log.length + 1;
      await appendAction(q, d, seq, {
        ...action,
        actorKind: actor.kind,
        payload: { ...t.payload, ...changes.payload },
      });
      const sets: Record<string, unknown> = {
        status: next.status,
        submitted_at: next.submittedAt,
        received_at: next.receivedAt,
        finished_at: next.finishedAt,
        supplement_requests: next.supplementRequests,
        last_seq: seq,
        ...changes.columns,
      };
      const cols = Object.keys(sets);
      const { rows } = await q.query<{ id: string }>(
        `update dossiers set ${cols.map((c, i) => `${c} = $${i + 2}`).join(", ")}, updated_at = now() where id = $1 returning id`,
        [
          id,
          ...cols.map((c) =>
            typeof sets[c] === "object" && sets[c] !== null && !(sets[c] instanceof Date)
              ? JSON.stringify(sets[c])
              : sets[c],
          ),
        ],
      );
      if (!rows[0]) throw new Error("dossier vanished");
      await enqueue(
        q,
        `dossier.${t.type}`,
        id,
        { code: d.code, status: next.status, seq, by: actor.id },
        d.provinceCode,
      );
      // Tell the citizen (SMS / e-mail senders drain these from the outbox).
      const text = role === "citizen" ? undefined : notificationText(t.type, d.code, t.reason);
      if (text)
        await enqueue(q, "notify.citizen", d.applicantNumber, { dossierId: id, ...text }, d.provinceCode);
      const updated = await findDossier(q, id);
      if (!updated) throw new Error("dossier vanished");
      return updated;
    }),
  );
}

export async function saveDraft(ctx: Ctx, id: string, values: FormValues): Promise<DossierRow> {
  return transition(ctx, id, {
    type: "save_draft",
    payload: { keys: Object.keys(values) },
    prepare: async (_q, d, def) => {
      const merged = mergeValues(d, values);
      const issues = validateForm(def, merged, false);
      if (issues.length > 0) throw new AppError("FORM_INVALID", issues);
      return { columns: { form: visibleValues(def, merged) } };
    },
  });
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
): Promise<DossierRow> {
  const d = await findDossier(ctx.db, id);
  if (!d || !canSee(ctx.principal, d)) throw new AppError("NOT_FOUND");
  if (ctx.principal.kind !== "citizen" && method !== "otp") throw new AppError("FORBIDDEN");
  const def = await definitionOf(ctx.db, d);
  const { prefill, facts } = await prefillFor(ctx, def, d.applicantNumber, method === "otp");
  return transition(ctx, id, {
    type: "confirm_on_behalf",
    payload: { method },
    prepare: async (q) => {
      await consume?.(q);
      return {
        columns: {
          prefill,
          components: facts,
          form: { ...d.form, ...Object.fromEntries(Object.entries(prefill).map(([k, v]) => [k, v.value])) },
        },
      };
    },
  });
}

function requestHash(values: FormValues | undefined): string {
  return createHash("sha256")
    .update(JSON.stringify(values ?? null))
    .digest("hex");
}

/**
 * Submits a draft: complete validation, registry values unaltered, required components present or
 * replaced by data, code allocated from the agency's daily sequence, reuse figures recorded.
 * With an Idempotency-Key, a replay returns the same dossier instead of failing.
 */
export async function submit(
  ctx: Ctx,
  id: string,
  values: FormValues | undefined,
  idempotencyKey?: string,
): Promise<DossierRow> {
  const actor = actorOf(ctx.principal);
  if (idempotencyKey) {
    const { rows } = await ctx.db.query<{ dossier_id: string; request_hash: string }>(
      "select dossier_id, request_hash from idempotency_keys where actor_id = $1 and key = $2",
      [actor.id, idempotencyKey],
    );
    const seen = rows[0];
    if (seen) {
      if (seen.dossier_id !== id || seen.request_hash !== requestHash(values)) {
        return audited(ctx, "dossier.submit", `dossier:${id}`, () =>
          Promise.reject(new AppError("IDEMPOTENCY_CONFLICT")),
        );
      }
      const d = await findDossier(ctx.db, id);
      if (!d) throw new AppError("NOT_FOUND");
      return d;
    }
  }
  return transition(ctx, id, {
    type: "submit",
    prepare: async (q, d, def, at) => {
      const merged = mergeValues(d, values ?? {});
      const issues = validateForm(def, merged, true);
      if (issues.length > 0) throw new AppError("FORM_INVALID", issues);
      const form = visibleValues(def, merged);
      const { rows: files } = await q.query<{ component_key: string }>(
        "select distinct component_key from dossier_files where dossier_id = $1",
        [d.id],
      );
      const uploaded = new Set(files.map((f) => f.component_key));
      const replaced = d.components as Record<string, { replaced?: boolean }>;
      const missing = requiredComponents(def, form).filter(
        (c) => !replaced[c.key]?.replaced && !uploaded.has(c.key),
      );
      if (missing.length > 0) {
        throw new AppError(
          "COMPONENT_MISSING",
          missing.map((c) => ({
            field: `components.${c.key}`,
            messageVi: `Thiếu: ${c.nameVi}.`,
            messageEn: `Missing: ${c.nameEn}.`,
          })),
        );
      }
      const counts = reuseCounts(
        def,
        form,
        new Set(Object.keys(d.prefill)),
        Object.values(replaced).filter((c) => c.replaced).length,
      );
      const place = await competentPlace(q, def, d, form);
      const code = await nextDossierCode(q, place.agency_code, at);
      const fee = feeFor(def.fee, form, d.channel);
      if (fee > 0 && d.channel !== "counter")
        await createPaymentRequest(q, { id: d.id, code, provinceCode: place.province_code }, fee);
      if (idempotencyKey) {
        await q.query(
          "insert into idempotency_keys (actor_id, key, request_hash, dossier_id) values ($1, $2, $3, $4)",
          [actor.id, idempotencyKey, requestHash(values), d.id],
        );
      }
      return {
        columns: {
          ...place,
          code,
          form,
          fee_amount: fee,
          fields_total: counts.total,
          fields_prefilled: counts.prefilled,
          fields_typed: counts.typed,
          components_replaced: counts.componentsReplaced,
        },
        payload: {
          code,
          reuse: counts,
          reused: Object.keys(d.prefill),
          replacedComponents: Object.keys(replaced),
        },
      };
    },
  });
}

/**
 * Where the dossier is handled: by default the commune chosen at creation; a procedure may name
 * a commune field of its form instead (temporary residence goes to the commune where one stays).
 */
async function competentPlace(q: Queryable, def: ProcedureDefinition, d: DossierRow, form: FormValues) {
  const current = { commune_code: d.communeCode, province_code: d.provinceCode, agency_code: d.agencyCode };
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
  return {
    commune_code: commune.code,
    province_code: commune.provinceCode,
    agency_code: agencyCode(def.agency.sector, commune.provinceCode, commune.code),
  };
}

/** Officer and citizen actions after submission; receipt fixes the legal due date. */
export async function act(
  ctx: Ctx,
  id: string,
  input: { action: ActionType; reason?: string | undefined; values?: FormValues | undefined },
): Promise<DossierRow> {
  return transition(ctx, id, {
    type: input.action,
    reason: input.reason,
    prepare: async (q, d, def, at) => {
      if (input.action === "receive") {
        await requirePaidIfOwed(q, d);
        const due = dueAt(at, def.timeLimit);
        return { columns: { due_at: due }, payload: { dueAt: due.toISOString() } };
      }
      if (input.action === "supplement" && input.values) {
        const merged = mergeValues(d, input.values);
        const issues = validateForm(def, merged, true);
        if (issues.length > 0) throw new AppError("FORM_INVALID", issues);
        return {
          columns: { form: visibleValues(def, merged) },
          payload: { keys: Object.keys(input.values) },
        };
      }
      if (input.action === "issue_result") {
        if (!ctx.services) throw new Error("issuing a result needs the document store");
        const result = await issueResult(q, ctx.services, d, def, at);
        return { payload: { resultKind: result.kind, resultNumber: result.number, sha256: result.sha256 } };
      }
      return {};
    },
  });
}

/** "This is wrong": a correction request to the registry owner; the form keeps the registry value. */
export async function fileCorrection(
  ctx: Ctx,
  id: string,
  input: { fieldKey: string; claimedValue: string; note?: string | undefined },
): Promise<number> {
  return audited(ctx, "dossier.correction", `dossier:${id}`, async () => {
    const d = await findDossier(ctx.db, id);
    if (!d || !canSee(ctx.principal, d)) throw new AppError("NOT_FOUND");
    const pre = d.prefill[input.fieldKey];
    if (!pre) {
      throw new AppError("VALIDATION_FAILED", [
        {
          field: "body.fieldKey",
          messageVi: "Trường này không lấy từ cơ sở dữ liệu.",
          messageEn: "This field is not registry-sourced.",
        },
      ]);
    }
    const provenance = pre.provenance as { registry: string; ref?: string };
    const actor = actorOf(ctx.principal);
    return ctx.db.tx(async (q) => {
      const { rows } = await q.query<{ id: number }>(
        `insert into correction_requests (dossier_id, subject_number, field_key, registry, registry_value, claimed_value, note, filed_by, province_code)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning id`,
        [
          id,
          /^\d{12}$/.test(provenance.ref ?? "") ? provenance.ref : d.applicantNumber,
          input.fieldKey,
          provenance.registry,
          String(pre.value),
          input.claimedValue,
          input.note ?? null,
          actor.id,
          d.provinceCode,
        ],
      );
      const requestId = rows[0]?.id ?? 0;
      await enqueue(
        q,
        `registry.${provenance.registry}.correction`,
        String(requestId),
        { dossierId: id, fieldKey: input.fieldKey },
        d.provinceCode,
      );
      return requestId;
    });
  });
}

/** Claim a dossier ("me") or hand it to a colleague who may act on it in the same jurisdiction. */
export async function assign(ctx: Ctx, id: string, assignee: string): Promise<DossierRow> {
  return transition(ctx, id, {
    type: "assign",
    prepare: async (q, d) => {
      const p = ctx.principal;
      if (p.kind !== "officer") throw new AppError("FORBIDDEN");
      const username = assignee === "me" ? p.username : assignee;
      if (username !== p.username) {
        const colleague = await findOfficer(q, username);
        if (
          !colleague ||
          colleague.role === "agent" ||
          !lifecycleRoleOrNull(colleague) ||
          !canSee(colleague, d)
        ) {
          throw new AppError("VALIDATION_FAILED", [
            {
              field: "body.assignee",
              messageVi: "Không thể giao cho cán bộ này (không cùng địa bàn hoặc không xử lý hồ sơ).",
              messageEn: "This officer cannot take the dossier (other jurisdiction or role).",
            },
          ]);
        }
      }
      return { columns: { assignee: username }, payload: { assignee: username } };
    },
  });
}
