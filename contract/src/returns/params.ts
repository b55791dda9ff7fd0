/** Path parameters of the return operations, normalised and bounded before any handler sees them. */
import { z } from 'zod';
import { CollationCsvViewSchema } from './collation';
import { CycleIdSchema } from './cycle';
import { ReturnReferenceSchema } from './return';

/** References and cycle ids are matched without regard to case (`rtn-2026-27-q3-0001`). */
export const ReturnReferenceParamSchema = z
  .string()
  .max(32, 'A return reference looks like RTN-2026-27-Q3-0001.')
  .transform((s) => s.toUpperCase())
  .pipe(ReturnReferenceSchema);

export const CycleIdParamSchema = z
  .string()
  .max(16, 'A return cycle looks like 2026-27-Q3.')
  .transform((s) => s.toUpperCase())
  .pipe(CycleIdSchema);

export const ReturnParamsSchema = z.object({ ref: ReturnReferenceParamSchema });
export const CycleParamsSchema = z.object({ cycleId: CycleIdParamSchema });
export const CsvExportParamsSchema = z.object({ cycleId: CycleIdParamSchema, view: CollationCsvViewSchema });
