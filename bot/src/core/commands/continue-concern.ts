import type { CommandHandler } from './command';

/** "continue my concern": the card where the person left off, or the menu saying there is none. */
export const continueConcern: CommandHandler = {
  triggerPatterns: ['continue my concern', 'continue', 'resume'],
  help: {
    title: 'continue my concern',
    value: 'Carry on with the concern you started. It is saved after every card.',
  },
  async handle({ bot, user }) {
    const card = await bot.intake.resume(user);
    return [
      card
        ? { card }
        : await bot.welcome(user, {
            notice: 'You have no concern in progress. Choose "Raise a concern" to start one.',
          }),
    ];
  },
};
