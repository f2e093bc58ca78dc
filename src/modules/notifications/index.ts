/**
 * Notifications: what a citizen is told about their dossier by SMS and e-mail, through delivery.
 * A dossier's transition writes `notify.citizen`; its handler makes one notification per channel
 * (e-mail over SMTP, SMS through an HTTP gateway or, with DEMO on, the demo phone), each sent by
 * its own `notify.send` message; each has a status (queued, sent, delivered, failed) that the
 * citizen and the officer read with the dossier. One-time codes go the same way (`queueSms`) and
 * are never kept after their SMS.
 */
export {
  type Channels,
  type EmailChannel,
  maskEmail,
  type SmsChannel,
  smsGateway,
  smtpChannel,
} from "./channels.js";
export { queueSms, registerNotificationHandlers } from "./handlers.js";
export { OFFER_TOPIC, type OfferNews } from "./offers.js";
export { GROUP_NEWS_TOPIC, type GroupNews, HEAD_REMINDER_TOPIC } from "./reminders.js";
export { notificationRoutes } from "./routes.js";
