import { generateKeyPairSync, randomUUID } from "node:crypto";
import { beforeAll, expect, it } from "vitest";
import { localityId } from "../../src/kernel/locality.js";
import { signingKeyOf } from "../../src/lib/secrets.js";
import { publishAgencyKeys, receiveMessage, signMessage } from "../../src/modules/exchange/index.js";
import { engine } from "../helpers/db.js";
import { people } from "../helpers/fixtures.js";
import {
  phone,
  run,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  signIn,
  TEST_TIMEOUT,
} from "./browser.js";

const env = serverAndBrowser();
const code = "CA.20194.H48-261104-0003";

beforeAll(async () => {
  const s = env.s;
  // The commune police told social security that the worker registered a temporary residence.
  const police = await signingKeyOf(
    generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    "test",
  );
  await publishAgencyKeys(s.db, { "cong-an": police });
  const jws = await signMessage(
    { "cong-an": police },
    {
      id: randomUUID(),
      type: "residence.registered@1",
      from: { agency: "cong-an", unit: "20194" },
      to: { agency: "bhxh", unit: "48" },
      sentAt: "2026-11-04T10:00:00+07:00",
      province: "48",
      dossier: { id: localityId("48"), code },
      payload: {
        personalNumber: people.worker.pn,
        kind: "temporary",
        communeCode: "20194",
        address: "12 Nguyễn Văn Cừ",
        householdId: null,
        until: "2027-06-30",
      },
    },
  );
  const v = await s.db.tx((q) => receiveMessage(q, jws, { receiver: "bhxh" }));
  expect(v.ok).toBe(true);
});

run(`the citizen sees which agency received their data (${engine})`, { timeout: TEST_TIMEOUT }, () => {
  it("my data page names the receiving office, the data, the dossier and the legal basis; accessible", async () => {
    const page = await phone(env.chromium, env.s.now);
    await signIn(page, env.s.baseUrl, people.worker.pn, "/du-lieu-cua-toi");
    await settled(page, "[data-testid=access-dossier]");
    const item = page.locator("[data-testid=access-item]", {
      has: page.locator("[data-testid=access-dossier]"),
    });
    const text = ((await item.textContent()) ?? "").replace(/\s+/g, " ");
    expect(text).toContain("Bảo hiểm xã hội thành phố Đà Nẵng (cơ quan nhận dữ liệu)");
    expect(text).toContain("Mục đích: Trao đổi dữ liệu giữa các cơ quan");
    expect(text).toContain("Căn cứ: Luật Cư trú 2020; Nghị định 47/2020/NĐ-CP");
    expect(text).toContain("Thông tin cơ quan đã nhận: số định danh, nơi tạm trú, hộ gia đình");
    expect(text).toContain(`Hồ sơ: ${code}`);
    expect(text).toContain("Nội dung trao đổi: Thông báo đã đăng ký cư trú");
    await shot(page, `${engine}-access-exchange`);
    expect((await seriousViolations(page)).map((v) => v.id)).toEqual([]);
    await page.click("[data-testid=lang-en]");
    await settled(page, "[data-testid=access-dossier]");
    const en = ((await item.textContent()) ?? "").replace(/\s+/g, " ");
    expect(en).toContain("(receiving agency)");
    expect(en).toContain("Data the agency received: personal number, temporary residence, household");
    expect(en).toContain(`Dossier: ${code}`);
    expect(en).toContain("Exchange: Residence registered");
    await page.context().close();
  });
});
