import { DEFAULT_ROUTE } from '@pph/functions/concerns/routes/default-route';
import { concernFacts } from '@pph/functions/concerns/facts';
import type { ConcernRecord } from '@pph/functions/concerns/repository';
import * as engine from '@pph/functions/concerns/workflow/engine';

describe('concern facts', () => {
  it('carry who raised the concern, the route and the state, and never read the referral form', () => {
    const { state } = engine.startWorkflow(
      DEFAULT_ROUTE,
      { reference: 'PRV-2026-0007', referrerId: 'referrer' },
      new Date('2026-11-23T10:00:00Z'),
      { id: 'referrer', name: 'Referrer' },
    );
    const record = {
      reference: 'PRV-2026-0007',
      referrerId: 'referrer',
      referrerPartnerId: 'partner-1',
      state,
      // Work queues and the relay build facts for many concerns: the intake (parsed lazily) must stay unread.
      get intake(): ConcernRecord['intake'] {
        throw new Error('the referral form was read');
      },
    };
    expect(concernFacts(record, DEFAULT_ROUTE)).toEqual({
      reference: 'PRV-2026-0007',
      referrerId: 'referrer',
      referrerPartnerId: 'partner-1',
      route: DEFAULT_ROUTE,
      state,
    });
  });
});
