-- Issue 12: in the birth group the parents choose where the child will live. `child_home` (null:
-- the applicant's own household, as before) names the other parent's household the residence step
-- registers the child into: the household, its commune (the residence step is filed there, with
-- that commune's agency code, queue and clock), its head, and the head's consent (Law on Residence
-- 2020, Art. 21(1): a household member is registered with the head's consent), null until given.
-- Placement: a column of linked_groups, which stays distributed by province_code.
alter table linked_groups add column child_home jsonb;
