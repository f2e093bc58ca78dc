// A citizen's feedback or complaint on their dossier and the officer's answer (issue 13): the row
// (`dossier_complaints`) and the log's action (`complain`, `answer_complaint`) in one transition,
// so the KPI facts (metrics' observer) and the citizen's notice follow in the same transaction.
import { randomUUID } from "node:crypto";
import { all, first, qb, run } from "../../db/query.js";
import {
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
 * is told (the transition's notice, `answer_complaint`).
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
      await run(
        q,
        qb
          .updateTable("dossier_complaints")
          .set({ answer: text, answered_at: at, answered_by: by })
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
    const by = await answerers(
      ctx,
      rows.flatMap((r) => (r.answered_by ? [r.answered_by] : [])),
      dossierAgency(d.agencyCode),
    );
    return {
      items: rows.map((r) => ({
        id: r.id,
        text: r.text,
        createdAt: r.created_at,
        dueAt: r.due_at,
        status: r.answered_at === null ? ("waiting" as const) : ("answered" as const),
        answer: r.answer,
        answeredAt: r.answered_at,
        answeredBy: r.answered_by ? (by.get(r.answered_by) ?? null) : null,
        answeredOnTime: r.answered_at === null ? null : r.answered_at.getTime() <= r.due_at.getTime(),
        workingDaysLeft: r.answered_at === null ? complaintWorkingDaysLeft(r.due_at, now) : null,
      })),
      mayComplain: actions.includes("complain"),
      mayAnswer: actions.includes("answer_complaint"),
    };
  });
}

/**
 * Who answered, as the citizen reads it: the officer's full name and the office they answered for
 * (`officeName`: their agency, else the dossier's, at their commune, else their province:
 * "Ủy ban nhân dân phường Hải Vân"). An answer by no officer account (a machine client): absent.
 */
async function answerers(ctx: Ctx, usernames: string[], fallback: AgencyId | undefined) {
  const found = new Map<string, { name: string; officeVi: string }>();
  if (usernames.length === 0) return found;
  const officers = await all(
    ctx.db,
    qb
      .selectFrom("officers")
      .select(["username", "full_name", "agency", "jurisdiction_level", "jurisdiction_code", "province_code"])
      .where("username", "in", [...new Set(usernames)]),
  );
  for (const o of officers) {
    const agency = o.agency && isAgencyId(o.agency) ? o.agency : (fallback ?? "ubnd");
    const commune =
      o.jurisdiction_level === "commune" && o.jurisdiction_code
        ? await findCommune(ctx.db, o.jurisdiction_code)
        : undefined;
    const provinceCode = o.province_code ?? commune?.provinceCode ?? o.jurisdiction_code;
    const province = provinceCode ? await findProvince(ctx.db, provinceCode) : undefined;
    found.set(o.username, { name: o.full_name, officeVi: officeName(agency, { commune, province }) });
  }
  return found;
}
