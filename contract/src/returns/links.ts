/**
 * Deep links into the Returns tab, shared by the bot's notices, My work and the tabs. Teams passes
 * `subEntityId` to the tab through teams-js `app.getContext()`.
 */
export const TAB_ENTITY_RETURNS = 'returns';
export const TAB_ENTITY_DASHBOARD = 'dashboard';

export const returnSubEntityId = (reference: string) => `return:${reference}`;
export const cycleSubEntityId = (cycleId: string) => `cycle:${cycleId}`;

export function parseReturnSubEntityId(subEntityId: string): string | undefined {
  return /^return:(RTN-\d{4}-\d{2}-Q[1-4]-\d{4,6})$/.exec(subEntityId)?.[1];
}

export function parseCycleSubEntityId(subEntityId: string): string | undefined {
  return /^cycle:(\d{4}-\d{2}-Q[1-4])$/.exec(subEntityId)?.[1];
}

export function returnsTabDeepLink(teamsAppId: string, reference: string): string {
  const context = encodeURIComponent(JSON.stringify({ subEntityId: returnSubEntityId(reference) }));
  return `https://teams.microsoft.com/l/entity/${encodeURIComponent(teamsAppId)}/${TAB_ENTITY_RETURNS}?context=${context}`;
}
