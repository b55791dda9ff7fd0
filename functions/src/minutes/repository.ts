/**
 * Maps MeetingMinutes and MinuteActions items to records. A change to minutes is one ETag-guarded write of the
 * item; an action is created once per key (the unique ActionKey) and changed by ETag-guarded writes.
 */
import { z } from 'zod';
import { readChunks, writeChunks } from '../ports/chunked-note';
import { isStoreError, type Fields, type Item, type Store } from '../ports/store';
import { allItems, firstWhere, str } from '../kernel/store/paging';
import { MinutesLists, MinutesNotes } from './lists';
import { ActionStateSchema, MinutesStateSchema, type ActionState, type MinutesState } from './state';

export interface MinutesRecord {
  id: number;
  etag: string;
  meetingId: string;
  state: MinutesState;
}

export interface ActionRecord {
  id: number;
  etag: string;
  actionId: string;
  key: string;
  chasedFor: string | undefined;
  state: ActionState;
}

const toMinutes = (item: Item): MinutesRecord => ({
  id: item.id,
  etag: item.etag,
  meetingId: str(item, 'MeetingId'),
  state: MinutesStateSchema.parse(JSON.parse(readChunks(MinutesNotes.state, item))),
});

const toAction = (item: Item): ActionRecord => ({
  id: item.id,
  etag: item.etag,
  actionId: str(item, 'ActionId'),
  key: str(item, 'ActionKey'),
  chasedFor: typeof item.fields.ChasedFor === 'string' ? item.fields.ChasedFor : undefined,
  state: ActionStateSchema.parse(JSON.parse(str(item, 'State'))),
});

/** The minutes' version as clients see it: it follows the revision. */
export const minutesEtag = (meetingId: string, state: Pick<MinutesState, 'revision'> | undefined) =>
  `"${meetingId}.${state?.revision ?? 0}"`;
export const actionEtag = (a: Pick<ActionRecord, 'actionId' | 'state'>) =>
  `"${a.actionId}.${a.state.revision}"`;

/** The revision an ETag names, or undefined when it is not one of this record's ETags. */
export function revisionOf(id: string, etag: string): number | undefined {
  const m = /^(?:W\/)?"?([A-Za-z0-9_-]+)\.(\d+)"?$/.exec(etag.trim());
  return m && m[1]!.toUpperCase() === id.toUpperCase() ? Number(m[2]) : undefined;
}

export class MinutesRepository {
  constructor(private readonly store: Store) {}

  private fields(state: MinutesState): Fields {
    return {
      Status: state.status,
      Version: state.versions.at(-1)?.version ?? 0,
      ...writeChunks(MinutesNotes.state, JSON.stringify(state), MinutesLists.minutes),
    };
  }

  async byMeeting(meetingId: string): Promise<MinutesRecord | undefined> {
    const item = await firstWhere(this.store, MinutesLists.minutes, 'MeetingId', meetingId);
    return item ? toMinutes(item) : undefined;
  }

  /** The first draft; a second create for the same meeting fails on the unique MeetingId (a conflict). */
  async create(meetingId: string, state: MinutesState): Promise<MinutesRecord> {
    const item = await this.store.create(MinutesLists.minutes, {
      MeetingId: meetingId,
      ...this.fields(state),
    });
    return toMinutes(item);
  }

  /** One ETag-guarded write; a stale ETag fails with a conflict. */
  async commit(record: MinutesRecord, state: MinutesState): Promise<MinutesRecord> {
    const item = await this.store.update(MinutesLists.minutes, record.id, record.etag, this.fields(state));
    return { ...record, etag: item.etag, state };
  }
}

const ActionKeySchema = z.string().max(255);

export class ActionRepository {
  constructor(private readonly store: Store) {}

  async byId(actionId: string): Promise<ActionRecord | undefined> {
    const item = await firstWhere(this.store, MinutesLists.actions, 'ActionId', actionId);
    return item ? toAction(item) : undefined;
  }

  async byKey(key: string): Promise<ActionRecord | undefined> {
    const item = await firstWhere(this.store, MinutesLists.actions, 'ActionKey', ActionKeySchema.parse(key));
    return item ? toAction(item) : undefined;
  }

  /** Creates the action unless one with its key exists; either way, the action of that key. */
  async ensure(actionId: () => Promise<string>, key: string, state: ActionState): Promise<ActionRecord> {
    const existing = await this.byKey(key);
    if (existing) return existing;
    try {
      const item = await this.store.create(MinutesLists.actions, {
        ActionId: await actionId(),
        ActionKey: key,
        MeetingId: state.meetingId,
        OwnerId: state.owner.id,
        Status: state.status,
        DueOn: state.dueOn,
        ChasedFor: null,
        State: JSON.stringify(state),
      });
      return toAction(item);
    } catch (e) {
      // Another save of the same draft created it first.
      if (isStoreError(e, 'unique')) {
        const raced = await this.byKey(key);
        if (raced) return raced;
      }
      throw e;
    }
  }

  async commit(
    record: ActionRecord,
    state: ActionState,
    chasedFor = record.chasedFor,
  ): Promise<ActionRecord> {
    const item = await this.store.update(MinutesLists.actions, record.id, record.etag, {
      OwnerId: state.owner.id,
      Status: state.status,
      DueOn: state.dueOn,
      ChasedFor: chasedFor ?? null,
      State: JSON.stringify(state),
    });
    return { ...record, etag: item.etag, chasedFor, state };
  }

  private async where(
    column: string,
    op: 'eq' | 'in' | 'lt',
    value: string | string[],
  ): Promise<ActionRecord[]> {
    const out: ActionRecord[] = [];
    for await (const item of allItems(this.store, MinutesLists.actions, {
      where: [{ column, op, value }],
      top: 500,
    }))
      out.push(toAction(item));
    return out;
  }

  ofMeeting = (meetingId: string) => this.where('MeetingId', 'eq', meetingId);
  ofOwner = (ownerId: string) => this.where('OwnerId', 'eq', ownerId);
  withStatus = (statuses: string[]) => this.where('Status', 'in', statuses);
  /** Every action, oldest first (the log is small: tens a year). */
  async all(): Promise<ActionRecord[]> {
    const out: ActionRecord[] = [];
    for await (const item of allItems(this.store, MinutesLists.actions, { top: 500 }))
      out.push(toAction(item));
    return out;
  }
}
