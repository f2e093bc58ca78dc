import http from "node:http";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";

/**
 * A real SMTP server (the `smtp-server` library) on 127.0.0.1 in the test's process: every e-mail
 * it receives is parsed (`mailparser`) into `mails`. `port` goes into SMTP_URL.
 */
export async function startMailSink(): Promise<{
  mails: ParsedMail[];
  port: number;
  close: () => Promise<void>;
}> {
  const mails: ParsedMail[] = [];
  const smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    onData(stream, _session, done) {
      simpleParser(stream)
        .then((m) => {
          mails.push(m);
          done();
        })
        .catch(done);
    },
  });
  await new Promise<void>((r) => smtp.listen(0, "127.0.0.1", r));
  return {
    mails,
    port: (smtp.server.address() as AddressInfo).port,
    close: () => new Promise<void>((r) => smtp.close(() => r())),
  };
}

/** One SMS as the gateway received it: the JSON body and the Authorization header. */
export type SmsRequest = { to: string; text: string; reference: string; auth: string | undefined };

/**
 * An SMS gateway on 127.0.0.1 (`POST /sms`, JSON): it records each request in `sms` and answers
 * `status` (200 "delivered" unless the test sets another, e.g. 503 "busy"). `url` goes into
 * SMS_GATEWAY_URL.
 */
export async function startSmsGateway(): Promise<{
  sms: SmsRequest[];
  url: string;
  answer: { status: number };
  close: () => Promise<void>;
}> {
  const sms: SmsRequest[] = [];
  const answer = { status: 200 };
  const gateway = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => {
      body += c;
    });
    req.on("end", () => {
      sms.push({ ...(JSON.parse(body) as Omit<SmsRequest, "auth">), auth: req.headers.authorization });
      res.writeHead(answer.status, { "content-type": "application/json" });
      res.end(answer.status === 200 ? '{"status":"delivered"}' : '{"error":"busy"}');
    });
  });
  await new Promise<void>((r) => gateway.listen(0, "127.0.0.1", r));
  return {
    sms,
    url: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`,
    answer,
    close: () => new Promise<void>((r) => gateway.close(() => r())),
  };
}
