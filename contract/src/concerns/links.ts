/**
 * Deep links into the Teams tabs, shared by the bot's cards and the tabs so both agree on the format.
 * Teams passes `subEntityId` to the tab through teams-js `app.getContext()`.
 */
export const TAB_ENTITY_APPROVALS = 'approvals';

export function concernSubEntityId(reference: string): string {
  return `concern:${reference}`;
}

export function parseConcernSubEntityId(subEntityId: string): string | undefined {
  const m = /^concern:(PRV-\d{4}-\d{4,})$/.exec(subEntityId);
  return m?.[1];
}

export function approvalsTabDeepLink(teamsAppId: string, reference: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: concernSubEntityId(reference) }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${TAB_ENTITY_APPROVALS}?context=${context}`;
}
