-- Issue 11 point 4: an SMS gateway's delivery report names the message it was sent as
-- (`<province>-<outbox id>`): the notification is found by its outbox message within the province.
create index notifications_message_idx on notifications (province_code, message_id) where message_id is not null;
