/**
 * A capability (concerns, returns, meetings…) as the kernel sees it: the lists it keeps, the actions it adds to
 * the authorisation registry, and a start that builds its services on the kernel and registers with it whatever
 * runs for it (relay sources, timers, late-notice judges). Adding a capability touches no other one's files.
 */
import type { ListDefinition } from '../ports/lists';
import type { ActionTable } from './auth/registry';
import type { Kernel } from './kernel';

export interface StartedCapability<Services, Handlers> {
  /** What hosts and other entry points (the bot, timers, tests) call. */
  services: Services;
  /** The capability's operations of the contract's route table, as plain functions. */
  handlers: Handlers;
}

export interface Capability<Services, Handlers> {
  readonly name: string;
  readonly lists: readonly ListDefinition[];
  /** The document libraries it keeps files in (on SharePoint, `npm run provision` makes them with the lists). */
  readonly libraries?: readonly string[];
  readonly actions: ActionTable;
  start(kernel: Kernel): Promise<StartedCapability<Services, Handlers>>;
}
