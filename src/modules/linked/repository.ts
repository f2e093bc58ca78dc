import type { Queryable } from "../../db/client.js";
import type { ChildHomeRecord } from "../../domain/linked-form.js";
import type { GroupFact, StepState } from "../../domain/linked-group.js";

/** SQL of linked group applications: the group row and its steps (province first: the distribution key). */
export type GroupRow = {
  provinceCode: string;
  id: string;
  groupCode: string;
  groupVersion: number;
  applicantNumber: string;
  receivedAt: Date;
  dueAt: Date;
  verification: boolean;
  facts: Partial<Record<GroupFact, string>>;
  /** The other parent's household the child joins (birth group, migration 357); null: the applicant's. */
  childHome: ChildHomeRecord | null;
};

/** Why a step failed or was cancelled, in plain words, and what the citizen can do. */
export type StepReason = { vi: string; en: string; whatToDoVi?: string; whatToDoEn?: string };

export type StepRow = {
  stepKey: string;
  procedureCode: string;
  dossierId: string | null;
  state: StepState;
  plannedDueAt: Date;
  values: Record<string, unknown>;
  /** Keys of `values` a registry message gave (a notice consumed since): reused, not typed. */
  reused: string[];
  reason: StepReason | null;
  changedAt: Date;
  /** The dossier of the step filed on its own after it ended (migration 363), if any. */
  aloneDossierId?: string | null;
};

export async function insertGroup(q: Queryable, g: GroupRow): Promise<void> {
  await q.query(
    `insert into linked_groups (province_code, id, group_code, group_version, applicant_number, received_at, due_at, verification, facts, child_home)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb)`,
    [
      g.provinceCode,
      g.id,
      g.groupCode,
      g.groupVersion,
      g.applicantNumber,
      g.receivedAt,
      g.dueAt,
      g.verification,
      JSON.stringify(g.facts),
      g.childHome ? JSON.stringify(g.childHome) : null,
    ],
  );
}

export async function insertStep(
  q: Queryable,
  provinceCode: string,
  groupId: string,
  s: StepRow,
): Promise<void> {
  await q.query(
    `insert into linked_group_steps (province_code, group_id, step_key, procedure_code, dossier_id, state, planned_due_at, values, reason, reused)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9::jsonb, $10)`,
    [
      provinceCode,
      groupId,
      s.stepKey,
      s.procedureCode,
      s.dossierId,
      s.state,
      s.plannedDueAt,
      JSON.stringify(s.values),
      s.reason ? JSON.stringify(s.reason) : null,
      s.reused,
    ],
  );
}

/** The group and its steps; `lock` takes the group row's lock (one advance of a group at a time). */
export async function findGroup(
  q: Queryable,
  provinceCode: string,
  id: string,
  lock = false,
): Promise<{ group: GroupRow; steps: StepRow[] } | undefined> {
  const { rows } = lock
    ? await q.query<GroupRow>(
        `select province_code as "provinceCode", id, group_code as "groupCode", group_version as "groupVersion",
  applicant_number as "applicantNumber", received_at as "receivedAt", due_at as "dueAt", verification, facts, child_home as "childHome" from linked_groups where province_code = $1 and id = $2 for update`,
        [provinceCode, id],
      )
    : await q.query<GroupRow>(
        `select province_code as "provinceCode", id, group_code as "groupCode", group_version as "groupVersion",
  applicant_number as "applicantNumber", received_at as "receivedAt", due_at as "dueAt", verification, facts, child_home as "childHome" from linked_groups where province_code = $1 and id = $2`,
        [provinceCode, id],
      );
  const group = rows[0];
  if (!group) return undefined;
  const steps = await q.query<StepRow>(
    `select step_key as "stepKey", procedure_code as "procedureCode", dossier_id as "dossierId", state,
  planned_due_at as "plannedDueAt", values, reused, reason, changed_at as "changedAt",
  alone_dossier_id as "aloneDossierId" from linked_group_steps where province_code = $1 and group_id = $2 order by changed_at, step_key`,
    [provinceCode, id],
  );
  return { group, steps: steps.rows };
}

/** The group a dossier is a step of, if any. */
export async function groupOfDossier(
  q: Queryable,
  provinceCode: string,
  dossierId: string,
): Promise<{ groupId: string; stepKey: string } | undefined> {
  const { rows } = await q.query<{ groupId: string; stepKey: string }>(
    `select group_id as "groupId", step_key as "stepKey" from linked_group_steps
     where province_code = $1 and dossier_id = $2`,
    [provinceCode, dossierId],
  );
  return rows[0];
}

/** Whether `err` is the refusal of a second step holding the same dossier (migration 191). */
export function isStepDossierTaken(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string } | null;
  return e?.code === "23505" && e.constraint === "linked_group_steps_dossier";
}

/** Takes a waiting step for starting (one starter wins); false if it no longer waits. */
export async function claimStep(
  q: Queryable,
  provinceCode: string,
  groupId: string,
  stepKey: string,
  at: Date,
) {
  const { rows } = await q.query(
    `update linked_group_steps set state = 'started', changed_at = $4
     where province_code = $1 and group_id = $2 and step_key = $3 and state = 'waiting' returning step_key`,
    [provinceCode, groupId, stepKey, at],
  );
  return rows.length > 0;
}

export async function setStep(
  q: Queryable,
  provinceCode: string,
  groupId: string,
  stepKey: string,
  change: { state: StepState; reason?: StepReason | null; dossierId?: string | null; at: Date },
): Promise<void> {
  await q.query(
    `update linked_group_steps set state = $4, reason = coalesce($5::jsonb, reason), dossier_id = coalesce($6, dossier_id), changed_at = $7
     where province_code = $1 and group_id = $2 and step_key = $3`,
    [
      provinceCode,
      groupId,
      stepKey,
      change.state,
      change.reason ? JSON.stringify(change.reason) : null,
      change.dossierId ?? null,
      change.at,
    ],
  );
}

/** Links the step to the dossier it was filed as on its own (its `changed_at` stays: the step did not change). */
export async function setAloneDossier(
  q: Queryable,
  provinceCode: string,
  groupId: string,
  stepKey: string,
  dossierId: string,
): Promise<void> {
  await q.query(
    `update linked_group_steps set alone_dossier_id = $4
     where province_code = $1 and group_id = $2 and step_key = $3`,
    [provinceCode, groupId, stepKey, dossierId],
  );
}

export async function addFacts(
  q: Queryable,
  provinceCode: string,
  groupId: string,
  facts: Partial<Record<GroupFact, string>>,
): Promise<void> {
  await q.query("update linked_groups set facts = facts || $3::jsonb where province_code = $1 and id = $2", [
    provinceCode,
    groupId,
    JSON.stringify(facts),
  ]);
}

/**
 * The applicant's group applications, newest first, with their steps' states: in every province
 * they filed in (a national read by nature, like their dossiers; docs/scaling.md).
 */
export async function groupsOfApplicant(
  q: Queryable,
  applicantNumber: string,
  limit: number,
): Promise<Array<GroupRow & { states: StepState[]; alone: Array<string | null> }>> {
  // Each step's state and the dossier it was filed as on its own (null: none), in the same order.
  const { rows } = await q.query<GroupRow & { states: StepState[]; alone: Array<string | null> }>(
    `select g.province_code as "provinceCode", g.id, g.group_code as "groupCode", g.group_version as "groupVersion",
  g.applicant_number as "applicantNumber", g.received_at as "receivedAt", g.due_at as "dueAt", g.verification, g.facts,
  array(select s.state from linked_group_steps s where s.province_code = g.province_code and s.group_id = g.id order by s.step_key) as states,
  array(select s.alone_dossier_id from linked_group_steps s where s.province_code = g.province_code and s.group_id = g.id order by s.step_key) as alone
from linked_groups g where g.applicant_number = $1 order by g.received_at desc limit $2`,
    [applicantNumber, limit],
  );
  return rows;
}

/**
 * Records the household head's consent to the child joining (only once: false when already given or
 * the group names no other household).
 */
export async function recordHeadConsent(
  q: Queryable,
  provinceCode: string,
  id: string,
  consent: NonNullable<ChildHomeRecord["consent"]>,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `update linked_groups set child_home = jsonb_set(child_home, '{consent}', $3::jsonb)
     where province_code = $1 and id = $2 and child_home is not null and child_home->'consent' = 'null'::jsonb
       and coalesce(child_home->'refusal', 'null'::jsonb) = 'null'::jsonb`,
    [provinceCode, id, JSON.stringify(consent)],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * Records the head's refusal on a group still waiting for an answer (no consent, no refusal yet);
 * false when it was not waiting (answered meanwhile), nothing written.
 */
export async function recordHeadRefusal(
  q: Queryable,
  provinceCode: string,
  id: string,
  refusal: NonNullable<ChildHomeRecord["refusal"]>,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `update linked_groups set child_home = jsonb_set(child_home, '{refusal}', $3::jsonb)
     where province_code = $1 and id = $2 and child_home is not null and child_home->'consent' = 'null'::jsonb
       and coalesce(child_home->'refusal', 'null'::jsonb) = 'null'::jsonb`,
    [provinceCode, id, JSON.stringify(refusal)],
  );
  return (rowCount ?? 0) > 0;
}

/**
 * The groups in `provinceCode` waiting for `headNumber`'s consent as head of the household the
 * child is to join (the head's household's province: the group's, `resolveChildHome`).
 */
export async function groupsAwaitingHead(
  q: Queryable,
  provinceCode: string,
  headNumber: string,
): Promise<Array<{ id: string; applicantNumber: string; childHome: ChildHomeRecord; receivedAt: Date }>> {
  const { rows } = await q.query<{
    id: string;
    applicantNumber: string;
    childHome: ChildHomeRecord;
    receivedAt: Date;
  }>(
    `select id, applicant_number as "applicantNumber", child_home as "childHome", received_at as "receivedAt"
     from linked_groups where province_code = $1 and child_home->>'headNumber' = $2
       and child_home->'consent' = 'null'::jsonb and coalesce(child_home->'refusal', 'null'::jsonb) = 'null'::jsonb
     order by received_at desc limit 20`,
    [provinceCode, headNumber],
  );
  return rows;
}

/**
 * Records a reminder to the head at `at` on a group still waiting for the head's answer and not
 * reminded after `notAfter` (one reminder in 24 hours; concurrent taps: one wins); false when not
 * recorded (answered meanwhile, or reminded since), nothing written.
 */
export async function recordHeadReminder(
  q: Queryable,
  provinceCode: string,
  id: string,
  at: Date,
  notAfter: Date,
): Promise<boolean> {
  const { rowCount } = await q.query(
    `update linked_groups
     set child_home = jsonb_set(child_home, '{reminders}', coalesce(child_home->'reminders', '[]'::jsonb) || jsonb_build_array($3::text))
     where province_code = $1 and id = $2 and child_home is not null and child_home->'consent' = 'null'::jsonb
       and coalesce(child_home->'refusal', 'null'::jsonb) = 'null'::jsonb
       and coalesce((child_home->'reminders'->>(-1))::timestamptz <= $4::timestamptz, true)`,
    [provinceCode, id, at.toISOString(), notAfter],
  );
  return (rowCount ?? 0) > 0;
}
