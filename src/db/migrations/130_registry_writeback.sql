-- Issue 11 point 3 (first increment): results write back to the registries.
-- A birth notice remembers which dossier registered it and when (provenance), so a second
-- registration can be refused naming the first dossier.
alter table birth_notices add column registered_by_dossier text;
alter table birth_notices add column registered_at timestamptz;

-- The last serial handed out per personal-number prefix (old province, century/sex digit, two-digit
-- year: digits 1-6); digits 7-12 are the serial. One row per prefix, taken under its row lock, so two
-- registrations never get the same number.
create table personal_number_serials (
  prefix char(6) primary key check (prefix ~ '^[0-9]{6}$'),
  last_serial integer not null check (last_serial between 0 and 999999)
);
comment on table personal_number_serials is 'placement: coordinator';
