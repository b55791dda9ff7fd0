/** URL paths of the API, derived from the one operation table, for clients and tests that build URLs. */
import { pathOf } from './kernel/operation';
import { Operations as O } from './operations';

export const ApiPaths = {
  health: pathOf(O.health),
  openapi: pathOf(O.openapi),
  me: pathOf(O.me),
  personas: pathOf(O.devPersonas),
  concerns: pathOf(O.submitConcern),
  myConcerns: pathOf(O.myConcerns),
  myQueue: pathOf(O.myQueue),
  routes: pathOf(O.listRoutes),
  auditVerify: pathOf(O.verifyAudit),
  undeliverable: pathOf(O.undeliverableNotifications),
  draft: pathOf(O.getDraft),
  conversationReference: pathOf(O.saveConversationReference),
  concern: (ref: string) => pathOf(O.getConcern, { ref }),
  decide: (ref: string, stepId: string) => pathOf(O.decideStep, { ref, stepId }),
  assign: (ref: string, stepId: string) => pathOf(O.assignStep, { ref, stepId }),
  supplyInformation: (ref: string, requestId: string) => pathOf(O.supplyInformation, { ref, requestId }),
  notes: (ref: string) => pathOf(O.addNote, { ref }),
  review: (ref: string, reviewId: string) => pathOf(O.recordReview, { ref, reviewId }),
} as const;
