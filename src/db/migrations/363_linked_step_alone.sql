-- Issue 12: a refused or cancelled step of a linked group filed on its own ("Nộp riêng thủ tục
-- này") is linked from its step: the group page names that dossier (code, status) and a second tap
-- opens it again, from any device, instead of starting another draft. The dossier may be in
-- another province than the group (its id carries its province).
-- A linked group's news to a person (the head asked or reminded, the applicant told of the head's
-- refusal) is listed with their in-app notifications, read by the person's number: a partial index.
-- Placement (docs/scaling.md): no new table; linked_group_steps stays distributed by
-- province_code, colocated with linked_groups; notifications stays distributed by province_code.
alter table linked_group_steps add column alone_dossier_id uuid;
create index notifications_group_person_idx on notifications (personal_number, created_at)
  where group_id is not null;
-- The in-app copy of a group's news ('app'): written whatever channels reach the person (none: a
-- head without phone or e-mail still finds it in the list), with the full text, never sent.
alter table notifications drop constraint notifications_channel_check;
alter table notifications add constraint notifications_channel_check
  check (channel in ('sms', 'email', 'app'));
