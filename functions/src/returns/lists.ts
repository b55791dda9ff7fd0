/** The returns capability's lists: templates, cycles, and one item per partner per cycle. */
import type { ChunkedNote } from '../ports/chunked-note';
import { col, noteParts, type ListDefinition } from '../ports/lists';

/**
 * A return item's long JSON, each spread over several note columns of the one item (chunked-note.ts): room for
 * ~256k characters of state (content, history, approvals) and ~128k of pending events, written in one write.
 */
export const ReturnNotes = {
  state: { name: 'State', parts: 4 },
  pending: { name: 'Pending', parts: 2 },
} as const satisfies Record<string, ChunkedNote>;

export const ReturnLists = {
  templates: 'ReturnTemplates',
  cycles: 'ReturnCycles',
  returns: 'PartnerReturns',
} as const;

export const RETURN_LISTS: readonly ListDefinition[] = [
  {
    name: ReturnLists.templates,
    version: 1,
    columns: [
      /** `<id>@<version>`: a published version is written once and never changes. */
      col('TemplateKey', 'text', { required: true, indexed: true, unique: true }),
      col('TemplateId', 'text', { required: true, indexed: true }),
      col('Version', 'number', { required: true }),
      col('Definition', 'note', { required: true }),
    ],
  },
  {
    name: ReturnLists.cycles,
    version: 1,
    columns: [
      col('CycleId', 'text', { required: true, indexed: true, unique: true }),
      col('OpensOn', 'text', { required: true }),
      col('DueOn', 'text', { required: true }),
      col('ClosesOn', 'text', { required: true, indexed: true }),
      col('TemplateId', 'text', { required: true }),
      col('TemplateVersion', 'number', { required: true }),
      /** The cycle's dates as JSON (CycleDates), as they were when it opened. */
      col('Dates', 'note', { required: true }),
    ],
  },
  {
    name: ReturnLists.returns,
    version: 1,
    columns: [
      col('Reference', 'text', { required: true, indexed: true, unique: true }),
      /** `<cycleId>|<partnerId>`: one return per partner per cycle, however often the timer opens the cycle. */
      col('ReturnKey', 'text', { required: true, indexed: true, unique: true }),
      col('CycleId', 'text', { required: true, indexed: true }),
      col('PartnerId', 'text', { required: true, indexed: true }),
      col('Status', 'text', { required: true, indexed: true }),
      col('DueOn', 'text', { required: true }),
      /** The whole return (content, history, approvals, notices sent) as JSON: one item, one atomic write. */
      ...noteParts(ReturnNotes.state),
      /** Events written with the change that caused them, moved to AuditLog/Outbox/WorkQueue by the relay. */
      ...noteParts(ReturnNotes.pending),
      col('HasPending', 'boolean', { required: true, indexed: true }),
      /** Earliest date (YYYY-MM-DD) a timer has something to do for this return; null when nothing is due. */
      col('NextCheckOn', 'text', { indexed: true }),
    ],
  },
];
