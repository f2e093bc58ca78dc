import fs from "node:fs";
import path from "node:path";
import { expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { loadKeys } from "../../src/lib/secrets.js";
import { sendBirthNotice } from "../../src/modules/exchange/index.js";
import { engine } from "../helpers/db.js";
import { PDF } from "../helpers/files.js";
import { A, people } from "../helpers/fixtures.js";
import {
  run,
  SCREENSHOTS,
  seriousViolations,
  serverAndBrowser,
  settled,
  shot,
  TEST_TIMEOUT,
  UI_TIMEOUT,
} from "./browser.js";
import { communeOfficers } from "./commune-officers.js";
import { apiAs, phoneAs } from "./linked-session.js";

/**
 * Issue 12's must-hold, birth group end to end on the mother's phone: a facility's signed birth
 * notice arrives → the mother sees the offer → types the child's name and confirms → submits once
 * → the civil-status officer registers the birth → the residence and card steps start by
 * themselves, prefilled with the child's new number → the police register residence → social
 * security issues the card → the mother sees three results, each verifiable on the public page,
 * and her household lists the child. Officers act through the API with today's accounts.
 */
const env = serverAndBrowser({}, { delivery: "manual" });

type Group = { steps: Array<{ key: string; dossierId: string | null; resultNumber: string | null }> };
const CHILD = "Nguyễn Gia Bảo";

run(`the birth group offered by a birth notice, end to end (${engine})`, () => {
  it(
    "the mother types only the child's name and confirmations; three results, verifiable; the child in her household",
    async () => {
      const { s } = env;
      const keys = await loadKeys(loadConfig({ DATA_DIR: s.tdb.dataDir }));
      await s.db.tx((q) =>
        sendBirthNotice(
          q,
          keys.agencies,
          {
            noticeId: "GCS-E2E-0001",
            facility: "Bệnh viện Đà Nẵng",
            communeCode: A.commune,
            birthAt: "2026-11-03T08:15:00+07:00",
            childSex: "M",
            weightGrams: 3300,
            motherNumber: people.mother.pn,
            fatherNumber: people.father.pn,
          },
          A.province,
          s.now(),
        ),
      );
      await s.drain();

      const page = await phoneAs(env, people.mother.pn, "/", "[data-testid=linked-offer]");
      expect(await page.textContent("[data-testid=linked-offer]")).toContain("Bệnh viện Đà Nẵng");
      await shot(page, `${engine}-offer-1-home`);
      await page.click("[data-testid=linked-offer] a", { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=linked-apply]");
      // Each fact the registries and the notice give is listed once, and counted once.
      const facts = await page.locator("[data-testid=linked-known] dt").allTextContents();
      expect(facts.filter((f, i) => facts.indexOf(f) !== i)).toEqual([]);
      expect(await page.textContent("[data-testid=linked-known] summary")).toContain(`(${facts.length})`);
      expect(facts).toEqual(expect.arrayContaining(["Quan hệ với người được khai sinh"]));
      await page.fill("[data-testid=child-name]", CHILD);
      await page.check("[data-testid=sworn]");
      await shot(page, `${engine}-offer-2-form`);
      expect(await seriousViolations(page)).toEqual([]);
      await page.click("[data-testid=linked-submit]");
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=step-birth]");
      const id = page.url().split("/").pop() as string;

      const mother = await apiAs(s, people.mother.pn);
      const view = async () => (await mother.send<Group>("GET", `/api/linked-applications/${id}`)).body;
      const idOf = async (key: string) =>
        (await view()).steps.find((x) => x.key === key)?.dossierId as string;
      const { finish } = await communeOfficers(s);

      // The birth registration: what the mother did not type came from the notice and registries.
      const birthId = await idOf("birth");
      const birth = await mother.send<{ fields: Array<{ key: string; value: unknown }> }>(
        "GET",
        `/api/dossiers/${birthId}`,
      );
      const value = (k: string) => birth.body.fields.find((f) => f.key === k)?.value;
      expect([value("child.fullName"), value("child.sex"), value("mother.fullName")]).toEqual([
        CHILD,
        "M",
        people.mother.name,
      ]);
      expect(value("child.ethnicity")).toBe("Kinh");
      // Each step decided by its own agency's officer, after the one-stop desk's receipt.
      await finish(birthId, undefined, "hotich.20194");
      await s.drain(); // the child's number reaches the group: the dependent steps start by themselves
      const residenceId = await idOf("residence");
      const residence = await mother.send<{ fields: Array<{ key: string; value: unknown }> }>(
        "GET",
        `/api/dossiers/${residenceId}`,
      );
      const childNumber = residence.body.fields.find((f) => f.key === "member.personalNumber")?.value;
      expect(String(childNumber)).toMatch(/^048[0-9]{9}$/);
      await finish(residenceId, undefined, "congan.20194");
      // The card is decided by the platform (the birth group's version 2): no social-security officer acts.
      await s.drain();

      await page.reload();
      await settled(page, "[data-testid=step-birth]");
      for (const key of ["birth", "residence", "insurance"])
        expect(await page.textContent(`[data-testid=step-${key}] [data-testid=step-status]`)).toBe(
          "Đã có kết quả",
        );
      await shot(page, `${engine}-offer-3-results`);
      for (const key of ["birth", "residence", "insurance"]) {
        await page.click(`[data-testid=step-${key}] a[href^='/xac-minh/']`, { timeout: UI_TIMEOUT });
        await page.waitForURL(/\/xac-minh\//, { timeout: UI_TIMEOUT });
        await expect
          .poll(() => page.textContent("main"), { timeout: UI_TIMEOUT })
          .toMatch(/hợp lệ|Hợp lệ|genuine/i);
        await page.goBack();
        await settled(page, "[data-testid=step-birth]");
      }
      await page.goto(`${s.baseUrl}/du-lieu-cua-toi`);
      await settled(page, "[data-testid=household]");
      expect(await page.textContent("[data-testid=household]")).toContain(CHILD);
      await shot(page, `${engine}-offer-4-household`);
      await page.context().close();
    },
    TEST_TIMEOUT,
  );

  it(
    "without an electronic notice: the mother types the birth facts once, uploads the paper certificate, files the group",
    async () => {
      const page = await phoneAs(
        env,
        people.neighbour.pn,
        "/lien-thong/nop/birth",
        "[data-testid=linked-paper]",
      );
      // Her own facts are known (the mother's block from her population record).
      expect(await page.textContent("[data-testid=linked-known]")).toContain(people.neighbour.name);
      await page.fill("[data-testid=child-name]", "Lê Minh Khang");
      await page.fill("#f-child-birthDate", "2026-11-02");
      await page.selectOption("#f-child-sex", "M");
      await page.fill("#f-child-placeOfBirth", "Trạm y tế phường Liên Chiểu");
      await page.click("[data-testid=linked-paper-start]");
      const file = path.join(SCREENSHOTS, `${engine}-paper-certificate.pdf`);
      fs.mkdirSync(SCREENSHOTS, { recursive: true });
      fs.writeFileSync(file, PDF);
      await page.setInputFiles("[data-testid=upload-birthCertificate]", file);
      await page
        .locator("[data-testid=upload-status-birthCertificate]")
        .filter({ hasText: ".pdf" })
        .waitFor();
      await page.check("[data-testid=sworn]");
      await shot(page, `${engine}-paper-1-form`);
      await page.click("[data-testid=linked-submit]");
      await page.waitForURL(/\/lien-thong\/[0-9a-f-]{36}$/, { timeout: UI_TIMEOUT });
      await settled(page, "[data-testid=step-birth]");
      expect(await page.textContent("[data-testid=step-birth] [data-testid=step-status]")).not.toBe(
        "Đang chờ bước trước có kết quả",
      );
      await page.context().close();
    },
    TEST_TIMEOUT,
  );
});
