/** Where My work and the bot's notices open an action: the My work tab, naming the action. */
export const TAB_ENTITY_ACTIONS = 'my-work';

export const actionSubEntityId = (actionId: string) => `action:${actionId}`;

export function parseActionSubEntityId(subEntityId: string): string | undefined {
  return /^action:(ACT-\d{4}-\d{4,6})$/.exec(subEntityId)?.[1];
}
