/** Maps Concerns list items to records and writes each change, with the events it raises, as one item write. */
import { z } from 'zod';
import { ConcernIntakeSchema, type ConcernIntake } from '@pph/contract';
import { readChunks, writeChunks } from '../ports/chunked-note';
import { ConcernLists, ConcernNotes } from './lists';
import { changedFields, type Fields, type Item, type Store } from '../ports/store';
import {
  PendingEventSchema,
  WorkflowStateSchema,
  type PendingEvent,
  type WorkflowState,
} from './workflow/state';
import { addDays } from '../kernel/calendar/working-days';
import { firstWhere, str } from '../kernel/store/paging';

export interface ConcernRecord {
  id: number;
  etag: string;
  reference: string;
  idempotencyKey: string;
  referrerId: string;
  referrerPartnerId: string;
  submittedAt: string;
  routeId: string;
  routeVersion: number;
  immediateRisk: boolean;
  intake: ConcernIntake;
  state: WorkflowState;
  pending: PendingEvent[];
  /**
   * The item's columns as stored at this version (absent on a record built by hand): a change writes only the
   * ones whose stored value differs, compared with what is stored rather than with a re-serialised state, so a
   * column left out really holds what it should (a chunk of a note, a timer's date).
   */
  stored?: Fields;
}

const PendingListSchema = z.array(PendingEventSchema);

export function toRecord(item: Item): ConcernRecord {
  // The referral form is parsed only when asked for: work queues and timers walk many concerns and never need it.
  let intake: ConcernIntake | undefined;
  const readIntake = () =>
    (intake ??= ConcernIntakeSchema.parse(JSON.parse(readChunks(ConcernNotes.intake, item))));
  return version(
    {
      id: item.id,
      reference: str(item, 'Reference'),
      idempotencyKey: str(item, 'IdempotencyKey'),
      referrerId: str(item, 'ReferrerId'),
      referrerPartnerId: str(item, 'ReferrerPartnerId'),
      submittedAt: str(item, 'SubmittedAt'),
      routeId: str(item, 'RouteId'),
      routeVersion: Number(item.fields.RouteVersion),
      immediateRisk: item.fields.ImmediateRisk === true,
    },
    readIntake,
    {
      etag: item.etag,
      state: WorkflowStateSchema.parse(JSON.parse(readChunks(ConcernNotes.workflow, item))),
      pending: PendingListSchema.parse(JSON.parse(readChunks(ConcernNotes.pending, item))),
      stored: item.fields,
    },
  );
}

/** How a record's referral form is read (parsed once, shared by every later version of the record). */
const READ_INTAKE = Symbol('readIntake');
type Fixed = Omit<ConcernRecord, 'intake' | 'etag' | 'state' | 'pending' | 'stored'>;
type Versioned = Pick<ConcernRecord, 'etag' | 'state' | 'pending' | 'stored'>;

/**
 * One version of a record, as one object literal: every record has the same shape, which the code reading
 * thousands of them runs fastest on (copying property descriptors made each a dictionary).
 */
function version(fixed: Fixed, readIntake: () => ConcernIntake, v: Versioned): ConcernRecord {
  return {
    id: fixed.id,
    etag: v.etag,
    reference: fixed.reference,
    idempotencyKey: fixed.idempotencyKey,
    referrerId: fixed.referrerId,
    referrerPartnerId: fixed.referrerPartnerId,
    submittedAt: fixed.submittedAt,
    routeId: fixed.routeId,
    routeVersion: fixed.routeVersion,
    immediateRisk: fixed.immediateRisk,
    get intake() {
      return readIntake();
    },
    state: v.state,
    pending: v.pending,
    stored: v.stored,
    [READ_INTAKE]: readIntake,
  } as ConcernRecord;
}

/**
 * The concern's version as clients see it (ConcernView.etag, checked on decisions and assignments). It follows
 * the workflow's revision, not the item's ETag, which the relay and reminder flags also move.
 */
export const concernEtag = (record: Pick<ConcernRecord, 'reference' | 'state'>): string =>
  `"${record.reference}.${record.state.revision}"`;

/** The earliest date a timer has work for this state: a reminder, an escalation or a review. */
export function nextCheckOn(state: WorkflowState): string | null {
  const dates: string[] = [];
  for (const s of state.steps) {
    if (s.status !== 'open') continue;
    if (!s.reminderSent) dates.push(s.remindOn);
    if (!s.overdueNotified) dates.push(addDays(s.dueOn, 1)); // overdue from the day after the due date
  }
  for (const r of state.reviews) if (r.status === 'scheduled' && !r.dueNotified) dates.push(r.dueOn);
  for (const r of state.infoRequests) {
    const waiting = state.steps.some((s) => s.id === r.stepId && s.status === 'awaiting-information');
    if (r.response !== undefined || !waiting) continue;
    if (!r.reminded && r.remindOn) dates.push(r.remindOn);
    if (!r.chased && r.chaseOn) dates.push(r.chaseOn);
  }
  return dates.sort()[0] ?? null;
}

export function stateFields(state: WorkflowState, pending: PendingEvent[]): Fields {
  return {
    Status: state.status,
    ...writeChunks(ConcernNotes.workflow, JSON.stringify(state), ConcernLists.concerns),
    ...writeChunks(ConcernNotes.pending, JSON.stringify(pending), ConcernLists.concerns),
    HasPending: pending.length > 0,
    NextCheckOn: nextCheckOn(state),
    HasScheduledReviews: state.reviews.some((r) => r.status === 'scheduled'),
  };
}

/** The same record after a write of ours: nothing re-read or re-parsed (the referral form stays unparsed). */
function changed(
  record: ConcernRecord,
  etag: string,
  state: WorkflowState,
  pending: PendingEvent[],
  written: Fields,
): ConcernRecord {
  // A record built by hand has no reader of its own: its form is read through it.
  const readIntake =
    (record as ConcernRecord & { [READ_INTAKE]?: () => ConcernIntake })[READ_INTAKE] ?? (() => record.intake);
  return version(record, readIntake, { etag, state, pending, stored: { ...record.stored, ...written } });
}

/**
 * Only the columns whose stored value differs: the ETag guard means the item is still the version `stored`
 * describes, and every column left out is an index entry and a page the store does not rewrite. Never nothing,
 * so the write still makes a new version whatever the store.
 */
function toWrite(stored: Fields | undefined, want: Fields): Fields {
  if (!stored) return want;
  const fields = changedFields(stored, want);
  return Object.keys(fields).length ? fields : { Status: want.Status ?? null };
}

/** How many recently read or written records are kept parsed, per process. */
const RECENT = 256;

/**
 * Records are treated as immutable (the engine copies before it changes a state), so one parsed record serves
 * every reader of the same item version: a change's own write and the relay that follows it parse nothing.
 */
export class ConcernRepository {
  private readonly recent = new Map<number, ConcernRecord>();

  constructor(private readonly store: Store) {}

  private remember(record: ConcernRecord): ConcernRecord {
    this.recent.delete(record.id);
    this.recent.set(record.id, record);
    if (this.recent.size > RECENT) this.recent.delete(this.recent.keys().next().value!);
    return record;
  }

  /** The item as a record, parsed unless this very version (same ETag) was parsed or written here before. */
  private parse(item: Item): ConcernRecord {
    const known = this.recent.get(item.id);
    return known?.etag === item.etag ? known : this.remember(toRecord(item));
  }

  async byReference(reference: string): Promise<ConcernRecord | undefined> {
    const item = await firstWhere(this.store, ConcernLists.concerns, 'Reference', reference);
    return item ? this.parse(item) : undefined;
  }

  async byIdempotencyKey(key: string): Promise<ConcernRecord | undefined> {
    const item = await firstWhere(this.store, ConcernLists.concerns, 'IdempotencyKey', key);
    return item ? this.parse(item) : undefined;
  }

  async byId(id: number): Promise<ConcernRecord | undefined> {
    const item = await this.store.get(ConcernLists.concerns, id);
    return item ? this.parse(item) : undefined;
  }

  async create(r: Omit<ConcernRecord, 'id' | 'etag'>): Promise<ConcernRecord> {
    const item = await this.store.create(ConcernLists.concerns, {
      Reference: r.reference,
      IdempotencyKey: r.idempotencyKey,
      ReferrerId: r.referrerId,
      ReferrerPartnerId: r.referrerPartnerId,
      SubmittedAt: r.submittedAt,
      RouteId: r.routeId,
      RouteVersion: r.routeVersion,
      ImmediateRisk: r.immediateRisk,
      ...writeChunks(ConcernNotes.intake, JSON.stringify(r.intake), ConcernLists.concerns),
      ...stateFields(r.state, r.pending),
    });
    return this.remember(toRecord(item));
  }

  /** One ETag-guarded write of the new state and the events it raised; a stale ETag fails with a conflict. */
  async commit(record: ConcernRecord, state: WorkflowState, pending: PendingEvent[]): Promise<ConcernRecord> {
    const fields = toWrite(record.stored, stateFields(state, pending));
    const item = await this.store.update(ConcernLists.concerns, record.id, record.etag, fields);
    return this.remember(changed(record, item.etag, state, pending, fields));
  }

  /**
   * Clears the events the relay has landed: only the pending columns are written, guarded by the ETag of the
   * record they were read with, so a change made meanwhile (with events of its own) fails this with a conflict.
   */
  async clearPending(record: ConcernRecord): Promise<void> {
    const fields = {
      ...writeChunks(ConcernNotes.pending, '[]', ConcernLists.concerns),
      HasPending: false,
    };
    const item = await this.store.update(ConcernLists.concerns, record.id, record.etag, fields);
    this.remember(changed(record, item.etag, record.state, [], fields));
  }
}
