-- Issue 14: a married citizen registers into the spouse's household (Law on Residence 2020,
-- Art. 20(2)(a); permanent residence 1.004222, request `join_spouse_household`). The dossier is
-- filed at that household's commune and may be approved only once its head consented (Art. 21):
-- one row per dossier, written when the head consents in their portal (who, when). The head's
-- list of requests finds the dossiers naming them by the form's head number (the index below).
create table dossier_head_consents (
  province_code text not null,
  dossier_id uuid not null,
  head_number char(12) not null,
  consented_at timestamptz not null,
  primary key (province_code, dossier_id),
  constraint dossier_head_consents_dossier_fkey
    foreign key (province_code, dossier_id) references dossiers (province_code, id)
);
comment on table dossier_head_consents is 'placement: distributed by province_code colocate with dossiers
The head of household''s consent to a spouse joining their household (Law on Residence 2020, Art. 21), one row per dossier.';
-- Placement: an index of dossiers, which stays distributed by province_code.
create index dossiers_spouse_household_head_idx on dossiers (province_code, (form->>'household.headNumber'))
  where form->>'request' = 'join_spouse_household';
