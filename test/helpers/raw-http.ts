import net from "node:net";

export type RawRequest = {
  method: string;
  /** The request target exactly as written on the wire (percent-escapes and all). */
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
};

export type RawResponse = { status: number; headers: Record<string, string>; text: string };

/**
 * One HTTP/1.1 request written byte for byte on its own connection: what fetch refuses to send
 * (a control character in a header, bytes that are not UTF-8, a POST without a Content-Type) and
 * what Node's parser refuses before the application sees it. Header values are written as Latin-1
 * (one byte per character); `content-length` is added when a body is given and none is set.
 */
export function rawRequest(baseUrl: string, r: RawRequest): Promise<RawResponse> {
  const url = new URL(baseUrl);
  const body = r.body === undefined ? undefined : Buffer.from(r.body);
  const headers: Record<string, string> = {
    host: url.host,
    connection: "close",
    ...(body ? { "content-length": String(body.length) } : {}),
    ...r.headers,
  };
  const head = `${r.method} ${r.path} HTTP/1.1\r\n${Object.entries(headers)
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("")}\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    socket.on("data", (d: Buffer) => chunks.push(d));
    socket.on("error", reject);
    socket.on("close", () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf("\r\n\r\n");
      const [statusLine = "", ...lines] = all.subarray(0, end).toString("latin1").split("\r\n");
      const parsed: Record<string, string> = {};
      for (const line of lines) {
        const i = line.indexOf(":");
        parsed[line.slice(0, i).trim().toLowerCase()] = line.slice(i + 1).trim();
      }
      const rest = all.subarray(end + 4);
      const content = parsed["transfer-encoding"] === "chunked" ? dechunk(rest) : rest;
      resolve({ status: Number(statusLine.split(" ")[1]), headers: parsed, text: content.toString("utf8") });
    });
    socket.write(Buffer.concat([Buffer.from(head, "latin1"), body ?? Buffer.alloc(0)]));
  });
}

function dechunk(b: Buffer): Buffer {
  const parts: Buffer[] = [];
  for (let i = 0; i < b.length; ) {
    const eol = b.indexOf("\r\n", i);
    const size = Number.parseInt(b.subarray(i, eol).toString("latin1"), 16);
    if (!size) break;
    parts.push(b.subarray(eol + 2, eol + 2 + size));
    i = eol + 2 + size + 2;
  }
  return Buffer.concat(parts);
}
