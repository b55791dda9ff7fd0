/** Return fixtures the service-level returns tests share. */
import { QUARTERLY_RETURN_V1, sectionsFor, type ReturnContentInput } from '@pph/contract';

/** A complete return for the demo's further-education college (its author is PERSONA_IDS.returnAuthor). */
export const collegeContent = (): ReturnContentInput => ({
  training: [{ staffGroup: 'education', counts: { awareness: 88 }, total: 88 }],
  trainingTotal: 88,
  referrals: { byAgeBand: { '14-17': 6 }, total: 6 },
  sections: sectionsFor(QUARTERLY_RETURN_V1, 'further-education').map((s) => ({
    section: s.key,
    rag: 'green' as const,
  })),
});
