/**
 * A cycle's returns collated for the Board: completion, training by staff group, level and sector, referrals
 * by age band, change on the previous quarter, RAG by delivery-plan section, late and missing returns.
 *
 * Counts of people are suppressed when under 5 (1 to 4; a true zero is shown), and further cells are suppressed
 * so that none can be worked out from the totals shown (secondary suppression). A suppressed cell has no value,
 * only `display` ("[c]", as official statistics mark it). Counts of returns are not suppressed: they count
 * agencies, not people, and the cycle overview names each agency's status anyway.
 */
import { z } from 'zod';
import { DateOnlySchema, TimestampSchema } from '../kernel/common';
import { ReturnCycleSchema } from './cycle';
import { ReturnReferenceSchema, ReturnStatusSchema } from './return';

/** How a suppressed cell is shown everywhere (dashboard, workbook, CSV, board pack). */
export const SUPPRESSED_DISPLAY = '[c]';
export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSION_NOTE =
  '[c] marks a count of 1 to 4 people, and counts withheld so that it cannot be worked out from the totals.';

export const CellSchema = z.object({
  /** Absent when suppressed. */
  value: z.number().int().optional(),
  suppressed: z.boolean(),
  /** What to show: the number, or [c]. */
  display: z.string(),
});
export type Cell = z.infer<typeof CellSchema>;

/** A table with row and column totals, suppressed as a whole. */
export const CountTableSchema = z.object({
  title: z.string(),
  columns: z.array(z.object({ key: z.string(), label: z.string() })),
  rows: z.array(
    z.object({
      key: z.string(),
      label: z.string(),
      cells: z.array(CellSchema),
      total: CellSchema,
    }),
  ),
  columnTotals: z.array(CellSchema),
  grandTotal: CellSchema,
});
export type CountTable = z.infer<typeof CountTableSchema>;

/** A figure this quarter beside the last: the change is withheld when either side is. */
export const ChangeRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  current: CellSchema,
  previous: CellSchema,
  change: CellSchema,
});

export const CompletionRateRowSchema = z.object({
  key: z.string(),
  label: z.string(),
  staffInScope: CellSchema,
  trainedToDate: CellSchema,
  /** Whole per cent; withheld when either count is. */
  percent: z.object({ value: z.number().optional(), suppressed: z.boolean(), display: z.string() }),
});

export const CollationViewSchema = z.object({
  cycle: ReturnCycleSchema,
  previousCycle: z.object({ id: z.string(), label: z.string() }).optional(),
  generatedAt: TimestampSchema,
  /** Which returns the figures count: submitted and approved ones. */
  basis: z.string(),
  suppressionNote: z.string(),
  completion: z.object({
    expected: z.number().int(),
    submitted: z.number().int(),
    approved: z.number().int(),
    /** Submitted or approved, of expected (whole per cent). */
    submittedPercent: z.number(),
    approvedPercent: z.number(),
    late: z.number().int(),
    missing: z.number().int(),
  }),
  trainingByStaffGroup: CountTableSchema,
  trainingBySector: CountTableSchema,
  referralsBySector: CountTableSchema,
  completionRates: z.array(CompletionRateRowSchema),
  changeOnPreviousQuarter: z.array(ChangeRowSchema),
  rag: z.array(
    z.object({
      section: z.string(),
      label: z.string(),
      red: z.number().int(),
      amber: z.number().int(),
      green: z.number().int(),
      /** Returns counted that cover the section but gave no RAG. */
      notReported: z.number().int(),
    }),
  ),
  lateAndMissing: z.array(
    z.object({
      reference: ReturnReferenceSchema,
      partnerName: z.string(),
      status: ReturnStatusSchema,
      dueOn: DateOnlySchema,
      submittedAt: TimestampSchema.optional(),
      /** Days past the due date: when submitted, or until today. */
      daysLate: z.number().int(),
      kind: z.enum(['late', 'missing']),
    }),
  ),
});
export type CollationView = z.infer<typeof CollationViewSchema>;

/** The views a CSV export can hold (a workbook holds them all, a sheet each). */
export const CollationCsvViewSchema = z.enum([
  'completion',
  'training-by-staff-group',
  'training-by-sector',
  'referrals-by-sector',
  'completion-rates',
  'change-on-previous-quarter',
  'rag',
  'late-and-missing',
]);
export type CollationCsvView = z.infer<typeof CollationCsvViewSchema>;

export const EXPORT_CONTENT_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;
