import { describe, expect, it } from "vitest";
import type { ActorRole, Status } from "./lifecycle.js";
import { awaitedBefore } from "./waiting-words.js";

describe("what an officer without a decision waits for", () => {
  it.each<[Status, ActorRole | "province_leader" | null, RegExp | null]>([
    // A linked step of the police, not received yet: the one-stop desk comes first.
    ["submitted", "agency_officer", /^Hồ sơ đang chờ bộ phận một cửa tiếp nhận\./],
    ["submitted", "specialist", /chờ bộ phận một cửa tiếp nhận/],
    ["submitted", "approver", /chờ bộ phận một cửa tiếp nhận/],
    ["submitted", null, /chờ bộ phận một cửa tiếp nhận/],
    ["submitted", "province_leader", /chờ bộ phận một cửa tiếp nhận/],
    // The one-stop desk itself receives it: nothing to explain.
    ["submitted", "receiver", null],
    ["received", "agency_officer", null],
    ["in_processing", "specialist", null],
    ["supplement_requested", "agency_officer", /chờ người nộp bổ sung/],
    ["approved", "specialist", /chờ ký và trả kết quả/],
    ["approved", "approver", null],
    // Finished: nothing is awaited.
    ["refused", "agency_officer", null],
    ["result_returned", "specialist", null],
    ["draft", "agency_officer", null],
  ])("%s, %s", (status, role, words) => {
    const got = awaitedBefore(status, role);
    if (words === null) expect(got).toBeNull();
    else {
      expect(got?.vi).toMatch(words);
      expect(got?.en).toMatch(/^The dossier is /);
    }
  });
});
