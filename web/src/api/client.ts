/** The one API client of the portal: same-origin fetch, CSRF header on writes, typed errors. */
import type { ErrorBody, FieldIssue } from "@domain/api/errors.js";

export type { FieldIssue };

export class ApiError extends Error {
  readonly code: string;
  readonly status: number;
  readonly messageVi: string;
  readonly messageEn: string;
  readonly details: FieldIssue[];

  constructor(status: number, body: unknown) {
    const e = isErrorBody(body) ? body.error : undefined;
    super(e?.messageEn ?? `HTTP ${status}`);
    this.name = "ApiError";
    this.status = status;
    this.code = e?.code ?? (status === 0 ? "NETWORK" : "HTTP_ERROR");
    this.messageVi = e?.messageVi ?? (status === 0 ? "Không kết nối được máy chủ." : "Đã có lỗi xảy ra.");
    this.messageEn = e?.messageEn ?? (status === 0 ? "Cannot reach the server." : "Something went wrong.");
    this.details = e?.details ?? [];
  }

  /** Field issues keyed by form field key (the API names them "form.<key>"). */
  fieldIssues(): Record<string, FieldIssue> {
    const out: Record<string, FieldIssue> = {};
    for (const d of this.details) out[d.field.replace(/^(form|body\.values)\./, "")] = d;
    return out;
  }
}

function isErrorBody(b: unknown): b is ErrorBody {
  return typeof b === "object" && b !== null && "error" in b && typeof b.error === "object";
}

let csrfToken: string | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken) return csrfToken;
  const s = await request<{ csrfToken: string }>("GET", "/api/session");
  csrfToken = s.csrfToken;
  return s.csrfToken;
}

export type RequestOptions = {
  headers?: Record<string, string>;
  signal?: AbortSignal;
};

async function parse(res: Response): Promise<unknown> {
  const type = res.headers.get("content-type") ?? "";
  if (res.status === 204) return null;
  if (type.includes("json")) return res.json();
  return res.text();
}

async function raw(method: string, path: string, body: BodyInit | undefined, opts: RequestOptions) {
  const headers: Record<string, string> = { accept: "application/json", ...opts.headers };
  if (method !== "GET" && method !== "HEAD") headers["x-csrf-token"] = await ensureCsrf();
  try {
    return await fetch(path, { method, body, headers, credentials: "same-origin", signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, null);
  }
}

/** One request; retries a write once with a fresh token when the CSRF token went stale. */
export async function request<T>(
  method: string,
  path: string,
  body?: BodyInit,
  opts: RequestOptions = {},
): Promise<T> {
  let res = await raw(method, path, body, opts);
  if (res.status === 403 && method !== "GET" && csrfToken) {
    const data = await parse(res.clone());
    if (isErrorBody(data) && /CSRF/i.test(data.error.code)) {
      csrfToken = null;
      res = await raw(method, path, body, opts);
    }
  }
  const data = await parse(res);
  if (!res.ok) throw new ApiError(res.status, data);
  return data as T;
}

export const api = {
  get: <T>(path: string, opts?: RequestOptions) => request<T>("GET", path, undefined, opts),
  post: <T>(path: string, body?: unknown, opts: RequestOptions = {}) =>
    request<T>("POST", path, body === undefined ? undefined : JSON.stringify(body), {
      ...opts,
      headers: { ...(body === undefined ? {} : { "content-type": "application/json" }), ...opts.headers },
    }),
  put: <T>(path: string, body: unknown, opts: RequestOptions = {}) =>
    request<T>("PUT", path, JSON.stringify(body), {
      ...opts,
      headers: { "content-type": "application/json", ...opts.headers },
    }),
  delete: (path: string, opts?: RequestOptions) => request<unknown>("DELETE", path, undefined, opts),
};

/** Uploads a file with progress (XMLHttpRequest, since fetch has no upload progress). */
export async function uploadFile<T>(
  path: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<T> {
  const token = await ensureCsrf();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", path);
    xhr.withCredentials = false;
    xhr.setRequestHeader("content-type", file.type || "application/octet-stream");
    xhr.setRequestHeader("x-filename", encodeURIComponent(file.name));
    xhr.setRequestHeader("x-csrf-token", token);
    xhr.setRequestHeader("accept", "application/json");
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, null));
    xhr.onload = () => {
      let data: unknown = null;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
      } catch {
        data = null;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(data as T);
      else reject(new ApiError(xhr.status, data));
    };
    xhr.send(file);
  });
}

export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
}
