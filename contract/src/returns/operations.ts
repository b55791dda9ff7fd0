/**
 * The returns capability's operations. The two exports answer with a file, not JSON: they declare no response
 * schema (the typed client gives undefined), so a tab downloads them with fetch(pathOf(op, params)) and reads
 * the body as a Blob; the content types are EXPORT_CONTENT_TYPES.
 */
import { defineOperations } from '../kernel/operation';
import { CollationViewSchema } from './collation';
import { CsvExportParamsSchema, CycleParamsSchema, ReturnParamsSchema } from './params';
import {
  ApproveReturnRequestSchema,
  BulkApproveRequestSchema,
  BulkApproveResponseSchema,
  ChaseRequestSchema,
  ChaseResponseSchema,
  CycleOverviewSchema,
  MyReturnsResponseSchema,
  ReturnCyclesResponseSchema,
  ReturnViewSchema,
  SaveReturnDraftRequestSchema,
  SendBackReturnRequestSchema,
  SubmitReturnRequestSchema,
} from './return';

export const ReturnOperations = defineOperations({
  listReturnCycles: {
    method: 'GET',
    route: 'return-cycles',
    summary: 'Return cycles, newest first, with how many returns are in',
    response: ReturnCyclesResponseSchema,
    access: 'return-cycles.read',
  },
  getReturnCycle: {
    method: 'GET',
    route: 'return-cycles/{cycleId}',
    summary: 'A cycle at a glance: every expected return, its status, who is late (secretariat, Board)',
    params: CycleParamsSchema,
    response: CycleOverviewSchema,
    access: 'return-cycle.overview',
  },
  chaseReturns: {
    method: 'POST',
    route: 'return-cycles/{cycleId}/chase',
    summary: 'Chase outstanding returns now (secretariat): once a day per return however often pressed',
    params: CycleParamsSchema,
    request: ChaseRequestSchema,
    response: ChaseResponseSchema,
    access: 'return-cycle.chase',
  },
  getCollation: {
    method: 'GET',
    route: 'return-cycles/{cycleId}/collation',
    summary: "A cycle's returns collated, counts under 5 suppressed (and what would give them away)",
    params: CycleParamsSchema,
    response: CollationViewSchema,
    access: 'return-collation.read',
  },
  exportCollationWorkbook: {
    method: 'GET',
    route: 'return-cycles/{cycleId}/collation/workbook',
    summary: 'The collation as an Excel workbook, a sheet per view (a file, not JSON)',
    params: CycleParamsSchema,
    access: 'return-collation.read',
  },
  exportCollationCsv: {
    method: 'GET',
    route: 'return-cycles/{cycleId}/collation/csv/{view}',
    summary: 'One view of the collation as CSV (a file, not JSON)',
    params: CsvExportParamsSchema,
    access: 'return-collation.read',
  },
  myReturns: {
    method: 'GET',
    route: 'me/returns',
    summary: "Returns for you: your agency's to write, other agencies' to approve",
    response: MyReturnsResponseSchema,
    access: 'my-returns.read',
  },
  getReturn: {
    method: 'GET',
    route: 'returns/{ref}',
    summary: 'A return as you may see it, with its template, history and what you may do',
    params: ReturnParamsSchema,
    response: ReturnViewSchema,
    access: 'return.read',
  },
  saveReturnDraft: {
    method: 'PUT',
    route: 'returns/{ref}/draft',
    summary: 'Save your draft as it is typed (shape and limits checked, completeness not)',
    params: ReturnParamsSchema,
    request: SaveReturnDraftRequestSchema,
    response: ReturnViewSchema,
    access: 'return.write',
  },
  submitReturn: {
    method: 'POST',
    route: 'returns/{ref}/submission',
    summary: 'Submit the return for approval (complete, totals agreeing with their parts)',
    params: ReturnParamsSchema,
    request: SubmitReturnRequestSchema,
    response: ReturnViewSchema,
    access: 'return.write',
  },
  approveReturn: {
    method: 'POST',
    route: 'returns/{ref}/approval',
    summary: 'Approve a submitted return of another agency (board members)',
    params: ReturnParamsSchema,
    request: ApproveReturnRequestSchema,
    response: ReturnViewSchema,
    access: 'return.approve',
  },
  sendBackReturn: {
    method: 'POST',
    route: 'returns/{ref}/send-back',
    summary: 'Send a submitted return back to its author with comments (board members)',
    params: ReturnParamsSchema,
    request: SendBackReturnRequestSchema,
    response: ReturnViewSchema,
    access: 'return.approve',
  },
  bulkApproveReturns: {
    method: 'POST',
    route: 'returns/approvals',
    summary: 'Approve several returns at once: each checked and audited on its own, a result per return',
    request: BulkApproveRequestSchema,
    response: BulkApproveResponseSchema,
    access: 'return.approve',
  },
});
