/** The kernel's scheduler and relay run whatever capabilities register with them. */
import { Relay, type RelaySource } from '@pph/functions/kernel/events/relay';
import { Scheduler } from '@pph/functions/kernel/timers/scheduler';
import { capturingLogger } from '../support/logs';

describe('Scheduler', () => {
  it('runs every registered timer and adds up what they did; one failing does not stop the others', async () => {
    const logger = capturingLogger();
    const ran: string[] = [];
    const scheduler = new Scheduler(logger)
      .register({ name: 'a', run: async () => (ran.push('a'), { checked: 3, changed: 1 }) })
      .register({
        name: 'broken',
        run: async () => {
          ran.push('broken');
          throw new TypeError('boom');
        },
      })
      .register({ name: 'b', run: async () => (ran.push('b'), { checked: 2, changed: 2 }) });
    await expect(scheduler.tickAll()).rejects.toThrow('boom');
    expect(ran).toEqual(['a', 'broken', 'b']);
    expect(logger.entries).toEqual([
      { level: 'error', msg: 'timer failed', ctx: { timer: 'broken', error: 'TypeError' } },
    ]);
    expect(scheduler.names).toEqual(['a', 'broken', 'b']);
  });

  it('sums the runs of every timer', async () => {
    const scheduler = new Scheduler(capturingLogger())
      .register({ name: 'a', run: async () => ({ checked: 3, changed: 1 }) })
      .register({ name: 'b', run: async () => ({ checked: 2, changed: 2 }) });
    expect(await scheduler.tickAll()).toEqual({ checked: 5, changed: 3 });
    expect(() => scheduler.register({ name: 'a', run: async () => ({ checked: 0, changed: 0 }) })).toThrow(
      /already registered/,
    );
  });
});

/** A source whose items are numbers; relaying one takes a tick and records when it ran. */
function fakeSource(item: string, ids: number[], log: string[], broken = new Set<number>()): RelaySource {
  return {
    item,
    pendingIds: async () => ids,
    relayItem: async (id) => {
      log.push(`${item}/${id} start`);
      await new Promise((r) => setTimeout(r, 5));
      if (broken.has(id)) throw new RangeError('cannot read');
      log.push(`${item}/${id} end`);
      return 1;
    },
  };
}

describe('Relay', () => {
  it('relays every source; an item that fails is logged by id and the rest go through', async () => {
    const logger = capturingLogger();
    const log: string[] = [];
    const relay = new Relay(logger)
      .register(fakeSource('concern', [1, 2, 3], log, new Set([2])))
      .register(fakeSource('return', [7], log));
    expect(await relay.runOnce()).toBe(3);
    expect(log.filter((l) => l.endsWith('end'))).toEqual(['concern/1 end', 'concern/3 end', 'return/7 end']);
    expect(logger.entries).toEqual([
      { level: 'error', msg: 'relay failed for concern', ctx: { concernId: 2, error: 'RangeError' } },
    ]);
  });

  it('relays of one item run one after another in this process; other items need not wait', async () => {
    const log: string[] = [];
    const relay = new Relay(capturingLogger()).register(fakeSource('concern', [], log));
    await Promise.all([
      relay.relayItem('concern', 1),
      relay.relayItem('concern', 1),
      relay.relayItem('concern', 2),
    ]);
    expect(log.slice(0, 2)).toEqual(['concern/1 start', 'concern/2 start']);
    const ones = log.filter((l) => l.startsWith('concern/1'));
    expect(ones).toEqual(['concern/1 start', 'concern/1 end', 'concern/1 start', 'concern/1 end']);
    await expect(relay.relayItem('nothing', 1)).rejects.toThrow(/No relay source/);
  });
});
