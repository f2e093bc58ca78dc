-- Officers belong to an agency (issue 12 point 7; src/domain/agencies.ts OFFICER_AGENCY_IDS): an
-- account of an agency sees and acts on that agency's dossiers only; null is the one-stop desk or
-- a leader, not limited by agency. The column existed unchecked since 001: values that name no
-- agency are cleared, then checked.
update officers set agency = null
 where agency is not null and agency not in ('ubnd', 'cong-an', 'bhxh', 'van-hoa-xa-hoi');
alter table officers add constraint officers_agency_known
  check (agency is null or agency in ('ubnd', 'cong-an', 'bhxh', 'van-hoa-xa-hoi'));
