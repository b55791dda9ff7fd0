/**
 * The pack build job. Its state lives in the PackBuilds list, so any instance can report progress, and a build
 * is claimed with an ETag-guarded write before it runs (of two instances, one runs it). In the embedded default
 * a build starts in-process as soon as it is queued; in Azure a timer step runs whatever is due (`runDue`).
 *
 * A build writes nothing a reader can see until its very last write, the PackVersions item: the PDFs are stored
 * first as new document versions nothing points to yet. So a build that fails, or an instance that dies
 * part-way, leaves no version at all, never a half-made pack; a running build whose lease has passed is marked
 * failed, naming the part it had reached.
 */
import {
  PACK_BUILD_STATUS_LABELS,
  type CollationView,
  type ConcernStatistics,
  type MeetingForPack,
  type MinutesForPack,
  type PackCopy,
  type ReturnCyclesResponse,
  type StatisticsPeriod,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { addDays } from '../kernel/calendar/working-days';
import { DomainError } from '../kernel/errors';
import type { HubPorts } from '../ports/hub-ports';
import type { PaperConverter } from '../ports/paper-converter';
import { isStoreError } from '../ports/store';
import type { compilePack } from './compile/compile-pack';
import type { CompiledPack, PackProgress } from './compile/model';
import { packInput, partsOf, type GatheredPack } from './gather';
import type { PackBuildState, PackRepository, PackVersionRecord, StoredBuild } from './repository';

/** What the pack reads from the other capabilities: narrow views of their services. */
export interface PackSources {
  meetings: { forPack(meetingId: string): Promise<MeetingForPack> };
  minutes: { forPack(meetingId: string): Promise<MinutesForPack> };
  returns: {
    listCycles(actor: Actor): Promise<ReturnCyclesResponse>;
    collation(actor: Actor, cycleId: string): Promise<CollationView>;
  };
  concernStatistics: { compile(period: StatisticsPeriod): Promise<ConcernStatistics> };
}

export const PACK_LIBRARY = 'board-packs';

/** How long a claim on a build lasts without a word from the instance running it. */
export const BUILD_LEASE_MS = 5 * 60_000;

export interface PackJobDeps {
  ports: HubPorts;
  repo: PackRepository;
  sources: PackSources;
  /** The requester, as whom the build reads what it reads (the returns' collation is theirs to see). */
  actorOf: (personId: string) => Promise<Actor | undefined>;
  compile: typeof compilePack;
  converter?: PaperConverter;
}

/** A part that failed, and what to say about it. */
class PartFailure extends Error {
  constructor(
    readonly part: { id: string; title: string },
    message: string,
  ) {
    super(message);
  }
}

/** The cycle whose quarter ended before the meeting: the returns the Board receives at it. */
export function cycleBefore(cycles: ReturnCyclesResponse, meetingDate: string) {
  return cycles.items
    .filter((c) => c.periodEnd < meetingDate && c.opensOn <= meetingDate)
    .sort((a, b) => (a.periodEnd < b.periodEnd ? 1 : -1))[0];
}

/** Without a cycle, the three whole months before the meeting's month. */
export function quarterBefore(meetingDate: string): StatisticsPeriod {
  const firstOfMonth = `${meetingDate.slice(0, 7)}-01`;
  const to = addDays(firstOfMonth, -1);
  const [y, m] = firstOfMonth.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(y, m - 1 - 3, 1)).toISOString().slice(0, 10);
  return { from: start, to };
}

const messageOf = (e: unknown, what: string) =>
  e instanceof DomainError
    ? e.message
    : `${what} could not be read (${e instanceof Error ? e.name : 'unknown error'}). Try the build again; if it fails again, tell the hub administrator.`;

export class PackJobs {
  private readonly inFlight = new Set<Promise<unknown>>();

  constructor(private readonly d: PackJobDeps) {}

  private now = () => this.d.ports.clock.now();
  private lease = () => new Date(this.now().getTime() + BUILD_LEASE_MS).toISOString();

  /** Embedded default: run what is due now, in this process (best effort; `runDue` on a timer does it anyway). */
  kick(): void {
    // Started on the next turn of the event loop, so the request that queued the build is answered first (the
    // compiler's CPU-bound stretches would otherwise hold its response back).
    const p = new Promise((resolve) => setTimeout(resolve, 10))
      .then(() => this.runDue())
      .catch((e: unknown) =>
        this.d.ports.logger.warn('pack build deferred to timer', {
          error: e instanceof Error ? e.name : 'unknown',
        }),
      )
      .finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
  }

  /** Resolves once in-process builds have finished (tests, shutdown). */
  async settle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Runs each queued build, and marks failed each running one whose instance stopped answering. */
  async runDue(): Promise<{ checked: number; changed: number }> {
    const due = await this.d.repo.due(this.now().toISOString());
    let changed = 0;
    for (const b of due) {
      if (b.state.status === 'running') {
        if (await this.abandon(b)) changed++;
      } else if (await this.run(b)) changed++;
    }
    return { checked: due.length, changed };
  }

  private async abandon(b: StoredBuild): Promise<boolean> {
    const at = b.state.currentPart;
    try {
      await this.d.repo.saveBuild(
        b,
        {
          ...b.state,
          status: 'failed',
          statusLabel: PACK_BUILD_STATUS_LABELS.failed,
          ...(at ? { failedPart: at } : {}),
          message: `The build stopped${at ? ` at "${at.title}"` : ''} without finishing (the hub restarted or ran out of time). Nothing of it was kept: start the build again.`,
          finishedAt: this.now().toISOString(),
        },
        b.leaseUntil,
      );
      return true;
    } catch (e) {
      if (isStoreError(e, 'conflict')) return false; // it answered after all, or another instance got there
      throw e;
    }
  }

  /** Claims the build, runs it to a version or to a failure naming its part. False when another claimed it. */
  private async run(queued: StoredBuild): Promise<boolean> {
    let b: StoredBuild;
    try {
      b = await this.d.repo.saveBuild(
        queued,
        {
          ...queued.state,
          status: 'running',
          statusLabel: PACK_BUILD_STATUS_LABELS.running,
          startedAt: this.now().toISOString(),
        },
        this.lease(),
      );
    } catch (e) {
      if (isStoreError(e, 'conflict')) return false;
      throw e;
    }
    const save = async (state: PackBuildState) => {
      b = await this.d.repo.saveBuild(b, state, this.lease());
    };
    try {
      const version = await this.build(b.state, save);
      await save({
        ...b.state,
        status: 'done',
        statusLabel: PACK_BUILD_STATUS_LABELS.done,
        partsDone: b.state.partsTotal,
        version,
        finishedAt: this.now().toISOString(),
      });
    } catch (e) {
      const failure =
        e instanceof PartFailure
          ? e
          : new PartFailure(
              b.state.currentPart ?? { id: 'build', title: 'The build' },
              `The build failed (${e instanceof Error ? e.name : 'unknown error'}). Nothing of it was kept: try again, and tell the hub administrator if it fails again.`,
            );
      this.d.ports.logger.warn('pack build failed', { buildId: b.state.buildId, part: failure.part.id });
      const { currentPart: _current, ...rest } = b.state;
      void _current;
      await save({
        ...rest,
        status: 'failed',
        statusLabel: PACK_BUILD_STATUS_LABELS.failed,
        failedPart: failure.part,
        message: failure.message,
        finishedAt: this.now().toISOString(),
      });
    }
    return true;
  }

  /** Reads one part of the pack's sources, naming it if it fails. */
  private async part<T>(id: string, title: string, read: () => Promise<T>): Promise<T> {
    try {
      return await read();
    } catch (e) {
      throw new PartFailure({ id, title }, messageOf(e, title));
    }
  }

  private async gather(state: PackBuildState, step: (id: string, title: string) => Promise<void>) {
    const { sources } = this.d;
    const actor = await this.d.actorOf(state.requestedBy.id);
    if (!actor)
      throw new PartFailure(
        { id: 'requester', title: 'Who asked for the build' },
        `${state.requestedBy.displayName}, who asked for this build, is no longer registered in the hub: build the pack again as yourself.`,
      );
    await step('meeting', 'The meeting, its agenda and papers');
    const meeting = await this.part('meeting', 'The meeting, its agenda and papers', () =>
      sources.meetings.forPack(state.meetingId),
    );
    await step('minutes', 'The previous minutes and the action log');
    const minutes = await this.part('minutes', 'The previous minutes and the action log', () =>
      sources.minutes.forPack(state.meetingId),
    );
    await step('returns', "The partners' returns and the delivery-plan RAG");
    const cycle = await this.part('returns', "The partners' returns and the delivery-plan RAG", async () =>
      cycleBefore(await sources.returns.listCycles(actor), meeting.date),
    );
    const collation = cycle
      ? await this.part('returns', "The partners' returns and the delivery-plan RAG", () =>
          sources.returns.collation(actor, cycle.id),
        )
      : undefined;
    await step('statistics', 'The concern statistics');
    const period = cycle ? { from: cycle.periodStart, to: cycle.periodEnd } : quarterBefore(meeting.date);
    const statistics = await this.part('statistics', 'The concern statistics', () =>
      sources.concernStatistics.compile(period),
    );
    return { meeting, minutes, collation, statistics } satisfies GatheredPack;
  }

  /** Gathers once, compiles each copy, stores them, then writes the version: the one write readers see. */
  private async build(initial: PackBuildState, save: (s: PackBuildState) => Promise<void>): Promise<number> {
    let state = initial;
    const GATHER_PARTS = 4;
    const STORE_PARTS = 1;
    state = { ...state, partsDone: 0, partsTotal: GATHER_PARTS + STORE_PARTS };
    let done = 0;
    const step = async (id: string, title: string) => {
      state = { ...state, partsDone: done++, currentPart: { id, title } };
      await save(state);
    };
    const g = await this.gather(state, step);
    const existing = await this.d.repo.versionsOf(state.meetingId);
    let version = (existing[0]?.record.version ?? 0) + 1;
    const builtAt = this.now().toISOString();
    const restricted = g.meeting.items.filter((i) => i.restricted);
    const copies: PackCopy[] = restricted.length ? ['public', 'restricted'] : ['public'];
    const inputs = copies.map((copy) => ({
      copy,
      input: packInput(g, { copy, version, kind: state.kind, reason: state.reason, builtAt }),
    }));
    state = {
      ...state,
      partsDone: done,
      partsTotal: GATHER_PARTS + inputs.reduce((n, i) => n + partsOf(i.input), 0) + STORE_PARTS,
    };
    await save(state);
    const compiled: { copy: PackCopy; pack: Extract<CompiledPack, { ok: true }> }[] = [];
    for (const { copy, input } of inputs) {
      // Progress is written when a part starts (the compiler calls back synchronously; writes are queued).
      let writes = Promise.resolve();
      const onProgress = (p: PackProgress) => {
        const current = {
          id: `${copy}:${p.part.id}`,
          title: `${copy === 'public' ? 'Public' : 'Restricted'} copy: ${p.part.title}`,
        };
        if (p.phase === 'done') done++;
        const snapshot = { ...state, partsDone: done, currentPart: current };
        state = snapshot;
        writes = writes.then(() => save(snapshot));
      };
      let pack: CompiledPack;
      try {
        pack = await this.d.compile(input, {
          documents: this.d.ports.documents,
          ...(this.d.converter ? { converter: this.d.converter } : {}),
          onProgress,
        });
      } finally {
        await writes;
      }
      if (!pack.ok)
        throw new PartFailure(
          {
            id: `${copy}:${pack.failedPart.id}`,
            title: `${copy === 'public' ? 'Public' : 'Restricted'} copy: ${pack.failedPart.title}`,
          },
          pack.message,
        );
      compiled.push({ copy, pack });
    }
    await step('store', 'Storing the pack');
    for (let attempt = 0; ; attempt++) {
      try {
        const stored = [];
        for (const { copy, pack } of compiled) {
          const doc = await this.d.ports.documents.put(
            PACK_LIBRARY,
            `${state.meetingId}-pack-v${version}-${copy}.pdf`,
            pack.pdf,
            {
              contentType: 'application/pdf',
              metadata: { meeting: state.meetingId, date: g.meeting.date, version, copy, status: 'draft' },
            },
          );
          stored.push({
            copy,
            pageCount: pack.pageCount,
            sizeBytes: doc.size,
            document: { library: doc.library, name: doc.name, version: doc.version },
          });
        }
        const record: PackVersionRecord = {
          meetingId: state.meetingId,
          version,
          kind: state.kind,
          ...(state.reason ? { reason: state.reason } : {}),
          status: 'draft',
          statusLabel: 'Draft',
          builtAt,
          builtBy: state.requestedBy,
          buildId: state.buildId,
          pageCount: compiled[0]!.pack.pageCount,
          restrictedItems: restricted.length,
          copies: stored,
          listedPapers: [...new Set(compiled.flatMap((c) => c.pack.listedPapers.map((p) => p.title)))],
          invitees: g.meeting.invitees.map((i) => i.personId),
          restrictedReaders: restricted.length
            ? restricted.map((i) => i.clearedFor).reduce((a, b) => a.filter((id) => b.includes(id)))
            : [],
        };
        await this.d.repo.createVersion(record);
        return version;
      } catch (e) {
        // Another build of the same meeting finished first with this number: take the next one.
        if (isStoreError(e, 'unique') && attempt < 5) {
          version++;
          continue;
        }
        throw new PartFailure(
          { id: 'store', title: 'Storing the pack' },
          `The pack was built but could not be stored (${e instanceof Error ? e.name : 'unknown error'}). Nothing was kept: try the build again.`,
        );
      }
    }
  }
}
