/**
 * What the policy (and whoever resolves a concern's recipients) needs to know about a concern: who raised it,
 * from which agency, its route and workflow state. No special-category content, and nothing from the referral
 * form, so building it never parses the intake.
 */
import type { RouteDefinition } from '@pph/contract';
import type { ConcernRecord } from './repository';
import type { WorkflowState } from './workflow/state';

export interface ConcernFacts {
  reference: string;
  referrerId: string;
  referrerPartnerId: string;
  route: RouteDefinition;
  state: WorkflowState;
}

/** The facts of a stored concern, given the route version it runs on (the caller loads it). */
export function concernFacts(
  record: Pick<ConcernRecord, 'reference' | 'referrerId' | 'referrerPartnerId' | 'state'>,
  route: RouteDefinition,
): ConcernFacts {
  return {
    reference: record.reference,
    referrerId: record.referrerId,
    referrerPartnerId: record.referrerPartnerId,
    route,
    state: record.state,
  };
}
