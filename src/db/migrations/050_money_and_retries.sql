-- Retries and money.
--
-- An idempotency key answers one operation: starting a dossier ("create") or submitting one
-- ("submit"). The key is claimed inside the operation's own transaction, so a request that finds
-- it taken by one still in flight waits for that one and answers with its result.
alter table idempotency_keys add column operation text not null default 'submit'
  check (operation in ('create', 'submit'));

-- Every genuine bank transfer to a payment request, one row per bank transaction id (a repeated
-- callback for the same transaction finds its row). `applied` went toward the fee; `refund_amount`
-- is owed back to the payer (an overpayment, a transfer after the fee was paid, or after the
-- dossier was withdrawn, refused or rejected) until an officer records the refund.
create table bank_transfers (
  id uuid primary key,
  payment_id uuid not null references payments(id),
  dossier_id uuid not null references dossiers(id),
  bank_ref text not null unique,
  amount integer not null check (amount > 0),
  applied integer not null check (applied >= 0),
  refund_amount integer not null check (refund_amount >= 0),
  refund_reason text check (refund_reason in ('overpaid', 'already_paid', 'dossier_closed')),
  received_at timestamptz not null,
  refunded_at timestamptz,
  refunded_by text,
  refund_ref text,
  province_code text not null,
  check (applied + refund_amount = amount),
  check ((refund_amount = 0) = (refund_reason is null)),
  check ((refunded_at is null) = (refund_ref is null)),
  check (refunded_at is null or refund_amount > 0)
);
create index bank_transfers_payment_idx on bank_transfers (payment_id);
create index bank_transfers_refund_due_idx on bank_transfers (province_code, received_at)
  where refund_amount > 0 and refunded_at is null;

-- Payments confirmed before this version: their one transfer, all of it toward the fee.
insert into bank_transfers (id, payment_id, dossier_id, bank_ref, amount, applied, refund_amount, received_at, province_code)
select gen_random_uuid(), id, dossier_id, bank_ref, amount, amount, 0, paid_at, province_code
from payments where status = 'paid' and bank_ref is not null and paid_at is not null;
