/** An approval card's buttons: decide, refresh, read the referrer's account. */
import type { CardActionHandler } from './card-action';

export const approvalDecide: CardActionHandler = {
  verb: 'approval.decide',
  handle: async ({ bot, user, data }) => ({ card: await bot.approvals.decide(user, data) }),
};

export const approvalRefresh: CardActionHandler = {
  verb: 'approval.refresh',
  handle: async ({ bot, user, data }) => ({ card: await bot.approvals.refresh(user, data) }),
};

export const approvalAccount: CardActionHandler = {
  verb: 'approval.account',
  handle: async ({ bot, user, data }) => ({ card: await bot.approvals.account(user, data) }),
};
