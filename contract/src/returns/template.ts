/**
 * The quarterly return's template, as versioned data: which staff groups, training levels, age bands and
 * delivery-plan sections a return asks about, and the limits every answer keeps to. A return keeps the template
 * version it started on; a published version never changes. Unknown fields are refused (`strict`), so a typo in
 * a template is caught when it is published, not when a return is filed against it.
 */
import { z } from 'zod';
import { SectorSchema, type Sector } from '../kernel/common';
import { strictFields } from './fields';

/** The limits of a return, said once: the schemas use them and labels can say them. */
export const ReturnLimits = {
  /** Largest count in any one box (people trained, referrals): more than any one agency trains in a quarter. */
  maxCount: 100_000,
  /** A section's narrative, risks, good practice, priorities, comments: characters each. */
  narrativeChars: 4_000,
  /** One delivery-plan action the section covers (its reference and title). */
  actionChars: 200,
  actionsPerSection: 20,
  risks: 20,
  riskChars: 1_000,
  comments: 2_000,
} as const;

const key = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,47}$/, 'A key is lower-case letters, digits and hyphens (at most 48).');
const label = z.string().min(1).max(120);

const OptionSchema = strictFields('A template option', {
  key,
  label,
  description: z.string().max(500).optional(),
});
export type TemplateOption = z.infer<typeof OptionSchema>;

export const DeliveryPlanSectionKeySchema = z.enum([
  'safeguarding',
  'case-management',
  'community-resilience',
  'schools-childcare',
  'out-of-school-settings',
  'other-agencies-children',
  'further-higher-education',
  'health',
  'prisons',
  'probation',
]);
export type DeliveryPlanSectionKey = z.infer<typeof DeliveryPlanSectionKeySchema>;

export const TemplateSectionSchema = strictFields('A template section', {
  key: DeliveryPlanSectionKeySchema,
  label,
  /** Which partners report on it: every partner ('all'), or partners of these sectors. */
  appliesTo: z.union([z.literal('all'), z.array(SectorSchema).min(1)]),
});
export type TemplateSection = z.infer<typeof TemplateSectionSchema>;

export const ReturnTemplateRefSchema = z.strictObject({
  id: key,
  version: z.number().int().min(1),
});
export type ReturnTemplateRef = z.infer<typeof ReturnTemplateRefSchema>;

export const ReturnTemplateSchema = strictFields('A return template', {
  id: key,
  version: z.number().int().min(1),
  title: label,
  staffGroups: z.array(OptionSchema).min(1).max(40),
  trainingLevels: z.array(OptionSchema).min(1).max(10),
  ageBands: z.array(OptionSchema).min(1).max(12),
  sections: z.array(TemplateSectionSchema).min(1),
}).superRefine((t, ctx) => {
  for (const list of ['staffGroups', 'trainingLevels', 'ageBands', 'sections'] as const) {
    const seen = new Set<string>();
    t[list].forEach((o, i) => {
      if (seen.has(o.key))
        ctx.addIssue({
          code: 'custom',
          path: [list, i, 'key'],
          message: `The key ${o.key} is used twice.`,
        });
      seen.add(o.key);
    });
  }
});
export type ReturnTemplate = z.infer<typeof ReturnTemplateSchema>;

/** The sections of a template that a partner of this sector reports on. */
export const sectionsFor = (template: ReturnTemplate, sector: Sector): TemplateSection[] =>
  template.sections.filter((s) => s.appliesTo === 'all' || s.appliesTo.includes(sector));

/**
 * Version 1 of the quarterly return. Sections follow a county delivery plan (partnership sections for every
 * partner, then sector sections); training levels follow a Prevent training framework (who needs awareness,
 * who needs more); staff groups are broad enough for every agency of the partnership.
 */
export const QUARTERLY_RETURN_V1: ReturnTemplate = {
  id: 'quarterly-return',
  version: 1,
  title: 'Quarterly Prevent return to the Prevent Board',
  staffGroups: [
    { key: 'social-care', label: 'Social care staff' },
    { key: 'managers', label: 'Service managers and directors' },
    { key: 'frontline', label: 'Frontline and public-facing staff' },
    { key: 'housing', label: 'Housing teams' },
    { key: 'education', label: 'Teaching and education staff' },
    { key: 'health-clinical', label: 'Clinical and health staff' },
    { key: 'police-justice', label: 'Police, probation and justice staff' },
    { key: 'learners', label: 'Learners and students' },
    { key: 'community', label: 'Community groups and volunteers' },
    { key: 'other', label: 'Other staff' },
  ],
  trainingLevels: [
    {
      key: 'awareness',
      label: 'Awareness',
      description: 'E-learning or a briefing: what Prevent is and how to refer.',
    },
    {
      key: 'workshop',
      label: 'Workshop',
      description: 'A facilitated session on spotting and acting on concerns.',
    },
    {
      key: 'specialist',
      label: 'Specialist',
      description: 'For safeguarding leads, Channel members and Prevent leads.',
    },
  ],
  ageBands: [
    { key: 'under-14', label: 'Under 14' },
    { key: '14-17', label: '14 to 17' },
    { key: '18-24', label: '18 to 24' },
    { key: '25-39', label: '25 to 39' },
    { key: '40-plus', label: '40 and over' },
    { key: 'not-known', label: 'Age not known' },
  ],
  sections: [
    { key: 'safeguarding', label: 'Safeguarding', appliesTo: 'all' },
    { key: 'case-management', label: 'Case management', appliesTo: 'all' },
    { key: 'community-resilience', label: 'Community resilience', appliesTo: 'all' },
    {
      key: 'schools-childcare',
      label: 'Schools and registered childcare providers',
      appliesTo: ['schools', 'childcare'],
    },
    {
      key: 'out-of-school-settings',
      label: 'Out-of-school settings (including children missing from education)',
      appliesTo: ['local-authority', 'voluntary'],
    },
    {
      key: 'other-agencies-children',
      label: 'Other agencies and organisations supporting children',
      appliesTo: ['local-authority', 'youth-offending', 'voluntary', 'childcare'],
    },
    {
      key: 'further-higher-education',
      label: 'Further and higher education',
      appliesTo: ['further-education', 'higher-education'],
    },
    { key: 'health', label: 'Health', appliesTo: ['health'] },
    { key: 'prisons', label: 'Prisons', appliesTo: ['prisons'] },
    { key: 'probation', label: 'Probation', appliesTo: ['probation'] },
  ],
};
