import { describe, expect, it } from "vitest";
import { ACCESS_FIELDS } from "../src/domain/access-fields.js";
import { en } from "../web/src/i18n/en.js";
import { vi } from "../web/src/i18n/vi.js";

/**
 * "Dữ liệu của tôi" names the data each read used in words (issue 14 point 5): every name the
 * access log can record (`logAccess` takes only ACCESS_FIELDS) has a label in both languages.
 */
describe("the access log's field names", () => {
  it.each(ACCESS_FIELDS)("%s has a Vietnamese and an English label", (name) => {
    const v = (vi.dataField as Record<string, string>)[name];
    const e = (en.dataField as Record<string, string>)[name];
    expect(v, `vi.dataField.${name}`).toMatch(/\S/);
    expect(e, `en.dataField.${name}`).toMatch(/\S/);
    expect(v).not.toBe(name);
  });
  it("the assistant's registry facts are among them", async () => {
    const { FACT_NAMES } = await import("../src/domain/assistant-data.js");
    for (const f of FACT_NAMES) expect(ACCESS_FIELDS).toContain(f);
    expect((vi.dataField as Record<string, string>).deathNotice).toBe("giấy báo tử");
  });
});
