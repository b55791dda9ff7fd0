/** The minutes capability's lists: one item per meeting's minutes, one per action in the action log. */
import type { ChunkedNote } from '../ports/chunked-note';
import { col, noteParts, type ListDefinition } from '../ports/lists';

/** The minutes' state as JSON over several note columns of the one item (room for ~256k characters). */
export const MinutesNotes = { state: { name: 'State', parts: 4 } } as const satisfies Record<
  string,
  ChunkedNote
>;

export const MinutesLists = {
  minutes: 'MeetingMinutes',
  actions: 'MinuteActions',
} as const;

export const MINUTES_LISTS: readonly ListDefinition[] = [
  {
    name: MinutesLists.minutes,
    version: 1,
    columns: [
      /** One item per meeting: a second first draft of the same meeting fails on this. */
      col('MeetingId', 'text', { required: true, indexed: true, unique: true }),
      col('Status', 'text', { required: true, indexed: true }),
      col('Version', 'number', { required: true }),
      /** Items, versions (with their documents), circulation and approval as JSON: one item, one atomic write. */
      ...noteParts(MinutesNotes.state),
    ],
  },
  {
    name: MinutesLists.actions,
    version: 2,
    columns: [
      col('ActionId', 'text', { required: true, indexed: true, unique: true }),
      /** `<meetingId>|<itemId>|<digest of owner and text>`: an action saved twice in a draft is created once. */
      col('ActionKey', 'text', { required: true, indexed: true, unique: true }),
      col('MeetingId', 'text', { required: true, indexed: true }),
      col('OwnerId', 'text', { required: true, indexed: true }),
      col('Status', 'text', { required: true, indexed: true }),
      col('DueOn', 'text', { required: true, indexed: true }),
      /** The due date an overdue chaser went for (null: none yet); a new due date can be chased again. */
      col('ChasedFor', 'text'),
      /** The action, its owner, history and note as JSON. */
      col('State', 'note', { required: true }),
      /** The audit entries and notices its writes raised (JSON), until the relay lands them. */
      col('Pending', 'note'),
      /**
       * Set by every write, cleared by the relay once it has landed Pending and the action's task on the work queue
       * follows its state (an action from before version 2 has none: the once-only backfill gives it its task).
       */
      col('HasPending', 'boolean', { indexed: true }),
    ],
  },
];
