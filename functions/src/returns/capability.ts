/**
 * The returns capability, registered with the kernel: its lists, actions, template, relay source, timer, work
 * queue tasks, services and handlers. Cycle dates and the approval rule are configuration (defaults in the
 * contract, so the tabs can say them).
 */
import {
  DEFAULT_APPROVAL_RULE,
  DEFAULT_CYCLE_CONFIG,
  QUARTERLY_RETURN_V1,
  type ApprovalRule,
  type ReturnCycleConfig,
} from '@pph/contract';
import type { Capability } from '../kernel/capability';
import { CycleOpener } from './cycles';
import { ReturnDemo } from './demo';
import { returnHandlers } from './handlers';
import { RETURN_LISTS } from './lists';
import { RETURN_ACTIONS } from './policy';
import { ReturnRelaySource } from './relay-source';
import { ReturnRepository } from './repository';
import { ReturnService } from './service';
import { ReturnWork } from './tasks';
import { TemplateRepository } from './templates';
import { ReturnTimer } from './timers';

export interface ReturnCapabilityServices {
  returns: ReturnService;
  /** Opens cycles (the timer does it on their dates; the demo seed opens past ones). */
  returnCycles: CycleOpener;
  /** The returns' part of My work. */
  returnWork: ReturnWork;
  /** The demo quarter for local runs (the local seed calls it). */
  returnsDemo: ReturnDemo;
}

export interface ReturnsOptions {
  cycles?: ReturnCycleConfig;
  approval?: ApprovalRule;
}

export function returnsCapability(
  opts: ReturnsOptions = {},
): Capability<ReturnCapabilityServices, ReturnType<typeof returnHandlers>> {
  const config = opts.cycles ?? DEFAULT_CYCLE_CONFIG;
  const rule = opts.approval ?? DEFAULT_APPROVAL_RULE;
  return {
    name: 'returns',
    lists: RETURN_LISTS,
    actions: RETURN_ACTIONS,
    async start(k) {
      const { ports, directory, audit, workQueue: queue } = k;
      const templates = new TemplateRepository(ports.store);
      await templates.publish(QUARTERLY_RETURN_V1);
      const repo = new ReturnRepository(ports.store, config);
      const relaySource = new ReturnRelaySource({ ports, repo, directory, audit, queue, rule, config });
      k.relay.register(relaySource);
      const kickRelay = (id: number) => k.kickRelay(relaySource.item, id);
      const opener = new CycleOpener({ repo, counters: k.counters, directory, config, kickRelay });
      k.timers.register(
        new ReturnTimer({
          ports,
          repo,
          opener,
          counters: k.counters,
          directory,
          relaySource,
          config,
          kickRelay,
        }),
      );
      const returns = new ReturnService({
        ports,
        repo,
        templates,
        directory,
        audit,
        authorisation: k.authorisation,
        rule,
        config,
        kickRelay,
      });
      const returnWork = new ReturnWork({ queue, clock: ports.clock, logger: ports.logger, rule });
      const returnsDemo = new ReturnDemo({
        repo,
        templates,
        opener,
        directory,
        counters: k.counters,
        config,
        rule,
        kickRelay,
      });
      return {
        services: { returns, returnCycles: opener, returnWork, returnsDemo },
        handlers: returnHandlers(returns),
      };
    },
  };
}

export const returnCapability = returnsCapability();
