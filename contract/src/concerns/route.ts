import { z } from 'zod';
import { RoleSchema, SectorSchema, chooseFrom } from '../kernel/common';

/** Which partner agency a step's decider must belong to. */
export const PartnerSelectorSchema = z.union([
  /** The agency the referrer works for (e.g. its designated safeguarding lead). */
  z.object({ kind: z.literal('referrer-partner') }),
  /** Any agency of this sector (e.g. the council for the Prevent co-ordinator, the police force). */
  z.object({ kind: z.literal('sector'), sector: SectorSchema }),
]);
export type PartnerSelector = z.infer<typeof PartnerSelectorSchema>;

/** Roles that decide steps of a concern; a route naming any other role would leave a step nobody can decide. */
export const DecidingRoleSchema = RoleSchema.extract(
  ['safeguarding-lead', 'prevent-coordinator', 'police-prevent', 'channel-chair'],
  {
    error:
      'A step is decided by a safeguarding lead, the Prevent co-ordinator, police Prevent or the Channel chair.',
  },
);

export const DeciderSchema = z.object({ role: DecidingRoleSchema, partner: PartnerSelectorSchema });
export type Decider = z.infer<typeof DeciderSchema>;

const DECISION_KINDS = ['forward', 'request-information', 'return', 'close'] as const;
export const DecisionKindSchema = z.enum(DECISION_KINDS, { error: chooseFrom('a decision', DECISION_KINDS) });
export type DecisionKind = z.infer<typeof DecisionKindSchema>;

/** What an outcome does to the concern. */
export const OutcomeEffectSchema = z.union([
  z.object({ kind: z.literal('next') }),
  z.object({ kind: z.literal('goto'), stage: z.string().min(1) }),
  z.object({ kind: z.literal('close'), scheduleClosureReviews: z.boolean() }),
]);

export const OutcomeSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  label: z.string().min(1).max(200),
  effect: OutcomeEffectSchema,
});
export type Outcome = z.infer<typeof OutcomeSchema>;

export const StepDefinitionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1).max(200),
  decidedBy: DeciderSchema,
  decisions: z.array(DecisionKindSchema).min(1),
  /** Outcomes a "close" (or an outcome-bearing "forward") may carry. */
  outcomes: z.array(OutcomeSchema).default([]),
  /** Visibility tier of this step's decisions and reasons (see the authorisation policy). */
  visibility: z.enum(['case', 'police', 'panel']),
  timeLimitWorkingDays: z.number().int().min(1).max(260),
  reminderWorkingDaysBefore: z.number().int().min(0).max(20),
  escalateTo: DeciderSchema,
});
export type StepDefinition = z.infer<typeof StepDefinitionSchema>;

export const CompletionRuleSchema = z.union([
  z.literal('all'),
  z.literal('any'),
  z.object({ quorum: z.number().int().min(1) }),
]);
export type CompletionRule = z.infer<typeof CompletionRuleSchema>;

/** A stage runs its steps in parallel; stages run one after another. */
export const StageDefinitionSchema = z.object({
  key: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1).max(200),
  /** Plain-language status shown to the referrer while the concern is in this stage. */
  referrerStatus: z.string().min(1).max(200),
  steps: z.array(StepDefinitionSchema).min(1),
  completion: CompletionRuleSchema,
  /** While the concern sits in this stage, a review falls due this many months apart (support plans). */
  reviewEveryMonths: z.number().int().min(1).max(12).optional(),
});
export type StageDefinition = z.infer<typeof StageDefinitionSchema>;

export const RouteDefinitionSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    version: z.number().int().min(1),
    name: z.string().min(1).max(200),
    stages: z.array(StageDefinitionSchema).min(1),
    /** Months after closure at which follow-up reviews are scheduled (Channel: 6 and 12). */
    closureReviewMonths: z.array(z.number().int().min(1).max(60)).default([]),
    /**
     * A step waiting for information has no time limit running, so the person asked is reminded, and then the
     * step's deciders are told there is no reply (they may decide without it), after these many working days.
     */
    informationRequests: z
      .object({
        remindAfterWorkingDays: z.number().int().min(1).max(20),
        chaseAfterWorkingDays: z.number().int().min(1).max(60),
      })
      .refine((r) => r.remindAfterWorkingDays < r.chaseAfterWorkingDays, {
        message: 'The reminder must come before the deciders are told there is no reply.',
        path: ['chaseAfterWorkingDays'],
      })
      .default({ remindAfterWorkingDays: 2, chaseAfterWorkingDays: 5 }),
  })
  .superRefine((route, ctx) => {
    const stageKeys = new Set<string>();
    route.stages.forEach((stage, i) => {
      if (stageKeys.has(stage.key))
        ctx.addIssue({
          code: 'custom',
          message: `Duplicate stage "${stage.key}".`,
          path: ['stages', i, 'key'],
        });
      stageKeys.add(stage.key);
      if (typeof stage.completion === 'object' && stage.completion.quorum > stage.steps.length) {
        ctx.addIssue({
          code: 'custom',
          message: `Quorum ${stage.completion.quorum} exceeds the ${stage.steps.length} steps of "${stage.key}".`,
          path: ['stages', i, 'completion'],
        });
      }
      const stepKeys = new Set<string>();
      stage.steps.forEach((step, j) => {
        const at = ['stages', i, 'steps', j];
        if (stepKeys.has(step.key))
          ctx.addIssue({ code: 'custom', message: `Duplicate step "${step.key}".`, path: [...at, 'key'] });
        stepKeys.add(step.key);
        if (step.reminderWorkingDaysBefore >= step.timeLimitWorkingDays) {
          ctx.addIssue({
            code: 'custom',
            message: 'The reminder must fall before the time limit.',
            path: [...at, 'reminderWorkingDaysBefore'],
          });
        }
        if (step.decisions.includes('close') && step.outcomes.every((o) => o.effect.kind !== 'close')) {
          ctx.addIssue({
            code: 'custom',
            message: 'A step that can close needs at least one closing outcome.',
            path: [...at, 'outcomes'],
          });
        }
        if (step.decisions.includes('return') && i === 0) {
          ctx.addIssue({
            code: 'custom',
            message: 'The first stage has nothing to return to.',
            path: [...at, 'decisions'],
          });
        }
      });
    });
    route.stages.forEach((stage, i) =>
      stage.steps.forEach((step, j) =>
        step.outcomes.forEach((o, k) => {
          if (o.effect.kind === 'goto' && !stageKeys.has(o.effect.stage)) {
            ctx.addIssue({
              code: 'custom',
              message: `Outcome goes to unknown stage "${o.effect.stage}".`,
              path: ['stages', i, 'steps', j, 'outcomes', k],
            });
          }
        }),
      ),
    );
  });
export type RouteDefinition = z.infer<typeof RouteDefinitionSchema>;
export type RouteDefinitionInput = z.input<typeof RouteDefinitionSchema>;
