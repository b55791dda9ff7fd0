import { z } from 'zod';

/** Roles per DESIGN.md; every role is held within one partner agency. */
export const RoleSchema = z.enum([
  'referrer',
  'safeguarding-lead',
  'prevent-coordinator',
  'police-prevent',
  'channel-chair',
  'channel-member',
  'board-member',
  'board-chair',
  'secretariat',
  'return-author',
  'administrator',
]);
export type Role = z.infer<typeof RoleSchema>;

export const SectorSchema = z.enum([
  'local-authority',
  'police',
  'probation',
  'youth-offending',
  'health',
  'schools',
  'further-education',
  'higher-education',
  'prisons',
  'childcare',
  'voluntary',
]);
export type Sector = z.infer<typeof SectorSchema>;

/** Sectors as the Board reads them: the returns' collation, the concern statistics and the pack. */
export const SECTOR_LABELS: Record<Sector, string> = {
  'local-authority': 'Local authority',
  police: 'Police',
  probation: 'Probation',
  'youth-offending': 'Youth justice',
  health: 'Health',
  schools: 'Schools',
  'further-education': 'Further education',
  'higher-education': 'Higher education',
  prisons: 'Prisons',
  childcare: 'Childcare',
  voluntary: 'Voluntary sector',
};

/**
 * What free text may not hold. Control characters other than tab and line breaks (a NUL byte, an escape):
 * nothing a person types, and they break what shows the text. Bidirectional embeddings, overrides and isolates
 * (U+202A–U+202E, U+2066–U+2069): invisible, and they make text read differently from what it holds. Lone
 * surrogates: not text at all. Right-to-left letters and the marks U+200E/U+200F are fine: where the hub shows
 * text, isolateBidi keeps its direction from spilling into what surrounds it.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/u;
const LINE_BREAK_OR_TAB = /[\t\n\r]/u;
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/u;
const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/gu;
const LONE_SURROGATE = /\p{Cs}/u;

const codePoint = (c: string) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

/** Why `value` cannot be taken as text, in words for the person who typed it; undefined when it can. */
export function textProblem(
  value: string,
  label: string,
  opts: { singleLine?: boolean } = {},
): string | undefined {
  const control = CONTROL.exec(value) ?? (opts.singleLine ? LINE_BREAK_OR_TAB.exec(value) : null);
  if (control)
    return `${label} contains a control character (${codePoint(control[0])})${opts.singleLine ? ' and must be one line' : ''}. Type it again rather than pasting it.`;
  const bidi = BIDI_CONTROL.exec(value);
  if (bidi)
    return `${label} contains an invisible text-direction character (${codePoint(bidi[0])}) that can make it read differently from what it says. Type it again rather than pasting it.`;
  if (LONE_SURROGATE.test(value))
    return `${label} contains a broken character (half of an emoji or other symbol). Type it again rather than pasting it.`;
  return undefined;
}

const refuseBadText =
  (label: string, opts: { singleLine?: boolean } = {}) =>
  (value: string, ctx: z.RefinementCtx) => {
    const problem = textProblem(value, label, opts);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  };

/** A name: one line of text a person can read as it is. */
const nameText = (max: number, label: string) =>
  z
    .string()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be ${max} characters or fewer.`)
    .superRefine(refuseBadText(label, { singleLine: true }));

/**
 * User text for display beside other text (a card, a tab, a PDF): wrapped in FSI…PDI (U+2068, U+2069) so a
 * right-to-left name cannot reorder the words around it, with any direction controls inside taken out so that
 * none can end the isolation early.
 */
export const isolateBidi = (value: string): string => `\u2068${value.replace(BIDI_CONTROLS, '')}\u2069`;

export const PartnerSchema = z.object({
  id: z.string().min(1).max(64),
  name: nameText(200, "The partner agency's name"),
  sector: SectorSchema,
  owesQuarterlyReturns: z.boolean(),
});
export type Partner = z.infer<typeof PartnerSchema>;

export const PersonSchema = z.object({
  /** Entra object id (oid); demo personas use stable fictional ids. */
  id: z.string().min(1).max(64),
  displayName: nameText(200, "The person's display name"),
  email: z.string().email().max(320),
  jobTitle: z
    .string()
    .max(200)
    .superRefine(refuseBadText('The job title', { singleLine: true }))
    .optional(),
  partnerId: z.string().min(1).max(64),
  roles: z.array(RoleSchema).min(1),
});
export type Person = z.infer<typeof PersonSchema>;

/**
 * Reference numbers look like PRV-2026-0001: unique, monotonic per year. At most nine digits (a billion concerns a
 * year), so a reference always fits a list column and an audit target.
 */
export const ReferenceSchema = z
  .string()
  .regex(/^PRV-\d{4}-\d{4,9}$/, 'A concern reference looks like PRV-2026-0001.');

/** ISO 8601 timestamp with offset, e.g. 2026-11-24T09:30:00.000Z. */
export const TimestampSchema = z.string().datetime({ offset: true });
/** Calendar date, e.g. 2026-11-24. */
export const DateOnlySchema = z.string().date('Use a date like 2026-11-24.');

/** "Choose the ideology category: a, b or c." — enum messages a person (or a developer) can act on. */
export const chooseFrom = (what: string, values: readonly string[]) =>
  `Choose ${what}: ${values.length > 1 ? `${values.slice(0, -1).join(', ')} or ${values.at(-1)}` : values[0]}.`;

/**
 * Free text for narrative fields: trimmed, bounded so one concern stays well inside a SharePoint item, and
 * refused if it holds what is not plain text (see textProblem; tabs and line breaks are fine).
 */
export const text = (max: number, label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be ${max} characters or fewer.`)
    .superRefine(refuseBadText(label));

export const optionalText = (max: number, label: string) =>
  z
    .string()
    .trim()
    .max(max, `${label} must be ${max} characters or fewer.`)
    .superRefine(refuseBadText(label))
    .optional();

/**
 * How deeply arrays and objects may nest in a request body: far more than any form of the hub needs, far less
 * than would exhaust the stack of recursive validation or JSON.stringify (about 2,000 levels).
 */
export const MAX_JSON_DEPTH = 32;

/** Whether a parsed JSON value nests arrays and objects more than `max` levels deep (iterative, so any depth is safe). */
export function jsonDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (v === null || typeof v !== 'object') continue;
    if (depth > max) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) stack.push([child, depth + 1]);
  }
  return false;
}

/** An object of any JSON values, nested at most `max` levels deep: checked before zod's recursive JSON walks it. */
export const boundedJsonRecord = (max: number, label: string) =>
  z
    .unknown()
    .refine((v) => !jsonDeeperThan(v, max), {
      message: `${label} are nested more than ${max} levels deep; no form of the hub needs that many.`,
      abort: true,
    })
    .pipe(z.record(z.string(), z.json()));
