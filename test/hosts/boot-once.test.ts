/** The Azure entry point boots once, shares the attempt, and retries after a failed boot instead of caching it. */
import { bootOnce } from '@pph/functions/hosts/azure/boot-once';

it('a failed boot is not cached: the next call boots again, and a success is then kept', async () => {
  let calls = 0;
  const boot = bootOnce(async () => {
    calls++;
    if (calls === 1) throw new Error('store unreachable at cold start');
    return { booted: calls };
  });

  await expect(boot()).rejects.toThrow('store unreachable');
  await expect(boot()).resolves.toEqual({ booted: 2 });
  await expect(boot()).resolves.toEqual({ booted: 2 });
  expect(calls).toBe(2);
});

it('concurrent callers share one attempt, whether it fails or succeeds', async () => {
  let calls = 0;
  let fail = true;
  const boot = bootOnce(async () => {
    calls++;
    await new Promise((r) => setTimeout(r, 10));
    if (fail) throw new Error('not yet');
    return 'ready';
  });

  const failed = await Promise.allSettled([boot(), boot(), boot()]);
  expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected', 'rejected']);
  expect(calls).toBe(1);

  fail = false;
  await expect(Promise.all([boot(), boot()])).resolves.toEqual(['ready', 'ready']);
  expect(calls).toBe(2);
});
