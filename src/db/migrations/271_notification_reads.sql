-- Issue 14 point 5: an unread badge that is true on every device. When the citizen read each of
-- their in-app notifications (what others did on their dossiers, src/modules/dossiers/
-- notifications.ts: a notification is a dossier action, named `<dossier id>:<seq>`), kept on the
-- server under their personal number instead of in one browser's storage.
create table notification_reads (
  personal_number char(12) not null,
  notification_id text not null,
  read_at timestamptz not null,
  primary key (personal_number, notification_id)
);
comment on table notification_reads is 'placement: distributed by personal_number colocate with persons
When the citizen read each in-app notification (the unread badge, on every device).';
