import type { CommandHandler } from './command';

/** "help": what each command does, with the menu's buttons. */
export const help: CommandHandler = {
  triggerPatterns: ['help', '?', 'what can you do', 'how does this work'],
  help: { title: 'help', value: 'This list.' },
  handle: async ({ bot, user }) => [await bot.welcome(user, { waiting: 'ask', help: true })],
};
