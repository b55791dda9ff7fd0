/**
 * The hub's timers: each capability registers its own (time limits, return reminders, action chasers…) and
 * every host runs them all on one schedule. Timers must be idempotent (Azure timers can fire twice).
 */
import type { Logger } from '../../ports/logger';

/** What one run of a timer did: how many items it looked at, how many it changed. */
export interface TimerResult {
  checked: number;
  changed: number;
}

export interface NamedTimer {
  /** For logs, e.g. 'concern-time-limits'. */
  readonly name: string;
  run(): Promise<TimerResult>;
}

export class Scheduler {
  private readonly timers: NamedTimer[] = [];

  constructor(private readonly logger: Logger) {}

  register(timer: NamedTimer): this {
    if (this.timers.some((t) => t.name === timer.name))
      throw new Error(`A timer named ${timer.name} is already registered.`);
    this.timers.push(timer);
    return this;
  }

  get names(): string[] {
    return this.timers.map((t) => t.name);
  }

  /**
   * Runs every timer once, one after another, and adds up what they did. One that fails does not stop the
   * others; its failure is logged and rethrown at the end, so the host records the run as failed.
   */
  async tickAll(): Promise<TimerResult> {
    const total: TimerResult = { checked: 0, changed: 0 };
    let failure: unknown;
    for (const timer of this.timers) {
      try {
        const r = await timer.run();
        total.checked += r.checked;
        total.changed += r.changed;
      } catch (e) {
        failure ??= e;
        this.logger.error('timer failed', {
          timer: timer.name,
          error: e instanceof Error ? e.name : 'unknown',
        });
      }
    }
    if (failure !== undefined) throw failure;
    return total;
  }
}
