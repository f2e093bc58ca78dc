import { COMMUNE_CODE_PATTERN } from "@domain/inputs.js";
import { useEffect, useState } from "react";
import { api } from "../api/client";
import type { Commune } from "../api/types";

const cache = new Map<string, Promise<Commune | null>>();

function commune(code: string): Promise<Commune | null> {
  let p = cache.get(code);
  if (!p) {
    p = api.get<Commune>(`/api/units/communes/${code}`).catch(() => null);
    cache.set(code, p);
  }
  return p;
}

/** The name of a commune from its 5-digit code (null while unknown or when there is none). */
export function useCommuneName(code: unknown, lang: string): string | null {
  const [c, setC] = useState<Commune | null>(null);
  const valid = typeof code === "string" && COMMUNE_CODE_PATTERN.test(code);
  useEffect(() => {
    let live = true;
    setC(null);
    if (valid) void commune(code).then((x) => live && setC(x));
    return () => {
      live = false;
    };
  }, [code, valid]);
  if (!c) return null;
  return lang === "en" ? c.fullNameEn : c.fullName;
}
