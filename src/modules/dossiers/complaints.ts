// A citizen's feedback or complaint on their dossier and the officer's answer (issue 13): the row
// (`dossier_complaints`) and the log's action (`complain`, `answer_complaint`) in one transition,
// so the KPI facts (metrics' observer) and the citizen's notice follow in the same transaction.
import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { all, first, qb, run } from "../../db/query.js";
import {
  AGENCIES,
  type AgencyId,
  dossierAgency,
  isAgencyId,
  mayActOnDossier,
  officeName,
} from "../../domain/agencies.js";
import { complaintDueAt, complaintTextProblem, complaintWorkingDaysLeft } from "../../domain/complaints.js";
import { TEXT_LIMITS } from "../../domain/inputs.js";
import { availableActions, reduce } from "../../domain/lifecycle.js";
import { actorOf, lifecycleRoleOrNull } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { findCommune, findProvince } from "../units/index.js";
import { audited, type Ctx, getVisibleDossier } from "./access.js";
import { DossierErrors } from "./errors.js";
import { idempotentRequest } from "./idempotency.js";
import { loadParts } from "./records.js";
import { transition } from "./transition.js";

/**
 * The citizen files a feedback or complaint on their own submitted dossier (anyone else's: 404):
 * the text trimmed, required (COMPLAINT_TEXT_REQUIRED) and at most 2,000 characters
 * (COMPLAINT_TOO_LONG); due 15 working days from now (`complaintDueAt`). With an Idempotency-Key a
 * repeated request files nothing more.
 */
export async function fileComplaint(
  ctx: Ctx,
  id: string,
  input: { text?: string | undefined },
  idempotencyKey?: string,
): Promise<void> {
  const problem = complaintTextProblem(input.text, TEXT_LIMITS.complaintText);
  if (problem === "required") throw new AppError(DossierErrors.COMPLAINT_TEXT_REQUIRED);
  if (problem === "too_long") throw new AppError(DossierErrors.COMPLAINT_TOO_LONG);
  if (ctx.principal.kind !== "citizen") throw new AppError("FORBIDDEN");
  const text = (input.text ?? "").trim();
  const complaintId = randomUUID();
  await transition(ctx, id, {
    type: "complain",
    reason: text,
    idempotent: idempotentRequest(idempotencyKey, "complain", { text }),
    prepare: async (q, { dossier }, at) => {
      const dueAt = complaintDueAt(at);
      await run(
        q,
        qb.insertInto("dossier_complaints").values({
          province_code: dossier.provinceCode,
          id: complaintId,
          dossier_id: dossier.id,
          text,
          created_at: at,
          due_at: dueAt,
        }),
      );
      return { payload: { complaintId, complaintDueAt: dueAt.toISOString() } };
    },
  });
}

/**
 * The officer of the dossier's jurisdiction and agency answers a complaint on it: the text
 * required (COMPLAINT_ANSWER_REQUIRED, at most 2,000: COMPLAINT_ANSWER_TOO_LONG), once
 * (COMPLAINT_ANSWERED, 409); a complaint not on the dossier is COMPLAINT_NOT_FOUND. The citizen
 * is told (the transition's notice, `answer_complaint`). Who answered is kept on the row as they
 * are at this instant (migration 366: name, office's name, agency and unit; `answererAt`), so a
 * later rename or move of the officer leaves the answer as given.
 */
export async function answerComplaint(
  ctx: Ctx,
  id: string,
  complaintId: string,
  input: { text?: string | undefined },
): Promise<void> {
  const problem = complaintTextProblem(input.text, TEXT_LIMITS.complaintAnswer);
  if (problem === "required") throw new AppError(DossierErrors.COMPLAINT_ANSWER_REQUIRED);
  if (problem === "too_long") throw new AppError(DossierErrors.COMPLAINT_ANSWER_TOO_LONG);
  const text = (input.text ?? "").trim();
  // Who may answer is the lifecycle's (`answer_complaint`'s roles), in the transition.
  const by = actorOf(ctx.principal).id;
  await transition(ctx, id, {
    type: "answer_complaint",
    reason: text,
    payload: { complaintId },
    prepare: async (q, { dossier }, at) => {
      const found = await first(
        q,
        qb
          .selectFrom("dossier_complaints")
          .select(["answered_at"])
          .where("province_code", "=", dossier.provinceCode)
          .where("dossier_id", "=", dossier.id)
          .where("id", "=", complaintId)
          .forUpdate(),
      );
      if (!found) throw new AppError(DossierErrors.COMPLAINT_NOT_FOUND);
      if (found.answered_at !== null) throw new AppError(DossierErrors.COMPLAINT_ANSWERED);
      const who = await answererAt(q, by, dossierAgency(dossier.agencyCode));
      await run(
        q,
        qb
          .updateTable("dossier_complaints")
          .set({
            answer: text,
            answered_at: at,
            answered_by: by,
            answered_by_name: who?.name ?? null,
            answered_by_office: who?.officeVi ?? null,
            answered_by_agency: who?.agency ?? null,
            answered_by_unit_code: who?.unitCode ?? null,
          })
          .where("province_code", "=", dossier.provinceCode)
          .where("id", "=", complaintId),
      );
      return {};
    },
  });
}

/**
 * A dossier's complaints, newest first, for whoever may see it (the applicant, the officers of its
 * jurisdiction): each with its due instant, its status, the answer, and while waiting the working
 * days left at `now`; whether the reader may file one (`complain`) or answer (`answer_complaint`).
 */
export async function dossierComplaints(ctx: Ctx, id: string) {
  return audited(ctx, "dossier.complaints", `dossier:${id}`, async () => {
    const d = await getVisibleDossier(ctx, id, "complaints");
    const now = ctx.now ? ctx.now() : new Date();
    const rows = await all(
      ctx.db,
      qb
        .selectFrom("dossier_complaints")
        .selectAll()
        .where("province_code", "=", d.provinceCode)
        .where("dossier_id", "=", d.id)
        .orderBy("created_at", "desc")
        .orderBy("id"),
    );
    // Another agency's dossier is read-only for an agency's officer (as its view's actions).
    const p = ctx.principal;
    const role =
      p.kind !== "officer" || mayActOnDossier(p.agency, d.agencyCode) ? lifecycleRoleOrNull(p) : null;
    const actions = role ? availableActions(reduce((await loadParts(ctx.db, d)).log), role) : [];
    return {
      items: rows.map((r) => ({
        id: r.id,
        text: r.text,
        createdAt: r.created_at,
        dueAt: r.due_at,
        status: r.answered_at === null ? ("waiting" as const) : ("answered" as const),
        answer: r.answer,
        answeredAt: r.answered_at,
        // As they were when answering (stored then, migration 366), never the officer's row today.
        answeredBy:
          r.answered_by_name !== null && r.answered_by_office !== null
            ? { name: r.answered_by_name, officeVi: r.answered_by_office }
            : null,
        answeredOnTime: r.answered_at === null ? null : r.answered_at.getTime() <= r.due_at.getTime(),
        workingDaysLeft: r.answered_at === null ? complaintWorkingDaysLeft(r.due_at, now) : null,
      })),
      mayComplain: actions.includes("complain"),
      mayAnswer: actions.includes("answer_complaint"),
    };
  });
}

/**
 * Who answers, as the citizen reads it, at this instant: the officer account `username`'s full name
 * and the office they answer for (`officeName`: their agency, else the dossier's `fallback`, else
 * the People's Committee, at their commune, else their province: "Ủy ban nhân dân phường Hải
 * Vân"), with that agency and the unit's code (commune or province; null when the office names
 * none). Undefined for an answer by no officer account (a machine client acting by its client id).
 * Migration 366 computed the same for the answers given before it, from the officers' rows then.
 */
export async function answererAt(
  q: Queryable,
  username: string,
  fallback: AgencyId | undefined,
): Promise<{ name: string; officeVi: string; agency: AgencyId; unitCode: string | null } | undefined> {
  const o = await first(
    q,
    qb
      .selectFrom("officers")
      .select(["full_name", "agency", "jurisdiction_level", "jurisdiction_code", "province_code"])
      .where("username", "=", username),
  );
  if (!o) return undefined;
  const agency = o.agency && isAgencyId(o.agency) ? o.agency : (fallback ?? "ubnd");
  const commune =
    o.jurisdiction_level === "commune" && o.jurisdiction_code
      ? await findCommune(q, o.jurisdiction_code)
      : undefined;
  const provinceCode = o.province_code ?? commune?.provinceCode ?? o.jurisdiction_code;
  const province = provinceCode ? await findProvince(q, provinceCode) : undefined;
  const level = AGENCIES[agency].level;
  const unit = level === "commune" ? (commune ?? province) : level === "province" ? province : undefined;
  return {
    name: o.full_name,
    officeVi: officeName(agency, { commune, province }),
    agency,
    unitCode: unit?.code ?? null,
  };
}
