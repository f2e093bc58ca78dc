-- The apology slip as a document (Circular 01/2018/TT-VPCP, Mẫu số 05 "Phiếu xin lỗi và hẹn lại
-- ngày trả kết quả"): rendered as a PDF when the `apologize` action is taken, stored
-- content-addressed like a result, its SHA-256 signed with the same key as results, so the public
-- verification (by number or by file) recognises it. One row per slip; the number
-- (PXL-<dossier code>-<n>) contains the province like a result's.
create table apology_slips (
  number text not null,
  dossier_id uuid not null,
  province_code text not null,
  holder_number char(12) not null,
  holder_name text not null,
  name_vi text not null,
  name_en text not null,
  issuer text not null,
  issued_at timestamptz not null,
  reason text not null,
  new_due_at timestamptz not null,
  sha256 char(64) not null,
  signature text not null,
  key_id text not null,
  primary key (province_code, number),
  constraint apology_slips_dossier_fkey
    foreign key (province_code, dossier_id) references dossiers (province_code, id)
);
create index apology_slips_dossier_idx on apology_slips (province_code, dossier_id);
create index apology_slips_sha256_idx on apology_slips (sha256);
comment on table apology_slips is 'placement: distributed by province_code colocate with dossiers
Signed apology slips of late dossiers (Circular 01/2018/TT-VPCP Mẫu số 05); the number (PXL-<dossier code>-<n>) contains the province.';
