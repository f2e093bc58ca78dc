import path from "node:path";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { FsBlobStore } from "../lib/blob-store.js";
import type { Keys } from "../lib/secrets.js";
import { registerCorrectionHandlers } from "../modules/corrections/index.js";
import { Delivery, wakeDispatchers } from "../modules/delivery/index.js";
import type { Services } from "../modules/dossiers/index.js";
import {
  childNumberEffect,
  type ExternalAgencies,
  registerWritebackHandlers,
  writebackEffects,
  writebackGuard,
} from "../modules/exchange/index.js";
import {
  type LinkedEnv,
  mayRequireVerification,
  onChildNumber,
  registerLinkedHandlers,
  verificationEffect,
} from "../modules/linked/index.js";
import type { Channels } from "../modules/notifications/index.js";
import { queueSms, registerNotificationHandlers } from "../modules/notifications/index.js";
import {
  closedDossierRefundEffect,
  disbursementEffect,
  openPaymentOnHeadConsent,
  openPaymentRequest,
  wireAllowancePayments,
} from "../modules/payments/index.js";
import { apologySlipEffect, issueResultEffect } from "../modules/results/index.js";
import { notificationChannels } from "./channels.js";

/**
 * Everything of a server but HTTP: the outbox's dispatcher with the handler of every topic, the
 * file store, the transitions' effects (payment request, result, write-back messages, allowance
 * transfer) and the services the dossier rules call. One wiring for `buildApp` (the dispatcher in
 * the server process) and for `npm run dispatcher` (a process of its own, `OUTBOX_DISPATCHER=separate`):
 * both deliver with the same handlers. `log` receives the dispatcher's errors. Nothing is started:
 * the caller runs `delivery.start()` (or `drainOnce()`) and `delivery.stop()`. When `separateDispatcher`,
 * `services.deliverSoon` wakes the other process's dispatcher through `wakeDispatchers` (pg_notify)
 * instead of this process's.
 */
export function wireServices(o: {
  config: Config;
  db: Db;
  keys: Keys;
  now: () => Date;
  log: { error(obj: unknown, msg: string): void };
  separateDispatcher?: boolean;
}): { delivery: Delivery; services: Services; linked: LinkedEnv; channels: Channels } {
  const { config, db, keys, now } = o;
  const c = config.outbox;
  const delivery = new Delivery({
    db,
    now,
    settings: {
      maxAttempts: c.maxAttempts,
      backoff: { baseMs: c.retryBaseMs, maxMs: c.retryMaxMs },
      leaseMs: c.leaseMs,
      pollMs: c.pollMs,
    },
    log: o.log,
  });
  // Agencies run outside this platform get their signed messages posted by this dispatcher.
  const external: ExternalAgencies = Object.keys(config.agencyEndpoints).length
    ? {
        db,
        signers: keys.agencies,
        endpoints: config.agencyEndpoints,
        attempts: config.agencyAttempts,
        timeoutMs: config.agencyTimeoutMs,
      }
    : undefined;
  const channels = notificationChannels(config);
  registerNotificationHandlers(delivery, { db, channels });
  registerCorrectionHandlers(delivery, keys.agencies, external); // corrections, signed to and from the owners
  // Results written back to the registries (issue 11 point 3): births and deaths (and the linked
  // groups waiting for a child's number), residence registrations, health-insurance cards.
  registerWritebackHandlers(delivery, onChildNumber, external);
  wireAllowancePayments(delivery, { db, bankKey: keys.bankCallback, signers: keys.agencies, now, external });

  const store = new FsBlobStore(path.join(config.dataDir, "files"));
  // Other modules' work inside a transition (one transaction per fact; the result first: others name it).
  const resultServices = { store, publicUrl: config.publicUrl, resultKey: keys.resultSigning };
  const effects = {
    submit: [openPaymentRequest],
    // A spouse's request into a household: the fee is asked only once its head consents (Art. 21).
    head_consent: [openPaymentOnHeadConsent],
    // The apology slip's signed document (Circular 01/2018/TT-VPCP Mẫu số 05), like a result.
    apologize: [apologySlipEffect(resultServices)],
    // "Cần xác minh" on a linked group's birth step: the group's limit and due become the longer ones.
    require_verification: [verificationEffect],
    ...closedDossierRefundEffect(), // a fee not paid in full when the dossier closes is owed back
    // The result first: the registries' messages name its number.
    issue_result: [
      writebackGuard(keys.agencies), // no result signed in the name of an agency not hosted here
      childNumberEffect, // a birth's child number, reserved to be printed on the extract
      issueResultEffect(resultServices),
      ...writebackEffects(keys.agencies),
      disbursementEffect,
    ],
  };
  const wakeOther = () => {
    wakeDispatchers(db).catch((err: unknown) => o.log.error({ err }, "could not wake the dispatcher"));
  };
  const services: Services = {
    store,
    publicUrl: config.publicUrl,
    effects,
    otpKey: keys.otp,
    // One-time codes go through delivery when there is an SMS channel (a gateway, or the demo phone).
    sms: channels.sms ? queueSms : undefined,
    deliverSoon: o.separateDispatcher ? wakeOther : () => delivery.wake(),
    // "Cần xác minh" offered only where the linked module's effect would accept it.
    actionChecks: { require_verification: mayRequireVerification },
  };
  // Linked groups follow their steps' dossiers through delivery (src/modules/linked).
  const linked = registerLinkedHandlers(delivery, { db, services, now, channels }, config.publicUrl);
  return { delivery, services, linked, channels };
}
