import type { Config } from "../config.js";
import { type Channels, smsGateway, smtpChannel } from "../modules/notifications/index.js";

/**
 * The notification channels the configuration names: e-mail over SMTP when `SMTP_URL` is set; SMS
 * through the configured HTTP gateway, else (with DEMO on) the demo phone, else no SMS at all.
 */
export function notificationChannels(config: Config): Channels {
  return {
    publicUrl: config.publicUrl,
    email: config.smtpUrl ? smtpChannel(config.smtpUrl, config.smtpFrom) : undefined,
    sms: config.smsGatewayUrl
      ? smsGateway(config.smsGatewayUrl, config.smsGatewayToken)
      : config.demo
        ? { kind: "demo" }
        : undefined,
  };
}
