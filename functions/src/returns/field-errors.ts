/** Field errors in the API's one shape, from a zod error or from the contract's checks. */
import type { ZodError } from 'zod';
import type { FieldProblem } from '@pph/contract';
import { DomainError } from '../kernel/errors';

export const zodFieldErrors = (e: ZodError): FieldProblem[] =>
  e.issues.map((i) => ({ path: i.path.map(String).join('.') || '(body)', message: i.message }));

/** A 400 whose field errors say what to change; nothing is saved. */
export const needsCorrecting = (fieldErrors: FieldProblem[], message = 'Some answers need correcting.') =>
  new DomainError('validation_failed', message, { fieldErrors });
