/**
 * Maps Meetings items to meeting states. Each change is one ETag-guarded write of the whole meeting, with the
 * notices it raised; a stale write fails with a conflict and nothing of it is kept.
 */
import { readChunks, writeChunks } from '../ports/chunked-note';
import { isStoreError, type Fields, type Item, type Store } from '../ports/store';
import { allItems, firstWhere } from '../kernel/store/paging';
import { MeetingLists, MeetingNotes } from './lists';
import { MeetingStateSchema, type MeetingState } from './state';
import { nextCheckOn } from './reminders';

export interface MeetingRecord {
  id: number;
  etag: string;
  state: MeetingState;
}

const toRecord = (item: Item): MeetingRecord => ({
  id: item.id,
  etag: item.etag,
  state: MeetingStateSchema.parse(JSON.parse(readChunks(MeetingNotes.state, item))),
});

/** The meeting's version as clients see it: its revision. */
export const meetingEtag = (s: Pick<MeetingState, 'id' | 'revision'>) => `"${s.id}.${s.revision}"`;

function fields(state: MeetingState): Fields {
  return {
    SeriesId: state.seriesId ?? null,
    Kind: state.kind,
    Status: state.status,
    MeetingDate: state.start.slice(0, 10),
    ...writeChunks(MeetingNotes.state, JSON.stringify(state), MeetingLists.meetings),
    HasPending: state.pending.length > 0,
    NextCheckOn: nextCheckOn(state),
  };
}

export class MeetingRepository {
  constructor(private readonly store: Store) {}

  async byMeetingId(meetingId: string): Promise<MeetingRecord | undefined> {
    const item = await firstWhere(this.store, MeetingLists.meetings, 'MeetingId', meetingId);
    return item ? toRecord(item) : undefined;
  }

  async byCreateKey(key: string): Promise<MeetingRecord | undefined> {
    const item = await firstWhere(this.store, MeetingLists.meetings, 'CreateKey', key);
    return item ? toRecord(item) : undefined;
  }

  /** Every meeting, in date order (a partnership holds a few dozen a year). */
  async all(): Promise<MeetingRecord[]> {
    const out: MeetingRecord[] = [];
    for await (const item of allItems(this.store, MeetingLists.meetings, {
      orderBy: { column: 'MeetingDate' },
      top: 500,
    }))
      out.push(toRecord(item));
    return out;
  }

  /** Creates the meeting; undefined when one with this create key is already there (a retried request). */
  async create(createKey: string, state: MeetingState): Promise<MeetingRecord | undefined> {
    try {
      const item = await this.store.create(MeetingLists.meetings, {
        MeetingId: state.id,
        CreateKey: createKey,
        ...fields(state),
      });
      return toRecord(item);
    } catch (e) {
      if (isStoreError(e, 'unique')) return undefined;
      throw e;
    }
  }

  async commit(record: MeetingRecord, state: MeetingState): Promise<MeetingRecord> {
    const item = await this.store.update(MeetingLists.meetings, record.id, record.etag, fields(state));
    return { id: record.id, etag: item.etag, state };
  }

  async withPending(): Promise<MeetingRecord[]> {
    const out: MeetingRecord[] = [];
    for await (const item of allItems(this.store, MeetingLists.meetings, {
      where: [{ column: 'HasPending', op: 'eq', value: true }],
      top: 200,
    }))
      out.push(toRecord(item));
    return out;
  }

  async dueForCheck(today: string): Promise<MeetingRecord[]> {
    const out: MeetingRecord[] = [];
    for await (const item of allItems(this.store, MeetingLists.meetings, {
      where: [{ column: 'NextCheckOn', op: 'le', value: today }],
      top: 200,
    }))
      out.push(toRecord(item));
    return out;
  }
}
