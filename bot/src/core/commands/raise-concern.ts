import type { CommandHandler } from './command';

/** "raise a concern": the immediate-risk question, the first card of the form. */
export const raiseConcern: CommandHandler = {
  triggerPatterns: ['raise a concern', 'raise concern', 'raise', 'new concern', 'report a concern'],
  help: {
    title: 'raise a concern',
    value: 'Start a new concern. I ask first whether anyone is at immediate risk.',
  },
  handle: async ({ bot, user }) => [{ card: await bot.intake.start(user) }],
};
