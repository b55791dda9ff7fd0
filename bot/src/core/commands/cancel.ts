import type { CommandHandler } from './command';

/** "cancel": stops for now; the draft stays saved and nothing is sent. */
export const cancel: CommandHandler = {
  triggerPatterns: [
    'cancel',
    'cancel my concern',
    'cancel this',
    'stop',
    'stop this',
    'quit',
    'exit',
    'abort',
    'never mind',
    'nevermind',
    'not now',
  ],
  help: { title: 'cancel', value: 'Stop for now. Your concern in progress stays saved and nothing is sent.' },
  async handle({ bot, user }) {
    const hasDraft = (await bot.intake.draftInProgress(user)) !== null;
    const notice = hasDraft
      ? 'Stopped. Your concern in progress is saved and nothing was sent: continue it, or discard it, whenever you like.'
      : 'Nothing is in progress, so there is nothing to cancel.';
    return [await bot.welcome(user, { notice, hasDraft })];
  },
};
