-- Issue 14: the head of the spouse's household may also refuse (Law on Residence 2020, Art. 21).
-- A row of dossier_head_consents is now the head's answer, consent or refusal, given once: who
-- (head_number), when (consented_at, the instant of either answer), which (decision) and, for a
-- refusal, the head's own short reason if given. A refusal ends the dossier in the same transaction
-- (a system `refuse_receipt` or `refuse` with the reason; src/modules/dossiers/head-refusal.ts).
-- Placement: columns of dossier_head_consents, which stays distributed by province_code.
alter table dossier_head_consents
  add column decision text not null default 'consented'
    constraint dossier_head_consents_decision_check check (decision in ('consented', 'refused')),
  add column reason text
    constraint dossier_head_consents_reason_check check (reason is null or decision = 'refused');
comment on column dossier_head_consents.decision is '''consented'' or ''refused'': the head''s answer, once per dossier.';
comment on column dossier_head_consents.consented_at is 'When the head answered (consented or refused).';
comment on column dossier_head_consents.reason is 'A refusal''s reason in the head''s own words, when given (at most 300 characters); null otherwise.';
