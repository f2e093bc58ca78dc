-- Issue 12 (leftovers): one group per notice, enforced by the database. Two relatives (or two tabs)
-- filing a group from the same birth or death notice's offers at the same instant both saw the
-- offer open (it is closed only after the group is created). The filing now claims its notice in
-- the transaction that inserts the group: the primary key lets exactly one claim of a notice
-- commit; the other filing's claim finds the row (or waits for it), and that filing is refused
-- with 409 OFFER_ALREADY_FILED, its group rolled back. The key starts with the notice's province
-- (linked_offers.province_code: the same for every offer of one notice), the distribution key.
create table linked_notice_filings (
  province_code text not null,
  group_code text not null,
  notice_id text not null,
  group_province_code text not null,
  group_id uuid not null,
  filed_by char(12) not null,
  filed_at timestamptz not null,
  primary key (province_code, group_code, notice_id)
);
comment on table linked_notice_filings is 'placement: distributed by province_code colocate with dossiers
The notice a group was filed from, one row per notice: written with the group, it refuses a second group from the same notice.';
