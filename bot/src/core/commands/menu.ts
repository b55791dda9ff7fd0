import type { CommandHandler } from './command';

/** A greeting, or "start": the menu (a new concern is "raise a concern"). */
export const menu: CommandHandler = {
  triggerPatterns: ['hi', 'hello', 'start', 'menu'],
  handle: async ({ bot, user }) => [await bot.welcome(user, { waiting: 'ask' })],
};
