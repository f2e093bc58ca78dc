-- Cashless allowances (issue 12 point 6) and their write-back to the allowance registry (issue 11
-- point 3). A granted allowance (funeral allowance, survivor benefit) paid to the beneficiary's
-- bank account: one disbursement per dossier, its account checked (format, holder name) before
-- the transfer, the bank's signed confirmation kept, failures retried and then flagged for an
-- officer (src/modules/payments/disbursements.ts).
create table disbursements (
  province_code text not null,
  id uuid not null,
  dossier_id uuid not null,
  kind text not null check (kind in ('funeral_allowance', 'survivor_benefit')),
  beneficiary_number char(12) not null,
  beneficiary_name text not null,
  account_number text not null,
  bank text not null,
  amount integer not null check (amount > 0),
  monthly_amount integer not null default 0 check (monthly_amount >= 0),
  state text not null default 'pending' check (state in ('pending', 'retrying', 'paid', 'flagged')),
  attempts integer not null default 0,
  last_error text,
  bank_ref text,
  confirmation text,
  decided_at timestamptz not null,
  paid_at timestamptz,
  updated_at timestamptz not null default now(),
  primary key (province_code, id)
);
create unique index disbursements_dossier on disbursements (province_code, dossier_id);
comment on table disbursements is 'placement: distributed by province_code colocate with dossiers
Allowances paid to bank accounts, one per dossier: read with the dossier, on its shard.';

-- The allowance registry keeps a one-time grant and the payment of each grant, with provenance.
alter table allowances add column one_time_amount integer not null default 0;
alter table allowances add column payment jsonb;
alter table allowances add column provenance jsonb;
