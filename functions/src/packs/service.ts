/**
 * The board pack's use cases: start a build (or a late supplement) for a meeting, safe to retry; watch it;
 * list a meeting's versions; download a copy; publish a version, which tells the invitees once. The building
 * itself is the job's (job.ts).
 */
import {
  PACK_BUILD_STATUS_LABELS,
  PACK_CONTENT_TYPE,
  type PackBuildKind,
  type PackBuildView,
  type PackCopy,
  type PackVersionView,
  type PackVersionsResponse,
  type StartPackBuildRequest,
  type StartPackSupplementRequest,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import type { AuthorisationRegistry } from '../kernel/auth/registry';
import type { AuditLog } from '../kernel/audit/audit-log';
import { digestOf } from '../kernel/audit/chain';
import { DomainError, forbidden, notFound } from '../kernel/errors';
import { enqueueNotification } from '../kernel/events/enqueue';
import type { Counters } from '../kernel/store/counters';
import type { HubPorts } from '../ports/hub-ports';
import { isStoreError } from '../ports/store';
import type { PackJobs, PackSources } from './job';
import { isPackSecretariat, mayReadRestricted, seesVersion } from './policy';
import type {
  PackBuildState,
  PackRepository,
  PackVersionRecord,
  StoredBuild,
  StoredVersion,
} from './repository';

export interface PackServiceDeps {
  ports: HubPorts;
  repo: PackRepository;
  jobs: PackJobs;
  sources: Pick<PackSources, 'meetings'>;
  authorisation: AuthorisationRegistry;
  audit: AuditLog;
  counters: Counters;
}

export interface PackFile {
  contentType: string;
  fileName: string;
  data: Uint8Array;
}

const NO_VERSION = (meetingId: string, version: number) =>
  notFound(
    `There is no version ${version} of the pack for ${meetingId} that you can see. The versions you can see are listed with the meeting.`,
  );

export const buildView = (s: PackBuildState): PackBuildView => {
  const { clientRequestId: _key, ...view } = s;
  void _key;
  return view;
};

export class PackService {
  constructor(private readonly d: PackServiceDeps) {}

  private now = () => this.d.ports.clock.now();

  /** A build, or the one the same request started before (`created` false: a retry). */
  async start(
    actor: Actor,
    meetingId: string,
    body: StartPackBuildRequest,
  ): Promise<{ build: PackBuildView; created: boolean }> {
    return this.queue(actor, meetingId, body.clientRequestId, 'pack');
  }

  /** A late supplement: the pack built again with what came late, as the next version. */
  async supplement(
    actor: Actor,
    meetingId: string,
    body: StartPackSupplementRequest,
  ): Promise<{ build: PackBuildView; created: boolean }> {
    return this.queue(actor, meetingId, body.clientRequestId, 'supplement', body.reason);
  }

  private async queue(
    actor: Actor,
    meetingId: string,
    clientRequestId: string,
    kind: PackBuildKind,
    reason?: string,
  ): Promise<{ build: PackBuildView; created: boolean }> {
    this.d.authorisation.require(actor, 'pack.build');
    const earlier = await this.d.repo.buildByRequest(meetingId, clientRequestId);
    if (earlier) return { build: buildView(earlier.state), created: false };
    const meeting = await this.d.sources.meetings.forPack(meetingId);
    if (meeting.meeting.status === 'cancelled')
      throw new DomainError('conflict', `${meeting.meeting.title} is cancelled, so it has no pack to build.`);
    const versions = await this.d.repo.versionsOf(meetingId);
    if (kind === 'supplement' && versions.length === 0)
      throw new DomainError(
        'conflict',
        'There is no pack yet to supplement: build the pack first. A supplement is a later version of it.',
      );
    if (kind === 'pack' && versions.length > 0)
      throw new DomainError(
        'conflict',
        `The pack for this meeting is built already (version ${versions[0]!.record.version}). For papers that came late, issue a supplement: it becomes the next version.`,
      );
    const under = (await this.d.repo.buildsOf(meetingId)).find(
      (b) => b.state.status === 'queued' || b.state.status === 'running',
    );
    if (under)
      throw new DomainError(
        'conflict',
        `A build of this pack is under way (${under.state.buildId}): wait for it to finish, then try again.`,
      );
    const now = this.now().toISOString();
    const year = now.slice(0, 4);
    const state: PackBuildState = {
      buildId: `PKB-${year}-${String(await this.d.counters.next(`pack-build:${year}`)).padStart(6, '0')}`,
      meetingId,
      kind,
      ...(reason ? { reason } : {}),
      status: 'queued',
      statusLabel: PACK_BUILD_STATUS_LABELS.queued,
      partsDone: 0,
      partsTotal: 0,
      requestedBy: { id: actor.id, displayName: actor.displayName },
      requestedAt: now,
      clientRequestId,
    };
    let created: StoredBuild;
    try {
      created = await this.d.repo.createBuild(state, now);
    } catch (e) {
      // The same request arriving twice at once: the other one made it.
      const raced =
        isStoreError(e, 'unique') && (await this.d.repo.buildByRequest(meetingId, clientRequestId));
      if (raced) return { build: buildView(raced.state), created: false };
      throw e;
    }
    await this.d.audit.append({
      eventKey: `pack-build:${state.buildId}`,
      at: now,
      actorId: actor.id,
      action: kind === 'pack' ? 'pack.build' : 'pack.supplement',
      target: `PackBuilds/${state.buildId}`,
      digest: digestOf({ meetingId, kind, reason: reason ?? null }),
    });
    this.d.jobs.kick();
    return { build: buildView(created.state), created: true };
  }

  async build(actor: Actor, buildId: string): Promise<PackBuildView> {
    this.d.authorisation.require(actor, 'pack.read');
    const b = await this.d.repo.build(buildId);
    if (!b) throw notFound(`There is no pack build ${buildId}. Builds are listed with the meeting's pack.`);
    return buildView(b.state);
  }

  private view(actor: Actor, r: PackVersionRecord): PackVersionView {
    const { invitees: _i, restrictedReaders: _r, copies, ...rest } = r;
    void _i;
    void _r;
    return {
      ...rest,
      copies: copies.map((c) => ({
        copy: c.copy,
        pageCount: c.pageCount,
        sizeBytes: c.sizeBytes,
        available: c.copy === 'public' ? seesVersion(actor, r) : mayReadRestricted(actor, r),
      })),
    };
  }

  async versions(actor: Actor, meetingId: string): Promise<PackVersionsResponse> {
    this.d.authorisation.require(actor, 'pack.read');
    const secretariat = isPackSecretariat(actor);
    const all = await this.d.repo.versionsOf(meetingId);
    const items = all.filter((v) => seesVersion(actor, v.record)).map((v) => this.view(actor, v.record));
    const builds = (await this.d.repo.buildsOf(meetingId)).sort((a, b) =>
      a.state.requestedAt < b.state.requestedAt
        ? 1
        : a.state.requestedAt > b.state.requestedAt
          ? -1
          : b.id - a.id,
    );
    const latest = builds[0];
    const showBuild =
      latest && (secretariat || latest.state.status !== 'failed') && latest.state.status !== 'done';
    const hasVersion = all.length > 0;
    return {
      meetingId,
      items,
      ...(showBuild ? { build: buildView(latest.state) } : {}),
      can: {
        build: secretariat && !hasVersion,
        supplement: secretariat && hasVersion,
        publish: secretariat,
      },
    };
  }

  private async visibleVersion(actor: Actor, meetingId: string, version: number): Promise<StoredVersion> {
    const v = await this.d.repo.version(meetingId, version);
    if (!v || !seesVersion(actor, v.record)) throw NO_VERSION(meetingId, version);
    return v;
  }

  async download(actor: Actor, meetingId: string, version: number, copy: PackCopy): Promise<PackFile> {
    this.d.authorisation.require(actor, 'pack.read');
    const v = await this.visibleVersion(actor, meetingId, version);
    const stored = v.record.copies.find((c) => c.copy === copy);
    if (!stored)
      throw notFound(
        `Version ${version} has no restricted copy: the meeting had no restricted items when it was built, so the public copy is the whole pack.`,
      );
    if (copy === 'restricted' && !mayReadRestricted(actor, v.record))
      throw forbidden(
        'The restricted copy is only for those cleared for every restricted item on the agenda. Download the public copy, or ask the secretariat.',
      );
    const got = await this.d.ports.documents.get(
      stored.document.library,
      stored.document.name,
      stored.document.version,
    );
    if (!got)
      throw new DomainError(
        'internal',
        'The pack file is missing from the document library. Ask the secretariat to build a supplement.',
      );
    return {
      contentType: PACK_CONTENT_TYPE,
      fileName: `${meetingId}-pack-v${version}${copy === 'restricted' ? '-restricted' : ''}.pdf`,
      data: got.bytes,
    };
  }

  /**
   * Publishes a draft and tells the invitees (each once: the outbox's key is per version and person, so pressing
   * it again, or a retry after a failure half-way, sends nothing twice).
   */
  async publish(actor: Actor, meetingId: string, version: number): Promise<PackVersionView> {
    this.d.authorisation.require(actor, 'pack.publish');
    let v = await this.visibleVersion(actor, meetingId, version);
    const meeting = await this.d.sources.meetings.forPack(meetingId);
    if (v.record.status !== 'published') {
      const now = this.now().toISOString();
      const record: PackVersionRecord = {
        ...v.record,
        status: 'published',
        statusLabel: 'Published',
        publishedAt: now,
        publishedBy: { id: actor.id, displayName: actor.displayName },
        invitees: [...new Set([...v.record.invitees, ...meeting.invitees.map((i) => i.personId)])],
      };
      try {
        v = await this.d.repo.saveVersion(v, record);
      } catch (e) {
        if (isStoreError(e, 'conflict'))
          throw new DomainError(
            'conflict',
            'This version changed as you published it. Reload and try again.',
          );
        throw e;
      }
      await this.d.audit.append({
        eventKey: `pack-publish:${meetingId}:${version}`,
        at: now,
        actorId: actor.id,
        action: 'pack.publish',
        target: `PackVersions/${meetingId}#${version}`,
        digest: digestOf({ meetingId, version }),
      });
    }
    await this.notify(v.record, meeting.meeting.title, meeting.date);
    return this.view(actor, v.record);
  }

  private async notify(r: PackVersionRecord, title: string, date: string) {
    const now = this.now().toISOString();
    for (const personId of r.invitees) {
      const restricted =
        r.copies.some((c) => c.copy === 'restricted') && r.restrictedReaders.includes(personId);
      await enqueueNotification(this.d.ports.store, {
        dedupeKey: `pack-published:${r.meetingId}:${r.version}:${personId}`,
        type: 'pack-published',
        recipientId: personId,
        reference: r.meetingId,
        title: `Board pack published: ${title}`,
        body: `Version ${r.version}${r.kind === 'supplement' ? ' (a supplement)' : ''} of the pack for ${title} on ${date} is published, ${r.pageCount} pages.${restricted ? ' You are cleared for its restricted copy too.' : ''} Open it from the meeting in the hub.`,
        status: 'pending',
        now,
      });
    }
  }
}
