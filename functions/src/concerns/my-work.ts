/**
 * The concern capability's part of the one work queue: which tasks a concern's state opens (steps to decide,
 * reviews to record), kept by the relay; and "My work", a few indexed queries on the queue that read no concern.
 *
 * Who a task is for mirrors the policy: a step is for its deciders (role and agency), or its assignee, and once
 * escalated for its escalation target too (isStepDecider); a review is for whoever may record it and is involved
 * in the concern (canRecordReview). What the policy says about the person themselves (their roles, whether they
 * raised the concern) is checked when they read, against the facts stored with the task.
 */
import {
  DecidingRoleSchema,
  StepStatusSchema,
  type Decider,
  type StepStatus,
  type WorkItemsResponse,
} from '@pph/contract';
import type { Actor } from '../kernel/auth/actor';
import { londonDate } from '../kernel/calendar/working-days';
import { personAudience, roleAudience, type Audience } from '../kernel/queue/audience';
import type { Task, TaskInput, WorkQueue } from '../kernel/queue/work-queue';
import type { HubPorts } from '../ports/hub-ports';
import {
  PARTNERSHIP_COORDINATOR,
  isPartnershipCoordinator,
  roleMayAttempt,
  requireRole,
  type ConcernFacts,
} from './policy';
import type { ConcernRecord } from './repository';
import { isActive, stageAt, stepDefinition } from './workflow/engine';
import type { StepInstance } from './workflow/state';

/** The capability's name on the work queue. */
export const CONCERNS = 'concerns';

export const ConcernTaskKinds = { step: 'concern-step', review: 'concern-review' } as const;

/** What a step task shows, stored with it (titles from the route, no content of the concern). */
type StepSummary = {
  stepTitle: string;
  stageTitle: string;
  status: StepStatus;
  escalated: boolean;
  immediateRisk: boolean;
};

type ReviewSummary = {
  label: string;
  concernClosed: boolean;
};

const STEP_STATUSES: ReadonlySet<string> = new Set(StepStatusSchema.options);
const DECIDING_ROLES: ReadonlySet<string> = new Set(DecidingRoleSchema.options);
const isText = (v: unknown): v is string => typeof v === 'string';
const isFlag = (v: unknown): v is boolean => typeof v === 'boolean';

/**
 * Checks of what a task row holds, by hand: a page of My work checks fifty of them, and a schema library
 * takes several times as long for the same answer.
 */
const isStepSummary = (v: Task['summary']): v is Task['summary'] & StepSummary =>
  isText(v.stepTitle) &&
  isText(v.stageTitle) &&
  isText(v.status) &&
  STEP_STATUSES.has(v.status) &&
  isFlag(v.escalated) &&
  isFlag(v.immediateRisk);

const isReviewSummary = (v: Task['summary']): v is Task['summary'] & ReviewSummary =>
  isText(v.label) && isFlag(v.concernClosed);

const deciderAudience = (decider: Decider, facts: Pick<ConcernFacts, 'referrerPartnerId'>): Audience =>
  decider.partner.kind === 'referrer-partner'
    ? roleAudience(decider.role, { partnerId: facts.referrerPartnerId })
    : roleAudience(decider.role, { sector: decider.partner.sector });

/** Who may decide this step now (isStepDecider, less the person-level checks). */
function stepAudiences(facts: ConcernFacts, step: StepInstance): Audience[] {
  const def = stepDefinition(facts.route, step);
  const out = [step.assigneeId ? personAudience(step.assigneeId) : deciderAudience(def.decidedBy, facts)];
  if (step.escalated) out.push(deciderAudience(def.escalateTo, facts));
  return out;
}

/** Who is involved in the concern as a caseworker (readAccess), whichever of them may record a review. */
function caseworkerAudiences(facts: ConcernFacts): Audience[] {
  const out = new Set<Audience>([deciderAudience(PARTNERSHIP_COORDINATOR, facts)]);
  let panelReached = false;
  for (const step of facts.state.steps) {
    const def = stepDefinition(facts.route, step);
    if (step.assigneeId) out.add(personAudience(step.assigneeId));
    out.add(deciderAudience(def.decidedBy, facts));
    if (step.escalated) out.add(deciderAudience(def.escalateTo, facts));
    panelReached ||= def.visibility === 'panel';
  }
  if (panelReached) out.add(roleAudience('channel-member'));
  return [...out];
}

/**
 * The audiences a concern task can name that include this actor (each costs My work a query): themselves, and
 * each deciding role they hold in their agency and their sector; Channel members as such see reviews' concerns.
 */
function concernAudiencesOf(actor: Actor): Audience[] {
  const out = [personAudience(actor.id)];
  for (const role of actor.roles)
    if (DECIDING_ROLES.has(role))
      out.push(
        roleAudience(role, { partnerId: actor.partnerId }),
        roleAudience(role, { sector: actor.partnerSector }),
      );
  if (actor.roles.includes('channel-member')) out.push(roleAudience('channel-member'));
  return out;
}

/** "s12" → "000012": ids order as numbers within one concern. */
const seqOf = (id: string) => id.replace(/\D/g, '').padStart(6, '0');

/** The tasks a concern opens in its current state: one per (step or review, audience). */
export function concernTasks(
  facts: ConcernFacts,
  record: Pick<ConcernRecord, 'immediateRisk' | 'submittedAt'>,
): TaskInput[] {
  const tasks: TaskInput[] = [];
  // Immediate risk first, then the due date, then the order concerns were raised in.
  const tie = (id: string) => `${record.submittedAt}|${facts.reference}|${seqOf(id)}`;
  for (const step of facts.state.steps) {
    if (facts.state.status !== 'open' || !isActive(step)) continue;
    const summary: StepSummary = {
      stepTitle: stepDefinition(facts.route, step).title,
      stageTitle: stageAt(facts.route, step.stageIndex).title,
      status: step.status,
      escalated: step.escalated,
      immediateRisk: record.immediateRisk,
    };
    for (const audience of stepAudiences(facts, step))
      tasks.push({
        kind: ConcernTaskKinds.step,
        subject: step.id,
        audience,
        excludeId: facts.referrerId,
        dueOn: step.dueOn,
        priority: record.immediateRisk ? 0 : 1,
        tieBreak: tie(step.id),
        summary,
      });
  }
  const scheduled = facts.state.reviews.filter((r) => r.status === 'scheduled');
  const reviewers = scheduled.length > 0 ? caseworkerAudiences(facts) : [];
  for (const review of scheduled) {
    const summary: ReviewSummary = { label: review.label, concernClosed: facts.state.status === 'closed' };
    for (const audience of reviewers)
      tasks.push({
        kind: ConcernTaskKinds.review,
        subject: review.id,
        audience,
        excludeId: facts.referrerId,
        dueOn: review.dueOn,
        priority: 1,
        tieBreak: tie(review.id),
        summary,
      });
  }
  return tasks;
}

/** How many tasks one page of My work holds at most: more than a person works through at one sitting. */
export const MY_WORK_PAGE = 50;

/** YYYY-MM-DD dates order as text (and localeCompare is slow). */
const byDue = (a: { dueOn: string }, b: { dueOn: string }) =>
  a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0;

export class MyWork {
  constructor(private readonly d: { ports: HubPorts; queue: WorkQueue }) {}

  /**
   * Steps this actor may decide now and reviews they may record: one indexed range query on the work queue per
   * audience of theirs (two to five), in the order people work in (immediate risk first, then due date; reviews
   * by due date), a page at a time. No concern is read.
   */
  async queue(actor: Actor, opts: { pageToken?: string } = {}): Promise<WorkItemsResponse> {
    requireRole(actor, 'queue.read');
    const today = londonDate(this.d.ports.clock.now());
    const mayDecide = roleMayAttempt(actor, 'concern.decide');
    const mayReview = roleMayAttempt(actor, 'concern.record-review');
    // Reviews after closure are the Channel chair's and the partnership co-ordinator's (as before the queue).
    const mayReviewClosed =
      mayReview && (actor.roles.includes('channel-chair') || isPartnershipCoordinator(actor));
    const result: WorkItemsResponse = { items: [], reviews: [] };
    const page = await this.d.queue.openFor(concernAudiencesOf(actor), {
      limit: MY_WORK_PAGE,
      ...(opts.pageToken ? { pageToken: opts.pageToken } : {}),
      accept: (t) => {
        if (t.capability !== CONCERNS || t.excludeId === actor.id) return false;
        if (t.kind === ConcernTaskKinds.step) return mayDecide;
        if (t.kind === ConcernTaskKinds.review)
          return mayReview && (mayReviewClosed || t.summary.concernClosed !== true);
        return false;
      },
    });
    for (const task of page.tasks) this.add(result, task, today);
    // The page is in rank order already; the sorts keep the promised order should a row be out of step.
    result.items.sort((a, b) => Number(b.immediateRisk) - Number(a.immediateRisk) || byDue(a, b));
    result.reviews.sort(byDue);
    if (page.nextPageToken) result.nextPageToken = page.nextPageToken;
    return result;
  }

  private add(result: WorkItemsResponse, task: Task, today: string) {
    const overdue = today > task.dueOn;
    if (task.kind === ConcernTaskKinds.step) {
      const s = task.summary;
      if (!isStepSummary(s)) return this.skip(task);
      result.items.push({
        reference: task.itemRef,
        stepId: task.subject,
        stepTitle: s.stepTitle,
        stageTitle: s.stageTitle,
        status: s.status,
        dueOn: task.dueOn,
        overdue,
        escalated: s.escalated,
        immediateRisk: s.immediateRisk,
      });
      return;
    }
    const r = task.summary;
    if (!isReviewSummary(r)) return this.skip(task);
    result.reviews.push({
      reference: task.itemRef,
      reviewId: task.subject,
      label: r.label,
      dueOn: task.dueOn,
      overdue,
    });
  }

  /** A task row someone mistyped is left out, not fatal: the next relay of its concern writes it afresh. */
  private skip(task: Task) {
    this.d.ports.logger.warn('work-queue task skipped', { kind: task.kind, subject: task.subject });
  }
}
