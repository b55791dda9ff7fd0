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

export const PartnerSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(200),
  sector: SectorSchema,
  owesQuarterlyReturns: z.boolean(),
});
export type Partner = z.infer<typeof PartnerSchema>;

export const PersonSchema = z.object({
  /** Entra object id (oid); demo personas use stable fictional ids. */
  id: z.string().min(1).max(64),
  displayName: z.string().min(1).max(200),
  email: z.string().email().max(320),
  jobTitle: z.string().max(200).optional(),
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

/** Free text for narrative fields: trimmed, bounded so one concern stays well inside a SharePoint item. */
export const text = (max: number, label: string) =>
  z
    .string({ error: `${label} is required.` })
    .trim()
    .min(1, `${label} is required.`)
    .max(max, `${label} must be ${max} characters or fewer.`);

export const optionalText = (max: number, label: string) =>
  z.string().trim().max(max, `${label} must be ${max} characters or fewer.`).optional();

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
