/**
 * Maps MeetingMinutes and MinuteActions items to records. A change to minutes is one ETag-guarded write of the
 * item; an action is created once per key (the unique ActionKey) and changed by ETag-guarded writes, each of
 * which marks it pending for the relay (its task on the work queue), in the same write.
 */
import { z } from 'zod';
import { readChunks, writeChunks } from '../ports/chunked-note';
import { isStoreError, type Fields, type Item, type Store } from '../ports/store';
import { idsWithPending } from '../kernel/events/relay';
import { allItems, firstWhere, str } from '../kernel/store/paging';
import { MinutesLists, MinutesNotes } from './lists';
import {
  ActionPendingEventSchema,
  ActionStateSchema,
  MinutesStateSchema,
  type ActionPendingEvent,
  type ActionState,
  type MinutesState,
} from './state';

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
  /** Written since the relay last brought its task on the work queue up to date. */
  hasPending: boolean;
  /** What its writes raised that the relay has not yet landed. */
  pending: ActionPendingEvent[];
  state: ActionState;
}

const PendingListSchema = z.array(ActionPendingEventSchema);

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
  hasPending: item.fields.HasPending === true,
  pending:
    typeof item.fields.Pending === 'string' ? PendingListSchema.parse(JSON.parse(item.fields.Pending)) : [],
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

  /** By the item's id (the relay's handle), or undefined once it is gone. */
  async byItemId(id: number): Promise<ActionRecord | undefined> {
    const item = await this.store.get(MinutesLists.actions, id);
    return item ? toAction(item) : undefined;
  }

  async byKey(key: string): Promise<ActionRecord | undefined> {
    const item = await firstWhere(this.store, MinutesLists.actions, 'ActionKey', ActionKeySchema.parse(key));
    return item ? toAction(item) : undefined;
  }

  /**
   * Creates the action, with what its creation raised for the relay, unless one with its key exists; either way,
   * the action of that key. `pending` is built from the new action's id.
   */
  async ensure(
    actionId: () => Promise<string>,
    key: string,
    state: ActionState,
    pending: (actionId: string) => ActionPendingEvent[],
  ): Promise<ActionRecord> {
    const existing = await this.byKey(key);
    if (existing) return existing;
    try {
      const id = await actionId();
      const item = await this.store.create(MinutesLists.actions, {
        ActionId: id,
        ActionKey: key,
        MeetingId: state.meetingId,
        OwnerId: state.owner.id,
        Status: state.status,
        DueOn: state.dueOn,
        ChasedFor: null,
        State: JSON.stringify(state),
        Pending: JSON.stringify(pending(id)),
        HasPending: true,
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

  /** One ETag-guarded write of the action, adding `raised` to what waits for the relay. */
  async commit(
    record: ActionRecord,
    state: ActionState,
    raised: ActionPendingEvent[] = [],
  ): Promise<ActionRecord> {
    const pending = [...record.pending, ...raised];
    const item = await this.store.update(MinutesLists.actions, record.id, record.etag, {
      OwnerId: state.owner.id,
      Status: state.status,
      DueOn: state.dueOn,
      State: JSON.stringify(state),
      Pending: JSON.stringify(pending),
      HasPending: true,
    });
    return { ...record, etag: item.etag, hasPending: true, pending, state };
  }

  /**
   * Records that the chaser went for this due date, guarded by the ETag it read. Nothing else changes, so
   * nothing waits for the relay: the action's task and audit trail are as they were.
   */
  async markChased(record: ActionRecord, dueOn: string): Promise<void> {
    await this.store.update(MinutesLists.actions, record.id, record.etag, { ChasedFor: dueOn });
  }

  /** Clears what the relay landed, with the ETag it read; a write since then fails it with a conflict. */
  async clearPending(record: ActionRecord): Promise<void> {
    await this.store.update(MinutesLists.actions, record.id, record.etag, {
      Pending: '[]',
      HasPending: false,
    });
  }

  pendingIds = () => idsWithPending(this.store, MinutesLists.actions);

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
