-- Issue 14, follow-up: the end of a marriage is written in the civil-status register (Luật Hộ tịch
-- 2014, Điều 37–40: a divorce by a court's judgement or decision is noted in the Sổ hộ tịch; Luật
-- Hôn nhân và gia đình 2014, Điều 65: a spouse's death ends the marriage). Before this the register
-- held no divorce, so a divorced person read as married. Each copy of a marriage record (one filed
-- under each spouse, migration 090) carries its end: the day, the cause and, for a divorce, the
-- number of the court's judgement or decision.
-- Placement: no table added; the columns live on civil_status_records (distributed by
-- personal_number, colocated with persons; its placement comment is unchanged).
alter table civil_status_records add column ended_on date;
alter table civil_status_records add column end_cause text;
alter table civil_status_records add column judgement_number text;
alter table civil_status_records add constraint civil_status_records_end_check check (
  (ended_on is null and end_cause is null and judgement_number is null)
  or (kind = 'marriage' and ended_on is not null and end_cause is not null and (
    (end_cause = 'divorce' and judgement_number is not null and length(judgement_number) between 1 and 60)
    or (end_cause = 'spouse_death' and judgement_number is null))));
comment on column civil_status_records.ended_on is 'The day the marriage ended (divorce noted from a court judgement, or the spouse''s death); null while it stands.';
comment on column civil_status_records.end_cause is '''divorce'' or ''spouse_death''; null while the marriage stands.';
comment on column civil_status_records.judgement_number is 'The number of the court''s judgement or decision a divorce was noted from.';
