/** Raising a concern in chat: the guided cards, the draft saved after each, review and a once-only submit. */
import { randomUUID } from 'node:crypto';
import type { ConcernDraft } from '@pph/functions/contract';
import { HubApiError, type HubClient } from '../api/hub-client';
import { CARD_VERSION, clip, renderCard, type AdaptiveCard } from '../cards/render';
import {
  FORM_VERSION,
  REVIEW_STEP,
  RISK_GUIDANCE_STEP,
  STEPS,
  STEP_COUNT,
  YES_NO,
  inputValue,
  mergeAnswers,
  nextStep,
  previousStep,
  readInputs,
  stepNumber,
  stepSpec,
  validateAll,
  validateStep,
  type Answers,
  type FieldError,
  type StepSpec,
} from './intake-form';
import { reviewSections } from './intake-review';
import type { ActionData, BotSettings, BotUser, Outgoing } from './types';

const SUBMITTED = 'submitted';

export const IMMEDIATE_RISK_TEXT =
  'If anyone is in immediate danger, call 999 now. Anti-Terrorist Hotline: 0800 789 321.';

export function greeting(user: BotUser): string {
  return user.name ? `Hello ${user.name}.` : 'Hello.';
}

export class IntakeFlow {
  constructor(
    private readonly hub: HubClient,
    private readonly settings: BotSettings,
  ) {}

  /** The draft in progress, if any (a sent concern's marker does not count). */
  async draftInProgress(user: BotUser): Promise<ConcernDraft | null> {
    const draft = await this.hub.getDraft(user.objectId);
    return draft && draft.step !== SUBMITTED ? draft : null;
  }

  /** Starts a new concern, or carries on with the one in progress rather than losing it. */
  async start(user: BotUser, notice = ''): Promise<AdaptiveCard> {
    const existing = await this.draftInProgress(user);
    if (existing)
      return this.cardFor(
        user,
        existing,
        notice || 'You have a concern in progress, so I have kept it: carry on from where you left off.',
      );
    const draft = await this.save(user, { idempotencyKey: randomUUID(), step: STEPS[0]!.key, answers: {} });
    return this.cardFor(user, draft, notice);
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
    if (at === RISK_GUIDANCE_STEP)
      return { card: await this.cardFor(user, await this.save(user, { ...draft, step: nextStep(at) })) };
    const step = stepSpec(at);
    if (!step) return { card: await this.cardFor(user, draft) };

    const typed = readInputs(step, data);
    const merged = mergeAnswers(draft.answers as Answers, step, typed.answers);
    const typedIds = new Set(typed.errors.map((e) => e.id));
    const errors = [...typed.errors, ...validateStep(step, merged).filter((e) => !typedIds.has(e.id))];
    // Keep every answer that can be kept; an over-long one stays as it was so the draft can always be saved.
    const keep = mergeAnswers(
      draft.answers as Answers,
      { ...step, fields: step.fields.filter((f) => !typedIds.has(f.id)) },
      typed.answers,
    );
    if (errors.length) {
      await this.save(user, { ...draft, step: step.key, answers: keep });
      return { card: this.stepCard(step, draft.idempotencyKey, merged, errors, data) };
    }
    const goTo =
      step.key === 'risk' && merged.immediateRisk === true ? RISK_GUIDANCE_STEP : nextStep(step.key);
    const saved = await this.save(user, { ...draft, step: goTo, answers: keep });
    const also = goTo === RISK_GUIDANCE_STEP ? [{ text: IMMEDIATE_RISK_TEXT }] : undefined;
    return { card: await this.cardFor(user, saved), ...(also ? { also } : {}) };
  }

  async back(user: BotUser, data: ActionData): Promise<AdaptiveCard> {
    const found = await this.draftFor(user, data);
    if ('card' in found) return found.card;
    const draft = await this.save(user, {
      ...found.draft,
      step: previousStep(String(data.step ?? found.draft.step)),
    });
    return this.cardFor(user, draft);
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
    let answers = found.draft.answers as Answers;
    if (step) {
      const typed = readInputs(step, data);
      const bad = new Set(typed.errors.map((e) => e.id));
      answers = mergeAnswers(
        answers,
        { ...step, fields: step.fields.filter((f) => !bad.has(f.id)) },
        typed.answers,
      );
    }
    await this.save(user, { ...found.draft, answers, step: step?.key ?? found.draft.step });
    return renderCard('welcome', {
      greeting: greeting(user),
      hasDraft: true,
      notice:
        'Your concern is saved. Choose "Continue my concern" or type "continue my concern" when you are ready.',
    });
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
      await this.save(user, { ...draft, step: SUBMITTED, answers: { reference: res.reference } });
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
    if (draft?.step === SUBMITTED && (!key || key === draft.idempotencyKey)) {
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
    if (!draft || draft.step === SUBMITTED) {
      return { card: await this.start(user, 'That form is no longer in progress, so here is a new one.') };
    }
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
  async cardFor(user: BotUser, draft: ConcernDraft, notice = ''): Promise<AdaptiveCard> {
    const answers = draft.answers as Answers;
    if (draft.step === RISK_GUIDANCE_STEP)
      return renderCard('risk-guidance', {
        key: draft.idempotencyKey,
        childRoute: this.settings.childSafeguardingRoute,
        adultRoute: this.settings.adultSafeguardingRoute,
      });
    if (draft.step === REVIEW_STEP) return this.reviewCard(draft, [], notice);
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
    return this.stepCard(step, draft.idempotencyKey, answers, [], {}, notice);
  }

  private stepCard(
    step: StepSpec,
    key: string,
    answers: Answers,
    errors: FieldError[],
    typed: ActionData,
    notice = '',
  ): AdaptiveCard {
    const stepNo = stepNumber(step.key);
    return renderCard('form-step', {
      key,
      step: step.key,
      stepNo,
      stepCount: STEP_COUNT,
      title: step.title,
      intro: step.intro ?? '',
      notice: notice || (errors.length ? 'Some answers need changing: see the messages below each one.' : ''),
      nextTitle: stepNo === STEP_COUNT - 1 ? 'Check my answers' : 'Next',
      fields: step.fields.map((f) => {
        const typedValue = typed[f.id];
        const value =
          typeof typedValue === 'string' ? clip(typedValue, f.maxLength ?? 4000) : inputValue(f, answers);
        return {
          id: f.id,
          kind:
            f.kind === 'multiline' ? 'text' : f.kind === 'multi' || f.kind === 'yes-no' ? 'choice' : f.kind,
          label: f.label,
          value,
          placeholder: f.placeholder ?? '',
          required: f.required,
          requiredMessage: `${f.label.replace(/ \(.*\)$/, '')} is needed.`,
          maxLength: f.maxLength ?? 4000,
          multiline: f.kind === 'multiline',
          multiSelect: f.kind === 'multi',
          choices: f.kind === 'yes-no' ? YES_NO : (f.choices ?? []),
          max: f.kind === 'date' ? new Date().toISOString().slice(0, 10) : '',
          error: errors
            .filter((e) => e.id === f.id)
            .map((e) => e.message)
            .join(' '),
        };
      }),
    });
  }

  private reviewCard(
    draft: ConcernDraft,
    errors: (FieldError & { step: string })[],
    notice: string,
  ): AdaptiveCard {
    return renderCard('review', {
      key: draft.idempotencyKey,
      stepNo: STEP_COUNT,
      stepCount: STEP_COUNT,
      notice,
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
