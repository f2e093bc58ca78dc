import type { Queryable } from "../../db/client.js";
import { type Clock, clockOf } from "../../domain/due.js";
import { visibleFields } from "../../domain/form.js";
import { type ActionType, availableActions, reduce } from "../../domain/lifecycle.js";
import { lifecycleRoleOrNull } from "../../domain/principal.js";
import { evaluate } from "../../domain/procedure.js";
import { getVersion } from "../catalog/index.js";
import { type Ctx, getVisibleDossier } from "./access.js";
import { ratingOf } from "./ratings.js";
import { type DossierRow, loadLog } from "./repository.js";

/** What the portal and the workspace show of a dossier, for the person looking at it. */
export async function dossierView(ctx: Ctx, id: string) {
  return buildView(ctx.db, ctx, await getVisibleDossier(ctx, id));
}

export async function buildView(q: Queryable, ctx: Ctx, d: DossierRow) {
  const { definition: def } = await getVersion(q, d.procedureCode, d.procedureVersion);
  const log = await loadLog(q, d.id);
  const state = reduce(log);
  const { rows: files } = await q.query<{
    component_key: string;
    sha256: string;
    filename: string;
    mime: string;
    size_bytes: number;
    uploaded_at: Date;
  }>(
    "select component_key, sha256, filename, mime, size_bytes, uploaded_at from dossier_files where dossier_id = $1 order by uploaded_at",
    [d.id],
  );
  const visible = new Set(visibleFields(def, d.form).map((f) => f.key));
  const replaced = d.components as Record<
    string,
    { replaced?: boolean; fact?: unknown; ref?: string | null }
  >;
  const clock: Clock | null =
    d.receivedAt && d.dueAt
      ? clockOf({
          receivedAt: d.receivedAt,
          due: d.dueAt,
          pauses: state.pauses,
          finishedAt: d.finishedAt,
          now: ctx.now ? ctx.now() : new Date(),
        })
      : null;
  const role = lifecycleRoleOrNull(ctx.principal);
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
    createdBy: d.createdBy,
    provinceCode: d.provinceCode,
    communeCode: d.communeCode,
    agencyCode: d.agencyCode,
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
      };
    }),
    components: def.components.map((c) => {
      const own = files.filter((f) => f.component_key === c.key);
      const r = replaced[c.key];
      return {
        key: c.key,
        nameVi: c.nameVi,
        nameEn: c.nameEn,
        kind: c.kind,
        required: evaluate(c.required, d.form, true),
        accept: c.accept ?? null,
        maxBytes: c.maxBytes ?? null,
        state: r?.replaced
          ? ("replaced" as const)
          : own.length > 0
            ? ("uploaded" as const)
            : ("missing" as const),
        replacedBy: r?.replaced ? { fact: c.replacedBy ?? null, ref: r.ref ?? null } : null,
        files: own.map((f) => ({
          sha256: f.sha256,
          filename: f.filename,
          mime: f.mime,
          sizeBytes: f.size_bytes,
          uploadedAt: f.uploaded_at,
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
    rating: await ratingOf(q, d.id),
    assignee: d.assignee,
    correctionRequests: (
      await q.query<{
        fieldKey: string;
        registry: string;
        registryValue: string | null;
        claimedValue: string | null;
        note: string | null;
        createdAt: Date;
      }>(
        `select field_key as "fieldKey", registry, registry_value as "registryValue", claimed_value as "claimedValue",
           note, created_at as "createdAt" from correction_requests where dossier_id = $1 order by id`,
        [d.id],
      )
    ).rows,
    createdAt: d.createdAt,
    submittedAt: d.submittedAt,
    receivedAt: d.receivedAt,
    dueAt: d.dueAt,
    finishedAt: d.finishedAt,
    supplementRequests: d.supplementRequests,
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
    availableActions: role ? availableActions(state, role) : ([] as ActionType[]),
  };
}

export type DossierView = Awaited<ReturnType<typeof buildView>>;
