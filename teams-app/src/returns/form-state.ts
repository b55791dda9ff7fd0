/**
 * A return as the author types it, and the content the hub takes. The form holds what was typed (text, even a
 * "2.5" in a count box); `contentFromForm` turns it into content that passes the contract's schema, leaving out
 * each answer that does not and giving its message at that field, so a draft is saved as it is typed and nothing
 * typed is lost. The hub's field errors (paths into the content) are put back on the field they came from.
 */
import {
  ReturnContentSchema,
  ReturnLimits,
  countSchema,
  optionalText,
  returnProblems,
  text,
  type Rag,
  type ReturnContent,
  type ReturnContentInput,
  type ReturnTemplate,
  type Sector,
} from '@pph/contract';

export interface TrainingForm {
  counts: Record<string, string>;
  total: string;
  staffInScope: string;
  trainedToDate: string;
}
export interface SectionForm {
  rag: Rag | '';
  narrative: string;
  /** One action per line. */
  actions: string;
}
export interface RiskForm {
  id: string;
  kind: 'risk' | 'issue';
  description: string;
  mitigation: string;
}
export interface ReturnForm {
  training: Record<string, TrainingForm>;
  trainingTotal: string;
  referrals: { byAgeBand: Record<string, string>; total: string };
  sections: Record<string, SectionForm>;
  risks: RiskForm[];
  goodPractice: string;
  priorities: string;
}

export interface Section {
  key: string;
  label: string;
}

/** The form's field ids: one per box, named like the content's paths but by key, not by position. */
export const field = {
  count: (group: string, level: string) => `training.${group}.counts.${level}`,
  rowTotal: (group: string) => `training.${group}.total`,
  staffInScope: (group: string) => `training.${group}.staffInScope`,
  trainedToDate: (group: string) => `training.${group}.trainedToDate`,
  trainingTotal: 'trainingTotal',
  band: (band: string) => `referrals.byAgeBand.${band}`,
  referralsTotal: 'referrals.total',
  rag: (section: string) => `sections.${section}.rag`,
  narrative: (section: string) => `sections.${section}.narrative`,
  actions: (section: string) => `sections.${section}.actions`,
  riskKind: (id: string) => `risks.${id}.kind`,
  riskDescription: (id: string) => `risks.${id}.description`,
  riskMitigation: (id: string) => `risks.${id}.mitigation`,
  risks: 'risks',
  goodPractice: 'goodPractice',
  priorities: 'priorities',
} as const;

/** A DOM id for a field id (ids of the form hold dots and keys). */
export const domId = (fieldId: string) => `f-${fieldId.replace(/[^A-Za-z0-9_-]/g, '_')}`;

const str = (n: number | undefined) => (n === undefined ? '' : String(n));
let riskSeq = 0;
export const newRiskId = () => `r${Date.now().toString(36)}${(riskSeq++).toString(36)}`;

export function formFromContent(
  template: ReturnTemplate,
  sections: Section[],
  content?: ReturnContent,
): ReturnForm {
  const rows = new Map((content?.training ?? []).map((r) => [r.staffGroup, r]));
  const progress = new Map((content?.sections ?? []).map((s) => [s.section, s]));
  return {
    training: Object.fromEntries(
      template.staffGroups.map((g) => {
        const row = rows.get(g.key);
        return [
          g.key,
          {
            counts: Object.fromEntries(template.trainingLevels.map((l) => [l.key, str(row?.counts[l.key])])),
            total: str(row?.total),
            staffInScope: str(row?.staffInScope),
            trainedToDate: str(row?.trainedToDate),
          },
        ];
      }),
    ),
    trainingTotal: str(content?.trainingTotal),
    referrals: {
      byAgeBand: Object.fromEntries(
        template.ageBands.map((b) => [b.key, str(content?.referrals.byAgeBand[b.key])]),
      ),
      total: str(content?.referrals.total),
    },
    sections: Object.fromEntries(
      sections.map((s) => {
        const p = progress.get(s.key);
        return [
          s.key,
          { rag: p?.rag ?? '', narrative: p?.narrative ?? '', actions: (p?.actions ?? []).join('\n') },
        ];
      }),
    ),
    risks: (content?.risks ?? []).map((r) => ({
      id: newRiskId(),
      kind: r.kind,
      description: r.description,
      mitigation: r.mitigation ?? '',
    })),
    goodPractice: content?.goodPractice ?? '',
    priorities: content?.priorities ?? '',
  };
}

/**
 * A form kept in this browser, laid back over the template's boxes: only boxes the template still has, only
 * text, so a copy from an older template or a damaged one can never break the form.
 */
export function restoreForm(template: ReturnTemplate, sections: Section[], saved: unknown): ReturnForm {
  const base = formFromContent(template, sections);
  const obj = (v: unknown): Record<string, unknown> =>
    typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const s = (v: unknown, fallback: string) => (typeof v === 'string' ? v : fallback);
  const from = obj(saved);
  const training = obj(from.training);
  const referrals = obj(from.referrals);
  const bands = obj(referrals.byAgeBand);
  const progress = obj(from.sections);
  return {
    training: Object.fromEntries(
      Object.entries(base.training).map(([k, row]) => {
        const t = obj(training[k]);
        const counts = obj(t.counts);
        return [
          k,
          {
            counts: Object.fromEntries(Object.entries(row.counts).map(([l, v]) => [l, s(counts[l], v)])),
            total: s(t.total, row.total),
            staffInScope: s(t.staffInScope, row.staffInScope),
            trainedToDate: s(t.trainedToDate, row.trainedToDate),
          },
        ];
      }),
    ),
    trainingTotal: s(from.trainingTotal, base.trainingTotal),
    referrals: {
      byAgeBand: Object.fromEntries(
        Object.entries(base.referrals.byAgeBand).map(([b, v]) => [b, s(bands[b], v)]),
      ),
      total: s(referrals.total, base.referrals.total),
    },
    sections: Object.fromEntries(
      Object.entries(base.sections).map(([k, v]) => {
        const p = obj(progress[k]);
        const rag = p.rag === 'red' || p.rag === 'amber' || p.rag === 'green' ? p.rag : v.rag;
        return [k, { rag, narrative: s(p.narrative, v.narrative), actions: s(p.actions, v.actions) }];
      }),
    ),
    risks: (Array.isArray(from.risks) ? from.risks : []).map((x) => {
      const r = obj(x);
      return {
        id: newRiskId(),
        kind: r.kind === 'issue' ? 'issue' : 'risk',
        description: s(r.description, ''),
        mitigation: s(r.mitigation, ''),
      };
    }),
    goodPractice: s(from.goodPractice, base.goodPractice),
    priorities: s(from.priorities, base.priorities),
  };
}

export interface Built {
  /** Passes ReturnContentSchema: the answers that do not are left out (and named in `errors`). */
  content: ReturnContentInput;
  /** Field id → message, for answers left out. */
  errors: Record<string, string>;
  /** The form field a path of the hub's (`content.training.0.total`) names, if any. */
  fieldOf: (path: string) => string | undefined;
}

type Check<T> = { success: true; data: T } | { success: false; error: { issues: { message: string }[] } };
const message = (r: Check<unknown>) => (r.success ? '' : r.error.issues.map((i) => i.message).join(' '));

export function contentFromForm(template: ReturnTemplate, sections: Section[], form: ReturnForm): Built {
  const errors: Record<string, string> = {};
  const paths = new Map<string, string>();
  const count = (raw: string | undefined, id: string, label: string): number | undefined => {
    const v = (raw ?? '').trim();
    if (v === '') return undefined;
    const parsed = countSchema(label).safeParse(/^[+-]?(\d+\.?\d*|\.\d+)$/.test(v) ? Number(v) : Number.NaN);
    if (parsed.success) return parsed.data;
    errors[id] = message(parsed);
    return undefined;
  };
  const prose = (raw: string, id: string, max: number, label: string): string | undefined => {
    const parsed = optionalText(max, label).safeParse(raw);
    if (!parsed.success) {
      errors[id] = message(parsed);
      return undefined;
    }
    return parsed.data ? parsed.data : undefined;
  };

  const training: NonNullable<ReturnContentInput['training']> = [];
  for (const g of template.staffGroups) {
    const f = form.training[g.key];
    if (!f) continue;
    const counts: Record<string, number> = {};
    for (const l of template.trainingLevels) {
      const n = count(f.counts[l.key], field.count(g.key, l.key), `${g.label}, ${l.label}`);
      if (n !== undefined) counts[l.key] = n;
    }
    const total = count(f.total, field.rowTotal(g.key), `${g.label}: the total`);
    const staffInScope = count(f.staffInScope, field.staffInScope(g.key), `${g.label}: the staff in scope`);
    const trainedToDate = count(
      f.trainedToDate,
      field.trainedToDate(g.key),
      `${g.label}: the staff trained to date`,
    );
    const typed = [...Object.values(f.counts), f.total, f.staffInScope, f.trainedToDate].some((v) =>
      v.trim(),
    );
    if (!typed) continue;
    const i = training.length;
    paths.set(`training.${i}.staffGroup`, field.rowTotal(g.key));
    paths.set(`training.${i}.total`, field.rowTotal(g.key));
    paths.set(`training.${i}.staffInScope`, field.staffInScope(g.key));
    paths.set(`training.${i}.trainedToDate`, field.trainedToDate(g.key));
    for (const l of template.trainingLevels)
      paths.set(`training.${i}.counts.${l.key}`, field.count(g.key, l.key));
    training.push({
      staffGroup: g.key,
      counts,
      ...(total !== undefined ? { total } : {}),
      ...(staffInScope !== undefined ? { staffInScope } : {}),
      ...(trainedToDate !== undefined ? { trainedToDate } : {}),
    });
  }
  const trainingTotal = count(form.trainingTotal, field.trainingTotal, 'The total trained');
  paths.set('trainingTotal', field.trainingTotal);

  const byAgeBand: Record<string, number> = {};
  for (const b of template.ageBands) {
    const n = count(form.referrals.byAgeBand[b.key], field.band(b.key), `Referrals, ${b.label}`);
    if (n !== undefined) byAgeBand[b.key] = n;
    paths.set(`referrals.byAgeBand.${b.key}`, field.band(b.key));
  }
  const referralsTotal = count(form.referrals.total, field.referralsTotal, 'The total number of referrals');
  paths.set('referrals.total', field.referralsTotal);

  const progress: NonNullable<ReturnContentInput['sections']> = sections.map((s, i) => {
    const f = form.sections[s.key] ?? { rag: '', narrative: '', actions: '' };
    paths.set(`sections.${i}.section`, field.rag(s.key));
    paths.set(`sections.${i}.rag`, field.rag(s.key));
    paths.set(`sections.${i}.narrative`, field.narrative(s.key));
    paths.set(`sections.${i}.actions`, field.actions(s.key));
    const narrative = prose(
      f.narrative,
      field.narrative(s.key),
      ReturnLimits.narrativeChars,
      `The narrative for ${s.label}`,
    );
    const lines = f.actions
      .split('\n')
      .map((a) => a.trim())
      .filter(Boolean);
    const actions: string[] = [];
    const problems: string[] = [];
    for (const line of lines.slice(0, ReturnLimits.actionsPerSection)) {
      const parsed = text(ReturnLimits.actionChars, `An action of ${s.label}`).safeParse(line);
      if (parsed.success) actions.push(parsed.data);
      else problems.push(message(parsed));
    }
    if (lines.length > ReturnLimits.actionsPerSection)
      problems.push(`List at most ${ReturnLimits.actionsPerSection} actions per section.`);
    if (problems.length) errors[field.actions(s.key)] = [...new Set(problems)].join(' ');
    return {
      section: s.key,
      ...(f.rag ? { rag: f.rag } : {}),
      ...(narrative !== undefined ? { narrative } : {}),
      actions,
    };
  });

  const risks: NonNullable<ReturnContentInput['risks']> = [];
  for (const r of form.risks) {
    if (!r.description.trim() && !r.mitigation.trim()) continue;
    if (risks.length >= ReturnLimits.risks) {
      errors[field.risks] = `List at most ${ReturnLimits.risks} risks and issues.`;
      break;
    }
    const description = text(ReturnLimits.riskChars, 'The description').safeParse(r.description);
    if (!description.success) {
      errors[field.riskDescription(r.id)] = message(description);
      continue;
    }
    const mitigation = prose(
      r.mitigation,
      field.riskMitigation(r.id),
      ReturnLimits.riskChars,
      'The mitigation',
    );
    const i = risks.length;
    paths.set(`risks.${i}.kind`, field.riskKind(r.id));
    paths.set(`risks.${i}.description`, field.riskDescription(r.id));
    paths.set(`risks.${i}.mitigation`, field.riskMitigation(r.id));
    risks.push({ kind: r.kind, description: description.data, ...(mitigation ? { mitigation } : {}) });
  }
  const goodPractice = prose(
    form.goodPractice,
    field.goodPractice,
    ReturnLimits.narrativeChars,
    'Good practice',
  );
  const priorities = prose(
    form.priorities,
    field.priorities,
    ReturnLimits.narrativeChars,
    'The priorities for next quarter',
  );
  paths.set('goodPractice', field.goodPractice);
  paths.set('priorities', field.priorities);
  paths.set('risks', field.risks);

  const content: ReturnContentInput = {
    training,
    ...(trainingTotal !== undefined ? { trainingTotal } : {}),
    referrals: { byAgeBand, ...(referralsTotal !== undefined ? { total: referralsTotal } : {}) },
    sections: progress,
    risks,
    ...(goodPractice !== undefined ? { goodPractice } : {}),
    ...(priorities !== undefined ? { priorities } : {}),
  };
  const fieldOf = (path: string) => {
    const p = path.startsWith('content.') ? path.slice('content.'.length) : path;
    return paths.get(p) ?? paths.get(p.split('.').slice(0, 3).join('.')) ?? paths.get(p.split('.')[0]!);
  };
  return { content, errors, fieldOf };
}

/** What stops the return being submitted, by field (the contract's own check, as the hub runs it). */
export function submissionProblems(
  template: ReturnTemplate,
  sector: Sector,
  built: Built,
): { byField: Record<string, string>; list: { field?: string; message: string }[] } {
  const byField: Record<string, string> = { ...built.errors };
  const list: { field?: string; message: string }[] = Object.entries(built.errors).map(([f, message]) => ({
    field: f,
    message,
  }));
  const parsed = ReturnContentSchema.safeParse(built.content);
  if (!parsed.success) {
    for (const i of parsed.error.issues) list.push({ message: i.message });
    return { byField, list };
  }
  for (const p of returnProblems(template, sector, parsed.data, { forSubmission: true, prefix: 'content' })) {
    const f = built.fieldOf(p.path);
    if (f) byField[f] = byField[f] ? `${byField[f]} ${p.message}` : p.message;
    list.push({ ...(f ? { field: f } : {}), message: p.message });
  }
  return { byField, list };
}

/** Sums of what is typed (valid counts only), shown beside the totals the author types. */
export function typedSums(template: ReturnTemplate, form: ReturnForm) {
  const n = (v: string | undefined) => (/^\d+$/.test((v ?? '').trim()) ? Number(v) : 0);
  const rows: Record<string, number> = {};
  let all = 0;
  for (const g of template.staffGroups) {
    const f = form.training[g.key];
    rows[g.key] = f ? template.trainingLevels.reduce((s, l) => s + n(f.counts[l.key]), 0) : 0;
    all += rows[g.key]!;
  }
  const referrals = template.ageBands.reduce((s, b) => s + n(form.referrals.byAgeBand[b.key]), 0);
  return { rows, all, referrals };
}
