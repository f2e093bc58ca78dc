-- A dossier is the step of at most one group: a second group application under the same
-- Idempotency-Key (a retry, a double tap) loses its insert and answers with the first group.
-- The index contains the distribution column (docs/scaling.md); null dossiers (steps waiting for
-- their dependencies) do not collide.
drop index linked_group_steps_dossier;
create unique index linked_group_steps_dossier on linked_group_steps (province_code, dossier_id);
