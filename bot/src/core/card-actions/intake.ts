/** The referral form's buttons: one handler per verb, each handing over to the intake flow. */
import type { CardActionHandler } from './card-action';

export const intakeStart: CardActionHandler = {
  verb: 'intake.start',
  handle: async ({ bot, user }) => ({ card: await bot.intake.start(user) }),
};

export const intakeNew: CardActionHandler = {
  verb: 'intake.new',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.startNew(user, data) }),
};

export const intakeContinue: CardActionHandler = {
  verb: 'intake.continue',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.continueDraft(user, data) }),
};

export const intakeResume: CardActionHandler = {
  verb: 'intake.resume',
  handle: async ({ bot, user }) => ({
    card:
      (await bot.intake.resume(user)) ??
      (await bot.welcome(user, { notice: 'You have no concern in progress.' })).card,
  }),
};

export const intakeNext: CardActionHandler = {
  verb: 'intake.next',
  handle: ({ bot, user, data }) => bot.intake.next(user, data),
};

export const intakeBack: CardActionHandler = {
  verb: 'intake.back',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.back(user, data) }),
};

export const intakeEdit: CardActionHandler = {
  verb: 'intake.edit',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.edit(user, data) }),
};

export const intakePause: CardActionHandler = {
  verb: 'intake.pause',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.pause(user, data) }),
};

export const intakeSubmit: CardActionHandler = {
  verb: 'intake.submit',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.submit(user, data) }),
};

export const intakeDiscardAsk: CardActionHandler = {
  verb: 'intake.discard-ask',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.confirmDiscard(user, data) }),
};

export const intakeDiscard: CardActionHandler = {
  verb: 'intake.discard',
  handle: async ({ bot, user, data }) => ({ card: await bot.intake.discard(user, data) }),
};
