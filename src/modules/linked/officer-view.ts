import type { z } from "zod";
import type { Queryable } from "../../db/client.js";
import { dossierAgency } from "../../domain/agencies.js";
import type {
  GroupAtRisk as GroupAtRiskSchema,
  GroupContext as GroupContextSchema,
  GroupStepContext,
} from "../../domain/api/linked.js";
import { type DueState, dueInstants, dueStateAt, dueStateOf } from "../../domain/due.js";
import { stepClockShown } from "../../domain/linked-clock.js";
import { groupState, type StepRecord } from "../../domain/linked-group.js";
import {
  AUTOMATIC_WORDS,
  atRiskReasons,
  groupWords,
  stepWords,
  verificationWords,
} from "../../domain/linked-group-words.js";
import type { OfficerPrincipal } from "../../domain/principal.js";
import { getDefinition, getGroupVersion, getPublished } from "../catalog/index.js";
import {
  type Ctx,
  decidedAutomatically,
  getVisibleDossier,
  provinceOfJurisdiction,
  stepClocks,
} from "../dossiers/index.js";
import { writeBackFailures } from "./registry-lag.js";
import { findGroup, groupOfDossier } from "./repository.js";
import { verificationRefusal } from "./verification.js";

export type StepContext = z.infer<typeof GroupStepContext>;
export type GroupContext = z.infer<typeof GroupContextSchema>;
type GroupAtRisk = z.infer<typeof GroupAtRiskSchema>;

/**
 * The group's clock (src/domain/due.ts, the one due rule): its due instant is the group's overall
 * limit; near due within the same threshold as a dossier's; null when the group is no longer open.
 */
function groupDueState(g: { receivedAt: Date; dueAt: Date }, open: boolean, now: Date): DueState | null {
  if (!open) return null;
  return dueStateAt(dueInstants({ receivedAt: g.receivedAt, legalDueAt: g.dueAt, pauses: [] }), now);
}

/** A group's context from its record: each step's agency, status and clock. */
async function contextOf(
  q: Queryable,
  provinceCode: string,
  groupId: string,
  now: Date,
  currentDossier?: string,
): Promise<GroupContext | undefined> {
  const found = await findGroup(q, provinceCode, groupId);
  if (!found) return undefined;
  const { group, steps } = found;
  const def = (await getGroupVersion(q, group.groupCode, group.groupVersion)).definition;
  const clocks = await stepClocks(
    q,
    provinceCode,
    steps.flatMap((s) => (s.dossierId ? [s.dossierId] : [])),
  );
  const automatic = await decidedAutomatically(
    q,
    provinceCode,
    steps.flatMap((s) => (s.dossierId ? [s.dossierId] : [])),
  );
  const out: StepContext[] = [];
  const recs: StepRecord[] = [];
  for (const m of def.members) {
    const s = steps.find((x) => x.stepKey === m.key);
    if (!s) continue;
    const d = clocks.find((c) => c.id === s.dossierId);
    const status = d && s.state !== "waiting" ? d.status : null;
    // A step not started yet is named by its procedure's published version (never by its code).
    const procedure = d
      ? await getDefinition(q, d.procedureCode, d.procedureVersion)
      : (await getPublished(q, s.procedureCode)).definition;
    const words = stepWords(s.state, status, "officer");
    recs.push({ key: s.stepKey, state: s.state, dossierStatus: status });
    out.push({
      key: s.stepKey,
      procedureCode: s.procedureCode,
      procedureVi: procedure.nameVi,
      procedureEn: procedure.nameEn,
      agencyVi: m.agencyVi,
      agencyEn: m.agencyEn,
      agency: d ? (dossierAgency(d.agencyCode) ?? null) : null,
      state: s.state,
      wordsVi: words.vi,
      wordsEn: words.en,
      code: status ? (d?.code ?? null) : null,
      status,
      // A refused or cancelled step has no deadline, as on the citizen's page (`stepClockShown`).
      dueAt: status && stepClockShown(s.state) ? (d?.dueAt ?? null) : null,
      dueState: d && status && stepClockShown(s.state) ? dueStateOf(d, now) : null,
      resultNumber: status ? (d?.resultNumber ?? null) : null,
      automaticVi: d && automatic.has(d.id) ? AUTOMATIC_WORDS.vi : null,
      automaticEn: d && automatic.has(d.id) ? AUTOMATIC_WORDS.en : null,
      current: s.dossierId !== null && s.dossierId === currentDossier,
    });
  }
  const state = groupState(recs);
  const words = groupWords(state);
  const current = steps.find((x) => x.dossierId !== null && x.dossierId === currentDossier);
  const verifiable =
    current && verificationRefusal(def, current.stepKey, group.verification) === null
      ? (def.limitWithVerification?.workingDays ?? null)
      : null;
  return {
    groupId: group.id,
    code: def.code,
    nameVi: def.nameVi,
    nameEn: def.nameEn,
    receivedAt: group.receivedAt,
    dueAt: group.dueAt,
    dueState: groupDueState(group, state === "in_progress", now),
    state,
    wordsVi: words.vi,
    wordsEn: words.en,
    steps: out,
    verification: group.verification,
    verificationWords:
      group.verification && def.limitWithVerification
        ? verificationWords(def.limitWithVerification.workingDays)
        : null,
    verifiableDays: verifiable,
  };
}

/**
 * The linked group a dossier is a step of, read-only, for whoever may see the dossier (its
 * officers, of whatever agency): the other steps' agency, procedure, status, clock and result
 * number, all another agency's officer may know of them (their dossiers stay closed to such an
 * officer: `dossierReadRight`). Null when the dossier is not a step of a group; NOT_FOUND when it
 * may not be seen.
 */
export async function dossierGroupContext(
  ctx: Ctx,
  dossierId: string,
  now: Date,
): Promise<GroupContext | null> {
  const d = await getVisibleDossier(ctx, dossierId, "view");
  const link = await groupOfDossier(ctx.db, d.provinceCode, d.id);
  return (link && (await contextOf(ctx.db, d.provinceCode, link.groupId, now, d.id))) ?? null;
}

/** The most open groups a leader's view looks at, soonest due first. */
const AT_RISK_SCAN = 200;

/**
 * The leader's view: open linked groups of the leader's jurisdiction (a commune: a step's dossier
 * is in it; a province: the province's) whose overall clock is near due or late (`dueStateAt`,
 * src/domain/due.ts), or whose next step waits on a result the registry has not taken in (its
 * write-back dead in delivery), each with why (`reasons`), soonest due first. Country-wide viewers: every province's. No
 * personal data: the group, its steps' codes, agencies, statuses and clocks.
 */
export async function groupsAtRisk(q: Queryable, p: OfficerPrincipal, now: Date): Promise<GroupAtRisk[]> {
  const j = p.jurisdiction;
  // One statement per level, each subquery naming the province's value: a subquery under an OR
  // ("$2 is null or exists …") or pinned only by its correlation runs on every shard on Citus
  // (docs/scaling.md, rule 7). The country's is a national read by nature.
  type Row = { provinceCode: string; id: string };
  const province = provinceOfJurisdiction(j);
  const { rows } =
    province === null
      ? await q.query<Row>(
          `select g.province_code as "provinceCode", g.id from linked_groups g
            where exists (select 1 from linked_group_steps s where s.province_code = g.province_code
                          and s.group_id = g.id and s.state in ('waiting', 'started'))
            order by g.due_at, g.id limit $1`,
          [AT_RISK_SCAN],
        )
      : j.level === "commune"
        ? await q.query<Row>(
            `select g.province_code as "provinceCode", g.id from linked_groups g
              where g.province_code = $1
                and exists (select 1 from linked_group_steps s where s.province_code = $1
                            and s.group_id = g.id and s.state in ('waiting', 'started'))
                and exists (select 1 from linked_group_steps s join dossiers d
                              on d.province_code = s.province_code and d.id = s.dossier_id
                             where s.province_code = $1 and s.group_id = g.id and d.commune_code = $2)
              order by g.due_at, g.id limit $3`,
            [province, j.code, AT_RISK_SCAN],
          )
        : await q.query<Row>(
            `select g.province_code as "provinceCode", g.id from linked_groups g
              where g.province_code = $1
                and exists (select 1 from linked_group_steps s where s.province_code = $1
                            and s.group_id = g.id and s.state in ('waiting', 'started'))
              order by g.due_at, g.id limit $2`,
            [province, AT_RISK_SCAN],
          );
  const out: GroupAtRisk[] = [];
  for (const r of rows) {
    const c = await contextOf(q, r.provinceCode, r.id, now);
    if (!c) continue;
    const reasons = atRiskReasons(c.dueState, await blockedByRegistry(q, r.provinceCode, r.id, c));
    if (reasons.length > 0) out.push({ ...c, reasons });
  }
  return out;
}

/**
 * The steps of an open group whose result's registry write-back died while a step depending on it
 * still waits: the group cannot go on by itself until an administrator sends the message again.
 */
async function blockedByRegistry(q: Queryable, provinceCode: string, groupId: string, c: GroupContext) {
  const waiting = c.steps.filter((s) => s.state === "waiting");
  if (waiting.length === 0) return [];
  const found = await findGroup(q, provinceCode, groupId);
  const def = found && (await getGroupVersion(q, found.group.groupCode, found.group.groupVersion)).definition;
  if (!found || !def) return [];
  const needed = new Set(
    def.members.filter((m) => waiting.some((w) => w.key === m.key)).flatMap((m) => m.dependsOn),
  );
  const done = found.steps.filter((s) => s.state === "done" && s.dossierId && needed.has(s.stepKey));
  const failed = await writeBackFailures(
    q,
    provinceCode,
    done.flatMap((s) => (s.dossierId ? [s.dossierId] : [])),
  );
  return c.steps.filter((s) =>
    done.some((d) => d.stepKey === s.key && d.dossierId && failed.has(d.dossierId)),
  );
}
