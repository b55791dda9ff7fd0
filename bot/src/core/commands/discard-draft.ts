import type { CommandHandler } from './command';

/** "discard my draft": asks to confirm before the draft is deleted. */
export const discardDraft: CommandHandler = {
  triggerPatterns: ['discard my concern', 'discard my draft', 'discard'],
  help: { title: 'discard my draft', value: 'Delete the concern in progress, after I ask you to confirm.' },
  handle: async ({ bot, user }) => [{ card: await bot.intake.confirmDiscard(user) }],
};
