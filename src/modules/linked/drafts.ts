import { randomUUID } from "node:crypto";
import type { Queryable } from "../../db/client.js";
import { LinkedDraftState } from "../../domain/api/linked.js";
import type { Principal } from "../../domain/principal.js";
import { AppError } from "../../kernel/errors.js";
import { getPublishedGroup } from "../catalog/index.js";

/**
 * The combined form of a linked group kept on the server as the citizen types (migration 356):
 * one draft per person, group and form (an offer's form is its own), read and written by that
 * person only (anyone else: 404, the same as no draft), deleted by them or by filing the group.
 */
export type LinkedDraft = {
  id: string;
  group: string;
  offer: string | null;
  state: LinkedDraftState;
  createdAt: Date;
  updatedAt: Date;
};

/** The signed-in citizen's personal number; anyone else may keep no draft (403). */
function ownerOf(p: Principal): string {
  if (p.kind !== "citizen") throw new AppError("FORBIDDEN");
  return p.personalNumber;
}

/** A stored state read as the form takes it (a state saved by an older form gets the defaults). */
const asDraft = (row: LinkedDraft): LinkedDraft => {
  const state = LinkedDraftState.safeParse(row.state);
  return { ...row, state: state.success ? state.data : LinkedDraftState.parse({}) };
};

/**
 * Starts the draft of `group`'s form (from `offer`, if any), or answers with the one already
 * started: a second tap, a second tab or a retry never makes a second draft. `created`: this call
 * started it. An unknown or unpublished group: 404 (nothing written).
 */
export async function startDraft(
  q: Queryable,
  p: Principal,
  input: { group: string; offer?: string | undefined },
  now: Date,
): Promise<{ draft: LinkedDraft; created: boolean }> {
  const pn = ownerOf(p);
  await getPublishedGroup(q, input.group);
  const { rows } = await q.query<LinkedDraft>(
    `insert into linked_drafts (personal_number, id, group_code, form_key, state, created_at, updated_at)
     values ($1, $2, $3, $4, '{}'::jsonb, $5, $5)
     on conflict (personal_number, group_code, form_key) do nothing
     returning id, group_code as "group", nullif(form_key, '') as offer, state, created_at as "createdAt", updated_at as "updatedAt"`,
    [pn, randomUUID(), input.group, input.offer ?? "", now],
  );
  if (rows[0]) return { draft: asDraft(rows[0]), created: true };
  const found = await findDraft(q, p, input);
  if (!found) throw new Error("linked_drafts: no row after a conflicting insert");
  return { draft: found, created: false };
}

/** The citizen's draft of `group`'s form (from `offer`, if any); null when none was started. */
export async function findDraft(
  q: Queryable,
  p: Principal,
  input: { group: string; offer?: string | undefined },
): Promise<LinkedDraft | null> {
  const { rows } = await q.query<LinkedDraft>(
    `select id, group_code as "group", nullif(form_key, '') as offer, state, created_at as "createdAt", updated_at as "updatedAt" from linked_drafts
     where personal_number = $1 and group_code = $2 and form_key = $3`,
    [ownerOf(p), input.group, input.offer ?? ""],
  );
  return rows[0] ? asDraft(rows[0]) : null;
}

/** One of the citizen's drafts by id; someone else's or none: 404. */
export async function readDraft(q: Queryable, p: Principal, id: string): Promise<LinkedDraft> {
  const { rows } = await q.query<LinkedDraft>(
    `select id, group_code as "group", nullif(form_key, '') as offer, state, created_at as "createdAt", updated_at as "updatedAt" from linked_drafts where personal_number = $1 and id = $2`,
    [ownerOf(p), id],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND");
  return asDraft(rows[0]);
}

/** Replaces the draft's state with the form as it is now (validated by the route); 404 as `readDraft`. */
export async function saveDraft(
  q: Queryable,
  p: Principal,
  id: string,
  state: LinkedDraftState,
  now: Date,
): Promise<LinkedDraft> {
  const { rows } = await q.query<LinkedDraft>(
    `update linked_drafts set state = $3::jsonb, updated_at = $4
     where personal_number = $1 and id = $2 returning id, group_code as "group", nullif(form_key, '') as offer, state, created_at as "createdAt", updated_at as "updatedAt"`,
    [ownerOf(p), id, JSON.stringify(state), now],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND");
  return asDraft(rows[0]);
}

/** Deletes the citizen's draft; someone else's or none: 404. */
export async function deleteDraft(q: Queryable, p: Principal, id: string): Promise<void> {
  const r = await q.query("delete from linked_drafts where personal_number = $1 and id = $2", [
    ownerOf(p),
    id,
  ]);
  if ((r.rowCount ?? 0) === 0) throw new AppError("NOT_FOUND");
}

/** The group was filed: its form's draft is gone (none: nothing to do). */
export async function clearDraft(
  q: Queryable,
  personalNumber: string,
  input: { group: string; offer?: string | undefined },
): Promise<void> {
  await q.query(
    "delete from linked_drafts where personal_number = $1 and group_code = $2 and form_key = $3",
    [personalNumber, input.group, input.offer ?? ""],
  );
}
