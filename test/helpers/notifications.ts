/**
 * A citizen's notification as GET /api/me/notifications returns it in JSON (the `Notification` of
 * src/domain/api/dossier.ts, its instants as strings), and the list with its unread count.
 */
export type ListedItem = {
  id: string;
  at: string;
  dossierId: string | null;
  dossierCode: string | null;
  groupId: string | null;
  link: string;
  textVi: string;
  textEn: string;
  readAt: string | null;
};
export type ListedNotifications = { items: ListedItem[]; unread: number };
