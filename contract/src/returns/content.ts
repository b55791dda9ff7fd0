/**
 * What a partner's return holds, and the checks it must pass. The schemas check shape and limits (a draft is
 * saved with these only, so nothing typed is refused for being unfinished); `returnProblems` checks it against
 * its template and, for a submission, that it is complete and its totals agree with their parts. Both give
 * field-level messages a person can act on, with paths from the request body (`content.training.0.total`).
 */
import { z } from 'zod';
import { optionalText, text, type Sector } from '../kernel/common';
import { strictFields } from './fields';
import { ReturnLimits, sectionsFor, type ReturnTemplate } from './template';

const { maxCount, narrativeChars, actionChars, actionsPerSection, risks, riskChars } = ReturnLimits;

const COUNT_RULE = `a whole number from 0 to ${maxCount.toLocaleString('en-GB')}`;

/** A count of people: whole, not negative, bounded. The message names the box. */
export const countSchema = (label: string) =>
  z
    .number({ error: `${label} must be a number (${COUNT_RULE}).` })
    .int({ error: `${label} must be a whole number: people are counted in ones, not fractions.` })
    .min(0, { error: `${label} cannot be negative.` })
    .max(maxCount, { error: `${label} must be ${maxCount.toLocaleString('en-GB')} or fewer.` })
    .describe(`${label}: ${COUNT_RULE}.`);

const templateKey = z.string().min(1).max(48, 'A key from the template has at most 48 characters.');

export const RagSchema = z.enum(['red', 'amber', 'green']);
export type Rag = z.infer<typeof RagSchema>;
/** RAG in words too, so no tab or export tells it by colour alone. */
export const RAG_LABELS: Record<Rag, string> = {
  red: 'Red: off track',
  amber: 'Amber: at risk',
  green: 'Green: on track',
};

export const TrainingRowSchema = strictFields('A training row', {
  /** A staff group key of the return's template. */
  staffGroup: templateKey,
  /** People trained this quarter, per training level key of the template. */
  counts: z.record(templateKey, countSchema('The number trained')).default({}),
  /** The row's total over its levels (required on submission; must equal their sum). */
  total: countSchema('The total trained in this staff group').optional(),
  /** Staff in this group who need Prevent training (for the completion rate). */
  staffInScope: countSchema('The staff in scope').optional(),
  /** Of those, how many are trained to the level they need, up to the end of the quarter. */
  trainedToDate: countSchema('The staff trained to date').optional(),
});
export type TrainingRow = z.infer<typeof TrainingRowSchema>;

export const ReferralsSchema = strictFields('The referrals', {
  /** Prevent referrals the partner made this quarter, per age band key of the template. */
  byAgeBand: z.record(templateKey, countSchema('The number of referrals')).default({}),
  /** Required on submission; must equal the sum of the age bands. */
  total: countSchema('The total number of referrals').optional(),
});

export const SectionProgressSchema = strictFields('A delivery-plan section', {
  /** A delivery-plan section key of the template that applies to the partner's sector. */
  section: templateKey,
  /** Required on submission for every section that applies. */
  rag: RagSchema.optional(),
  /** What happened this quarter; required when the section is amber or red. */
  narrative: optionalText(narrativeChars, 'The narrative').describe(
    `At most ${narrativeChars} characters; required when the section is amber or red.`,
  ),
  /** The delivery-plan actions this progress covers (e.g. "SG2: train all frontline staff"). */
  actions: z
    .array(text(actionChars, 'An action'))
    .max(actionsPerSection, `List at most ${actionsPerSection} actions per section.`)
    .default([])
    .describe(`At most ${actionsPerSection} actions of at most ${actionChars} characters each.`),
});
export type SectionProgress = z.infer<typeof SectionProgressSchema>;

export const RiskSchema = strictFields('A risk or issue', {
  kind: z.enum(['risk', 'issue'], { error: 'Say whether this is a risk or an issue.' }),
  description: text(riskChars, 'The description').describe(`At most ${riskChars} characters.`),
  mitigation: optionalText(riskChars, 'The mitigation').describe(`At most ${riskChars} characters.`),
});

export const ReturnContentSchema = strictFields('A return', {
  training: z.array(TrainingRowSchema).max(40, 'A return has at most 40 staff groups.').default([]),
  /** All people trained this quarter (required on submission; must equal the sum of the rows' totals). */
  trainingTotal: countSchema('The total trained').optional(),
  referrals: ReferralsSchema.default({ byAgeBand: {} }),
  sections: z.array(SectionProgressSchema).max(20, 'A return has at most 20 sections.').default([]),
  risks: z.array(RiskSchema).max(risks, `List at most ${risks} risks and issues.`).default([]),
  goodPractice: optionalText(narrativeChars, 'Good practice').describe(
    `At most ${narrativeChars} characters.`,
  ),
  priorities: optionalText(narrativeChars, 'The priorities for next quarter').describe(
    `At most ${narrativeChars} characters.`,
  ),
});
/** What a client sends (every part may be left out while it is a draft). */
export type ReturnContentInput = z.input<typeof ReturnContentSchema>;
export type ReturnContent = z.output<typeof ReturnContentSchema>;

export const emptyReturnContent = (): ReturnContent => ReturnContentSchema.parse({});

export interface FieldProblem {
  path: string;
  message: string;
}

const sum = (values: Iterable<number>) => {
  let total = 0;
  for (const v of values) total += v;
  return total;
};

/** The totals of a return, computed from its parts (whatever totals it states). */
export function returnTotals(content: ReturnContent) {
  const byStaffGroup: Record<string, number> = {};
  const byLevel: Record<string, number> = {};
  for (const row of content.training) {
    byStaffGroup[row.staffGroup] = (byStaffGroup[row.staffGroup] ?? 0) + sum(Object.values(row.counts));
    for (const [level, n] of Object.entries(row.counts)) byLevel[level] = (byLevel[level] ?? 0) + n;
  }
  return {
    byStaffGroup,
    byLevel,
    trained: sum(Object.values(byStaffGroup)),
    referrals: sum(Object.values(content.referrals.byAgeBand)),
  };
}
export type ReturnTotals = ReturnType<typeof returnTotals>;

/**
 * What is wrong with this return for its template and the partner's sector: always, keys the template does not
 * have and repeats; for a submission also what is missing, narratives that amber or red needs, and totals that
 * disagree with their parts. Paths start at `prefix` (the request body's field holding the content).
 */
export function returnProblems(
  template: ReturnTemplate,
  sector: Sector,
  content: ReturnContent,
  opts: { forSubmission: boolean; prefix?: string },
): FieldProblem[] {
  const p = opts.prefix ?? 'content';
  const out: FieldProblem[] = [];
  const add = (path: string, message: string) => out.push({ path: `${p}.${path}`, message });
  const groups = new Map(template.staffGroups.map((g) => [g.key, g.label]));
  const levels = new Map(template.trainingLevels.map((l) => [l.key, l.label]));
  const bands = new Map(template.ageBands.map((b) => [b.key, b.label]));
  const applicable = sectionsFor(template, sector);
  const sectionLabels = new Map(applicable.map((s) => [s.key as string, s.label]));
  const all = new Map(template.sections.map((s) => [s.key as string, s.label]));
  const version = `version ${template.version} of the return`;

  const seenGroups = new Set<string>();
  content.training.forEach((row, i) => {
    const name = groups.get(row.staffGroup);
    if (!name) {
      add(
        `training.${i}.staffGroup`,
        `"${row.staffGroup}" is not a staff group of ${version}: choose one from the list.`,
      );
      return;
    }
    if (seenGroups.has(row.staffGroup))
      add(`training.${i}.staffGroup`, `${name} is listed twice: put its figures in one row.`);
    seenGroups.add(row.staffGroup);
    for (const level of Object.keys(row.counts))
      if (!levels.has(level))
        add(`training.${i}.counts.${level}`, `"${level}" is not a training level of ${version}.`);
    if (!opts.forSubmission) return;
    const parts = sum(Object.values(row.counts));
    if (row.total === undefined) add(`training.${i}.total`, `Give the total trained for ${name}.`);
    else if (row.total !== parts)
      add(
        `training.${i}.total`,
        `${name}: the total is ${row.total} but the training levels add up to ${parts}.`,
      );
    if ((row.staffInScope === undefined) !== (row.trainedToDate === undefined))
      add(
        `training.${i}.${row.staffInScope === undefined ? 'staffInScope' : 'trainedToDate'}`,
        `${name}: give both the staff in scope and the staff trained to date, or neither.`,
      );
    else if (row.staffInScope !== undefined && row.trainedToDate! > row.staffInScope)
      add(
        `training.${i}.trainedToDate`,
        `${name}: ${row.trainedToDate} trained to date is more than the ${row.staffInScope} staff in scope.`,
      );
  });
  for (const band of Object.keys(content.referrals.byAgeBand))
    if (!bands.has(band)) add(`referrals.byAgeBand.${band}`, `"${band}" is not an age band of ${version}.`);

  const seenSections = new Set<string>();
  content.sections.forEach((s, i) => {
    const name = sectionLabels.get(s.section);
    if (!name) {
      add(
        `sections.${i}.section`,
        all.has(s.section)
          ? `${all.get(s.section)} does not apply to your agency's sector: leave it out.`
          : `"${s.section}" is not a delivery-plan section of ${version}.`,
      );
      return;
    }
    if (seenSections.has(s.section)) add(`sections.${i}.section`, `${name} is listed twice.`);
    seenSections.add(s.section);
    if (!opts.forSubmission) return;
    if (!s.rag) add(`sections.${i}.rag`, `Choose red, amber or green for ${name}.`);
    else if (s.rag !== 'green' && !s.narrative)
      add(`sections.${i}.narrative`, `${name} is ${s.rag}: say what is behind it and what is being done.`);
  });
  if (!opts.forSubmission) return out;

  for (const s of applicable)
    if (!seenSections.has(s.key))
      add('sections', `Report on ${s.label}: choose red, amber or green and say how it is going.`);
  const rowTotals = sum(content.training.map((r) => sum(Object.values(r.counts))));
  if (content.trainingTotal === undefined) add('trainingTotal', 'Give the total number of people trained.');
  else if (content.trainingTotal !== rowTotals)
    add(
      'trainingTotal',
      `The total trained is ${content.trainingTotal} but the staff groups add up to ${rowTotals}.`,
    );
  const referrals = sum(Object.values(content.referrals.byAgeBand));
  if (content.referrals.total === undefined)
    add('referrals.total', 'Give the total number of referrals (0 if there were none).');
  else if (content.referrals.total !== referrals)
    add(
      'referrals.total',
      `The total is ${content.referrals.total} but the age bands add up to ${referrals}.`,
    );
  return out;
}
