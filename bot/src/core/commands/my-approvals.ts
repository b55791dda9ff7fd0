import type { CommandHandler } from './command';

/** "my approvals": one card per decision waiting for this person. */
export const myApprovals: CommandHandler = {
  triggerPatterns: ['my approvals', 'approvals', 'my work', 'my decisions'],
  help: { title: 'my approvals', value: 'The decisions waiting for you, if your role decides concerns.' },
  handle: async ({ bot, user }) => (await bot.myApprovals(user)).out,
};
