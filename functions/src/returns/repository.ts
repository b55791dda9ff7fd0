/**
 * Maps PartnerReturns and ReturnCycles items to records. Each change to a return is one ETag-guarded item write
 * of its new state and the events it raised; the relay clears the events once they have landed.
 */
import { z } from 'zod';
import { CycleDatesSchema, type CycleDates, type ReturnTemplateRef } from '@pph/contract';
import { readChunks, writeChunks } from '../ports/chunked-note';
import { isStoreError, type Fields, type Item, type Store } from '../ports/store';
import { allItems, firstWhere, str } from '../kernel/store/paging';
import { idsWithPending } from '../kernel/events/relay';
import { ReturnLists, ReturnNotes } from './lists';
import { nextCheckOn } from './schedule';
import type { ReturnCycleConfig } from '@pph/contract';
import {
  ReturnPendingEventSchema,
  ReturnStateSchema,
  type ReturnPendingEvent,
  type ReturnState,
} from './state';

export interface ReturnRecord {
  id: number;
  etag: string;
  reference: string;
  cycleId: string;
  partnerId: string;
  dueOn: string;
  state: ReturnState;
  pending: ReturnPendingEvent[];
}

export interface CycleRecord {
  id: number;
  dates: CycleDates;
  template: ReturnTemplateRef;
}

const PendingListSchema = z.array(ReturnPendingEventSchema);

export function toReturnRecord(item: Item): ReturnRecord {
  return {
    id: item.id,
    etag: item.etag,
    reference: str(item, 'Reference'),
    cycleId: str(item, 'CycleId'),
    partnerId: str(item, 'PartnerId'),
    dueOn: str(item, 'DueOn'),
    state: ReturnStateSchema.parse(JSON.parse(readChunks(ReturnNotes.state, item))),
    pending: PendingListSchema.parse(JSON.parse(readChunks(ReturnNotes.pending, item))),
  };
}

function toCycleRecord(item: Item): CycleRecord {
  return {
    id: item.id,
    dates: CycleDatesSchema.parse(JSON.parse(str(item, 'Dates'))),
    template: { id: str(item, 'TemplateId'), version: Number(item.fields.TemplateVersion) },
  };
}

/** The return's version as clients see it: it follows the revision, not the item's ETag (the relay moves that). */
export const returnEtag = (r: Pick<ReturnRecord, 'reference' | 'state'>) =>
  `"${r.reference}.${r.state.revision}"`;

/** The revision an ETag of this return names, or undefined when it is not one of this return's ETags. */
export function revisionOf(reference: string, etag: string): number | undefined {
  const m = /^(?:W\/)?"?([^".]+)\.(\d+)"?$/.exec(etag.trim());
  return m && m[1]!.toUpperCase() === reference ? Number(m[2]) : undefined;
}

export class ReturnRepository {
  constructor(
    private readonly store: Store,
    private readonly timers: ReturnCycleConfig,
  ) {}

  private fields(r: Pick<ReturnRecord, 'dueOn'>, state: ReturnState, pending: ReturnPendingEvent[]): Fields {
    return {
      Status: state.status,
      ...writeChunks(ReturnNotes.state, JSON.stringify(state), ReturnLists.returns),
      ...writeChunks(ReturnNotes.pending, JSON.stringify(pending), ReturnLists.returns),
      HasPending: pending.length > 0,
      NextCheckOn: nextCheckOn(state, r.dueOn, this.timers),
    };
  }

  async byReference(reference: string): Promise<ReturnRecord | undefined> {
    const item = await firstWhere(this.store, ReturnLists.returns, 'Reference', reference);
    return item ? toReturnRecord(item) : undefined;
  }

  async byKey(cycleId: string, partnerId: string): Promise<ReturnRecord | undefined> {
    const item = await firstWhere(this.store, ReturnLists.returns, 'ReturnKey', `${cycleId}|${partnerId}`);
    return item ? toReturnRecord(item) : undefined;
  }

  async byId(id: number): Promise<ReturnRecord | undefined> {
    const item = await this.store.get(ReturnLists.returns, id);
    return item ? toReturnRecord(item) : undefined;
  }

  /** Every return of a cycle (a dozen or so: one per partner). Unreadable rows go to `skip`. */
  async ofCycle(cycleId: string, skip?: (item: Item, e: unknown) => void): Promise<ReturnRecord[]> {
    const out: ReturnRecord[] = [];
    for await (const item of allItems(this.store, ReturnLists.returns, {
      where: [{ column: 'CycleId', op: 'eq', value: cycleId }],
      top: 500,
    })) {
      try {
        out.push(toReturnRecord(item));
      } catch (e) {
        if (!skip) throw e;
        skip(item, e);
      }
    }
    return out;
  }

  /** A partner's returns, every cycle. */
  async ofPartner(partnerId: string): Promise<ReturnRecord[]> {
    const out: ReturnRecord[] = [];
    for await (const item of allItems(this.store, ReturnLists.returns, {
      where: [{ column: 'PartnerId', op: 'eq', value: partnerId }],
      top: 500,
    }))
      out.push(toReturnRecord(item));
    return out;
  }

  async withStatus(status: string): Promise<ReturnRecord[]> {
    const out: ReturnRecord[] = [];
    for await (const item of allItems(this.store, ReturnLists.returns, {
      where: [{ column: 'Status', op: 'eq', value: status }],
      top: 500,
    }))
      out.push(toReturnRecord(item));
    return out;
  }

  /** Creates the return; a second create of the same cycle and partner fails on the unique ReturnKey. */
  async create(r: Omit<ReturnRecord, 'id' | 'etag'>): Promise<ReturnRecord> {
    const item = await this.store.create(ReturnLists.returns, {
      Reference: r.reference,
      ReturnKey: `${r.cycleId}|${r.partnerId}`,
      CycleId: r.cycleId,
      PartnerId: r.partnerId,
      DueOn: r.dueOn,
      ...this.fields(r, r.state, r.pending),
    });
    return toReturnRecord(item);
  }

  /** One ETag-guarded write of the new state and the events it raised; a stale ETag fails with a conflict. */
  async commit(
    record: ReturnRecord,
    state: ReturnState,
    pending: ReturnPendingEvent[],
  ): Promise<ReturnRecord> {
    const item = await this.store.update(
      ReturnLists.returns,
      record.id,
      record.etag,
      this.fields(record, state, pending),
    );
    return { ...record, etag: item.etag, state, pending };
  }

  /** Clears the events the relay has landed, guarded by the ETag they were read with. */
  async clearPending(record: ReturnRecord): Promise<void> {
    await this.store.update(ReturnLists.returns, record.id, record.etag, {
      ...writeChunks(ReturnNotes.pending, '[]', ReturnLists.returns),
      HasPending: false,
    });
  }

  pendingIds = () => idsWithPending(this.store, ReturnLists.returns);

  /** Items a timer has something to do for by `today`. */
  async dueForCheck(today: string): Promise<Item[]> {
    const items: Item[] = [];
    for await (const item of allItems(this.store, ReturnLists.returns, {
      where: [{ column: 'NextCheckOn', op: 'le', value: today }],
      top: 500,
    }))
      items.push(item);
    return items;
  }

  // Cycles

  async cycle(cycleId: string): Promise<CycleRecord | undefined> {
    const item = await firstWhere(this.store, ReturnLists.cycles, 'CycleId', cycleId);
    return item ? toCycleRecord(item) : undefined;
  }

  async cycles(): Promise<CycleRecord[]> {
    const out: CycleRecord[] = [];
    for await (const item of allItems(this.store, ReturnLists.cycles, { top: 500 }))
      out.push(toCycleRecord(item));
    return out.sort((a, b) => (a.dates.periodStart < b.dates.periodStart ? 1 : -1));
  }

  /** Creates the cycle unless it is there (unique CycleId): true when this call created it. */
  async createCycle(dates: CycleDates, template: ReturnTemplateRef): Promise<boolean> {
    try {
      await this.store.create(ReturnLists.cycles, {
        CycleId: dates.id,
        OpensOn: dates.opensOn,
        DueOn: dates.dueOn,
        ClosesOn: dates.closesOn,
        TemplateId: template.id,
        TemplateVersion: template.version,
        Dates: JSON.stringify(dates),
      });
      return true;
    } catch (e) {
      if (isStoreError(e, 'unique')) return false;
      throw e;
    }
  }
}
