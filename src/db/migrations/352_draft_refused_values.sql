-- Issue 14 point 4 (forms that forgive): a value the form refuses while a draft is saved (typing
-- "một" where a number is expected) is kept with the draft, with the message that refused it, so
-- that it shows again on any device after a reload instead of disappearing (it used to live only in
-- the browser tab). Key → {value: what was typed, code, messageVi, messageEn}. It is never an
-- answer: the field's value in `form` is empty meanwhile, and submission clears the column.
-- Placement: no table added; the column lives on dossiers (distributed by province_code; its
-- placement comment is unchanged).
alter table dossiers add column refused jsonb not null default '{}'::jsonb;
comment on column dossiers.refused is 'A draft''s values refused by the form, kept with their message (field key -> {value, code, messageVi, messageEn}); never counted as answers; emptied at submission.';
