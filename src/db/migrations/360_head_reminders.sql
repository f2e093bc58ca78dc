-- Issue 12: in a birth group whose child is to join another household, the applicant may remind
-- that household's head, at most once in 24 hours, while the head has not answered. The reminders
-- themselves are kept on the group (linked_groups.child_home, key `reminders`: no new column); the
-- head is told by SMS and e-mail through the notifications the dossiers use, which may now be about
-- a group: a notification is about a dossier, an offer or a group, exactly one of them.
-- Placement (docs/scaling.md): no new table; notifications stays distributed by province_code,
-- colocated with dossiers (a group's notification is in the group's province).
alter table notifications add column group_id uuid;
alter table notifications drop constraint notifications_about_check;
alter table notifications add constraint notifications_about_check
  check (num_nonnulls(dossier_id, offer_id, group_id) = 1);
