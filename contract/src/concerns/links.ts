/**
 * Deep links into the Teams tabs, shared by the bot's cards and the tabs so both agree on the format.
 * Teams passes `subEntityId` to the tab through teams-js `app.getContext()` (page.subPageId); the tab opens the
 * concern it names (teams-app/src/host/deep-link.ts).
 */
/** The personal tab "My work" (entityId `my-work` in the manifest), where a concern's "Open in the hub" leads. */
export const TAB_ENTITY_MY_WORK = 'my-work';
/** @deprecated The tab is "My work": kept so existing callers build the same link; use TAB_ENTITY_MY_WORK. */
export const TAB_ENTITY_APPROVALS = TAB_ENTITY_MY_WORK;

export function concernSubEntityId(reference: string): string {
  return `concern:${reference}`;
}

export function parseConcernSubEntityId(subEntityId: string): string | undefined {
  const m = /^concern:(PRV-\d{4}-\d{4,})$/.exec(subEntityId);
  return m?.[1];
}

/** A link that opens the concern in the My work tab ("Open in the hub" on the bot's cards). */
export function approvalsTabDeepLink(teamsAppId: string, reference: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: concernSubEntityId(reference) }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${TAB_ENTITY_MY_WORK}?context=${context}`;
}
