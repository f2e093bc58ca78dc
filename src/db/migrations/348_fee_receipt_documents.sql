-- The fee receipt as a signed document (Decree 11/2020/NĐ-CP Art. 32; Decree 30/2020/NĐ-CP
-- layout): rendered once when first asked for after the fee is paid, stored content-addressed like
-- a result, its SHA-256 signed with the same key, so the public verification (by number or by
-- file) recognises it. One row per dossier; the number (BL-<dossier code>) contains the province.
create table fee_receipts (
  number text not null,
  dossier_id uuid not null,
  province_code text not null,
  dossier_code text not null,
  payer_number char(12) not null,
  payer_name text not null,
  procedure_vi text not null,
  procedure_en text not null,
  amount integer not null,
  issuer text not null,
  issued_at timestamptz not null,
  sha256 char(64) not null,
  signature text not null,
  key_id text not null,
  primary key (province_code, number),
  constraint fee_receipts_dossier_fkey
    foreign key (province_code, dossier_id) references dossiers (province_code, id)
);
create index fee_receipts_dossier_idx on fee_receipts (province_code, dossier_id);
create index fee_receipts_sha256_idx on fee_receipts (sha256);
comment on table fee_receipts is 'placement: distributed by province_code colocate with dossiers
Signed fee receipts (biên lai thu phí, lệ phí) of paid dossiers; the number (BL-<dossier code>) contains the province.';
