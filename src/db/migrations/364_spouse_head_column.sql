-- Issue 10 review (2026-12-03): migration 358 indexed an expression of `form` (the spouse request's
-- head number), so every update of `form` (each saved draft) wrote the indexes of `dossiers`
-- instead of staying heap-only (fillfactor 85, migration 095). The head's number now has a column
-- of its own, written by the projection when the form changes (null but for a submitted request
-- into a spouse's household), and the index is on it: a draft's save leaves it null, unchanged.
-- Placement: a column and an index of dossiers, which stays distributed by province_code.
alter table dossiers add column spouse_head_number char(12);
update dossiers set spouse_head_number = form->>'household.headNumber'
  where status <> 'draft' and form->>'request' = 'join_spouse_household'
    and form->>'household.headNumber' is not null;
drop index dossiers_spouse_household_head_idx;
create index dossiers_spouse_head_idx on dossiers (province_code, spouse_head_number)
  where spouse_head_number is not null;
