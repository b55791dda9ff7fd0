import { z } from 'zod';
import { DateOnlySchema, chooseFrom, optionalText, text } from '../kernel/common';

/** Ideology categories used on the national Prevent referral form. */
const IDEOLOGY_CATEGORIES = [
  'islamist',
  'extreme-right-wing',
  'mixed-unclear-unstable',
  'school-massacre',
  'other',
] as const;
export const IdeologyCategorySchema = z.enum(IDEOLOGY_CATEGORIES, {
  error: chooseFrom('the ideology category', IDEOLOGY_CATEGORIES),
});
export type IdeologyCategory = z.infer<typeof IdeologyCategorySchema>;

export const IDEOLOGY_LABELS: Record<IdeologyCategory, string> = {
  islamist: 'Islamist',
  'extreme-right-wing': 'Extreme right-wing',
  'mixed-unclear-unstable': 'Mixed, unclear or unstable',
  'school-massacre': 'School massacre',
  other: 'Other',
};

/** Indicators of vulnerability offered on the form; "other" is described in free text. */
const INDICATORS = [
  'expressed-extremist-views',
  'online-extremist-material',
  'changes-in-behaviour',
  'isolation-or-grievance',
  'contact-with-extremists',
  'interest-in-violence-or-weapons',
  'travel-concern',
  'mental-health-or-neurodiversity',
  'family-or-peer-influence',
  'other',
] as const;
export const IndicatorSchema = z.enum(INDICATORS, {
  error: chooseFrom('indicators from the form', INDICATORS),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const INDICATOR_LABELS: Record<Indicator, string> = {
  'expressed-extremist-views': 'Expressed extremist views',
  'online-extremist-material': 'Accessing or sharing extremist material online',
  'changes-in-behaviour': 'Changes in behaviour, appearance or friendships',
  'isolation-or-grievance': 'Isolation or a sense of grievance',
  'contact-with-extremists': 'Contact with known extremists',
  'interest-in-violence-or-weapons': 'Interest in violence, weapons or attack planning',
  'travel-concern': 'Concern about travel to a conflict zone',
  'mental-health-or-neurodiversity': 'Mental health needs or neurodiversity',
  'family-or-peer-influence': 'Family or peer influence',
  other: 'Other (described below)',
};

const GENDERS = ['female', 'male', 'non-binary', 'other', 'not-known'] as const;
export const GenderSchema = z.enum(GENDERS, {
  error: chooseFrom("the person's gender", GENDERS),
});

const SHARING_BASES = [
  'consent',
  'public-task',
  'vital-interests',
  'legal-obligation',
  'safeguarding-without-consent',
] as const;
export const InformationSharingBasisSchema = z.enum(SHARING_BASES, {
  error: chooseFrom('the basis for sharing information', SHARING_BASES),
});
export type InformationSharingBasis = z.infer<typeof InformationSharingBasisSchema>;

export const INFORMATION_SHARING_LABELS: Record<InformationSharingBasis, string> = {
  consent: 'Consent given',
  'public-task': 'Public task (UK GDPR 6(1)(e))',
  'vital-interests': 'Vital interests',
  'legal-obligation': 'Legal obligation',
  'safeguarding-without-consent': 'Safeguarding without consent (DPA 2018 Sch.8)',
};

/** One line each, for the person choosing: what the basis means in practice, in a frontline worker's words. */
export const INFORMATION_SHARING_HELP: Record<InformationSharingBasis, string> = {
  consent:
    'The person (or, for a young child, a parent or carer) knows about this concern and has agreed to it being shared.',
  'public-task':
    'Sharing is part of your organisation’s job under the law, such as the Prevent duty. The usual choice when you are not relying on consent.',
  'vital-interests': 'Only to protect someone’s life in an emergency, when they cannot be asked.',
  'legal-obligation': 'A law or a court order requires your organisation to share this.',
  'safeguarding-without-consent':
    'To protect a child or an adult at risk, when asking for consent would put them or someone else at risk, or they cannot give it.',
};

export const ReferrerDetailsSchema = z.object({
  name: text(200, "Referrer's name"),
  role: text(200, "Referrer's role"),
  organisation: text(200, "Referrer's organisation"),
  email: z.string().trim().email('Give a work e-mail address, like name@council.example.').max(320),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9 +()-]{6,20}$/, 'Give a phone number using digits, spaces and + ( ) - only.')
    .optional(),
});

const todayIso = () => new Date().toISOString().slice(0, 10);

/** Whole years between a date of birth and a day (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, day: string): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  const [ny, nm, nd] = day.split('-').map(Number) as [number, number, number];
  return ny - y - (nm < m || (nm === m && nd < d) ? 1 : 0);
}

/**
 * An age given beside a date of birth must agree with it on the day the concern is raised: which one is right
 * is the referrer's call. Not a schema rule, because a stored concern's age stops agreeing on a birthday.
 */
export function ageDisagreement(
  subject: { dateOfBirth?: string | undefined; age?: number | undefined },
  today: string,
): string | undefined {
  if (subject.dateOfBirth === undefined || subject.age === undefined) return undefined;
  const fromDob = ageOn(subject.dateOfBirth, today);
  if (fromDob < 0 || fromDob === subject.age) return undefined;
  return `The date of birth makes them ${fromDob}, but the age given is ${subject.age}. Correct one of them, or leave the age empty: with a date of birth it is not needed.`;
}

export const SubjectDetailsSchema = z
  .object({
    name: text(200, "The person's name"),
    dateOfBirth: DateOnlySchema.refine(
      (d) => d <= todayIso(),
      'Date of birth cannot be in the future.',
    ).optional(),
    age: z
      .number({ error: 'Give the age as a whole number of years, like 15.' })
      .int('Age must be a whole number of years.')
      .min(0, 'Age cannot be negative.')
      .max(120, 'Age must be 120 or less.')
      .optional(),
    gender: GenderSchema,
    address: optionalText(500, 'Address'),
    schoolOrEmployer: optionalText(200, 'School or employer'),
    knownToOtherServices: optionalText(1000, 'Other services'),
  })
  .refine((s) => s.dateOfBirth !== undefined || s.age !== undefined, {
    message: 'Give a date of birth or, if it is not known, an approximate age.',
    path: ['dateOfBirth'],
    // Reported together with any other answer to correct, not only once those are right.
    when: ({ value }) => isObject(value) && value.dateOfBirth === undefined && value.age === undefined,
  });

export const AttachmentMetaSchema = z.object({
  fileName: text(255, 'File name'),
  contentType: text(100, 'Content type'),
  sizeBytes: z
    .number({ error: 'Give the file size in bytes.' })
    .int('Give the file size in whole bytes.')
    .min(1, 'An attached file cannot be empty.')
    .max(25 * 1024 * 1024, 'Attachments must be 25 MB or smaller.'),
  /** Where the document store put it (SharePoint library item URL or local path); never the content. */
  location: optionalText(1000, 'Attachment location'),
});

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** Shared with the bot's indicators card so both refuse "other" without a description in the same words. */
export const otherIndicatorsDescribed = {
  check: (c: { indicators: readonly string[]; otherIndicators?: string | undefined }) =>
    !c.indicators.includes('other') || (c.otherIndicators ?? '').length > 0,
  issue: { message: 'Describe the other indicators you chose.', path: ['otherIndicators'] },
};

/**
 * Consent means the person knows: "does not know" with "consent given" contradicts itself. Shared with the bot's
 * sharing card so both refuse it in the same words.
 */
export const consentNeedsAwareness = {
  check: (c: { subjectAware?: boolean | undefined; informationSharingBasis?: string | undefined }) =>
    !(c.informationSharingBasis === 'consent' && c.subjectAware === false),
  issue: {
    message:
      'You chose consent, but said the person does not know about this concern: they cannot have agreed to something they do not know about. Choose another basis (if unsure, public task, or ask your safeguarding lead), or change your answer to whether they know.',
    path: ['informationSharingBasis'],
  },
};

/** The content of the national Prevent referral form. */
export const ConcernIntakeSchema = z
  .object({
    referrer: ReferrerDetailsSchema,
    subject: SubjectDetailsSchema,
    whatHappened: text(8000, 'What happened'),
    howItCameToLight: text(4000, 'How it came to light'),
    indicators: z
      .array(IndicatorSchema, { error: 'Choose at least one indicator of vulnerability.' })
      .min(1, 'Choose at least one indicator of vulnerability.')
      .max(INDICATORS.length)
      .refine((list) => new Set(list).size === list.length, 'Choose each indicator once.'),
    otherIndicators: optionalText(2000, 'Other indicators'),
    ideologyCategory: IdeologyCategorySchema,
    immediateRisk: z.boolean({ error: 'Say whether anyone is at immediate risk.' }),
    subjectAware: z.boolean({ error: 'Say whether the person knows about this referral.' }),
    informationSharingBasis: InformationSharingBasisSchema,
    informationSharingNotes: optionalText(2000, 'Information-sharing notes'),
    attachments: z.array(AttachmentMetaSchema).max(10, 'Attach at most 10 files.').default([]),
  })
  .refine(otherIndicatorsDescribed.check, {
    ...otherIndicatorsDescribed.issue,
    when: ({ value }) => isObject(value) && Array.isArray(value.indicators),
  });
export type ConcernIntake = z.infer<typeof ConcernIntakeSchema>;
export type ConcernIntakeInput = z.input<typeof ConcernIntakeSchema>;

/** Client-generated key that makes a submission safe to retry: one key, one concern. */
export const IdempotencyKeySchema = z
  .string()
  .regex(
    /^[A-Za-z0-9_-]{16,100}$/,
    'The idempotency key must be 16-100 letters, digits, "-" or "_" (a UUID fits).',
  );

/**
 * A new concern's form: the stored form's rules plus the ones a new submission is held to. Kept off
 * ConcernIntakeSchema, which also reads concerns stored before these rules existed (an unreadable record helps no one).
 */
export const NewConcernIntakeSchema = ConcernIntakeSchema.refine(consentNeedsAwareness.check, {
  ...consentNeedsAwareness.issue,
  when: ({ value }) =>
    isObject(value) &&
    typeof value.subjectAware === 'boolean' &&
    typeof value.informationSharingBasis === 'string',
});

export const SubmitConcernRequestSchema = z.object({
  idempotencyKey: IdempotencyKeySchema,
  concern: NewConcernIntakeSchema,
});
export type SubmitConcernRequest = z.infer<typeof SubmitConcernRequestSchema>;

/**
 * The initials of a name ("Alex Example" → "A.E."), for a referrer to recognise their own concern without the name
 * on screen. Only ever for the person who raised the concern: everyone else sees what their role allows.
 */
export function subjectInitials(name: string): string {
  const parts = name
    .trim()
    .split(/[\s\-‐-―]+/u)
    .filter(Boolean);
  const shown = parts.length > 4 ? [...parts.slice(0, 3), parts.at(-1)!] : parts;
  return shown.map((p) => `${Array.from(p)[0]!.toLocaleUpperCase('en-GB')}.`).join('');
}
