import { describe, expect, it } from "vitest";
import { formatDossierCode } from "../dossiers/index.js";
import { vietQrPayload } from "./payments.js";
import { dossierCodeOfTransferContent, TRANSFER_CONTENT_MAX, transferContentOf } from "./transfer-content.js";

const AGENCY = "UB.20194.H48";
const DAY = "2026-12-01";

describe("the transfer content carries the whole dossier code", () => {
  it("dossiers 0001..0012 of one agency and day: 12 distinct contents, each maps back to its dossier", () => {
    const codes = Array.from({ length: 12 }, (_, i) => formatDossierCode(AGENCY, DAY, i + 1));
    const contents = codes.map(transferContentOf);
    expect(new Set(contents).size).toBe(12);
    expect(contents[0]).toBe("UB.20194.H48-261201-0001");
    expect(contents[11]).toBe("UB.20194.H48-261201-0012");
    for (const [i, c] of contents.entries()) {
      expect(c.length).toBeLessThanOrEqual(TRANSFER_CONTENT_MAX);
      expect(c).toContain(codes[i]);
      expect(dossierCodeOfTransferContent(c)).toBe(codes[i]);
    }
  });

  it.each([
    // [sequence, content, length]
    [1, "UB.20194.H48-261201-0001", 24],
    [9_999, "UB.20194.H48-261201-9999", 24],
    [10_000, "UB.20194.H48-261201-10000", 25],
    [100_000, "UB20194H48261201100000", 22],
    [123_456_789, "UB20194H48261201123456789", 25],
  ])("sequence %i: %s (%i characters), read back whole", (seq, content, length) => {
    const code = formatDossierCode(AGENCY, DAY, seq);
    expect(transferContentOf(code)).toBe(content);
    expect(content).toHaveLength(length);
    expect(dossierCodeOfTransferContent(content)).toBe(code);
  });

  it("a short code keeps the platform's prefix", () => {
    expect(transferContentOf("UB.1.H48-261201-0001")).toBe("ML UB.1.H48-261201-0001");
  });

  it.each([
    ["UB.20194.H48-261201-0007", "UB.20194.H48-261201-0007"],
    ["ub.20194.h48-261201-0007", "UB.20194.H48-261201-0007"],
    ["UB 20194 H48 261201 0007", "UB.20194.H48-261201-0007"],
    ["ML UB.20194.H48-261201-0007", "UB.20194.H48-261201-0007"],
    ["MLUB20194H482612010007", "UB.20194.H48-261201-0007"],
    ["UB20194H48261201100000", "UB.20194.H48-261201-100000"],
    ["CA.00226.H01-261104-9999", "CA.00226.H01-261104-9999"],
  ])("the bank reports %j: dossier %s", (reported, code) => {
    expect(dossierCodeOfTransferContent(reported)).toBe(code);
  });

  it.each([
    "",
    "ML",
    "UB.20194.H48-261201-001",
    "UB.20194.H48-261201",
    "chuyen tien le phi",
    "UB.2019.H48-261201-0001",
  ])("%j names no dossier", (reported) => {
    expect(dossierCodeOfTransferContent(reported)).toBeUndefined();
  });

  it("the VietQR code carries the content uncut", () => {
    const content = transferContentOf(formatDossierCode(AGENCY, DAY, 10_000));
    const payload = vietQrPayload({ amount: 10_000, transferContent: content });
    expect(payload).toContain(content);
    expect(payload).toContain("UB.20194.H48-261201-10000");
  });
});
