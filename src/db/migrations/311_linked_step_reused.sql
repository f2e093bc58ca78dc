-- Issue 12: a later step of a linked group keeps, from the day of the application, values a
-- registry message gave (the health facility's birth or death notice, consumed once the first step
-- registers it). They are reused, not typed: the step's submission counts them as prefilled in the
-- data-reuse figures (dossiers.fields_prefilled). `reused` names those field keys.
-- Placement (docs/scaling.md): no new table; linked_group_steps stays distributed by province_code.
alter table linked_group_steps add column reused text[] not null default '{}';
