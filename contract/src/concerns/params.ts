/** Path parameters of the concern operations, normalised and bounded before any handler sees them. */
import { z } from 'zod';
import { ReferenceSchema } from '../kernel/common';

/** References are matched without regard to case (`prv-2026-0001` is PRV-2026-0001). */
export const ReferenceParamSchema = z
  .string()
  .max(32, 'A concern reference looks like PRV-2026-0001.')
  .transform((s) => s.toUpperCase())
  .pipe(ReferenceSchema);

/** Step, request and review ids are short tokens the hub made (e.g. s1, r2). */
export const PathIdSchema = (what: string) =>
  z
    .string()
    .min(1, `The ${what} id is missing from the address.`)
    .max(64, `That ${what} id is too long: use the id the hub gave.`);
