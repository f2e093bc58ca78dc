-- Delivery (issue 11, points 1 and 4): the outbox is drained by a dispatcher in the server
-- process (src/modules/delivery). A message is pending until its handler has applied it (then
-- delivered), or it has failed the configured number of attempts (dead, for an administrator to
-- retry or discard). Receivers are idempotent through the inbox; delivered messages move to
-- outbox_archive by `npm run outbox:archive`. Notifications by SMS and e-mail are rows of their
-- own, with the status the citizen and the officer read.

alter table outbox add column state text not null default 'pending';
alter table outbox add constraint outbox_state_check
  check (state in ('pending', 'delivered', 'dead', 'discarded'));
-- Attempts started (counted when a dispatcher claims the message, so a message that crashes its
-- dispatcher still reaches the dead state).
alter table outbox add column attempts integer not null default 0;
-- Null: due now. Set after a failure: the backoff's next instant.
alter table outbox add column next_attempt_at timestamptz;
-- The claim of one dispatcher: until then no other takes the message; the token proves the claim.
alter table outbox add column leased_until timestamptz;
alter table outbox add column lease_token text;
alter table outbox add column last_attempt_at timestamptz;
alter table outbox add column last_error text;
-- What the administrator's page shows beside the topic.
alter table outbox add column dossier_code text;
-- A payload that must not outlive its delivery (an SMS carrying a one-time code) is replaced by
-- this once the message is delivered, dead or discarded.
alter table outbox add column redacted_payload jsonb;
alter table outbox add column discarded_at timestamptz;
alter table outbox add column discard_reason text;

-- Messages written before there was a dispatcher were never delivered and are too old to be now
-- (a notification weeks late misleads): discarded, so that the first archive run moves them.
update outbox set state = 'discarded', discarded_at = created_at,
  discard_reason = 'written before delivery existed (migration 110)'
where delivered_at is null;
update outbox set state = 'delivered' where delivered_at is not null;

drop index outbox_pending_idx;
create index outbox_pending_idx on outbox (province_code, id) where state = 'pending';
create index outbox_pending_key_idx on outbox (province_code, key, id) where state = 'pending';
create index outbox_dead_idx on outbox (province_code, id) where state = 'dead';
create index outbox_finished_idx on outbox (province_code, delivered_at) where state in ('delivered', 'discarded');

create table outbox_archive (
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  id bigint not null,
  topic text not null,
  key text not null,
  payload jsonb not null,
  dossier_code text,
  state text not null check (state in ('delivered', 'discarded')),
  attempts integer not null,
  created_at timestamptz not null,
  delivered_at timestamptz,
  discarded_at timestamptz,
  discard_reason text,
  last_error text,
  archived_at timestamptz not null,
  primary key (province_code, id)
);

create table inbox (
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  message_id bigint not null,
  topic text not null,
  received_at timestamptz not null,
  primary key (province_code, message_id)
);

create sequence notifications_id_seq;
create table notifications (
  province_code text not null,
  id bigint not null default nextval('notifications_id_seq'),
  dossier_id uuid not null,
  personal_number char(12) not null,
  channel text not null check (channel in ('sms', 'email')),
  -- The dossier action told of ('receive', 'approve', …), or 'otp' for a one-time code.
  event text not null,
  -- The address it went to, masked (090****456, n***@example.vn); set when sent.
  recipient text,
  -- As the citizen reads it; a one-time code is masked here (the code travels only in the outbox
  -- message, redacted once sent).
  text_vi text not null,
  text_en text not null,
  status text not null default 'queued' check (status in ('queued', 'sent', 'delivered', 'failed')),
  error text,
  message_id bigint,
  created_at timestamptz not null,
  status_at timestamptz not null,
  primary key (province_code, id),
  constraint notifications_dossier_fkey foreign key (province_code, dossier_id)
    references dossiers (province_code, id)
);
alter sequence notifications_id_seq owned by notifications.id;
create index notifications_dossier_idx on notifications (province_code, dossier_id, id);

comment on table outbox_archive is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Delivered and discarded outbox messages moved out of the hot table by npm run outbox:archive, with their province.';
comment on table inbox is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Messages a receiver has applied, by message id within the message''s province: a redelivered message applies its effect once.';
comment on table notifications is 'placement: distributed by province_code colocate with dossiers
SMS and e-mail notifications of a dossier with their delivery status, read with the dossier.';
