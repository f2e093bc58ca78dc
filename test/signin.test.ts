import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDemoOfficers } from "../src/modules/identity/index.js";
import { engine } from "./helpers/db.js";
import { people } from "./helpers/fixtures.js";
import { Browser, startTestServer, type TestServer } from "./helpers/server.js";

let s: TestServer;
beforeAll(async () => {
  s = await startTestServer();
});
afterAll(async () => s?.close());

describe(`sign-in through OpenID Connect (${engine})`, () => {
  it("a citizen signs in with a personal number and the session knows who they are", async () => {
    const b = new Browser(s.baseUrl);
    const home = await b.signIn(people.father.pn);
    expect(home.status).toBe(200);
    const session = (await (await b.fetch("/api/session")).json()) as {
      principal: { kind: string; personalNumber: string };
    };
    expect(session.principal).toMatchObject({
      kind: "citizen",
      personalNumber: people.father.pn,
      name: people.father.name,
    });
  });

  it("an officer signs in by username and gets role and jurisdiction", async () => {
    const b = new Browser(s.baseUrl);
    await b.signIn("motcua.20194");
    const session = (await (await b.fetch("/api/session")).json()) as { principal: Record<string, unknown> };
    expect(session.principal).toMatchObject({
      kind: "officer",
      role: "receiver",
      jurisdiction: { level: "commune", code: "20194" },
      // A name is a name: the unit is the jurisdiction, never a suffix "(Hải Vân)".
      name: "Mai Thu Huyền",
    });
  });

  it("the demo sign-in page lists every kind of demo officer by unit, with the role in words; one tap signs in", async () => {
    const b = new Browser(s.baseUrl);
    const html = await (await b.navigate("/auth/login")).text();
    const listed = [...html.matchAll(/name="login" value="([^"]+)"/g)].map((m) => m[1]);
    // Hải Vân's seven, Đà Nẵng's three (social security included), then the national two, in this order.
    const haiVan = listed.indexOf("motcua.20194");
    expect(listed.slice(haiVan, haiVan + 7)).toEqual([
      "motcua.20194",
      "chuyenvien.20194",
      "lanhdao.20194",
      "buudien.20194",
      "hotich.20194",
      "congan.20194",
      "xahoi.20194",
    ]);
    for (const u of ["chuyennganh.tinh.48", "bhxh.tinh.48", "lanhdao.tinh.48", "quocgia", "admin"])
      expect(listed).toContain(u);
    expect(listed.slice(-2)).toEqual(["quocgia", "admin"]);
    expect(html).toContain("Cán bộ xã, phường: Phường Hải Vân, Đà Nẵng");
    expect(html).toContain("Cán bộ tỉnh, thành phố: Đà Nẵng");
    expect(html).toContain(
      'Đoàn Thu Thoa</span>\n        <span class="account-duty">Cán bộ cơ quan: Bảo hiểm xã hội Việt Nam <span lang="en">/ Agency officer: Vietnam Social Security</span>',
    );
    expect(html).toContain('Lãnh đạo tỉnh <span lang="en">/ Provincial leader</span>');
    expect(html).not.toMatch(/agency_officer|province_leader|national_viewer|receiver,|\(tỉnh \d+\)/);
    // A tap posts the button's username to the same interaction.
    const action = /action="([^"]+)"/.exec(html)?.[1] ?? "";
    const signedIn = await b.navigate(action, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ login: "bhxh.tinh.48" }).toString(),
    });
    expect(signedIn.status).toBe(200);
    const session = (await (await b.fetch("/api/session")).json()) as { principal: Record<string, unknown> };
    expect(session.principal).toMatchObject({
      username: "bhxh.tinh.48",
      name: "Đoàn Thu Thoa",
      agency: "bhxh",
    });
  });

  it("any commune's demo officer signs in at first use, is then listed folded under its province; no such commune, no account", async () => {
    const b = new Browser(s.baseUrl);
    const res = await b.signIn("chuyenvien.20242"); // Phường Hải Châu: no seeded accounts
    expect(res.status).toBe(200);
    const session = (await (await b.fetch("/api/session")).json()) as { principal: Record<string, unknown> };
    expect(session.principal).toMatchObject({ username: "chuyenvien.20242", role: "specialist" });
    const { rows } = await s.db.query<{ username: string }>(
      "select username from officers where jurisdiction_code = '20242' order by username",
    );
    expect(rows.map((r) => r.username)).toEqual([
      "buudien.20242",
      "chuyenvien.20242",
      "congan.20242",
      "hotich.20242",
      "lanhdao.20242",
      "motcua.20242",
      "xahoi.20242",
    ]);
    const html = await (await new Browser(s.baseUrl).navigate("/auth/login")).text();
    const folded =
      /<details class="demo-province" data-testid="demo-province">\s*<summary>Đà Nẵng[\s\S]*?<\/details>/.exec(
        html,
      )?.[0] ?? "";
    expect(folded).toContain("Cán bộ xã, phường: Phường Hải Châu, Đà Nẵng");
    expect(folded).toContain('value="motcua.20242"');
    expect(folded).toContain("(1 xã, phường");
    for (const login of ["motcua.99999", "lanhdao.tinh.99", "motcua.abc"]) {
      const refused = await new Browser(s.baseUrl).signIn(login);
      expect(refused.status, login).toBe(401);
    }
  });

  it("demo officers of different communes are different people, named the same on every start", async () => {
    const names = async () =>
      (
        await s.db.query<{ username: string; full_name: string }>(
          "select username, full_name from officers where jurisdiction_level <> 'country' order by username",
        )
      ).rows;
    const before = await names();
    expect(before.length).toBeGreaterThanOrEqual(27); // three communes' seven, two provinces' three
    expect(new Set(before.map((r) => r.full_name)).size).toBe(before.length);
    expect(before.find((r) => r.username === "motcua.20197")?.full_name).toBe("Phạm Kim Hà");
    // An account still carrying its kind's old shared name takes its own; one an administrator renamed keeps it.
    await s.db.query(
      "update officers set full_name = 'Trần Thị Thu (Liên Chiểu)' where username = 'motcua.20197'",
    );
    await s.db.query("update officers set full_name = 'Lê Văn Hùng' where username = 'chuyenvien.20197'");
    await s.db.query("update officers set full_name = 'Kha Văn Tín' where username = 'lanhdao.20197'");
    await ensureDemoOfficers(s.db, [{ code: "20197", provinceCode: "48", name: "Liên Chiểu" }]);
    const after = new Map((await names()).map((r) => [r.username, r.full_name]));
    expect([after.get("motcua.20197"), after.get("chuyenvien.20197"), after.get("lanhdao.20197")]).toEqual([
      "Phạm Kim Hà",
      "Đặng Trọng Duy",
      "Kha Văn Tín",
    ]);
  });

  it("an unknown account is refused on the sign-in page and no session is created", async () => {
    const b = new Browser(s.baseUrl);
    const res = await b.signIn("048090999999");
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("Không tìm thấy tài khoản");
    const session = (await (await b.fetch("/api/session")).json()) as { principal: unknown };
    expect(session.principal).toBeNull();
  });

  it("signing out ends the session", async () => {
    const b = new Browser(s.baseUrl);
    await b.signIn(people.mother.pn);
    const token = await b.csrf();
    const out = await b.fetch("/auth/logout", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ _csrf: token }).toString(),
    });
    expect(out.status).toBe(303);
    const me = await b.fetch("/api/me/data");
    expect(me.status).toBe(401);
  });
});
