/** Raising a concern in chat: the guided cards, the draft saved after each, review and a once-only submit. */
import { randomUUID } from 'node:crypto';
import type { ConcernDraft } from '@pph/contract';
import { HubApiError, type HubClient } from '../api/hub-client';
import {
  CARD_VERSION,
  CardTooLargeError,
  linkPhoneNumbers,
  opening,
  renderCard,
  typed,
  type AdaptiveCard,
} from '../cards/render';
import { britishDateTime } from './dates';
import {
  FORM_VERSION,
  collectInputs,
  dateChoices,
  displayLabel,
  getPath,
  migrateDraft,
  REVIEW_STEP,
  RISK_GUIDANCE_STEP,
  STEPS,
  STEP_COUNT,
  SUBMITTED_STEP,
  YES_NO,
  inputValue,
  mergeAnswers,
  nextStep,
  previousStep,
  readInputs,
  setPath,
  stepNumber,
  stepSpec,
  validateAll,
  validateStep,
  type Answers,
  type FieldError,
  type StepSpec,
} from './intake-form';
import { reviewSections } from './intake-review';
import type { ActionData, BotSettings, BotUser, Outgoing, WelcomeOptions } from './types';

export const IMMEDIATE_RISK_TEXT =
  'If anyone is in immediate danger, call [999](tel:999) now. Anti-Terrorist Hotline: [0800 789 321](tel:+44800789321).';

/**
 * A long message pasted into the chat, kept in the draft until the person says which concern it belongs to
 * (never sent: the intake schema has no such answer, and submit checks the answers against it).
 */
const PASTED = 'pastedAccount';

/** The bot's one welcome card (PreventBot.welcome): where the form leaves the person when it ends. */
export type ShowWelcome = (user: BotUser, opts: WelcomeOptions) => Promise<{ card: AdaptiveCard }>;

export class IntakeFlow {
  constructor(
    private readonly hub: HubClient,
    private readonly settings: BotSettings,
    private readonly welcome: ShowWelcome,
  ) {}

  /** The draft in progress, if any (a sent concern's marker does not count). */
  async draftInProgress(user: BotUser): Promise<ConcernDraft | null> {
    const draft = await this.hub.getDraft(user.objectId);
    return draft && draft.step !== SUBMITTED_STEP ? draft : null;
  }

  /** Asks before throwing a draft away: it cannot be undone. */
  async confirmDiscard(user: BotUser, data: ActionData = {}): Promise<AdaptiveCard> {
    const draft = await this.draftInProgress(user);
    if (!draft) return this.nothingToDiscard(user);
    return renderCard('discard', {
      key: draft.idempotencyKey,
      step: typeof data.step === 'string' ? data.step : draft.step,
      broken: false,
    });
  }

  /** Deletes the draft the confirmation was for (never a newer one). Works however broken the draft is. */
  async discard(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const draft = await this.draftInProgress(user);
    if (!draft) return this.nothingToDiscard(user);
    if (typeof data.draft === 'string' && data.draft !== draft.idempotencyKey)
      return this.cardFor(
        user,
        draft,
        'That button was for an earlier concern, so nothing was discarded. This is the one in progress.',
      );
    await this.hub.deleteDraft(user.objectId);
    const notice = 'Your concern in progress was discarded. Nothing was sent.';
    return (await this.welcome(user, { notice, hasDraft: false, waiting: 'ask' })).card;
  }

  private async nothingToDiscard(user: BotUser): Promise<AdaptiveCard> {
    const notice = 'You have no concern in progress, so there is nothing to discard.';
    return (await this.welcome(user, { notice, hasDraft: false })).card;
  }

  /**
   * Starts a new concern. With one already in progress, asks whether to carry on with it or start again: it may
   * be about someone else, and only one can be in progress.
   */
  async start(user: BotUser, notice = ''): Promise<AdaptiveCard> {
    const existing = await this.draftInProgress(user);
    if (existing) return this.choiceCard(existing);
    return this.cardFor(user, await this.newDraft(user, {}), notice);
  }

  /** "Start a new concern" on the choice card: the one in progress goes (with what was pasted, if anything). */
  async startNew(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const existing = await this.draftInProgress(user);
    if (existing && typeof data.draft === 'string' && data.draft !== existing.idempotencyKey)
      return this.choiceCard(existing);
    const pasted = existing ? pastedOf(existing) : undefined;
    if (existing) await this.hub.deleteDraft(user.objectId);
    const draft = await this.newDraft(user, pasted ? { whatHappened: pasted } : {});
    return this.cardFor(user, draft, pasted ? keptPastedNotice(pasted) : '');
  }

  /** "Continue this concern" on the choice card: with what was pasted added to its account, or left out. */
  async continueDraft(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const draft = await this.draftInProgress(user);
    if (!draft) return this.start(user, 'That concern is no longer in progress, so here is a new one.');
    const pasted = pastedOf(draft);
    if (!pasted) return this.cardFor(user, draft, 'Welcome back: here is where you left off.');
    const { [PASTED]: _pasted, ...answers } = draft.answers as Answers;
    if (data.leaveOut === true)
      return this.cardFor(
        user,
        await this.save(user, { ...draft, answers }),
        'What you wrote was left out. Here is where you left off.',
      );
    const before = typeof answers.whatHappened === 'string' ? answers.whatHappened.trim() : '';
    answers.whatHappened = before ? `${before}\n\n${pasted}` : pasted;
    return this.cardFor(
      user,
      await this.save(user, { ...draft, answers }),
      `What you wrote is added to the end of “What happened” (step ${stepNumber('concern')}). Here is where you left off.`,
    );
  }

  /**
   * A long message typed or pasted into the chat: kept as the start of a concern's account rather than lost.
   * With no concern in progress it starts one with it; with one in progress the person chooses.
   */
  async fromPasted(user: BotUser, text: string): Promise<Outgoing[]> {
    const pasted = text.trim();
    const existing = await this.draftInProgress(user);
    if (existing) {
      const saved = await this.save(user, {
        ...existing,
        answers: { ...(existing.answers as Answers), [PASTED]: pasted },
      });
      return [{ card: this.choiceCard(saved) }];
    }
    const draft = await this.newDraft(user, { whatHappened: pasted });
    return [{ text: keptPastedNotice(pasted) }, { card: await this.cardFor(user, draft) }];
  }

  private newDraft(user: BotUser, answers: Answers): Promise<ConcernDraft> {
    return this.save(user, { idempotencyKey: randomUUID(), step: STEPS[0]!.key, answers });
  }

  /** Continue the concern in progress, or start a new one: the draft named so the person can tell which. */
  private choiceCard(draft: ConcernDraft): AdaptiveCard {
    const answers = draft.answers as Answers;
    const name = getPath(answers, 'subject.name');
    const pasted = pastedOf(draft) ?? '';
    const stepTitle =
      draft.step === REVIEW_STEP
        ? 'checking your answers'
        : (stepSpec(draft.step) ?? STEPS[0]!).title.replace(/^./, (c) => c.toLowerCase());
    return renderCard('draft-choice', {
      key: draft.idempotencyKey,
      draftText: [
        draft.updatedAt ? `Last saved ${britishDateTime(draft.updatedAt)}` : 'Saved',
        typeof name === 'string' && name ? `, about ${typed(name)}` : '',
        `: you had reached step ${stepNumber(draft.step)} of ${STEP_COUNT}, ${stepTitle}.`,
      ].join(''),
      pasted: pasted ? typed(opening(pasted, 300)) : '',
      pastedText: `What you just wrote (${pasted.length.toLocaleString('en-GB')} characters) is kept, unsent, until you choose where it goes:`,
      continueTitle: pasted ? 'Add it to this concern' : 'Continue this concern',
      newTitle: pasted ? 'Start a new one with it' : 'Start a new concern',
    });
  }

  async resume(user: BotUser): Promise<AdaptiveCard | undefined> {
    const draft = await this.draftInProgress(user);
    return draft ? this.cardFor(user, draft, 'Welcome back: here is where you left off.') : undefined;
  }

  async next(user: BotUser, data: ActionData): Promise<{ card: AdaptiveCard; also?: Outgoing[] }> {
    const found = await this.draftFor(user, data);
    if ('card' in found) return { card: found.card };
    const { draft } = found;
    const at = String(data.step ?? draft.step);
    if (at === RISK_GUIDANCE_STEP) {
      // The guidance stays in the chat, its numbers with it: the form carries on in a new message below.
      const moved =
        draft.step === RISK_GUIDANCE_STEP ? await this.save(user, { ...draft, step: nextStep(at) }) : draft;
      return {
        card: this.guidanceCard(draft.idempotencyKey, true),
        also: [{ card: await this.cardFor(user, moved) }],
      };
    }
    const step = stepSpec(at);
    if (!step) return { card: await this.cardFor(user, draft) };

    const inputs = keptInputs(step, data, draft.answers as Answers);
    const typed = readInputs(step, inputs);
    const merged = mergeAnswers(draft.answers as Answers, step, typed.answers);
    const typedIds = new Set(typed.errors.map((e) => e.id));
    const errors = [...typed.errors, ...validateStep(step, merged).filter((e) => !typedIds.has(e.id))];
    if (errors.length) {
      // Everything typed is kept, even what must change (an over-long answer is the person's work too).
      const kept = await this.saveTyped(user, draft, step, inputs, step.key);
      return {
        card: this.stepCard(step, draft.idempotencyKey, kept.answers, errors, inputs, kept.notice, true),
      };
    }
    const goTo =
      step.key === 'risk' && merged.immediateRisk === true ? RISK_GUIDANCE_STEP : nextStep(step.key);
    const saved = await this.save(user, { ...draft, step: goTo, answers: merged });
    const also = goTo === RISK_GUIDANCE_STEP ? [{ text: IMMEDIATE_RISK_TEXT }] : undefined;
    return { card: await this.cardFor(user, saved), ...(also ? { also } : {}) };
  }

  /** Goes back a card, keeping what was typed on this one (unchecked: it is checked when the person moves on). */
  async back(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const found = await this.draftFor(user, data);
    if ('card' in found) return found.card;
    const at = String(data.step ?? found.draft.step);
    const step = stepSpec(at);
    const to = previousStep(at);
    if (!step) return this.cardFor(user, await this.save(user, { ...found.draft, step: to }));
    const kept = await this.saveTyped(
      user,
      found.draft,
      step,
      keptInputs(step, data, found.draft.answers as Answers),
      to,
    );
    return this.cardFor(user, kept.draft, kept.notice, kept.notice !== '');
  }

  async edit(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const found = await this.draftFor(user, data);
    if ('card' in found) return found.card;
    const target = stepSpec(String(data.target ?? ''))?.key ?? found.draft.step;
    return this.cardFor(user, await this.save(user, { ...found.draft, step: target }));
  }

  /** Saves what is on the card without checking it, so nothing typed is lost. */
  async pause(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const found = await this.draftFor(user, data);
    if ('card' in found) return found.card;
    const step = stepSpec(String(data.step ?? ''));
    let notice = '';
    if (step) {
      const kept = await this.saveTyped(
        user,
        found.draft,
        step,
        keptInputs(step, data, found.draft.answers as Answers),
        step.key,
      );
      notice = kept.notice;
    } else await this.save(user, found.draft);
    const saved = `${notice ? `${notice} ` : ''}Your concern is saved. Choose "Continue my concern" or type "continue my concern" when you are ready.`;
    return (await this.welcome(user, { notice: saved, hasDraft: true, waiting: 'ask' })).card;
  }

  /**
   * Saves what was typed on a card without checking it. Only if the draft would be over the hub's size limit are
   * the answers over their own limits left as they were, and the person is told which.
   */
  private async saveTyped(
    user: BotUser,
    draft: ConcernDraft,
    step: StepSpec,
    inputs: ActionData,
    goTo: string,
  ): Promise<{ draft: ConcernDraft; answers: Answers; notice: string }> {
    const raw = rawAnswers(step, inputs);
    const all = mergeAnswers(draft.answers as Answers, step, raw);
    try {
      const saved = await this.save(user, { ...draft, step: goTo, answers: all });
      return { draft: saved, answers: all, notice: '' };
    } catch (e) {
      if (!(e instanceof HubApiError) || e.status !== 413) throw e;
      const typed = readInputs(step, inputs);
      const tooLong = new Set(typed.errors.map((x) => x.id));
      const fit = mergeAnswers(
        draft.answers as Answers,
        { ...step, fields: step.fields.filter((f) => !tooLong.has(f.id)) },
        raw,
      );
      const saved = await this.save(user, { ...draft, step: goTo, answers: fit });
      const names = step.fields.filter((f) => tooLong.has(f.id)).map((f) => `"${f.label}"`);
      return {
        draft: saved,
        answers: fit,
        notice: names.length
          ? `${names.join(' and ')} ${names.length > 1 ? 'were' : 'was'} too long to save, so the earlier answer is kept: shorten it and type it again.`
          : '',
      };
    }
  }

  async submit(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const found = await this.draftFor(user, data);
    if ('card' in found) return found.card;
    const { draft } = found;
    const checked = validateAll(draft.answers as Answers);
    if (!checked.intake)
      return this.reviewCard(draft, checked.errors, 'Some answers need changing before you send.');
    try {
      const res = await this.hub.submit(user.objectId, draft.idempotencyKey, checked.intake);
      await this.save(user, { ...draft, step: SUBMITTED_STEP, answers: { reference: res.reference } });
      return this.submittedCard(res.reference, res.concern.referrerStatus, '');
    } catch (e) {
      if (e instanceof HubApiError && e.code === 'validation_failed') {
        const errors = e.fieldErrors.map((f) => ({
          id: f.path,
          message: f.message,
          step:
            STEPS.find((s) => s.fields.some((x) => f.path.replace(/^concern\./, '').startsWith(x.id)))?.key ??
            REVIEW_STEP,
        }));
        return this.reviewCard(
          draft,
          errors,
          'The hub could not accept some answers. Change them and send again.',
        );
      }
      const reason = e instanceof HubApiError && e.status < 500 ? e.message : 'The hub could not be reached.';
      return this.reviewCard(
        draft,
        [],
        `${reason} Your concern is saved as a draft: press "Send the concern" again in a moment.`,
      );
    }
  }

  /** Finds the draft a card belongs to; a card from a sent or discarded form shows what became of it. */
  private async draftFor(
    user: BotUser,
    data: ActionData,
  ): Promise<{ draft: ConcernDraft } | { card: AdaptiveCard }> {
    const draft = await this.hub.getDraft(user.objectId);
    // Named "draft", not "key": the Agents Playground's card renderer cannot take a data field called "key".
    const key = typeof data.draft === 'string' ? data.draft : undefined;
    if (draft?.step === SUBMITTED_STEP && (!key || key === draft.idempotencyKey)) {
      const reference = String((draft.answers as Answers).reference ?? '');
      const status = await this.statusOf(user, reference);
      return {
        card: this.submittedCard(
          reference,
          status,
          'This concern has already been sent: nothing was sent twice.',
        ),
      };
    }
    if (!draft || draft.step === SUBMITTED_STEP) {
      return { card: await this.start(user, 'That form is no longer in progress, so here is a new one.') };
    }
    if (draft.formVersion !== FORM_VERSION) return { card: await this.cardFor(user, draft) };
    if (Number(data.v) !== CARD_VERSION || (key && key !== draft.idempotencyKey)) {
      return {
        card: await this.cardFor(
          user,
          draft,
          'That card came from an older version of the hub or an earlier form. Your answers are kept: carry on from here.',
        ),
      };
    }
    return { draft };
  }

  private async statusOf(user: BotUser, reference: string): Promise<string> {
    const mine = await this.hub.myConcerns(user.objectId).catch(() => undefined);
    return mine?.items.find((c) => c.reference === reference)?.referrerStatus ?? 'Received';
  }

  private save(
    user: BotUser,
    draft: Omit<ConcernDraft, 'formVersion' | 'answers'> & { answers: Answers },
  ): Promise<ConcernDraft> {
    // Answers only ever hold what readInputs produced: strings, numbers, booleans and arrays of strings.
    const answers = draft.answers as ConcernDraft['answers'];
    return this.hub.putDraft(user.objectId, { ...draft, answers, formVersion: FORM_VERSION });
  }

  /** The card for where a draft stands. */
  async cardFor(user: BotUser, draft: ConcernDraft, notice = '', problem = false): Promise<AdaptiveCard> {
    const migrated = migrateDraft(draft);
    if (migrated) {
      draft = await this.save(user, migrated);
      notice =
        'The form has changed since you started. All your answers are kept: check this card and carry on.';
    }
    try {
      return await this.cardForCurrent(user, draft, notice, problem);
    } catch (e) {
      if (!(e instanceof CardTooLargeError)) throw e;
      // Never a dead end: whatever is wrong with this draft, the person can throw it away and start again.
      return renderCard('discard', { key: draft.idempotencyKey, step: draft.step, broken: true });
    }
  }

  private async cardForCurrent(
    user: BotUser,
    draft: ConcernDraft,
    notice: string,
    problem: boolean,
  ): Promise<AdaptiveCard> {
    const answers = draft.answers as Answers;
    if (draft.step === RISK_GUIDANCE_STEP) return this.guidanceCard(draft.idempotencyKey, false);
    if (draft.step === REVIEW_STEP) return this.reviewCard(draft, [], notice, problem);
    const step = stepSpec(draft.step) ?? STEPS[0]!;
    if (step.key === 'referrer' && !answers.referrer) {
      const me = await this.hub.me(user.objectId).catch(() => undefined);
      if (me)
        answers.referrer = {
          name: me.person.displayName,
          role: me.person.jobTitle ?? '',
          organisation: me.partner.name,
          email: me.person.email,
        };
    }
    return this.stepCard(step, draft.idempotencyKey, answers, [], {}, notice, problem);
  }

  /** What to do now when someone is at immediate risk; every number a link that calls it. */
  private guidanceCard(key: string, recorded: boolean): AdaptiveCard {
    return renderCard('risk-guidance', {
      key,
      recorded,
      childRoute: linkPhoneNumbers(this.settings.childSafeguardingRoute),
      adultRoute: linkPhoneNumbers(this.settings.adultSafeguardingRoute),
    });
  }

  /**
   * A form card with what was typed or saved filled in. Teams drops a message over about 28 KB, so the card is
   * budgeted by bytes: if the pre-filled answers would make it too big, the longest are left out of the card (the
   * draft keeps them, and the card says so); an empty box for one of them keeps the saved answer.
   */
  private stepCard(
    step: StepSpec,
    key: string,
    answers: Answers,
    errors: FieldError[],
    typed: ActionData,
    notice = '',
    problem = false,
  ): AdaptiveCard {
    const stepNo = stepNumber(step.key);
    const needsChanging = problem || errors.length > 0;
    const values = new Map(
      step.fields.map((f) => {
        const t = typed[f.id];
        return [f.id, typeof t === 'string' ? t : inputValue(f, answers)] as const;
      }),
    );
    const render = (hidden: Set<string>) =>
      renderCard('form-step', {
        key,
        step: step.key,
        stepNo,
        stepCount: STEP_COUNT,
        title: step.title,
        intro: step.intro ?? '',
        notice: [
          notice || (errors.length ? 'Some answers need changing: see the messages below each one.' : ''),
          hidden.size
            ? 'Some long answers are saved but too long to show on this card. An empty box keeps the saved answer; anything you type replaces it.'
            : '',
        ]
          .filter(Boolean)
          .join(' '),
        ...noticeLook(needsChanging),
        nextTitle: stepNo === STEP_COUNT - 1 ? 'Check my answers' : 'Next',
        kept: [...hidden].join(','),
        fields: step.fields.map((f) => {
          const value = hidden.has(f.id) ? '' : (values.get(f.id) ?? '');
          const number = f.kind === 'number' && value !== '' ? Number(value) : NaN;
          return {
            id: f.id,
            kind:
              f.kind === 'multiline' ? 'text' : f.kind === 'multi' || f.kind === 'yes-no' ? 'choice' : f.kind,
            label: displayLabel(f),
            // An Input.Number's value is a number; text a person typed that is not one stays text, in a text box.
            value: f.kind === 'number' ? (Number.isFinite(number) ? number : '') : value,
            numberAsText: f.kind === 'number' && value !== '' && !Number.isFinite(number),
            placeholder: f.placeholder ?? '',
            multiline: f.kind === 'multiline',
            multiSelect: f.kind === 'multi',
            choices: f.kind === 'yes-no' ? YES_NO : (f.choices ?? []),
            help: f.help ?? '',
            ...(f.kind === 'date' ? dateChoices(value) : {}),
            hint: hidden.has(f.id)
              ? `Your saved answer (${(values.get(f.id) ?? '').length.toLocaleString('en-GB')} characters) is too long to show here. Leave this box empty to keep it.`
              : '',
            error: errors
              .filter((e) => e.id === f.id)
              .map((e) => e.message)
              .join(' '),
          };
        }),
      });
    const hidden = new Set<string>();
    const longest = step.fields
      .filter((f) => (values.get(f.id) ?? '').length > 0)
      .sort((a, b) => Buffer.byteLength(values.get(b.id)!) - Buffer.byteLength(values.get(a.id)!));
    for (;;) {
      try {
        return render(hidden);
      } catch (e) {
        const next = longest.find((f) => !hidden.has(f.id));
        if (!(e instanceof CardTooLargeError) || !next) throw e;
        hidden.add(next.id);
      }
    }
  }

  private reviewCard(
    draft: ConcernDraft,
    errors: (FieldError & { step: string })[],
    notice: string,
    problem = true,
  ): AdaptiveCard {
    return renderCard('review', {
      key: draft.idempotencyKey,
      stepNo: STEP_COUNT,
      stepCount: STEP_COUNT,
      notice,
      ...noticeLook(problem || errors.length > 0),
      sections: reviewSections(draft.answers as Answers, errors),
    });
  }

  private submittedCard(reference: string, status: string, notice: string): AdaptiveCard {
    return renderCard('submitted', {
      reference,
      status,
      nextStep: 'your organisation’s safeguarding lead',
      notice,
    });
  }
}

/**
 * The card's inputs, with the answers that were left off the card for size put back: an empty box for one of
 * them means "keep the saved answer".
 */
function keptInputs(step: StepSpec, data: ActionData, saved: Answers): ActionData {
  const kept = new Set(typeof data.kept === 'string' ? data.kept.split(',').filter(Boolean) : []);
  const inputs: ActionData = collectInputs(step, data);
  for (const f of step.fields) {
    const typed = inputs[f.id];
    if (kept.has(f.id) && (typed === undefined || (typeof typed === 'string' && typed.trim() === ''))) {
      const v = getPath(saved, f.id);
      if (v !== undefined) inputs[f.id] = inputValue(f, saved);
    }
  }
  return inputs;
}

/** What was typed, as answers, without any checks: for saving work in progress. */
function rawAnswers(step: StepSpec, inputs: ActionData): Answers {
  const answers: Answers = {};
  const typed = readInputs(step, inputs);
  const tooLong = new Set(typed.errors.map((e) => e.id));
  for (const f of step.fields) {
    if (tooLong.has(f.id)) {
      const raw = inputs[f.id];
      setPath(answers, f.id, typeof raw === 'string' ? raw.trim() : raw);
    } else setPath(answers, f.id, getPath(typed.answers, f.id));
  }
  return answers;
}

/** A notice that something needs changing stands out (warning); any other is a quiet box, never the risk style. */
export function noticeLook(needsChanging: boolean) {
  return needsChanging
    ? { noticeStyle: 'warning', noticeWeight: 'Bolder' }
    : { noticeStyle: 'emphasis', noticeWeight: 'Default' };
}

function pastedOf(draft: ConcernDraft): string | undefined {
  const v = (draft.answers as Answers)[PASTED];
  return typeof v === 'string' && v ? v : undefined;
}

function keptPastedNotice(pasted: string): string {
  const over = pasted.length > 8000;
  return `I have kept what you wrote (${pasted.length.toLocaleString('en-GB')} characters) as the start of a new concern: it is its account of what happened, saved and not sent.${over ? ' The form takes up to 8,000 characters there, so you will be asked to shorten it.' : ''} First, one question.`;
}
