/**
 * Concern use cases. Each one: resolve facts, ask the policy, run the engine, write the item once with the
 * events it raised (audit + notifications, moved on by the relay), then answer with the caller's redacted view.
 */
import { randomUUID } from 'node:crypto';
import {
  ageDisagreement,
  subjectInitials,
  type ConcernView,
  type DecideStepRequest,
  type MyConcernsResponse,
  type SubmitConcernRequest,
  type SubmitConcernResponse,
} from '@pph/contract';
import { chunkCapacity } from '../ports/chunked-note';
import { ConcernLists, ConcernNotes } from './lists';
import { isStoreError } from '../ports/store';
import type { Actor } from '../kernel/auth/actor';
import {
  canAssign,
  canRecordReview,
  eligibleAssignee,
  isStepDecider,
  noteVisibility,
  readAccess,
  requireRead,
  requireRole,
  requireStepDecider,
  type ConcernFacts,
} from './policy';
import { digestOf } from '../kernel/audit/chain';
import { londonDate } from '../kernel/calendar/working-days';
import { DomainError, conflict, forbidden, notFound } from '../kernel/errors';
import { concernFacts } from './facts';
import { buildConcernView } from './view';
import * as engine from './workflow/engine';
import type { NotifyEvent, PendingEvent, WorkflowState } from './workflow/state';
import type { AuditLog } from '../kernel/audit/audit-log';
import { concernEtag, toRecord, type ConcernRecord, type ConcernRepository } from './repository';
import type { Directory } from '../kernel/directory/directory';
import { allItems } from '../kernel/store/paging';
import type { HubPorts } from '../ports/hub-ports';
import { allocateReference } from './references';
import type { RouteRepository } from './routes/route-repository';

export const DEFAULT_ROUTE_ID = 'prevent-default';

export interface ConcernServiceDeps {
  ports: HubPorts;
  repo: ConcernRepository;
  routes: RouteRepository;
  directory: Directory;
  audit: AuditLog;
  /** Moves a concern's pending events on at once (best effort: the relay timer does it anyway). */
  kickRelay: (concernId: number) => void;
}

type Change = (
  facts: ConcernFacts,
  record: ConcernRecord,
) => { transition: engine.Transition; action: string; content: unknown };

export class ConcernService {
  constructor(private readonly d: ConcernServiceDeps) {}

  private now = () => this.d.ports.clock.now();

  private async facts(record: ConcernRecord): Promise<ConcernFacts> {
    return concernFacts(record, await this.d.routes.get(record.routeId, record.routeVersion));
  }

  /**
   * The concern behind a reference, for someone involved in it. Anyone else is told the same whether it exists
   * or not, so nobody learns which references are in use by trying them.
   */
  private async involved(
    actor: Actor,
    reference: string,
  ): Promise<{ record: ConcernRecord; facts: ConcernFacts }> {
    requireRole(actor, 'concern.read');
    const record = await this.d.repo.byReference(reference);
    const facts = record && (await this.facts(record));
    if (!record || !facts || !readAccess(actor, facts))
      throw forbidden(
        `There is no concern ${reference} that you are involved in. Check the reference; if it is right and you should be involved, ask the Prevent co-ordinator.`,
      );
    return { record, facts };
  }

  /**
   * An access to a concern, straight into the audit trail. Refused attempts too (who tried, which reference,
   * no content): they are worth a record, whether the concern exists or not.
   */
  private auditAccess(actor: Actor, action: string, reference: string, content: unknown) {
    return this.d.audit.append({
      eventKey: randomUUID(),
      at: this.now().toISOString(),
      actorId: actor.id,
      action,
      target: `${ConcernLists.concerns}/${reference}`,
      digest: digestOf(content),
    });
  }

  private auditEvent(actor: Actor, action: string, content: unknown): PendingEvent {
    return {
      kind: 'audit',
      key: randomUUID(),
      at: this.now().toISOString(),
      actorId: actor.id,
      action,
      digest: digestOf(content),
    };
  }

  async view(actor: Actor, record: ConcernRecord): Promise<ConcernView> {
    const facts = await this.facts(record);
    const access = readAccess(actor, facts);
    if (!access) throw forbidden('You are not involved in this concern, so you cannot see it.');
    const partners = await this.d.directory.partners();
    return buildConcernView(
      actor,
      access,
      {
        facts,
        etag: concernEtag(record),
        submittedAt: record.submittedAt,
        immediateRisk: record.immediateRisk,
        intake: record.intake,
        partnerName: (id, sector) =>
          (id ? partners.get(id)?.name : [...partners.values()].find((p) => p.sector === sector)?.name) ??
          'Partner agency',
      },
      this.now(),
    );
  }

  async submit(actor: Actor, req: SubmitConcernRequest): Promise<SubmitConcernResponse> {
    requireRole(actor, 'concern.submit');
    const ageProblem = ageDisagreement(req.concern.subject, londonDate(this.now()));
    if (ageProblem)
      throw new DomainError('validation_failed', 'Some answers need correcting.', {
        fieldErrors: [{ path: 'concern.subject.age', message: ageProblem }],
      });
    // Both reads at once (one round trip on SharePoint); a replay does not need the route.
    const latestRoute = this.d.routes.latest(DEFAULT_ROUTE_ID);
    latestRoute.catch(() => undefined);
    const existing = await this.d.repo.byIdempotencyKey(req.idempotencyKey);
    if (existing) return this.replay(actor, existing, req.concern);

    const route = await latestRoute;
    const now = this.now();
    const reference = await allocateReference(this.d.ports.store, Number(londonDate(now).slice(0, 4)));
    const ctx = { reference, referrerId: actor.id };
    const { state, events } = await this.escalateNewUnstaffedSteps(
      { ...ctx, referrerPartnerId: actor.partnerId, route },
      engine.startWorkflow(route, ctx, now, { id: actor.id, name: actor.displayName }),
    );
    const submitted: NotifyEvent = {
      kind: 'notify',
      key: `${reference}:submitted`,
      type: 'concern-submitted',
      recipients: [{ kind: 'person', id: actor.id }],
      title: `${reference}: concern received`,
      body: 'Thank you. Your concern has been received and passed to your safeguarding lead.',
    };
    try {
      const record = await this.d.repo.create({
        reference,
        idempotencyKey: req.idempotencyKey,
        referrerId: actor.id,
        referrerPartnerId: actor.partnerId,
        submittedAt: now.toISOString(),
        routeId: route.id,
        routeVersion: route.version,
        immediateRisk: req.concern.immediateRisk,
        intake: req.concern,
        state,
        pending: [this.auditEvent(actor, 'concern.submit', req.concern), submitted, ...events],
      });
      this.d.kickRelay(record.id);
      return { reference, created: true, concern: await this.view(actor, record) };
    } catch (e) {
      // A concurrent retry with the same key got there first: answer with its concern (the number we took is
      // left unused, so references may have gaps but never repeats).
      if (isStoreError(e, 'unique') && e.detail?.column === 'IdempotencyKey') {
        const winner = await this.d.repo.byIdempotencyKey(req.idempotencyKey);
        if (winner) return this.replay(actor, winner, req.concern);
      }
      throw e;
    }
  }

  private async replay(
    actor: Actor,
    existing: ConcernRecord,
    intake: SubmitConcernRequest['concern'],
  ): Promise<SubmitConcernResponse> {
    if (existing.referrerId !== actor.id) {
      throw new DomainError(
        'conflict',
        'That idempotency key has already been used for a different submission. Generate a new key.',
      );
    }
    // A retry carries the same answers; different answers under the same key would otherwise vanish unseen.
    if (JSON.stringify(existing.intake) !== JSON.stringify(intake)) {
      throw new DomainError(
        'conflict',
        `This concern was already sent as ${existing.reference}, without the changes made since. Add them to ${existing.reference} as a note, or raise a new concern.`,
      );
    }
    return { reference: existing.reference, created: false, concern: await this.view(actor, existing) };
  }

  async read(actor: Actor, reference: string): Promise<ConcernView> {
    let record: ConcernRecord;
    try {
      ({ record } = await this.involved(actor, reference));
    } catch (e) {
      if (e instanceof DomainError && e.code === 'forbidden')
        await this.auditAccess(actor, 'concern.read.refused', reference, { reference });
      throw e;
    }
    // No read of a concern record without its audit entry: if the append fails, the read fails.
    await this.auditAccess(actor, 'concern.read', reference, { reference, etag: concernEtag(record) });
    return this.view(actor, record);
  }

  /**
   * Applies a change with optimistic concurrency. With the caller's ETag, a stale one is a conflict. Without
   * it, a write race is retried on the fresh record, where the engine refuses a move that is no longer valid.
   */
  private async change(
    actor: Actor,
    reference: string,
    expectedEtag: string | undefined,
    authorise: (facts: ConcernFacts) => void,
    apply: Change,
  ): Promise<ConcernView> {
    for (let attempt = 0; ; attempt++) {
      let record: ConcernRecord;
      let facts: ConcernFacts;
      try {
        // Nobody learns anything about a concern they may not see, not even which of its steps exist.
        ({ record, facts } = await this.involved(actor, reference));
        authorise(facts);
      } catch (e) {
        // Refused writes are recorded like refused reads, so references cannot be tried through writes unseen.
        if (e instanceof DomainError && e.code === 'forbidden')
          await this.auditAccess(actor, 'concern.write.refused', reference, { reference });
        throw e;
      }
      if (expectedEtag && expectedEtag !== concernEtag(record)) {
        throw conflict(
          'This concern has changed since you last saw it. Check its current state and try again.',
          reference,
        );
      }
      let result: ReturnType<Change>;
      try {
        result = apply(facts, record);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'conflict') throw conflict(e.message, reference);
        throw e;
      }
      const { action, content } = result;
      const transition = await this.escalateNewUnstaffedSteps(facts, result.transition);
      const problems = engine.invariantViolations(facts.route, transition.state);
      if (problems.length > 0)
        throw new Error(`Refusing to store an invalid workflow state: ${problems.join('; ')}`);
      try {
        const saved = await this.d.repo.commit(record, transition.state, [
          ...record.pending,
          this.auditEvent(actor, action, { reference, content }),
          ...transition.events,
        ]);
        this.d.kickRelay(saved.id);
        return this.view(actor, saved);
      } catch (e) {
        if (isStoreError(e, 'conflict')) {
          // The item moved under us (another change, or the relay clearing events): try again on the fresh
          // record, where the caller's ETag and the engine's rules are checked anew.
          if (attempt >= 5) {
            throw conflict(
              'Someone else changed this concern at the same moment. Check its current state and try again.',
              reference,
            );
          }
          continue;
        }
        throw e;
      }
    }
  }

  /**
   * Steps the transition left open that nobody could decide — nobody holds the role in that agency, or only the
   * person who raised the concern — are escalated at once, in the same write, rather than waiting out their
   * time limit.
   */
  private async escalateNewUnstaffedSteps(
    facts: Omit<ConcernFacts, 'state'> & { state?: engine.Transition['state'] },
    transition: engine.Transition,
  ): Promise<engine.Transition> {
    const after: ConcernFacts = { ...facts, state: transition.state };
    // Only steps this change opened: the others were looked at when they opened (a note or a review opens
    // none, so it costs no read of the directory).
    const before = new Set(facts.state?.steps.map((s) => s.id));
    const waiting = after.state.steps.filter(
      (s) => !before.has(s.id) && engine.isActive(s) && !s.escalated && !s.assigneeId,
    );
    if (waiting.length === 0) return transition;
    const people = await this.d.directory.actors();
    const unstaffed = waiting
      .filter((step) => !people.some((p) => eligibleAssignee(p, after, step)))
      .map((s) => s.id);
    if (unstaffed.length === 0) return transition;
    const escalated = engine.escalateForNoDecider(after.route, after, after.state, unstaffed, this.now());
    return { state: escalated.state, events: [...transition.events, ...escalated.events] };
  }

  async decide(
    actor: Actor,
    reference: string,
    stepId: string,
    req: DecideStepRequest,
  ): Promise<ConcernView> {
    return this.change(
      actor,
      reference,
      req.etag,
      (facts) => requireStepDecider(actor, facts, stepOrNotFound(facts.state, stepId)),
      (facts) => ({
        transition: engine.decide(
          facts.route,
          facts,
          facts.state,
          { stepId, decision: req.decision, outcome: req.outcome, reason: req.reason },
          ref(actor),
          this.now(),
        ),
        action: `concern.decide.${req.decision}`,
        content: { stepId, ...req },
      }),
    );
  }

  async assign(
    actor: Actor,
    reference: string,
    stepId: string,
    toUserId: string,
    reason: string,
    etag?: string,
  ): Promise<ConcernView> {
    requireRole(actor, 'concern.assign');
    const person = await this.d.directory.person(toUserId);
    const target = person ? await this.d.directory.actorFor(person) : undefined;
    return this.change(
      actor,
      reference,
      etag,
      (facts) => {
        const step = stepOrNotFound(facts.state, stepId);
        if (!canAssign(actor, facts, step))
          throw forbidden(
            "Only this step's decider or the Prevent co-ordinator can pass it to someone else.",
          );
        if (!target || !eligibleAssignee(target, facts, step)) {
          throw new DomainError(
            'validation_failed',
            'That person cannot take this step: they need the same role in the right partner agency, and cannot be the referrer.',
            {
              fieldErrors: [
                {
                  path: 'toUserId',
                  message: "Choose someone who holds this step's role in the right agency.",
                },
              ],
            },
          );
        }
      },
      (facts) => ({
        transition: engine.assignStep(
          facts.route,
          facts,
          facts.state,
          {
            stepId,
            to: ref(target!),
            reason,
            kind: isStepDecider(actor, facts, stepOrNotFound(facts.state, stepId))
              ? 'delegated'
              : 'reassigned',
          },
          ref(actor),
          this.now(),
        ),
        action: 'concern.assign',
        content: { stepId, toUserId, reason },
      }),
    );
  }

  async supplyInformation(
    actor: Actor,
    reference: string,
    requestId: string,
    response: string,
  ): Promise<ConcernView> {
    requireRole(actor, 'concern.supply-information');
    return this.change(
      actor,
      reference,
      undefined,
      (facts) => {
        const request = facts.state.infoRequests.find((r) => r.id === requestId);
        if (!request) throw notFound(`This concern has no information request "${requestId}".`);
        if (request.toId !== actor.id) throw forbidden('This request was addressed to someone else.');
      },
      (facts) => ({
        transition: engine.supplyInformation(
          facts.route,
          facts,
          facts.state,
          requestId,
          response,
          ref(actor),
          this.now(),
        ),
        action: 'concern.supply-information',
        content: { requestId, response },
      }),
    );
  }

  async addNote(actor: Actor, reference: string, text: string): Promise<ConcernView> {
    requireRole(actor, 'concern.add-note');
    return this.change(
      actor,
      reference,
      undefined,
      (facts) => void requireRead(actor, facts),
      (facts) => {
        const transition = engine.addNote(
          facts.state,
          text,
          noteVisibility(actor, requireRead(actor, facts)),
          ref(actor),
          this.now(),
        );
        // Notes are optional; decisions are not. Past three quarters of the record's room, notes stop, so a
        // concern can never fill up so far that it cannot be decided.
        if (JSON.stringify(transition.state).length > NOTES_ROOM)
          throw new DomainError(
            'payload_too_large',
            'This concern holds as many notes as it can. Keep further notes in your case file; decisions can still be made.',
          );
        return { transition, action: 'concern.add-note', content: { text } };
      },
    );
  }

  async recordReview(
    actor: Actor,
    reference: string,
    reviewId: string,
    summary: string,
  ): Promise<ConcernView> {
    requireRole(actor, 'concern.record-review');
    return this.change(
      actor,
      reference,
      undefined,
      (facts) => {
        if (!canRecordReview(actor, facts))
          throw forbidden('You are not involved in this concern, so you cannot record its reviews.');
      },
      (facts) => ({
        transition: engine.recordReview(facts.route, facts.state, reviewId, summary, ref(actor), this.now()),
        action: 'concern.record-review',
        content: { reviewId, summary },
      }),
    );
  }

  async myConcerns(actor: Actor): Promise<MyConcernsResponse> {
    requireRole(actor, 'my-concerns.read');
    const items: MyConcernsResponse['items'] = [];
    for await (const item of allItems(this.d.ports.store, ConcernLists.concerns, {
      where: [{ column: 'ReferrerId', op: 'eq', value: actor.id }],
      orderBy: { column: 'SubmittedAt', descending: true },
      top: 200,
    })) {
      const record = toRecord(item);
      const route = await this.d.routes.get(record.routeId, record.routeVersion);
      items.push({
        reference: record.reference,
        submittedAt: record.submittedAt,
        status: record.state.status,
        referrerStatus: engine.referrerStatus(route, record.state, actor.id),
        // Theirs to see: they raised it (only their own concerns are listed).
        subjectInitials: subjectInitials(record.intake.subject.name),
        awaitingYourAnswer: engine.awaitsAnswerFrom(record.state, actor.id),
      });
    }
    return { items };
  }
}

const ref = (actor: Actor) => ({ id: actor.id, name: actor.displayName });
const NOTES_ROOM = Math.floor(chunkCapacity(ConcernNotes.workflow) * 0.75);

function stepOrNotFound(state: WorkflowState, stepId: string) {
  const step = state.steps.find((s) => s.id === stepId);
  if (!step) throw notFound(`This concern has no step "${stepId}".`);
  return step;
}
