-- Issue 13: an official answer to a complaint names who answered as they were then. Until now the
-- officer's name and office were read from `officers` when shown, so renaming an officer or moving
-- him to another office rewrote every answer he had given. The answer's row now keeps them, written
-- with the answer (src/modules/dossiers/complaints.ts `answererAt`): the officer's full name, the
-- office's proper name in Vietnamese as the citizen reads it ("Ủy ban nhân dân phường Hải Vân"),
-- the agency it is an office of (an id of src/domain/agencies.ts) and the unit it sits at (commune
-- or province code; null when the office names none). All null for an answer by no officer
-- account (a machine client), as it showed no one before.
-- Placement (docs/scaling.md): no new table; dossier_complaints stays distributed by province_code,
-- colocated with dossiers; the backfill joins its dossier (same key) and reference tables only.
alter table dossier_complaints add column if not exists answered_by_name text;
alter table dossier_complaints add column if not exists answered_by_office text;
alter table dossier_complaints add column if not exists answered_by_agency text;
alter table dossier_complaints add column if not exists answered_by_unit_code text;

-- The answers given before: the officers' rows as they are now (the nearest record of then), by
-- the rule the code applies (`officeName`, src/domain/agencies.ts, and `inRunningText`,
-- src/domain/authority.ts): the officer's agency, else the dossier's (its agency code's sector),
-- else the People's Committee; a commune-level agency at the officer's commune, else his province;
-- Social Security at the province; the unit's type in lower case before its name ("phường Hải
-- Vân", "thành phố Đà Nẵng", "đặc khu Phú Quốc"). Rows already holding a name are left as they are.
update dossier_complaints c set
  answered_by_name = w.full_name,
  answered_by_agency = w.agency,
  answered_by_unit_code = w.unit_code,
  answered_by_office = case
    when w.unit_code is null or w.agency not in ('ubnd', 'cong-an', 'bhxh', 'van-hoa-xa-hoi') then
      case w.agency
        when 'ubnd' then 'Ủy ban nhân dân cấp xã (hộ tịch, Bộ Tư pháp)'
        when 'cong-an' then 'Công an cấp xã (dân cư, cư trú)'
        when 'bhxh' then 'Bảo hiểm xã hội Việt Nam'
        when 'van-hoa-xa-hoi' then 'Phòng Văn hóa - Xã hội cấp xã (trợ cấp xã hội)'
        when 'y-te' then 'Cơ sở y tế (giấy chứng sinh, báo tử)'
        else 'Nền tảng Một Lần' end
    else
      case w.agency
        when 'ubnd' then 'Ủy ban nhân dân '
        when 'cong-an' then 'Công an '
        when 'bhxh' then 'Bảo hiểm xã hội '
        else 'Phòng Văn hóa - Xã hội ' end
      || case
        when right(w.unit_full_name, char_length(w.unit_name)) = w.unit_name and w.unit_full_name <> w.unit_name
        then lower(translate(btrim(left(w.unit_full_name, char_length(w.unit_full_name) - char_length(w.unit_name))),
            'ĐÂĂÊÔƠƯ', 'đâăêôơư')) || ' ' || w.unit_name
        else w.unit_full_name end
    end
from (
  select a.province_code, a.id, a.full_name, a.agency,
    case when a.agency in ('ubnd', 'cong-an', 'van-hoa-xa-hoi') then coalesce(a.commune_code, a.prov_code)
      when a.agency = 'bhxh' then a.prov_code end as unit_code,
    case when a.agency in ('ubnd', 'cong-an', 'van-hoa-xa-hoi') and a.commune_code is not null then a.commune_name
      else a.prov_name end as unit_name,
    case when a.agency in ('ubnd', 'cong-an', 'van-hoa-xa-hoi') and a.commune_code is not null then a.commune_full_name
      else a.prov_full_name end as unit_full_name
  from (
    select c2.province_code, c2.id, o.full_name,
      case when o.agency in ('ubnd', 'cong-an', 'bhxh', 'van-hoa-xa-hoi', 'mot-lan', 'y-te') then o.agency
        else case split_part(d.agency_code, '.', 1)
          when 'CA' then 'cong-an' when 'BH' then 'bhxh' when 'LD' then 'van-hoa-xa-hoi' else 'ubnd' end
      end as agency,
      cm.code as commune_code, cm.name as commune_name, cm.full_name as commune_full_name,
      p.code as prov_code, p.name as prov_name, p.full_name as prov_full_name
    from dossier_complaints c2
    join dossiers d on d.province_code = c2.province_code and d.id = c2.dossier_id
    join officers o on o.username = c2.answered_by
    left join communes cm on o.jurisdiction_level = 'commune' and cm.code = o.jurisdiction_code
    left join provinces p on p.code = coalesce(o.province_code, cm.province_code, o.jurisdiction_code)
    where c2.answered_at is not null and c2.answered_by_name is null
  ) a
) w
where c.province_code = w.province_code and c.id = w.id;
