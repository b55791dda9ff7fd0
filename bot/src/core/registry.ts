/**
 * The one place the bot's chat commands and card verbs are registered. Adding a command or a button is a
 * handler file and one line here; PreventBot only looks them up.
 */
import type { CardActionHandler } from './card-actions/card-action';
import * as approval from './card-actions/approval';
import * as info from './card-actions/information-request';
import * as intake from './card-actions/intake';
import * as menuActions from './card-actions/menu';
import type { CommandHandler } from './commands/command';
import { cancel } from './commands/cancel';
import { continueConcern } from './commands/continue-concern';
import { discardDraft } from './commands/discard-draft';
import { help } from './commands/help';
import { menu } from './commands/menu';
import { myApprovals } from './commands/my-approvals';
import { myConcerns } from './commands/my-concerns';
import { raiseConcern } from './commands/raise-concern';

/** In the order "help" lists them. */
export const COMMAND_HANDLERS: readonly CommandHandler[] = [
  raiseConcern,
  continueConcern,
  cancel,
  discardDraft,
  myConcerns,
  myApprovals,
  help,
  menu,
];

export const CARD_ACTION_HANDLERS: readonly CardActionHandler[] = [
  intake.intakeStart,
  intake.intakeNew,
  intake.intakeContinue,
  intake.intakeResume,
  intake.intakeNext,
  intake.intakeBack,
  intake.intakeEdit,
  intake.intakePause,
  intake.intakeSubmit,
  intake.intakeDiscardAsk,
  intake.intakeDiscard,
  menuActions.concernsMine,
  menuActions.approvalsMine,
  info.infoOpen,
  info.infoRespond,
  approval.approvalDecide,
  approval.approvalRefresh,
  approval.approvalAccount,
];

/** Lookup by key; two handlers claiming one key is a mistake caught when the module loads. */
function index<H>(handlers: readonly H[], keys: (h: H) => readonly string[], what: string): Map<string, H> {
  const map = new Map<string, H>();
  for (const h of handlers)
    for (const key of keys(h)) {
      if (map.has(key)) throw new Error(`Two bot handlers claim the ${what} "${key}".`);
      map.set(key, h);
    }
  return map;
}

const byTrigger = index(COMMAND_HANDLERS, (h) => h.triggerPatterns, 'command');
const byVerb = index(CARD_ACTION_HANDLERS, (h) => [h.verb], 'card verb');

/** The command for a normalised text, if it is one. */
export function commandFor(normalised: string): CommandHandler | undefined {
  return byTrigger.get(normalised);
}

export function cardActionFor(verb: string): CardActionHandler | undefined {
  return byVerb.get(verb);
}

/** What each command does, for "help". */
export const COMMAND_HELP: { title: string; value: string }[] = COMMAND_HANDLERS.flatMap((h) =>
  h.help ? [h.help] : [],
);
