-- A refund's bank reference names one refund: the same reference can no longer be recorded for
-- two transfers (the officer gets 409 REFUND_REF_TAKEN). Unique by the full key of a distributed
-- table (docs/scaling.md): (province_code, refund_ref); transfers not yet refunded have none.

-- References recorded twice before this version (by mistake: one bank transaction refunds one
-- transfer) are kept, the later ones marked "/DUP<n>" so an officer can find and correct them.
update bank_transfers t
   set refund_ref = t.refund_ref || '/DUP' || d.n
  from (select province_code, id,
               row_number() over (partition by province_code, refund_ref order by refunded_at, id) as n
          from bank_transfers
         where refund_ref is not null) d
 where d.province_code = t.province_code and d.id = t.id and d.n > 1;

alter table bank_transfers add constraint bank_transfers_refund_ref_key unique (province_code, refund_ref);
