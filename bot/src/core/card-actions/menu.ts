/** The menu's buttons that list a person's concerns and decisions. */
import type { CardActionHandler } from './card-action';

export const concernsMine: CardActionHandler = {
  verb: 'concerns.mine',
  handle: async ({ bot, user }) => ({ card: await bot.myConcerns(user) }),
};

/** The menu stays in place (with the count) and the approval cards follow it as messages. */
export const approvalsMine: CardActionHandler = {
  verb: 'approvals.mine',
  async handle({ bot, user }) {
    const { waiting, out } = await bot.myApprovals(user);
    const notice = waiting.count ? 'Your approvals are below.' : 'Nothing is waiting for your decision.';
    return {
      card: (await bot.welcome(user, { notice, waiting })).card,
      ...(waiting.count ? { also: out } : {}),
    };
  },
};
