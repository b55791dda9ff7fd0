import { randomUUID } from 'node:crypto';
import { demoIntake } from '@pph/functions/hosts/local/seed';
import type { ConcernIntakeInput } from '@pph/contract';

export const newKey = () => randomUUID();

export function submission(overrides: Partial<ConcernIntakeInput> = {}, idempotencyKey = newKey()) {
  return {
    idempotencyKey,
    concern: demoIntake({ subject: { name: 'Test Subject', age: 15, gender: 'female' }, ...overrides }),
  };
}
