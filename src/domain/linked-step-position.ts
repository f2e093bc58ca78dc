/**
 * Where a step stands in its group, as the officer queue's "Liên thông" badge says it ("bước 2/3"):
 * its place among the steps the applicant chose, in the group's order (`members`), of how many.
 */
export function stepPosition(
  members: readonly string[],
  chosen: readonly string[],
  key: string,
): { position: number; of: number } | null {
  const ordered = members.filter((m) => chosen.includes(m));
  const at = ordered.indexOf(key);
  return at < 0 ? null : { position: at + 1, of: ordered.length };
}
