import type { CommandHandler } from './command';

/** "my concerns": where the concerns this person raised have got to. */
export const myConcerns: CommandHandler = {
  triggerPatterns: ['my concerns', 'status'],
  help: {
    title: 'my concerns',
    value: 'Where the concerns you raised have got to, and any question the Prevent team has for you.',
  },
  handle: async ({ bot, user }) => [{ card: await bot.myConcerns(user) }],
};
