-- A new-user review (2026-12-03): the head of a spouse's household asked to consent
-- (`notify.head_request`) gets an in-app copy too (channel 'app', with the spouse's dossier_id and
-- no group_id), so the person's in-app list reads every 'app' row of their number, not only a
-- linked group's. Its partial index is now on the channel: the list stays one index scan per shard,
-- newest first. The index of migration 363 (group_id is not null) served that list alone.
-- Placement (docs/scaling.md): no new table or column; notifications stays distributed by
-- province_code.
create index notifications_app_person_idx on notifications (personal_number, created_at)
  where channel = 'app';
drop index notifications_group_person_idx;
