-- The submission path (issue 10, point 5): prefill reads the registries in one round trip, and
-- dossier codes come from a sequence per agency and day, so that a burst into one commune does not
-- queue on one row lock. Placement (docs/scaling.md): this migration adds no table. Its functions
-- run on the coordinator; each query inside them names the distribution key of the table it reads
-- (a person by personal_number, a household and its death notices by household id), and Citus
-- routes each to one shard (a PL/pgSQL variable is a parameter to its planner). The sequences of
-- schema dossier_codes live on the coordinator.

-- 1. One person as the registries' exchange returns it (src/modules/registries/repository.ts,
-- PersonRecord; the same projection as PERSON_SELECT there, checked equal by
-- test/prefill-sources.test.ts). PL/pgSQL, not SQL: Citus plans no parameterised query on a
-- distributed table inside an SQL-language function.
create function registry_person_record(pn bpchar) returns jsonb language plpgsql stable as $$
declare r jsonb;
begin
  select jsonb_build_object(
      'personalNumber', p.personal_number, 'fullName', p.full_name,
      'birthDate', case p.birth_date_precision when 'year' then to_char(p.birth_date, 'YYYY')
        when 'month' then to_char(p.birth_date, 'YYYY-MM') else to_char(p.birth_date, 'YYYY-MM-DD') end,
      'sex', p.sex, 'ethnicity', p.ethnicity, 'nationality', p.nationality, 'religion', p.religion,
      'birthRegistrationOldProvince', p.birth_registration_old_province,
      'birthRegistrationCommune', p.birth_registration_commune, 'fatherNumber', p.father_number,
      'motherNumber', p.mother_number, 'provinceCode', p.province_code,
      'permanentCommuneCode', p.permanent_commune_code, 'permanentCommuneName', c.full_name,
      'permanentAddress', p.permanent_address, 'temporaryCommuneCode', p.temporary_commune_code,
      'temporaryProvinceCode', tc.province_code, 'temporaryAddress', p.temporary_address,
      'householdId', p.household_id, 'relationshipToHead', p.relationship_to_head, 'phone', p.phone,
      'email', p.email, 'deceasedOn', p.deceased_on, 'provinceName', pr.full_name, 'updatedAt', p.updated_at)
    into r
  from persons p join communes c on c.code = p.permanent_commune_code
    join provinces pr on pr.code = p.province_code
    left join communes tc on tc.code = p.temporary_commune_code
  where p.personal_number = pn;
  return r;
end $$;

-- 2. What a form may reuse for one applicant, in one call: their record, and as `needs` asks
-- (src/modules/exchange/exchange.ts, PrefillNeeds) the latest marriage record's spouse, the
-- household record, its head, the spouse's record (by the marriage record, else by relationship
-- within the household), the newest unregistered birth notice naming them as a parent and its
-- parents, the newest unregistered death notice of their household and the deceased, the newest
-- health-insurance card. Null when the applicant is not in the registry. Reads only; the caller
-- checks the right to read and writes the access log.
create function registry_prefill(p_number bpchar, p_needs text[]) returns jsonb language plpgsql stable as $$
declare
  v_applicant jsonb := registry_person_record(p_number);
  v_household_id text := v_applicant->>'householdId';
  v_married bpchar;
  v_household jsonb;
  v_is_head boolean := false;
  v_head jsonb;
  v_spouse_number bpchar;
  v_spouse jsonb;
  v_birth jsonb;
  v_mother jsonb;
  v_father jsonb;
  v_death jsonb;
  v_deceased jsonb;
  v_card jsonb;
  v_members bpchar[];
begin
  if v_applicant is null then
    return null;
  end if;
  if p_needs && array['spouse', 'marriageRecord'] then
    select case when subject_number = p_number then spouse_number else subject_number end into v_married
    from civil_status_records where personal_number = p_number and kind = 'marriage'
    order by registered_on desc limit 1;
  end if;
  if v_household_id is not null and p_needs && array['spouse', 'householdHead'] then
    select jsonb_build_object('id', h.id, 'provinceCode', h.province_code, 'communeCode', h.commune_code,
        'communeName', c.full_name, 'address', h.address, 'headNumber', h.head_number,
        'memberNumbers', to_jsonb(h.member_numbers))
      into v_household
    from households h join communes c on c.code = h.commune_code where h.id = v_household_id;
    v_is_head := coalesce(v_household->>'headNumber' = p_number, false);
  end if;
  if 'householdHead' = any(p_needs) and v_household is not null then
    v_head := case when v_is_head then v_applicant else registry_person_record(v_household->>'headNumber') end;
  end if;
  if 'spouse' = any(p_needs) then
    v_spouse_number := v_married;
    if v_spouse_number is null and v_is_head then
      -- The head's spouse by relationship, among the members the household record lists.
      v_members := array(select jsonb_array_elements_text(v_household->'memberNumbers'))::bpchar[];
      select personal_number into v_spouse_number from persons
      where personal_number = any(v_members) and relationship_to_head in ('vợ', 'chồng')
      order by birth_date, personal_number limit 1;
    elsif v_spouse_number is null and v_household is not null
        and v_applicant->>'relationshipToHead' in ('vợ', 'chồng') then
      v_spouse_number := v_household->>'headNumber';
    end if;
    if v_spouse_number is not null then
      v_spouse := case when v_head->>'personalNumber' = v_spouse_number then v_head
        else registry_person_record(v_spouse_number) end;
    end if;
  end if;
  if 'birthNotice' = any(p_needs) then
    select jsonb_build_object('id', id, 'provinceCode', province_code, 'communeCode', commune_code,
        'motherNumber', mother_number, 'fatherNumber', father_number, 'childSex', child_sex,
        'birthAt', birth_at, 'weightGrams', weight_grams, 'facility', facility)
      into v_birth
    from birth_notices where personal_number = p_number and not registered
    order by birth_at desc limit 1;
    if v_birth is not null and 'birthParents' = any(p_needs) then
      v_mother := case when v_birth->>'motherNumber' = p_number then v_applicant
        else registry_person_record(v_birth->>'motherNumber') end;
      v_father := case when v_birth->>'fatherNumber' is null then null
        when v_birth->>'fatherNumber' = p_number then v_applicant
        when v_birth->>'fatherNumber' = v_spouse_number then v_spouse
        else registry_person_record(v_birth->>'fatherNumber') end;
    end if;
  end if;
  if 'deathNotice' = any(p_needs) and v_household_id is not null then
    select jsonb_build_object('id', d.id, 'provinceCode', d.province_code, 'communeCode', d.commune_code,
        'personNumber', d.person_number, 'diedAt', d.died_at, 'place', d.place, 'cause', d.cause)
      into v_death
    from death_notices d where d.household_id = v_household_id and not d.registered
    order by d.died_at desc limit 1;
    if v_death is not null and 'deceased' = any(p_needs) then
      v_deceased := registry_person_record(v_death->>'personNumber');
    end if;
  end if;
  if 'healthInsurance' = any(p_needs) then
    select jsonb_build_object('cardNumber', card_number, 'beneficiaryGroup', beneficiary_group,
        'benefitLevel', benefit_level, 'primaryFacility', primary_facility, 'validFrom', valid_from,
        'validTo', valid_to)
      into v_card
    from health_insurance_cards where personal_number = p_number order by valid_to desc limit 1;
  end if;
  return jsonb_build_object('applicant', v_applicant, 'marriedTo', v_married, 'household', v_household,
    'householdHead', v_head, 'spouse', v_spouse, 'birthNotice', v_birth, 'mother', v_mother,
    'father', v_father, 'deathNotice', v_death, 'deceased', v_deceased, 'healthInsuranceCard', v_card);
end $$;

-- 3. Dossier codes (Circular 01/2018/TT-VPCP art. 19: <agency>-<YYMMDD>-<the day's number>) from
-- a sequence per agency and day, made on the day's first submission of the agency. `nextval`
-- never waits for another transaction (the old counter row, agency_sequences, was locked by each
-- submission until it committed, so an agency's submissions ran one at a time) and is not rolled
-- back: a submission that fails after drawing its number leaves a gap in the day's numbers, which
-- the circular allows (it numbers dossiers received; it asks for no unbroken run). On the day of
-- the upgrade a sequence starts after the number agency_sequences reached that day, which is
-- otherwise no longer written. Creating one takes a transaction-scoped advisory lock so that two
-- first submissions do not both create it; the agency's sequences of earlier days than yesterday
-- are dropped then (yesterday's stays for a submission still in flight at midnight).
create schema dossier_codes;

create function dossier_code_sequence(p_province text, p_agency text, p_day date) returns regclass
language plpgsql as $$
declare
  v_prefix text := regexp_replace(lower(p_agency), '[^a-z0-9]+', '_', 'g') || '_';
  v_name text := v_prefix || to_char(p_day, 'YYYYMMDD');
  v_seq regclass := to_regclass('dossier_codes.' || quote_ident(v_name));
  v_start bigint;
  v_old text;
begin
  if v_seq is not null then
    return v_seq;
  end if;
  if length(v_name) > 63 or v_prefix !~ '^[a-z0-9_]+$' then
    raise exception 'agency code % does not make a sequence name', p_agency;
  end if;
  perform pg_advisory_xact_lock(727276, hashtext(v_name));
  -- A query, not to_regclass: a fresh snapshot sees the sequence another first submission made.
  select c.oid::regclass into v_seq from pg_class c
  where c.relnamespace = 'dossier_codes'::regnamespace and c.relname = v_name;
  if v_seq is not null then
    return v_seq;
  end if;
  select coalesce(max(last_seq), 0) + 1 into v_start from agency_sequences
  where province_code = p_province and agency_code = p_agency and day = p_day;
  execute format('create sequence dossier_codes.%I as bigint start with %s', v_name, v_start);
  for v_old in
    select c.relname from pg_class c
    where c.relnamespace = 'dossier_codes'::regnamespace and c.relkind = 'S'
      and left(c.relname, length(v_prefix)) = v_prefix
      and c.relname < (v_prefix || to_char(p_day - 1, 'YYYYMMDD'))::name
  loop
    execute format('drop sequence if exists dossier_codes.%I', v_old);
  end loop;
  return to_regclass('dossier_codes.' || quote_ident(v_name));
end $$;

-- 4. The indexes of dossiers: only those a measured query needs (bench/queue.ts prints, for every
-- query the application sends on dossiers, the indexes EXPLAIN chose and pg_stat_user_indexes'
-- scans). A submission changes indexed columns (status, code, submitted_at), so its UPDATE
-- writes a new entry into every index of the table: 14 indexes before, 8 now.
--  - No query reads finished_at or decided_at through an index (the leader's counts scan the
--    jurisdiction once for every figure): their three partial indexes go.
--  - (procedure_code, status) served no query by need (the catalogue's most-filed count reads
--    the whole table; the one-registration check has dossiers_life_event_key): it goes.
--  - The queue finds a code by any part of it (a scan bounded by the jurisdiction: no index
--    serves it) and a personal number by its first digits: the applicant's one index now takes
--    prefixes too (a pattern operator class also serves equality, for the citizen's list), so
--    the two prefix indexes go.
drop index dossiers_finished_idx;
drop index dossiers_province_decided_idx;
drop index dossiers_commune_decided_idx;
drop index dossiers_procedure_idx;
drop index dossiers_code_prefix_idx;
drop index dossiers_applicant_prefix_idx;
drop index dossiers_applicant_idx;
create index dossiers_applicant_idx on dossiers (applicant_number bpchar_pattern_ops, created_at desc);
-- Room in each page for a new version of its rows, so that an update touching no indexed column
-- (a saved draft, a confirmation, a recorded payment) stays on the page: heap-only (HOT), no index
-- entry written. Applies to pages written from now on.
alter table dossiers set (fillfactor = 85);
