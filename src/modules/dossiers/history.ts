import type { Db } from "../../db/client.js";
import { first, qb, run } from "../../db/query.js";
import { dueInstantsOf, dueAt as legalDue } from "../../domain/due.js";
import type { HistoryDossier, Refused } from "../../domain/history.js";
import { type DossierAction, reduce } from "../../domain/lifecycle.js";
import { AppError } from "../../kernel/errors.js";
import { localityId } from "../../kernel/locality.js";
import { getPublished } from "../catalog/index.js";
import { findCommune } from "../units/index.js";
import { notifyObservers } from "./observers.js";
import { findDossier, type LoggedAction } from "./repository.js";

export type HistoryOutcome = { ok: true; imported: boolean; code: string } | Refused;

/**
 * Records one historical dossier (`npm run import`, KPIS.md "History import format") as the
 * platform records its own: the projection row, the whole log (actor "import"), its rating, what
 * the platform does not record itself (paper components, a complaint: `dossier_imports`), and the
 * observers' work (the KPI rollups), in one transaction: all of it or nothing. Idempotent by code:
 * a code already in its province is left as it is (`imported: false`).
 */
export async function importHistoryDossier(db: Db, h: HistoryDossier): Promise<HistoryOutcome> {
  const l = h.line;
  const commune = await findCommune(db, l.commune);
  if (!commune) return { ok: false, vi: `Không có xã mã ${l.commune}.`, en: `No commune ${l.commune}.` };
  if (commune.provinceCode !== h.provinceCode || !l.code.includes(`.${l.commune}.H${h.provinceCode}-`))
    return {
      ok: false,
      vi: `Mã hồ sơ ${l.code} không thuộc xã ${l.commune} (tỉnh ${commune.provinceCode}).`,
      en: `Dossier code ${l.code} does not belong to commune ${l.commune} (province ${commune.provinceCode}).`,
    };
  let procedure: Awaited<ReturnType<typeof getPublished>>;
  try {
    procedure = await getPublished(db, l.procedure);
  } catch (err) {
    if (err instanceof AppError && err.status === 404)
      return {
        ok: false,
        vi: `Không có thủ tục ${l.procedure}.`,
        en: `No published procedure ${l.procedure}.`,
      };
    throw err;
  }
  // The due instant the old system promised, else the procedure's limit from the receipt.
  let log: DossierAction[] = h.log;
  const receive = log.find((a) => a.type === "receive");
  if (receive) {
    const due = h.dueAt ?? legalDue(receive.at, procedure.definition.timeLimit);
    log = log.map((a) => (a === receive ? { ...a, payload: { ...a.payload, dueAt: due.toISOString() } } : a));
  }
  const state = reduce(log);
  const instants = dueInstantsOf(state);
  const province = h.provinceCode;
  return db.tx(async (q) => {
    const existing = await first(
      q,
      qb.selectFrom("dossiers").select("id").where("province_code", "=", province).where("code", "=", l.code),
    );
    if (existing) return { ok: true, imported: false, code: l.code };
    const id = localityId(province);
    await run(
      q,
      qb.insertInto("dossiers").values({
        id,
        code: l.code,
        procedure_code: procedure.code,
        procedure_version: procedure.version,
        province_code: province,
        commune_code: l.commune,
        agency_code: l.code.replace(/-\d{6}-\d+$/, ""),
        applicant_number: l.applicant,
        created_by_kind: "import",
        created_by: "import",
        channel: l.channel,
        status: state.status,
        fields_total: l.fields?.total ?? 0,
        fields_prefilled: l.fields?.prefilled ?? 0,
        components_replaced: l.components?.replacedByData ?? 0,
        fee_amount: l.fee,
        submitted_at: state.submittedAt,
        received_at: state.receivedAt,
        due_at: instants?.dueAt ?? null,
        near_due_at: instants?.nearDueAt ?? null,
        finished_at: state.finishedAt,
        decided_at: state.decidedAt,
        supplement_requests: state.supplementRequests,
        last_seq: log.length,
      }),
    );
    const dossier = await findDossier(q, id);
    if (!dossier) throw new Error(`dossier ${l.code} was not inserted`);
    const logged: LoggedAction[] = log.map((a, i) => ({ ...a, seq: i + 1, actorKind: "import" }));
    await run(
      q,
      qb.insertInto("dossier_actions").values(
        logged.map((a) => ({
          dossier_id: id,
          seq: a.seq,
          at: a.at,
          action: a.type,
          actor_kind: a.actorKind,
          actor_id: a.actorId,
          actor_role: a.role,
          channel: a.channel,
          reason: a.reason ?? null,
          payload: JSON.stringify(a.payload ?? {}),
          province_code: province,
        })),
      ),
    );
    if (l.rating !== undefined)
      await run(
        q,
        qb
          .insertInto("ratings")
          .values({ dossier_id: id, score: l.rating, comment: null, province_code: province }),
      );
    await run(
      q,
      qb.insertInto("dossier_imports").values({
        province_code: province,
        dossier_id: id,
        code: l.code,
        paper_components: l.components?.paper ?? 0,
        complaint: l.complaint ?? false,
      }),
    );
    await notifyObservers(q, { dossier, log: logged, event: "import" });
    return { ok: true, imported: true, code: l.code };
  });
}
