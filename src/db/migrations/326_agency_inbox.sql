-- Issue 11: messages posted to the platform by an agency run outside it (POST /api/agency-messages,
-- e.g. an external owner's decision on a correction request), applied once by their message id
-- (a UUID chosen by the sender; a repeated post answers the same acknowledgement, applies nothing).
create table agency_inbox (
  province_code text not null check (province_code ~ '^[0-9]{2}$'),
  message_id uuid not null,
  sender text not null,
  type text not null,
  received_at timestamptz not null,
  primary key (province_code, message_id)
);

comment on table agency_inbox is 'placement: distributed by province_code colocate with dossiers sentinel ''00''
Signed messages received over HTTP from external agencies, by message id within the message''s province: a repeated post applies its effect once.';
