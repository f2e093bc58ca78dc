-- Issue 14, reviewer defect: a citizen's correction request reaches the owner's queue through
-- delivery seconds after it is filed. The instant the owner's office received it (its case was
-- opened), so the citizen reads "sent to the agency" until then and "received" after.
alter table correction_requests add column received_at timestamptz;
