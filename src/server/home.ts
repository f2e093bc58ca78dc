import type { FastifyInstance } from "fastify";
import type { Db } from "../db/client.js";
import * as exchange from "../modules/exchange/exchange.js";
import { ROLE_NAMES } from "../modules/identity/principal.js";
import { escapeHtml, page } from "./html.js";

/**
 * A plain server-rendered start page: sign in, who I am, what the registries hold about me and
 * who read it. The citizen portal (React) replaces it; until then it keeps `npm start` useful.
 */
export async function homeRoutes(app: FastifyInstance, opts: { db: Db }) {
  app.get("/", { schema: { hide: true } }, async (req, reply) => {
    const p = req.principal;
    let body: string;
    if (!p) {
      body = `<p>Khai một lần, phục vụ mọi nơi. <span lang="en">Declare once, served everywhere.</span></p>
<a class="button" href="/auth/login">Đăng nhập <span lang="en">/ Sign in</span></a>`;
    } else {
      const logout = `<form method="post" action="/auth/logout"><input type="hidden" name="_csrf" value="${escapeHtml(reply.generateCsrf())}">
<button type="submit">Đăng xuất <span lang="en">/ Sign out</span></button></form>`;
      if (p.kind === "officer") {
        const j =
          p.jurisdiction.level === "country"
            ? "Toàn quốc / Country"
            : `${p.jurisdiction.level} ${p.jurisdiction.code}`;
        body = `<p>Xin chào <strong>${escapeHtml(p.name)}</strong> — ${escapeHtml(ROLE_NAMES[p.role].vi)}
<span lang="en">(${escapeHtml(ROLE_NAMES[p.role].en)})</span>, ${escapeHtml(j)}.</p>${logout}`;
      } else {
        const ctx = { principal: p, purpose: "self-service" as const, requestId: req.id };
        const me = await exchange.readPerson(opts.db, ctx, p.personalNumber);
        const log = await exchange.accessLogOf(opts.db, p.personalNumber, { limit: 20, offset: 0 });
        const rows = log.items
          .map(
            (e) =>
              `<tr><td>${escapeHtml(e.at.toISOString())}</td><td>${escapeHtml(e.actorName ?? e.actorId)}</td><td>${escapeHtml(e.purpose)}</td><td>${escapeHtml(e.fields.join(", "))}</td></tr>`,
          )
          .join("");
        body = `<p>Xin chào <strong>${escapeHtml(me.fullName)}</strong>.</p>
<h2>Dữ liệu của tôi <span lang="en">/ My data</span></h2>
<p>Số định danh: <code>${escapeHtml(me.personalNumber)}</code>; ngày sinh ${escapeHtml(me.birthDate)};
thường trú: ${escapeHtml(me.permanentAddress)}, ${escapeHtml(me.permanentCommuneName)}.</p>
<h2>Ai đã xem dữ liệu của tôi <span lang="en">/ Who read my data</span> (${log.total})</h2>
<table><thead><tr><th>Thời điểm</th><th>Người xem</th><th>Mục đích</th><th>Trường</th></tr></thead><tbody>${rows}</tbody></table>
${logout}`;
      }
    }
    return reply.type("text/html").send(
      page(
        "Một Lần",
        `<main><h1>Một Lần <span lang="en">— online public services</span></h1>${body}
<p><a href="/docs">Tài liệu API <span lang="en">/ API docs</span></a></p></main>`,
      ),
    );
  });
}
