-- Issue 12: a filing from a proactive offer is pinned to that offer's notice. Prefill read "the
-- newest unregistered notice" of the parent (birth) or of the household (death); with two notices
-- of one instant (twins, two deaths in one accident) the filing from the other one's offer was
-- prefilled from the wrong notice, and refused DUPLICATE_LIFE_EVENT when that one was filed already.
-- `p_notice` (optional): the birth or death notice to read, by id; null reads the newest as before.
-- A pinned notice already registered reads as none (the form then holds what was kept at filing).
-- Placement: no table added; the function runs on the coordinator (migration 270), each query
-- inside it names its distribution key as before.
drop function registry_prefill(bpchar, text[], jsonb);
create function registry_prefill(p_number bpchar, p_needs text[], p_fields jsonb, p_notice text default null)
returns jsonb
language plpgsql stable as $$
declare
  v_applicant jsonb := registry_person_record(p_number,
    array(select jsonb_array_elements_text(coalesce(p_fields->'applicant', '[]'))));
  v_household_id text := v_applicant->>'householdId';
  v_married bpchar;
  v_marriage_held boolean := false;
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
  v_child jsonb;
  v_child_number bpchar;
  v_members bpchar[];
  f_head text[] := array(select jsonb_array_elements_text(coalesce(p_fields->'householdHead', '[]')));
  f_spouse text[] := array(select jsonb_array_elements_text(coalesce(p_fields->'spouse', '[]')));
  f_mother text[] := array(select jsonb_array_elements_text(coalesce(p_fields->'mother', '[]')));
  f_father text[] := array(select jsonb_array_elements_text(coalesce(p_fields->'father', '[]')));
  f_deceased text[] := array(select jsonb_array_elements_text(coalesce(p_fields->'deceased', '[]')));
  f_child text[] := array(select jsonb_array_elements_text(coalesce(p_fields->'child', '[]')));
begin
  if v_applicant is null then
    return null;
  end if;
  if p_needs && array['spouse', 'marriageRecord'] then
    select (array_agg(case when subject_number = p_number then spouse_number else subject_number end
        order by registered_on desc, registration_number desc) filter (where ended_on is null))[1],
      count(*) > 0
      into v_married, v_marriage_held
    from civil_status_records where personal_number = p_number and kind = 'marriage';
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
    v_head := registry_person_record(v_household->>'headNumber', f_head);
  end if;
  if 'spouse' = any(p_needs) then
    v_spouse_number := v_married;
    if v_spouse_number is null and v_is_head then
      -- The head's spouse by relationship, among the members the household record lists.
      v_members := array(select jsonb_array_elements_text(v_household->'memberNumbers'))::bpchar[];
      select personal_number into v_spouse_number from persons
      where personal_number = any(v_members) and relationship_to_head in ('vợ', 'chồng')
        and deceased_on is null
      order by birth_date, personal_number limit 1;
    elsif v_spouse_number is null and v_household is not null
        and v_applicant->>'relationshipToHead' in ('vợ', 'chồng') then
      -- (a form binding the spouse reads the applicant's `household` category: prefillFields)
      v_spouse_number := v_household->>'headNumber';
    end if;
    if v_spouse_number is not null then
      v_spouse := registry_person_record(v_spouse_number, f_spouse);
    end if;
  end if;
  if 'birthNotice' = any(p_needs) then
    select jsonb_build_object('id', id, 'provinceCode', province_code, 'communeCode', commune_code,
        'motherNumber', mother_number, 'fatherNumber', father_number, 'childSex', child_sex,
        'birthAt', birth_at, 'weightGrams', weight_grams, 'facility', facility)
      into v_birth
    from birth_notices where personal_number = p_number and not registered
      and (p_notice is null or id = p_notice)
    order by birth_at desc, id desc limit 1;
    if v_birth is not null and 'birthParents' = any(p_needs) then
      v_mother := registry_person_record(v_birth->>'motherNumber', f_mother);
      v_father := case when v_birth->>'fatherNumber' is null then null
        else registry_person_record(v_birth->>'fatherNumber', f_father) end;
    end if;
  end if;
  if 'deathNotice' = any(p_needs) and v_household_id is not null then
    select jsonb_build_object('id', d.id, 'provinceCode', d.province_code, 'communeCode', d.commune_code,
        'personNumber', d.person_number, 'diedAt', d.died_at, 'place', d.place, 'cause', d.cause)
      into v_death
    from death_notices d where d.household_id = v_household_id and not d.registered
      and (p_notice is null or d.id = p_notice)
    order by d.died_at desc, d.id desc limit 1;
    if v_death is not null and 'deceased' = any(p_needs) then
      v_deceased := registry_person_record(v_death->>'personNumber', f_deceased);
    end if;
  end if;
  if 'child' = any(p_needs) then
    -- The newest child whose birth was registered from a notice naming the applicant as a parent
    -- (the notice is filed under the parent: read by the applicant's number), living.
    -- The number first, then the child's record in a statement of its own: a call of
    -- registry_person_record inside the notice's query would run on the notice's shard on Citus,
    -- and a query from a shard may not read another shard (the child's, in `persons`).
    select n.child_number into v_child_number
    from birth_notices n where n.personal_number = p_number and n.registered and n.child_number is not null
    order by n.birth_at desc, n.id desc limit 1;
    if v_child_number is not null then
      v_child := registry_person_record(v_child_number, f_child);
    end if;
    if v_child is not null and v_child->>'deceasedOn' is not null then
      v_child := null;
    end if;
  end if;
  if 'healthInsurance' = any(p_needs) then
    select jsonb_build_object('cardNumber', card_number, 'beneficiaryGroup', beneficiary_group,
        'benefitLevel', benefit_level, 'primaryFacility', primary_facility, 'validFrom', valid_from,
        'validTo', valid_to)
      into v_card
    from health_insurance_cards where personal_number = p_number order by valid_to desc, card_number desc limit 1;
  end if;
  return jsonb_build_object('applicant', v_applicant, 'marriedTo', v_married,
    'marriageHeld', v_marriage_held, 'household', v_household,
    'householdHead', v_head, 'spouse', v_spouse, 'birthNotice', v_birth, 'mother', v_mother,
    'father', v_father, 'deathNotice', v_death, 'deceased', v_deceased, 'healthInsuranceCard', v_card, 'child', v_child);
end $$;
