/**
 * Folds Vietnamese text for search: lower case, no diacritics, đ → d, single spaces.
 * "Hà Nội", "ha noi" and "HA NOI" all fold to "ha noi".
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}
