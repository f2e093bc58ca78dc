import { COMMUNE_CODE_PATTERN } from "@domain/inputs.js";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { api } from "../api/client";
import type { Commune } from "../api/types";

type Province = Omit<Commune, "provinceCode">;

const cache = new Map<string, Promise<Commune | null>>();
/** The 34 provinces by code, loaded once (they are only ever added, never changed). */
const provinces = new Map<string, Province>();
let provincesLoad: Promise<void> | null = null;

/** Loads the provinces once (a failed load is tried again on the next call). */
export function loadProvinces(): Promise<void> {
  provincesLoad ??= api
    .get<{ items: Province[] }>("/api/units/provinces")
    .then((r) => {
      for (const p of r.items) provinces.set(p.code, p);
    })
    .catch(() => {
      provincesLoad = null;
    });
  return provincesLoad;
}

function commune(code: string): Promise<Commune | null> {
  let p = cache.get(code);
  if (!p) {
    p = Promise.all([api.get<Commune>(`/api/units/communes/${code}`), loadProvinces()])
      .then(([c]) => c)
      .catch(() => null);
    cache.set(code, p);
  }
  return p;
}

/** A province's full name ("Thành phố Đà Nẵng" / "Da Nang City") once the provinces are loaded, else null. */
export function provinceName(code: string, lang: string): string | null {
  const p = provinces.get(code);
  if (!p) {
    void loadProvinces();
    return null;
  }
  return lang === "en" ? p.fullNameEn : p.fullName;
}

/** A province's full name from its 2-digit code (null while unknown). */
export function useProvinceName(code: string | null, lang: string): string | null {
  const [, setLoaded] = useState(provinces.size > 0);
  useEffect(() => {
    let live = true;
    if (code) void loadProvinces().then(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [code]);
  return code ? provinceName(code, lang) : null;
}

/** A commune from its 5-digit code (null while unknown or when there is none); its province is loaded too. */
export function useCommune(code: unknown): Commune | null {
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
  return valid ? c : null;
}

/** The name of a commune from its 5-digit code (null while unknown or when there is none). */
export function useCommuneName(code: unknown, lang: string): string | null {
  const c = useCommune(code);
  if (!c) return null;
  return lang === "en" ? c.fullNameEn : c.fullName;
}

/**
 * "Phường Hải Vân", "Thành phố Đà Nẵng" or "Toàn quốc": an officer's jurisdiction or a leader's
 * scope in words; the code only while the name is loading ("Xã, phường 20194").
 */
export function useJurisdictionName(j: {
  level: "commune" | "province" | "country";
  code?: string | null;
}): string {
  const { t, i18n } = useTranslation();
  const code = j.code ?? null;
  const commune = useCommuneName(j.level === "commune" ? code : null, i18n.language);
  const province = useProvinceName(j.level === "province" ? code : null, i18n.language);
  if (j.level === "commune") return commune ?? t("officer.scope.commune", { code });
  if (j.level === "province") return province ?? t("officer.scope.province", { code });
  return t("officer.scope.country");
}
