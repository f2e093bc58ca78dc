import { expect, it } from "vitest";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import {
  context,
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

/**
 * The demo's one-time code, as people meet it: the agent is told where the code goes but never
 * sees it; the citizen reads it on the demo phone (Notifications) and reads it out.
 */
const env = serverAndBrowser();

run(`the demo phone (${engine})`, () => {
  it(
    "the agent sends a code it cannot read; the citizen reads it on the demo phone; the agent confirms with it",
    async () => {
      const agentContext = await context(env.chromium, env.s.now, { width: 1280, height: 900 });
      const agent = await agentContext.newPage();
      await signIn(agent, env.s.baseUrl, "buudien.20194", "/can-bo/nop-ho");
      await agent.waitForSelector("[data-testid=assist-pn]");
      await agent.fill("[data-testid=assist-pn]", people.worker.pn);
      await agent.selectOption("[data-testid=assist-procedure]", "LOCAL.DK-TAM-TRU");
      await agent.click("[data-testid=assist-create]");
      await agent.click("[data-testid=otp-send]");
      await agent.waitForSelector("[data-testid=otp-sent]");
      const hint = await agent.waitForSelector("[data-testid=demo-sms-hint]");
      expect(await hint.textContent()).toContain("điện thoại thử nghiệm");
      expect(await agent.locator("body").textContent()).not.toMatch(/mã xác nhận \d{6}/);
      await shot(agent, `${engine}-demo-phone-1-agent`);

      const citizen = await phone(env.chromium, env.s.now);
      await signIn(citizen, env.s.baseUrl, people.worker.pn, "/thong-bao");
      const sms = await citizen.waitForSelector("[data-testid=demo-sms-item]");
      const code = /mã xác nhận (\d{6})/.exec((await sms.textContent()) ?? "")?.[1] ?? "";
      expect(code).toMatch(/^\d{6}$/);
      await shot(citizen, `${engine}-demo-phone-2-citizen`);
      expect(await seriousViolations(citizen)).toEqual([]);

      await agent.fill("[data-testid=otp-code]", code);
      await agent.click("[data-testid=otp-verify]");
      await agent.waitForSelector("[data-testid=draft]");
      const { rows } = await env.s.db.query<{ action: string }>(
        "select action from dossier_actions where action = 'confirm_on_behalf'",
      );
      expect(rows).toHaveLength(1);
      await agentContext.close();
      await citizen.context().close();
    },
    TEST_TIMEOUT,
  );
});
