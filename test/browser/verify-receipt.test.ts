import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { readKeyFile } from "../../src/lib/secrets.js";
import { verifyUrl } from "../../src/modules/results/index.js";
import { engine } from "../helpers/db.js";
import { MARITAL, people } from "../helpers/fixtures.js";
import { Browser } from "../helpers/server.js";
import { phone, run, seriousViolations, serverAndBrowser, settled, shot, TEST_TIMEOUT } from "./browser.js";

// Issue 14, point 6, on a phone: a fee receipt is verified on /xac-minh like a result, by its
// number typed in lower case, by its QR link (payer masked, amount) and by its file; a dossier
// code is "not verified here", not "forged".
const env = serverAndBrowser();

async function step(page: Page, name: string, ready: string) {
  await settled(page, ready);
  await shot(page, `${engine}-verify-receipt-${name}`);
  const bad = await seriousViolations(page);
  expect(
    bad.map((v) => `${v.id}: ${v.help} @ ${v.nodes[0]?.target.join(" ")}`),
    name,
  ).toEqual([]);
}

async function check(page: Page, typed: string) {
  await page.fill("[data-testid=verify-input]", typed);
  await page.click("[data-testid=verify-submit]");
}

run(`verifying a fee receipt on a phone (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("by number in lower case, by its QR link, by its file; a dossier code is not verified here", async () => {
    const citizen = new Browser(env.s.baseUrl);
    await citizen.signIn(people.father.pn);
    const created = await citizen.send<{ id: string }>("POST", "/api/dossiers", {
      procedureCode: MARITAL.code,
    });
    const id = created.body.id;
    const submitted = await citizen.send<{ code: string }>("POST", `/api/dossiers/${id}/submit`, {
      values: MARITAL.values,
    });
    const code = submitted.body.code;
    const pay = await citizen.send<{ demoBankUrl: string }>("GET", `/api/dossiers/${id}/payment`);
    expect((await citizen.fetch(pay.body.demoBankUrl, { method: "POST" })).status).toBe(303);
    const paid = await citizen.send<{ receiptUrl: string }>("GET", `/api/dossiers/${id}/payment`);
    const receipt = Buffer.from(await (await citizen.fetch(paid.body.receiptUrl)).arrayBuffer());
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "receipt-")), "bien-lai.pdf");
    fs.writeFileSync(file, receipt);

    const page = await phone(env.chromium);
    await page.goto(`${env.s.baseUrl}/xac-minh`);
    await check(page, `bl-${code.toLowerCase()}`);
    await step(page, "1-by-number", "[data-testid=verify-result][data-valid=true]");
    await expect
      .poll(() => page.textContent("[data-testid=verify-result]"))
      .toContain("Biên lai thu phí, lệ phí");
    expect(await page.textContent("[data-testid=verify-result-number]")).toBe(`BL-${code}`);

    const number = `BL-${code}`;
    const { rows } = await env.s.db.query<{ amount: number }>(
      "select amount from fee_receipts where number = $1",
      [number],
    );
    expect(rows[0]?.amount).toBeGreaterThan(0);
    // The QR link printed on the receipt: the payer masked, the amount, the dossier.
    // (The link's code needs only the private key.)
    const pem = readKeyFile(path.join(env.s.tdb.dataDir, "keys.json")).resultSigning ?? "";
    await page.goto(verifyUrl(env.s.baseUrl, { privatePem: pem, publicPem: "", keyId: "" }, number));
    await step(page, "2-qr-link", "[data-testid=verify-result-amount]");
    const card = (await page.textContent("[data-testid=verify-result]")) ?? "";
    expect(card).toContain(code);
    expect(card).toContain("N*** V** A*");

    await page.setInputFiles("[data-testid=verify-file]", file);
    await step(page, "3-by-file", "[data-testid=verify-pdf-result][data-valid=true]");

    await check(page, code);
    await step(page, "4-dossier-code", "[data-testid=verify-result][data-not-verified-here=true]");
    expect(await page.textContent("[data-testid=verify-result]")).toContain("không được xác minh ở đây");
  });
});
