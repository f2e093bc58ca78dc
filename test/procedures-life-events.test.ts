import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { engine } from "./helpers/db.js";
import { startTestServer, type TestServer } from "./helpers/server.js";

/**
 * Issue 12 point 8 through the API: a search in life-event words ("bố mất rồi làm gì", "vừa sinh
 * con", "mới sinh em bé") leads to the linked group, as the web app's search box does (the same
 * pure rule, `lifeEventGroup`): GET /api/procedures?q= names it in `group`, documented in OpenAPI.
 */
let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

type List = { items: unknown[]; group: { code: string; nameVi: string; nameEn: string } | null };
const search = async (path: string) => {
  const res = await fetch(`${s.baseUrl}${path}`);
  expect(res.status).toBe(200);
  return (await res.json()) as List;
};

describe(`the catalogue's search speaks in life events (${engine})`, () => {
  it.each([
    ["bố mất rồi làm gì", "death", "Nhóm thủ tục liên thông khai tử"],
    ["vừa sinh con", "birth", "Nhóm thủ tục liên thông khai sinh"],
    ["mới sinh em bé", "birth", "Nhóm thủ tục liên thông khai sinh"],
  ])("q=%s leads to the %s group", async (q, code, nameVi) => {
    const body = await search(`/api/procedures?q=${encodeURIComponent(q)}`);
    expect(body.group?.code).toBe(code);
    expect(body.group?.nameVi).toBe(nameVi);
    expect(body.group?.nameEn).toBeTruthy();
  });

  it("a search naming no life event, or no search, carries no group", async () => {
    expect((await search("/api/procedures?q=dang%20ky%20tam%20tru")).group).toBeNull();
    expect((await search("/api/procedures?limit=3")).group).toBeNull();
  });

  it("the group is part of the list's documented answer (OpenAPI)", async () => {
    const doc = (await (await fetch(`${s.baseUrl}/openapi.json`)).json()) as {
      paths: Record<string, unknown>;
      components: { schemas: Record<string, unknown> };
    };
    expect(JSON.stringify(doc.paths["/api/procedures"])).toContain("LifeEventGroupRef");
    expect(doc.components.schemas.LifeEventGroupRef).toBeTruthy();
  });
});
