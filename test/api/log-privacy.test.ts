/**
 * Logs carry no personal data (DESIGN.md): through a whole submit → decide → deliver run, with a notification
 * that cannot be delivered and a mistyped People row on the way, the hub's real (pino) log output names no
 * persona — not their object id, name or e-mail — and nothing of the concern's subject or story.
 */
import { createLogger, REDACTED_PATHS } from '@pph/functions/adapters/logging/pino-logger';
import { LogNotifier } from '@pph/functions/adapters/notifier/log-notifier';
import { ApiPaths } from '@pph/contract';
import { KernelLists } from '@pph/functions/kernel/lists';
import { DIRECTORY_TTL_MS } from '@pph/functions/kernel/directory/directory';
import type { Logger } from '@pph/functions/ports/logger';
import type { Notifier } from '@pph/functions/ports/notifier';
import { submission } from '../support/concerns';
import { DEMO_PEOPLE, PERSONA_IDS, startTestHub, type TestHub } from '../support/hub';
import { capturingLogger } from '../support/logs';

const SUBJECT = 'Zephyrine Quorrowby';
const STORY = 'Spoke at length about the Harbourside ferry terminal and a plan for the weekend.';

function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'info', destination: { write: (s: string) => void lines.push(s) } });
  return { logger, lines, text: () => lines.join('') };
}

/** Both what callers hand the logger (before redaction, the first line of defence) and pino's output. */
function captureBoth() {
  const raw = capturingLogger();
  const out = capture();
  const logger: Logger = {
    info: (m, c) => (raw.info(m, c), out.logger.info(m, c)),
    warn: (m, c) => (raw.warn(m, c), out.logger.warn(m, c)),
    error: (m, c) => (raw.error(m, c), out.logger.error(m, c)),
  };
  return { logger, text: out.text, passed: () => JSON.stringify(raw.entries) };
}

let hub: TestHub;
let logs: ReturnType<typeof captureBoth>;
beforeAll(async () => {
  logs = captureBoth();
  const delivered = new LogNotifier(logs.logger);
  // The deputy lead has never opened the bot: their notifications are undeliverable (and logged as such).
  const notifier: Notifier = {
    deliver: async (n) =>
      n.recipientId === PERSONA_IDS.deputySafeguardingLead
        ? { status: 'undeliverable', reason: `No Teams chat with ${n.recipientId}` }
        : delivered.deliver(n),
  };
  hub = await startTestHub({ logger: logs.logger, notifier });
});
afterAll(async () => hub.close());

it('a full run from submission to delivery logs ids, types and counts, never a person or the subject', async () => {
  await hub.hub.ports.store.create(KernelLists.people, {
    PersonId: '00000000-0000-4000-8000-000000000099',
    DisplayName: 'Ellis Marrable',
    Email: 'ellis.marrable@harbourside.example',
    PartnerId: 'council',
    Roles: 'Safeguarding Lead',
  });
  // Written straight into the list, as an administrator would: seen once the directory's last read is old.
  hub.clock.current = new Date(hub.clock.current.getTime() + DIRECTORY_TTL_MS + 1);
  const referrer = hub.as(PERSONA_IDS.referrer);
  const created = await referrer.post(
    ApiPaths.concerns,
    submission({ subject: { name: SUBJECT, age: 15, gender: 'male' }, whatHappened: STORY }),
  );
  expect(created.status).toBe(201);
  const ref = created.body.reference;
  await hub.runTimersOnce();
  const lead = hub.as(PERSONA_IDS.safeguardingLead);
  const step = (await lead.get(ApiPaths.concern(ref))).body.steps[0];
  expect((await lead.post(ApiPaths.decide(ref, step.id), { decision: 'forward' })).status).toBe(200);
  await hub.runTimersOnce();
  expect((await hub.as(PERSONA_IDS.boardMember).get(ApiPaths.concern(ref))).status).toBe(403);

  const text = logs.text();
  // The run did log: deliveries, the undeliverable notice and the skipped row, by id, type and count.
  expect(text).toContain('"msg":"notification delivered"');
  expect(text).toMatch(
    /"outboxItemId":\d+,"type":"step-assigned","attempts":1,"msg":"notification undeliverable"/,
  );
  expect(text).toContain('"msg":"directory row skipped"');
  expect(text).toContain(ref);

  const forbidden = [
    ...DEMO_PEOPLE.flatMap((p) => [p.id, p.displayName, p.email]),
    '00000000-0000-4000-8000-000000000099',
    'Ellis Marrable',
    'ellis.marrable@harbourside.example',
    SUBJECT,
    STORY,
  ];
  expect(forbidden.filter((value) => text.includes(value))).toEqual([]);
  // Not only redacted on the way out: the hub never hands them to the logger.
  expect(forbidden.filter((value) => logs.passed().includes(value))).toEqual([]);
});

it('redacts keys that could carry personal data, should a caller log one', () => {
  const { logger, text } = capture();
  logger.warn('oops', {
    recipientId: PERSONA_IDS.referrer,
    dedupeKey: `PRV-2026-0001:submitted:${PERSONA_IDS.referrer}`,
    email: 'robin.ashdown@harbourside.example',
    displayName: 'Robin Ashdown',
    concernId: 7,
  });
  expect(text()).not.toMatch(/Robin|robin|0000000000001/);
  expect(text()).toContain('"concernId":7');
  expect(REDACTED_PATHS).toEqual(expect.arrayContaining(['recipientId', '*.email']));
});
