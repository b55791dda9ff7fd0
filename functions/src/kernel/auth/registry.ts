/**
 * The authorisation registry: every action any capability offers, with the roles that may attempt it and what a
 * refused caller is told. Role level only: whether this person may act on this record is the capability's policy.
 */
import type { Role } from '@pph/contract';
import { forbidden } from '../errors';
import { hasRole, type Actor } from './actor';

export interface ActionRule {
  roles: readonly Role[] | 'anyone';
  /** Said to a caller whose roles do not allow the action: what they can do about it. */
  refused: string;
}
export type ActionTable = Readonly<Record<string, ActionRule>>;

export class AuthorisationRegistry {
  private readonly rules = new Map<string, ActionRule>();

  register(table: ActionTable): this {
    for (const [action, rule] of Object.entries(table)) {
      if (this.rules.has(action)) throw new Error(`The action ${action} is registered twice.`);
      this.rules.set(action, rule);
    }
    return this;
  }

  has(action: string): boolean {
    return this.rules.has(action);
  }

  mayAttempt(actor: Actor, action: string): boolean {
    const rule = this.rules.get(action);
    // An action nobody registered is refused: a typo must never open a route.
    if (!rule) return false;
    return rule.roles === 'anyone' || hasRole(actor, ...rule.roles);
  }

  require(actor: Actor, action: string): void {
    if (!this.mayAttempt(actor, action))
      throw forbidden(this.rules.get(action)?.refused ?? 'You cannot do this in the hub.');
  }
}
