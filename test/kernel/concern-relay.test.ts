/** The concerns' relay source: who holds a role is read afresh once its last read has served its while. */
import { ApiPaths } from '@pph/contract';
import { DIRECTORY_READ_SERVES_MS } from '@pph/functions/concerns/relay-source';
import { PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { submission } from '../support/concerns';

let hub: TestHub;
beforeEach(async () => {
  hub = await startTestHub();
  await hub.runTimersOnce();
});
afterEach(async () => hub.close());

it('a safeguarding lead added to the directory gets the next concern’s card once the last read has served', async () => {
  const newLead = '00000000-0000-4000-8000-000000000777';
  await hub.hub.directory.upsertPerson({
    id: newLead,
    displayName: 'Noor Example',
    email: 'noor.example@harbourside.example',
    partnerId: 'council',
    roles: ['safeguarding-lead'],
  });
  await new Promise((r) => setTimeout(r, DIRECTORY_READ_SERVES_MS + 100));
  const ref = (await hub.as(PERSONA_IDS.referrer).post(ApiPaths.concerns, submission())).body.reference;
  await hub.runTimersOnce();
  expect(
    hub.calls
      .filter((n) => n.reference === ref && n.type === 'step-assigned')
      .map((n) => n.recipientId)
      .sort(),
  ).toEqual([PERSONA_IDS.safeguardingLead, PERSONA_IDS.deputySafeguardingLead, newLead].sort());
});
