/**
 * What a return may hold: whole non-negative counts, bounded text, a narrative when a section is amber or red,
 * totals that agree with their parts, and only the fields and keys its template has. Every refusal names the
 * field and says what to change.
 */
import {
  QUARTERLY_RETURN_V1,
  ReturnContentSchema,
  ReturnTemplateSchema,
  SaveReturnDraftRequestSchema,
  returnProblems,
  sectionsFor,
  type ReturnContentInput,
} from '@pph/contract';

const errors = (input: unknown) => {
  const r = SaveReturnDraftRequestSchema.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

const complete = (over: Partial<ReturnContentInput> = {}): ReturnContentInput => ({
  training: [
    {
      staffGroup: 'social-care',
      counts: { awareness: 153 },
      total: 153,
      staffInScope: 180,
      trainedToDate: 153,
    },
  ],
  trainingTotal: 153,
  referrals: { byAgeBand: { '14-17': 6 }, total: 6 },
  sections: sectionsFor(QUARTERLY_RETURN_V1, 'local-authority').map((s) => ({
    section: s.key,
    rag: 'green' as const,
  })),
  ...over,
});

const problems = (content: ReturnContentInput, forSubmission = true) =>
  returnProblems(QUARTERLY_RETURN_V1, 'local-authority', ReturnContentSchema.parse(content), {
    forSubmission,
  });

describe('counts', () => {
  it.each([
    [-1, 'cannot be negative'],
    [2.5, 'whole number'],
    ['12', 'must be a number'],
    [100_001, '100,000 or fewer'],
  ])('refuses %p at the field', (value, says) => {
    const e = errors({ content: { training: [{ staffGroup: 'housing', counts: { awareness: value } }] } });
    expect(e).toHaveLength(1);
    expect(e[0]!.path).toBe('content.training.0.counts.awareness');
    expect(e[0]!.message).toContain(says);
  });

  it('states its limits in the field description, for labels', () => {
    expect(ReturnContentSchema.shape.trainingTotal.unwrap().description).toBe(
      'The total trained: a whole number from 0 to 100,000.',
    );
  });
});

describe('narratives', () => {
  it('refuses a narrative of 200 KB at the section, saying the limit', () => {
    const e = errors({
      content: { sections: [{ section: 'safeguarding', rag: 'red', narrative: 'x'.repeat(200 * 1024) }] },
    });
    expect(e).toEqual([
      { path: 'content.sections.0.narrative', message: 'The narrative must be 4000 characters or fewer.' },
    ]);
  });

  it('requires a narrative when a section is amber or red, on submission only', () => {
    const content = complete({
      sections: complete().sections!.map((s) =>
        s.section === 'safeguarding' ? { ...s, rag: 'amber' as const } : s,
      ),
    });
    expect(problems(content, false)).toEqual([]);
    expect(problems(content)).toEqual([
      {
        path: 'content.sections.0.narrative',
        message: 'Safeguarding is amber: say what is behind it and what is being done.',
      },
    ]);
  });
});

describe('totals agree with their parts', () => {
  it('a complete return has no problems', () => expect(problems(complete())).toEqual([]));

  it('names the row, the total given and what the parts add up to', () => {
    const content = complete({
      training: [{ staffGroup: 'social-care', counts: { awareness: 150, workshop: 3 }, total: 150 }],
      trainingTotal: 150,
      referrals: { byAgeBand: { '14-17': 6, '18-24': 1 }, total: 6 },
    });
    expect(problems(content)).toEqual([
      {
        path: 'content.training.0.total',
        message: 'Social care staff: the total is 150 but the training levels add up to 153.',
      },
      {
        path: 'content.trainingTotal',
        message: 'The total trained is 150 but the staff groups add up to 153.',
      },
      { path: 'content.referrals.total', message: 'The total is 6 but the age bands add up to 7.' },
    ]);
  });

  it('refuses more trained to date than staff in scope', () => {
    const content = complete({
      training: [
        {
          staffGroup: 'social-care',
          counts: { awareness: 153 },
          total: 153,
          staffInScope: 100,
          trainedToDate: 153,
        },
      ],
    });
    expect(problems(content).map((p) => p.path)).toEqual(['content.training.0.trainedToDate']);
  });

  it('asks for every section that applies to the sector, and for no other', () => {
    const content = complete({ sections: [{ section: 'health', rag: 'green' }] });
    const found = problems(content);
    expect(found[0]).toEqual({
      path: 'content.sections.0.section',
      message: "Health does not apply to your agency's sector: leave it out.",
    });
    expect(found.filter((p) => p.path === 'content.sections')).toHaveLength(5);
  });
});

describe('unknown fields and keys', () => {
  it('refuses a field the return does not have, by name', () => {
    expect(errors({ content: { trainning: [] } })).toEqual([
      {
        path: 'content',
        message: 'A return has no field "trainning": leave it out (or check the template version).',
      },
    ]);
  });

  it('refuses a staff group, level or age band its template version does not have', () => {
    const content = complete({
      training: [
        { staffGroup: 'astronauts', counts: { awareness: 5 } },
        { staffGroup: 'housing', counts: { advanced: 5 } },
      ],
      referrals: { byAgeBand: { '90-plus': 1 } },
    });
    expect(problems(content, false)).toEqual([
      {
        path: 'content.training.0.staffGroup',
        message: '"astronauts" is not a staff group of version 1 of the return: choose one from the list.',
      },
      {
        path: 'content.training.1.counts.advanced',
        message: '"advanced" is not a training level of version 1 of the return.',
      },
      {
        path: 'content.referrals.byAgeBand.90-plus',
        message: '"90-plus" is not an age band of version 1 of the return.',
      },
    ]);
  });

  it('refuses a template with an unknown field, naming it', () => {
    const r = ReturnTemplateSchema.safeParse({
      ...QUARTERLY_RETURN_V1,
      sections: [{ ...QUARTERLY_RETURN_V1.sections[0]!, weight: 2 }],
    });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      [
        'sections.0',
        'A template section has no field "weight": leave it out (or check the template version).',
      ],
    ]);
  });

  it('the template as published is valid, its keys unique and every sector has the partnership sections', () => {
    expect(ReturnTemplateSchema.parse(QUARTERLY_RETURN_V1)).toEqual(QUARTERLY_RETURN_V1);
    expect(sectionsFor(QUARTERLY_RETURN_V1, 'police').map((s) => s.key)).toEqual([
      'safeguarding',
      'case-management',
      'community-resilience',
    ]);
    expect(sectionsFor(QUARTERLY_RETURN_V1, 'further-education').map((s) => s.key)).toContain(
      'further-higher-education',
    );
  });
});
