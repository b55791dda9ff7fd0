/** A question from the Prevent team to the referrer: open it, answer it. */
import type { CardActionHandler } from './card-action';

export const infoOpen: CardActionHandler = {
  verb: 'info.open',
  handle: async ({ bot, user, data }) => ({
    card: await bot.notifications.requestCardFor(user, String(data.reference ?? '')),
  }),
};

export const infoRespond: CardActionHandler = {
  verb: 'info.respond',
  handle: async ({ bot, user, data }) => ({ card: await bot.notifications.respond(user, data) }),
};
