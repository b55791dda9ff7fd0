/** Pack builds and versions as list items: each change one ETag-guarded write of the item's JSON. */
import { z } from 'zod';
import { PackBuildViewSchema, PackVersionViewSchema } from '@pph/contract';
import { firstWhere, allItems, str } from '../kernel/store/paging';
import type { Item, Store } from '../ports/store';
import { PackLists } from './lists';

/** A build as stored: what its view shows, and the client's request id (its idempotency key). */
export const PackBuildStateSchema = PackBuildViewSchema.extend({ clientRequestId: z.string() });
export type PackBuildState = z.infer<typeof PackBuildStateSchema>;

const DocRefSchema = z.object({ library: z.string(), name: z.string(), version: z.number().int() });

/** A version as stored: its view (less what depends on the caller), where its copies are, who may read them. */
export const PackVersionRecordSchema = PackVersionViewSchema.omit({ copies: true }).extend({
  copies: z.array(
    z.object({
      copy: z.enum(['public', 'restricted']),
      pageCount: z.number().int(),
      sizeBytes: z.number().int(),
      document: DocRefSchema,
    }),
  ),
  /** The meeting's invitees when it was built (published: when it was published). */
  invitees: z.array(z.string()),
  /** Cleared for every restricted item of this version. */
  restrictedReaders: z.array(z.string()),
});
export type PackVersionRecord = z.infer<typeof PackVersionRecordSchema>;

export interface StoredBuild {
  id: number;
  etag: string;
  leaseUntil: string;
  state: PackBuildState;
}

export interface StoredVersion {
  id: number;
  etag: string;
  record: PackVersionRecord;
}

const toBuild = (item: Item): StoredBuild => ({
  id: item.id,
  etag: item.etag,
  leaseUntil: str(item, 'LeaseUntil'),
  state: PackBuildStateSchema.parse(JSON.parse(str(item, 'State'))),
});

const toVersion = (item: Item): StoredVersion => ({
  id: item.id,
  etag: item.etag,
  record: PackVersionRecordSchema.parse(JSON.parse(str(item, 'Record'))),
});

const buildFields = (s: PackBuildState, leaseUntil: string) => ({
  Status: s.status,
  LeaseUntil: leaseUntil,
  State: JSON.stringify(s),
});

export class PackRepository {
  constructor(private readonly store: Store) {}

  async createBuild(state: PackBuildState, leaseUntil: string): Promise<StoredBuild> {
    const item = await this.store.create(PackLists.builds, {
      BuildId: state.buildId,
      RequestKey: `${state.meetingId}|${state.clientRequestId}`,
      MeetingId: state.meetingId,
      ...buildFields(state, leaseUntil),
    });
    return toBuild(item);
  }

  async buildByRequest(meetingId: string, clientRequestId: string): Promise<StoredBuild | undefined> {
    const item = await firstWhere(
      this.store,
      PackLists.builds,
      'RequestKey',
      `${meetingId}|${clientRequestId}`,
    );
    return item ? toBuild(item) : undefined;
  }

  async build(buildId: string): Promise<StoredBuild | undefined> {
    const item = await firstWhere(this.store, PackLists.builds, 'BuildId', buildId);
    return item ? toBuild(item) : undefined;
  }

  /** Fails with a conflict when someone else wrote the build since (another instance claimed it). */
  async saveBuild(b: StoredBuild, state: PackBuildState, leaseUntil: string): Promise<StoredBuild> {
    const item = await this.store.update(PackLists.builds, b.id, b.etag, buildFields(state, leaseUntil));
    return toBuild(item);
  }

  /** Builds waiting or running whose lease has passed: the queued to run, the running to mark failed. */
  async due(now: string, limit = 20): Promise<StoredBuild[]> {
    const page = await this.store.query(PackLists.builds, {
      where: [
        { column: 'Status', op: 'in', value: ['queued', 'running'] },
        { column: 'LeaseUntil', op: 'le', value: now },
      ],
      top: limit,
    });
    return page.items.map(toBuild);
  }

  async buildsOf(meetingId: string): Promise<StoredBuild[]> {
    const out: StoredBuild[] = [];
    for await (const item of allItems(this.store, PackLists.builds, {
      where: [{ column: 'MeetingId', op: 'eq', value: meetingId }],
      top: 500,
    }))
      out.push(toBuild(item));
    return out;
  }

  async versionsOf(meetingId: string): Promise<StoredVersion[]> {
    const out: StoredVersion[] = [];
    for await (const item of allItems(this.store, PackLists.versions, {
      where: [{ column: 'MeetingId', op: 'eq', value: meetingId }],
      top: 500,
    }))
      out.push(toVersion(item));
    return out.sort((a, b) => b.record.version - a.record.version);
  }

  async version(meetingId: string, version: number): Promise<StoredVersion | undefined> {
    const item = await firstWhere(this.store, PackLists.versions, 'VersionKey', `${meetingId}#${version}`);
    return item ? toVersion(item) : undefined;
  }

  /** The commit point of a build: fails with 'unique' when another build took the number first. */
  async createVersion(r: PackVersionRecord): Promise<StoredVersion> {
    const item = await this.store.create(PackLists.versions, {
      VersionKey: `${r.meetingId}#${r.version}`,
      MeetingId: r.meetingId,
      Version: r.version,
      Status: r.status,
      Record: JSON.stringify(r),
    });
    return toVersion(item);
  }

  async saveVersion(v: StoredVersion, r: PackVersionRecord): Promise<StoredVersion> {
    const item = await this.store.update(PackLists.versions, v.id, v.etag, {
      Status: r.status,
      Record: JSON.stringify(r),
    });
    return toVersion(item);
  }
}
