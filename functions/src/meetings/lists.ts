/** The meetings capability's list: one item per meeting, its agenda, papers' references and attendance inside. */
import type { ChunkedNote } from '../ports/chunked-note';
import { col, noteParts, type ListDefinition } from '../ports/lists';

export const MeetingNotes = {
  state: { name: 'State', parts: 4 },
} as const satisfies Record<string, ChunkedNote>;

export const MeetingLists = { meetings: 'Meetings' } as const;

export const MEETING_LISTS: readonly ListDefinition[] = [
  {
    name: MeetingLists.meetings,
    version: 1,
    columns: [
      col('MeetingId', 'text', { required: true, indexed: true, unique: true }),
      /** `<idempotencyKey>#<n>`: the nth meeting of one schedule request, so a retried request adds none. */
      col('CreateKey', 'text', { required: true, indexed: true, unique: true }),
      col('SeriesId', 'text', { indexed: true }),
      col('Kind', 'text', { required: true, indexed: true }),
      col('Status', 'text', { required: true, indexed: true }),
      /** London date (YYYY-MM-DD), for listing in date order. */
      col('MeetingDate', 'text', { required: true, indexed: true }),
      /** The whole meeting (agenda, papers' references, attendance, history) as JSON: one item, one write. */
      ...noteParts(MeetingNotes.state),
      /** Notices waiting to go to the outbox (written with the change that raised them). */
      col('HasPending', 'boolean', { required: true, indexed: true }),
      /** Earliest date (YYYY-MM-DD) the reminder timer has something to do for it; null when nothing is. */
      col('NextCheckOn', 'text', { indexed: true }),
    ],
  },
];
