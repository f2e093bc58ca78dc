import { randomUUID, timingSafeEqual } from "node:crypto";
import type { Db, Queryable } from "../../db/client.js";
import { dossierAgency } from "../../domain/agencies.js";
import { accountProblem, allowanceOf, loggedGrant } from "../../domain/allowances.js";
import { localDate } from "../../domain/calendar/index.js";
import { foldVietnamese } from "../../domain/text.js";
import { AppError } from "../../kernel/errors.js";
import { enqueue, type OutboxMessage } from "../delivery/index.js";
import type { TransitionEffect } from "../dossiers/index.js";
import {
  type AgencySigners,
  citizenOwnName,
  type ExternalAgencies,
  registerAllowanceHandlers,
  sendAllowancePaid,
} from "../exchange/index.js";
import { tellBeneficiary } from "./disbursement-notice.js";
import { sign } from "./payments.js";

/**
 * Cashless allowances (issue 12 point 6): a granted funeral allowance or survivor benefit
 * (`ALLOWANCE_RULES`, src/domain/allowances.ts) whose applicant chose a bank transfer is paid to
 * their account through a disbursement adapter:
 *
 *   `issue_result` ──same transaction──▶ a `disbursements` row (pending) + outbox `disbursement.transfer`
 *   ──delivery, `send` (outside any transaction)──▶ name inquiry: the account's format and its
 *   holder's name (folded) against the beneficiary's registry name (`accountProblem`); a mismatch
 *   is flagged at once, no money moves ──▶ transfer: the bank answers with a confirmation signed
 *   with the bank's key (HMAC-SHA-256, the key of the fees' callbacks: `sign`), verified here
 *   ──`handle`, in the message's transaction──▶ paid (reconciled: the confirmed amount, account and
 *   reference equal ours) and `allowances.paid@1` to the allowance registry (exchange).
 *
 * A failed transfer is counted on the row and retried by delivery (its backoff) up to
 * `DISBURSEMENT_MAX_ATTEMPTS`, then flagged for an officer with the bank's last error. The state
 * is on the citizen's group page and on the officer's dossier page (`disbursementOf`).
 */
export const DISBURSEMENT_MAX_ATTEMPTS = 3;
export const DISBURSEMENT_TOPIC = "disbursement.transfer";
const TOPIC = DISBURSEMENT_TOPIC;

/** What a bank answers (the demo bank below, or a real one behind the same shape). */
export type DisbursementBank = {
  /** Name inquiry: the holder of an account as the bank knows it; null when there is no such account. */
  holderName(account: string, bank: string, intendedName: string): Promise<string | null>;
  /** Transfer; the bank's confirmation (a JSON body) and its signature, or its refusal. */
  transfer(t: {
    ref: string;
    account: string;
    bank: string;
    amount: number;
  }): Promise<{ ok: true; body: string; signature: string } | { ok: false; error: string }>;
};

/**
 * The demo bank (DEMO on): like a bank's sandbox it answers by the account number's last digits:
 * …999 is someone else's account (holder "NGUYEN VAN KHAC"), …000 a closed account (every transfer
 * refused: "ACCOUNT_CLOSED"); any other account is held by the person it is meant for. It signs
 * its confirmations with the bank key, as its fee callbacks do.
 */
export function demoBank(bankKey: string, now: () => Date): DisbursementBank {
  return {
    holderName: async (account, _bank, intended) =>
      account.endsWith("999") ? "NGUYEN VAN KHAC" : foldVietnamese(intended).toUpperCase(),
    transfer: async (t) => {
      if (t.account.endsWith("000")) return { ok: false, error: "ACCOUNT_CLOSED" };
      const body = JSON.stringify({
        ref: t.ref,
        bankRef: `FT${t.ref.replace(/-/g, "").slice(0, 12).toUpperCase()}`,
        account: t.account,
        amount: t.amount,
        at: now().toISOString(),
      });
      return { ok: true, body, signature: sign(bankKey, body) };
    },
  };
}

type Row = {
  provinceCode: string;
  id: string;
  dossierId: string;
  kind: string;
  beneficiaryNumber: string;
  beneficiaryName: string;
  accountNumber: string;
  bank: string;
  amount: number;
  monthlyAmount: number;
  state: "pending" | "retrying" | "paid" | "flagged";
  attempts: number;
  lastError: string | null;
  bankRef: string | null;
  decidedAt: Date;
  paidAt: Date | null;
};

async function findRow(q: Queryable, provinceCode: string, dossierId: string): Promise<Row | undefined> {
  const { rows } = await q.query<Row>(
    `select province_code as "provinceCode", id, dossier_id as "dossierId", kind,
       beneficiary_number as "beneficiaryNumber", beneficiary_name as "beneficiaryName",
       account_number as "accountNumber", bank, amount, monthly_amount as "monthlyAmount", state, attempts,
       last_error as "lastError", bank_ref as "bankRef", decided_at as "decidedAt", paid_at as "paidAt"
     from disbursements where province_code = $1 and dossier_id = $2`,
    [provinceCode, dossierId],
  );
  return rows[0];
}

const text = (v: unknown) => (typeof v === "string" ? v.trim() : "");

/**
 * The effect of `issue_result`: for an allowance's decision paid by bank transfer, the
 * disbursement (the amount the decision granted: `amount` and `monthly` of the action's payload,
 * set by the dossiers module from `grantedAmount`, read back by `loggedGrant`; the beneficiary = the applicant, named as the
 * population registry names them) and its transfer message, in the decision's transaction.
 */
export const disbursementEffect: TransitionEffect = async (q, { dossier: d, definition, at, payload }) => {
  const rule = allowanceOf(definition.code);
  if (!rule || text(d.form["payout.method"]) !== "bank") return undefined;
  const granted = loggedGrant(rule, d.form["benefit.kind"], payload.amount);
  if (!granted.ok)
    throw new AppError("VALIDATION_FAILED", [
      { field: "body.amount", messageVi: granted.vi, messageEn: granted.en },
    ]);
  const name = (await citizenOwnName(q, d.applicantNumber)) ?? "";
  const id = randomUUID();
  await q.query(
    `insert into disbursements (province_code, id, dossier_id, kind, beneficiary_number, beneficiary_name,
       account_number, bank, amount, monthly_amount, decided_at, updated_at)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)
     on conflict (province_code, dossier_id) do nothing`,
    [
      d.provinceCode,
      id,
      d.id,
      rule.kind,
      d.applicantNumber,
      name,
      text(d.form["payout.accountNumber"]),
      text(d.form["payout.bank"]),
      granted.amount,
      granted.monthly,
      at,
    ],
  );
  await enqueue(q, {
    topic: TOPIC,
    key: d.id,
    payload: { dossierId: d.id, resultNumber: text(payload.resultNumber) || null },
    provinceCode: d.provinceCode,
    at,
    dossierCode: d.code,
  });
  return { disbursement: { id, amount: granted.amount, kind: rule.kind } };
};

type Sent =
  | { done: true }
  | { done: false; flagged: string }
  | { done: false; paid: { bankRef: string; paidAt: string; signature: string } };

async function flag(q: Queryable, r: Row, error: string, attempts: number, at: Date): Promise<void> {
  const { rows } = await q.query(
    `update disbursements set state = 'flagged', last_error = $3, attempts = $4, updated_at = $5
     where province_code = $1 and id = $2 and state in ('pending', 'retrying') returning id`,
    [r.provinceCode, r.id, error, attempts, at],
  );
  if (rows.length > 0) await tellBeneficiary(q, r, { event: "flagged", error }, at);
}

/**
 * The network part (delivery's `send`, outside any transaction): check the account, transfer,
 * verify the bank's signed confirmation. A refused transfer is counted and thrown (delivery
 * retries it) until the last attempt, which flags it.
 */
async function transferOnce(env: DisbursementEnv, m: OutboxMessage): Promise<Sent> {
  const r = await findRow(env.db, m.provinceCode, text(m.payload.dossierId));
  if (!r || r.state === "paid" || r.state === "flagged") return { done: true };
  const at = env.now();
  const holder = await env.bank.holderName(r.accountNumber, r.bank, r.beneficiaryName);
  const problem = accountProblem(r.accountNumber, holder, r.beneficiaryName);
  if (problem) return { done: false, flagged: problem.code };
  const answer = await env.bank.transfer({
    ref: r.id,
    account: r.accountNumber,
    bank: r.bank,
    amount: r.amount,
  });
  const error = answer.ok ? confirmationProblem(env.bankKey, answer, r) : answer.error;
  if (!answer.ok || error) {
    const attempts = r.attempts + 1;
    if (attempts >= DISBURSEMENT_MAX_ATTEMPTS) return { done: false, flagged: error ?? "TRANSFER_FAILED" };
    await env.db.query(
      `update disbursements set state = 'retrying', attempts = $3, last_error = $4, updated_at = $5
       where province_code = $1 and id = $2 and state in ('pending', 'retrying')`,
      [r.provinceCode, r.id, attempts, error ?? "TRANSFER_FAILED", at],
    );
    throw new Error(`disbursement ${r.id}: ${error ?? "TRANSFER_FAILED"}`);
  }
  const body = JSON.parse(answer.body) as { bankRef: string; at: string };
  return { done: false, paid: { bankRef: body.bankRef, paidAt: body.at, signature: answer.signature } };
}

/** Why a confirmation is not ours (bad signature, other reference, amount or account); null when it is. */
function confirmationProblem(bankKey: string, a: { body: string; signature: string }, r: Row): string | null {
  const expected = Buffer.from(sign(bankKey, a.body));
  const given = Buffer.from(a.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return "BAD_SIGNATURE";
  const c = JSON.parse(a.body) as { ref?: string; amount?: number; account?: string };
  return c.ref === r.id && c.amount === r.amount && c.account === r.accountNumber ? null : "NOT_RECONCILED";
}

/** The database part (delivery's `handle`, in the message's transaction): paid and written back, or flagged. */
async function record(env: DisbursementEnv, q: Queryable, m: OutboxMessage, sent: Sent): Promise<void> {
  if (sent.done) return;
  // Locked: an officer's resend or the beneficiary's correction waits for this change, or wins.
  await q.query("select 1 from disbursements where province_code = $1 and dossier_id = $2 for update", [
    m.provinceCode,
    text(m.payload.dossierId),
  ]);
  const r = await findRow(q, m.provinceCode, text(m.payload.dossierId));
  if (!r || r.state === "paid" || r.state === "flagged") return;
  const at = env.now();
  if ("flagged" in sent) return flag(q, r, sent.flagged, r.attempts + 1, at);
  const { rows } = await q.query<{ code: string | null; communeCode: string | null; agencyCode: string }>(
    `select code, commune_code as "communeCode", agency_code as "agencyCode" from dossiers where province_code = $1 and id = $2`,
    [r.provinceCode, r.dossierId],
  );
  const d = rows[0];
  const payer = d ? dossierAgency(d.agencyCode) : undefined;
  if (!d || !payer) throw new Error(`disbursement ${r.id}: dossier ${r.dossierId} not found`);
  await q.query(
    `update disbursements set state = 'paid', attempts = attempts + 1, bank_ref = $3, confirmation = $4,
       paid_at = $5, last_error = null, updated_at = $6 where province_code = $1 and id = $2`,
    [r.provinceCode, r.id, sent.paid.bankRef, sent.paid.signature, sent.paid.paidAt, at],
  );
  await tellBeneficiary(q, r, { event: "paid", bankRef: sent.paid.bankRef, paidAt: sent.paid.paidAt }, at);
  const resultNumber = text(m.payload.resultNumber) || null;
  const { rows: deceased } = await q.query<{ n: string | null }>(
    `select form->>'deceased.personalNumber' as n from dossiers where province_code = $1 and id = $2`,
    [r.provinceCode, r.dossierId],
  );
  await sendAllowancePaid(q, env.signers, {
    sender: payer,
    unit: d.communeCode,
    provinceCode: r.provinceCode,
    dossier: { id: r.dossierId, code: d.code },
    resultNumber,
    at,
    payload: {
      personalNumber: r.beneficiaryNumber,
      deceasedNumber: deceased[0]?.n ?? null,
      kind: r.kind as "funeral_allowance" | "survivor_benefit",
      decisionNumber: (resultNumber ?? d.code ?? r.dossierId).slice(0, 60),
      decidedOn: localDate(r.decidedAt),
      amount: r.amount,
      monthlyAmount: r.monthlyAmount,
      payment: {
        bankRef: sent.paid.bankRef,
        paidAt: new Date(sent.paid.paidAt).toISOString(),
        account: `****${r.accountNumber.slice(-4)}`,
        bank: r.bank.slice(0, 100),
      },
    },
  });
}

export type DisbursementEnv = {
  db: Db;
  bank: DisbursementBank;
  bankKey: string;
  signers: AgencySigners;
  now: () => Date;
};

/** Registers the transfer's handler with delivery (the allowance registry's own is exchange's). */
export function registerDisbursements(
  delivery: {
    registerHandler<S>(
      topic: string,
      handle: (q: Queryable, m: OutboxMessage, sent: S) => Promise<void>,
      options: { send: (m: OutboxMessage) => Promise<S> },
    ): void;
  },
  env: DisbursementEnv,
): void {
  delivery.registerHandler<Sent>(TOPIC, (q, m, sent) => record(env, q, m, sent), {
    send: (m) => transferOnce(env, m),
  });
}

/** A disbursement as its beneficiary and the dossier's officers read it (the account masked). */
export type DisbursementView = {
  kind: string;
  amount: number;
  monthlyAmount: number;
  bank: string;
  account: string;
  state: Row["state"];
  attempts: number;
  lastError: string | null;
  bankRef: string | null;
  paidAt: Date | null;
};

/** The disbursement of a dossier, if any (the caller has checked the reader may see the dossier). */
export async function disbursementOf(
  q: Queryable,
  provinceCode: string,
  dossierId: string,
): Promise<DisbursementView | undefined> {
  const r = await findRow(q, provinceCode, dossierId);
  if (!r) return undefined;
  return {
    kind: r.kind,
    amount: r.amount,
    monthlyAmount: r.monthlyAmount,
    bank: r.bank,
    account: `****${r.accountNumber.slice(-4)}`,
    state: r.state,
    attempts: r.attempts,
    lastError: r.lastError,
    bankRef: r.bankRef,
    paidAt: r.paidAt,
  };
}

/**
 * Wires allowance payments with delivery: the allowance registry's handler of paid allowances
 * (exchange) and, with a bank key (the demo bank's, DEMO on), the transfers through the demo bank.
 * Without one, transfers wait in the outbox until a bank adapter is configured.
 */
export function wireAllowancePayments(
  delivery: Parameters<typeof registerDisbursements>[0] & Parameters<typeof registerAllowanceHandlers>[0],
  o: {
    db: Db;
    bankKey: string | undefined;
    signers: AgencySigners;
    now: () => Date;
    external?: ExternalAgencies;
  },
): void {
  registerAllowanceHandlers(delivery, o.external);
  if (o.bankKey)
    registerDisbursements(delivery, { ...o, bankKey: o.bankKey, bank: demoBank(o.bankKey, o.now) });
}
