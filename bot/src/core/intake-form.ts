/**
 * The guided concern form: short steps, each validated with its part of the one intake schema, answers kept as
 * a draft after every step. Pure functions only: no SDK, no I/O.
 */
import { z } from 'zod';
import {
  ConcernIntakeSchema,
  GenderSchema,
  IDEOLOGY_LABELS,
  INDICATOR_LABELS,
  INFORMATION_SHARING_HELP,
  INFORMATION_SHARING_LABELS,
  IdeologyCategorySchema,
  IndicatorSchema,
  InformationSharingBasisSchema,
  NewConcernIntakeSchema,
  ReferrerDetailsSchema,
  SubjectDetailsSchema,
  ageDisagreement,
  consentNeedsAwareness,
  otherIndicatorsDescribed,
  type ConcernIntakeInput,
} from '@pph/contract';
import { MONTHS, londonToday } from './dates';

/**
 * Bumped when steps or answer shapes change. A draft written by another version is migrated when it is next
 * opened (migrateDraft): its answers are kept and it restarts at the first step whose answers do not check.
 */
export const FORM_VERSION = 1;

export type Answers = Record<string, unknown>;

export type FieldKind = 'text' | 'multiline' | 'number' | 'date' | 'choice' | 'multi' | 'yes-no';

export interface FieldSpec {
  /** Input id on the card and dotted path in the answers, e.g. "subject.name". */
  id: string;
  label: string;
  kind: FieldKind;
  required: boolean;
  maxLength?: number;
  placeholder?: string;
  choices?: { title: string; value: string }[];
  /** A line of help under the question (Markdown), e.g. what each choice means. */
  help?: string;
}

export interface StepSpec {
  key: string;
  title: string;
  intro?: string;
  fields: FieldSpec[];
  /** Validates this step's answers; issue paths are relative to the answers root. */
  schema: z.ZodType;
}

const choicesOf = (labels: Record<string, string>) =>
  Object.entries(labels).map(([value, title]) => ({ title, value }));

export const YES_NO = [
  { title: 'Yes', value: 'yes' },
  { title: 'No', value: 'no' },
];

const shape = ConcernIntakeSchema.shape;

export const STEPS: StepSpec[] = [
  {
    key: 'risk',
    title: 'Immediate risk',
    intro: 'First, one question that matters most.',
    fields: [
      { id: 'immediateRisk', label: 'Is anyone at immediate risk of harm?', kind: 'yes-no', required: true },
    ],
    schema: z.object({ immediateRisk: shape.immediateRisk }),
  },
  {
    key: 'referrer',
    title: 'About you',
    intro: 'So the partnership can contact you about this concern.',
    fields: [
      { id: 'referrer.name', label: 'Your name', kind: 'text', required: true, maxLength: 200 },
      { id: 'referrer.role', label: 'Your role', kind: 'text', required: true, maxLength: 200 },
      {
        id: 'referrer.organisation',
        label: 'Your organisation',
        kind: 'text',
        required: true,
        maxLength: 200,
      },
      { id: 'referrer.email', label: 'Your work e-mail', kind: 'text', required: true, maxLength: 320 },
      {
        id: 'referrer.phone',
        label: 'Your phone number (optional)',
        kind: 'text',
        required: false,
        maxLength: 20,
      },
    ],
    schema: z.object({ referrer: ReferrerDetailsSchema }),
  },
  {
    key: 'subject',
    title: 'The person you are concerned about',
    intro: 'Give a date of birth or, if you do not know it, an approximate age.',
    fields: [
      { id: 'subject.name', label: 'Their name', kind: 'text', required: true, maxLength: 200 },
      { id: 'subject.dateOfBirth', label: 'Date of birth', kind: 'date', required: false },
      {
        id: 'subject.age',
        label: 'Approximate age in years, if no date of birth',
        kind: 'number',
        required: false,
      },
      {
        id: 'subject.gender',
        label: 'Gender',
        kind: 'choice',
        required: true,
        choices: GenderSchema.options.map((g) => ({ title: genderLabel(g), value: g })),
      },
      {
        id: 'subject.address',
        label: 'Address (optional)',
        kind: 'multiline',
        required: false,
        maxLength: 500,
      },
      {
        id: 'subject.schoolOrEmployer',
        label: 'School, college or employer (optional)',
        kind: 'text',
        required: false,
        maxLength: 200,
      },
      {
        id: 'subject.knownToOtherServices',
        label: 'Known to other services? Which (optional)',
        kind: 'multiline',
        required: false,
        maxLength: 1000,
      },
    ],
    schema: z.object({ subject: SubjectDetailsSchema }),
  },
  {
    key: 'concern',
    title: 'What happened',
    intro: 'Facts first: what was said or done, when and where, and who else saw it.',
    fields: [
      { id: 'whatHappened', label: 'What happened', kind: 'multiline', required: true, maxLength: 8000 },
      {
        id: 'howItCameToLight',
        label: 'How it came to light',
        kind: 'multiline',
        required: true,
        maxLength: 4000,
      },
    ],
    schema: z.object({ whatHappened: shape.whatHappened, howItCameToLight: shape.howItCameToLight }),
  },
  {
    key: 'indicators',
    title: 'Vulnerability and ideology',
    fields: [
      {
        id: 'indicators',
        label: 'Indicators of vulnerability (choose all that apply)',
        kind: 'multi',
        required: true,
        choices: IndicatorSchema.options.map((i) => ({ title: INDICATOR_LABELS[i], value: i })),
      },
      {
        id: 'otherIndicators',
        label: 'Other indicators, if you chose "Other"',
        kind: 'multiline',
        required: false,
        maxLength: 2000,
      },
      {
        id: 'ideologyCategory',
        label: 'Ideology, as far as you can tell',
        kind: 'choice',
        required: true,
        choices: IdeologyCategorySchema.options.map((i) => ({ title: IDEOLOGY_LABELS[i], value: i })),
      },
    ],
    schema: z
      .object({
        indicators: shape.indicators,
        otherIndicators: shape.otherIndicators,
        ideologyCategory: shape.ideologyCategory,
      })
      .refine(otherIndicatorsDescribed.check, otherIndicatorsDescribed.issue),
  },
  {
    key: 'sharing',
    title: 'Consent and information sharing',
    fields: [
      {
        id: 'subjectAware',
        label: 'Does the person know you are raising this concern?',
        kind: 'yes-no',
        required: true,
        help: 'If they do not know, they cannot have consented: choose a basis other than consent below.',
      },
      {
        id: 'informationSharingBasis',
        label: 'Basis for sharing this information',
        kind: 'choice',
        required: true,
        choices: choicesOf(INFORMATION_SHARING_LABELS),
        help: InformationSharingBasisSchema.options
          // The choice's name without its legal reference, which the choice itself shows.
          .map(
            (b) =>
              `**${INFORMATION_SHARING_LABELS[b].replace(/ \(.*\)$/, '')}**: ${INFORMATION_SHARING_HELP[b]}`,
          )
          .join('\n\n'),
      },
      {
        id: 'informationSharingNotes',
        label: 'Anything else about consent or sharing (optional)',
        kind: 'multiline',
        required: false,
        maxLength: 2000,
      },
    ],
    schema: z
      .object({
        subjectAware: shape.subjectAware,
        informationSharingBasis: shape.informationSharingBasis,
        informationSharingNotes: shape.informationSharingNotes,
      })
      .refine(consentNeedsAwareness.check, consentNeedsAwareness.issue),
  },
];

export const REVIEW_STEP = 'review';
/** The draft's step once the concern is sent: it keeps the reference, so a second press sends nothing. */
export const SUBMITTED_STEP = 'submitted';
export const RISK_GUIDANCE_STEP = 'risk-guidance';
export const STEP_COUNT = STEPS.length + 1;

export function stepSpec(key: string): StepSpec | undefined {
  return STEPS.find((s) => s.key === key);
}

export function stepNumber(key: string): number {
  if (key === REVIEW_STEP) return STEP_COUNT;
  if (key === RISK_GUIDANCE_STEP) return 1;
  return STEPS.findIndex((s) => s.key === key) + 1;
}

export function nextStep(key: string): string {
  if (key === RISK_GUIDANCE_STEP) return STEPS[1]!.key;
  const i = STEPS.findIndex((s) => s.key === key);
  return i >= 0 && i < STEPS.length - 1 ? STEPS[i + 1]!.key : REVIEW_STEP;
}

export function previousStep(key: string): string {
  if (key === REVIEW_STEP) return STEPS[STEPS.length - 1]!.key;
  const i = STEPS.findIndex((s) => s.key === key);
  return i > 0 ? STEPS[i - 1]!.key : STEPS[0]!.key;
}

export interface FieldError {
  id: string;
  message: string;
}

/** What a person typed on one step's card, turned into answers, plus errors that need no schema to spot. */
export function readInputs(
  step: StepSpec,
  inputs: Record<string, unknown>,
): { answers: Answers; errors: FieldError[] } {
  const answers: Answers = {};
  const errors: FieldError[] = [];
  for (const f of step.fields) {
    const raw = inputs[f.id];
    const value = typeof raw === 'string' ? raw.trim() : raw === undefined || raw === null ? '' : String(raw);
    if (value === '') {
      setPath(answers, f.id, undefined);
      continue;
    }
    if (f.maxLength !== undefined && value.length > f.maxLength) {
      errors.push({
        id: f.id,
        message: `${shortLabel(f)} is ${value.length.toLocaleString('en-GB')} characters long; the limit is ${f.maxLength.toLocaleString('en-GB')}. Shorten it and try again.`,
      });
      continue;
    }
    switch (f.kind) {
      case 'number': {
        const n = Number(value);
        if (!Number.isInteger(n))
          errors.push({ id: f.id, message: 'Give the age as a whole number of years.' });
        else setPath(answers, f.id, n);
        break;
      }
      case 'yes-no':
        setPath(answers, f.id, value === 'yes' ? true : value === 'no' ? false : value);
        break;
      case 'date': {
        const problem = dateProblem(value);
        if (problem) errors.push({ id: f.id, message: problem });
        else setPath(answers, f.id, value);
        break;
      }
      case 'multi':
        setPath(
          answers,
          f.id,
          value
            .split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        );
        break;
      default:
        setPath(answers, f.id, value);
    }
  }
  return { answers, errors };
}

/** Validates one step's answers with the intake schema's own rules and messages, plus the form's own checks. */
export function validateStep(step: StepSpec, answers: Answers, today = new Date()): FieldError[] {
  const extra = [
    ...datesChosenWhole(step, answers),
    ...(step.key === 'subject' ? ageAgreesWithDateOfBirth(answers, today) : []),
  ];
  const result = step.schema.safeParse(answers);
  if (result.success) return extra;
  const ids = new Set(step.fields.map((f) => f.id));
  const dates = new Set(extra.map((e) => e.id).filter((id) => stepField(step, id)?.kind === 'date'));
  return [
    ...extra,
    ...result.error.issues
      .map((issue) => {
        const path = issue.path.join('.');
        const id = ids.has(path)
          ? path
          : (step.fields.find((f) => path.startsWith(f.id))?.id ?? step.fields[0]!.id);
        return { id, message: friendlyMessage(step, id, issue) };
      })
      // A half-chosen date has its own message; the schema's "Use a date like 2026-11-24" would only confuse.
      .filter((e) => !dates.has(e.id)),
  ];
}

const stepField = (step: StepSpec, id: string) => step.fields.find((f) => f.id === id);

/** A date saved half-chosen (Back, Save and finish later) is named when the step is checked. */
function datesChosenWhole(step: StepSpec, answers: Answers): FieldError[] {
  return step.fields.flatMap((f) => {
    const v = getPath(answers, f.id);
    const problem = f.kind === 'date' && typeof v === 'string' ? dateProblem(v) : undefined;
    return problem ? [{ id: f.id, message: problem }] : [];
  });
}

const DATE_PARTS = ['day', 'month', 'year'] as const;

/**
 * A date is chosen as a day, a month and a year (three lists: Teams' date picker opens on the years to come and
 * ignores a typed date). The three come back as one YYYY-MM-DD, a part not chosen left empty ("2014--14"), so a
 * half-chosen date is kept as chosen. A card from before sends the date as one value, which is taken as it is.
 */
export function collectInputs(step: StepSpec, data: Record<string, unknown>): Record<string, unknown> {
  const inputs = { ...data };
  for (const f of step.fields) {
    if (f.kind !== 'date') continue;
    const parts = DATE_PARTS.map((p) => data[`${f.id}.${p}`]);
    if (parts.every((p) => p === undefined)) continue;
    const [day, month, year] = parts.map((p) => (typeof p === 'string' ? p.trim() : ''));
    const pad = (x: string) => (x.length === 1 ? `0${x}` : x);
    inputs[f.id] = day || month || year ? `${year}-${pad(month!)}-${pad(day!)}` : '';
    for (const p of DATE_PARTS) delete inputs[`${f.id}.${p}`];
  }
  return inputs;
}

/** What is wrong with a chosen date, in words: a part not chosen, or a day the month does not have. */
export function dateProblem(value: string): string | undefined {
  const m = /^(\d{4})?-(\d{2})?-(\d{2})?$/.exec(value);
  if (!m) return 'Choose the day, the month and the year from the lists.';
  const [, year, month, day] = m;
  const missing = DATE_PARTS.filter((_, i) => [day, month, year][i] === undefined);
  if (missing.length)
    return `Choose the ${missing.join(' and the ')} as well, or leave all three empty if you do not know the date.`;
  const d = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (d.getUTCDate() !== Number(day) || d.getUTCMonth() !== Number(month) - 1)
    return `There is no ${Number(day)} ${MONTHS[Number(month) - 1] ?? month} ${year}: check the day and the month.`;
  return undefined;
}

/** The three lists of a date field, with what is chosen: years from this one back 120 (never a future one). */
export function dateChoices(value: string, today = londonToday()) {
  const [year = '', month = '', day = ''] = /^\d{0,4}-\d{0,2}-\d{0,2}$/.test(value) ? value.split('-') : [];
  const thisYear = Number(today.slice(0, 4));
  const opt = (title: string, v: string) => ({ title, value: v });
  return {
    day,
    month,
    year,
    dayChoices: Array.from({ length: 31 }, (_, i) => opt(String(i + 1), String(i + 1).padStart(2, '0'))),
    monthChoices: MONTHS.map((name, i) => opt(name, String(i + 1).padStart(2, '0'))),
    yearChoices: Array.from({ length: 121 }, (_, i) => String(thisYear - i)).map((y) => opt(y, y)),
  };
}

/** The hub's rule, applied where the age is typed: it checks again on submit, on the same London day. */
function ageAgreesWithDateOfBirth(answers: Answers, today: Date): FieldError[] {
  const dateOfBirth = getPath(answers, 'subject.dateOfBirth');
  const age = getPath(answers, 'subject.age');
  // Only a well-formed pair is compared: the schema has its own message for anything else.
  if (typeof dateOfBirth !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(dateOfBirth) || typeof age !== 'number')
    return [];
  const londonDay = today.toLocaleDateString('en-CA', { timeZone: 'Europe/London' }); // YYYY-MM-DD
  const message = ageDisagreement({ dateOfBirth, age }, londonDay);
  return message ? [{ id: 'subject.age', message }] : [];
}

/**
 * A draft written by another version of the form: every answer is kept, and it goes back to the first step
 * whose answers do not check (or to the review when all do). Returns undefined for a draft of this version.
 */
export function migrateDraft<D extends { step: string; answers: unknown; formVersion: number }>(
  draft: D,
): D | undefined {
  if (draft.formVersion === FORM_VERSION) return undefined;
  const answers = (draft.answers ?? {}) as Answers;
  const firstToCheck = STEPS.find((s) => validateStep(s, answers).length > 0);
  return { ...draft, answers, formVersion: FORM_VERSION, step: firstToCheck?.key ?? REVIEW_STEP };
}

/** The label a card shows: the question and, for text, its limit, so nobody learns it by being refused. */
export function displayLabel(f: FieldSpec): string {
  if (f.maxLength === undefined) return f.label;
  const limit = `up to ${f.maxLength.toLocaleString('en-GB')} characters`;
  return / \(optional\)$/.test(f.label)
    ? f.label.replace(/ \(optional\)$/, ` (optional, ${limit})`)
    : `${f.label} (${limit})`;
}

/** The question without its parenthetical, for messages ("Your name is needed."). */
export function shortLabel(f: FieldSpec): string {
  return f.label.replace(/ \(.*\)$/, '');
}

/** What to say when a required answer is missing, in words that read naturally for each kind of question. */
export function missingMessage(f: FieldSpec): string {
  if (f.kind === 'yes-no') return `Choose Yes or No for "${f.label}"`;
  if (f.kind === 'choice' || f.kind === 'multi') return `Choose an answer for "${shortLabel(f)}".`;
  return `${shortLabel(f)} is needed.`;
}

/** The whole form, checked before sending; errors name the step to change. */
export function validateAll(answers: Answers): {
  intake?: ConcernIntakeInput;
  errors: (FieldError & { step: string })[];
} {
  const errors = STEPS.flatMap((s) => validateStep(s, answers).map((e) => ({ ...e, step: s.key })));
  if (errors.length) return { errors };
  const parsed = NewConcernIntakeSchema.safeParse({ ...answers, attachments: [] });
  if (!parsed.success)
    return {
      errors: parsed.error.issues.map((i) => {
        const path = i.path.join('.');
        const step = STEPS.find((s) => s.fields.some((f) => path.startsWith(f.id))) ?? STEPS[0]!;
        return { id: path, message: i.message, step: step.key };
      }),
    };
  return { intake: parsed.data, errors: [] };
}

function friendlyMessage(step: StepSpec, id: string, issue: z.core.$ZodIssue): string {
  const field = step.fields.find((f) => f.id === id);
  const missing = issue.code === 'invalid_type' && /received undefined/.test(issue.message);
  if (field && (missing || (issue.code === 'too_small' && field.kind !== 'number')))
    return missingMessage(field);
  if (issue.code === 'invalid_value' && field)
    return `Choose one of the answers offered for "${field.label}".`;
  return issue.message;
}

/** The value an input shows: what was typed last, else what the draft holds. */
export function inputValue(field: FieldSpec, answers: Answers): string {
  const v = getPath(answers, field.id);
  if (v === undefined || v === null) return '';
  if (Array.isArray(v)) return v.join(',');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return String(v);
}

export function getPath(obj: Answers, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Answers)[k] : undefined), obj);
}

export function setPath(obj: Answers, path: string, value: unknown): void {
  const keys = path.split('.');
  let o = obj;
  for (const k of keys.slice(0, -1)) {
    if (!o[k] || typeof o[k] !== 'object') o[k] = {};
    o = o[k] as Answers;
  }
  const last = keys[keys.length - 1]!;
  if (value === undefined) delete o[last];
  else o[last] = value;
}

/** Deep-merges one step's answers into the draft's (a step's fields replace what was there). */
export function mergeAnswers(base: Answers, step: StepSpec, update: Answers): Answers {
  const merged = structuredClone(base);
  for (const f of step.fields) setPath(merged, f.id, getPath(update, f.id));
  return merged;
}

export function genderLabel(g: string): string {
  return (
    { female: 'Female', male: 'Male', 'non-binary': 'Non-binary', other: 'Other', 'not-known': 'Not known' }[
      g
    ] ?? g
  );
}
