-- Issue 12 point 5: a proactive offer (a birth notice's birth group, a death notice's death group)
-- is told by SMS and e-mail too, through the notifications the dossiers use. A notification is
-- then about a dossier or about an offer, never both; an offer is told once per person and
-- channel, whatever the redeliveries of the notice or of its message (the unique index).
-- Placement (docs/scaling.md): no new table; notifications stays distributed by province_code
-- colocated with dossiers, and the new index leads with the distribution key.
alter table notifications alter column dossier_id drop not null;
alter table notifications add column offer_id uuid;
alter table notifications add constraint notifications_about_check
  check ((dossier_id is null) <> (offer_id is null));
create unique index notifications_offer_idx on notifications (province_code, offer_id, channel)
  where offer_id is not null;
