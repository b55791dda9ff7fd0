/** The concern capability's operations. */
import { z } from 'zod';
import { DraftResponseSchema, PutDraftRequestSchema } from '../kernel/bot';
import { RoutesResponseSchema } from '../kernel/api';
import { defineOperations } from '../kernel/operation';
import { SubmitConcernRequestSchema } from './concern';
import { ReferenceParamSchema, PathIdSchema } from './params';
import {
  AddNoteRequestSchema,
  AssignStepRequestSchema,
  ConcernViewSchema,
  DecideStepRequestSchema,
  MyConcernsResponseSchema,
  RecordReviewRequestSchema,
  SubmitConcernResponseSchema,
  SupplyInformationRequestSchema,
} from './workflow';

const concern = z.object({ ref: ReferenceParamSchema });
const step = z.object({ ref: ReferenceParamSchema, stepId: PathIdSchema('step') });

export const ConcernOperations = defineOperations({
  submitConcern: {
    method: 'POST',
    route: 'concerns',
    summary: 'Raise a Prevent concern (idempotent on idempotencyKey: 201 when created, 200 on a replay)',
    request: SubmitConcernRequestSchema,
    response: SubmitConcernResponseSchema,
    status: 201,
    access: 'concern.submit',
  },
  getConcern: {
    method: 'GET',
    route: 'concerns/{ref}',
    summary: 'A concern, redacted for the caller (every read is audited)',
    params: concern,
    response: ConcernViewSchema,
    access: 'concern.read',
  },
  myConcerns: {
    method: 'GET',
    route: 'me/concerns',
    summary: 'Status of the concerns you raised',
    response: MyConcernsResponseSchema,
    access: 'my-concerns.read',
  },
  decideStep: {
    method: 'POST',
    route: 'concerns/{ref}/steps/{stepId}/decision',
    summary: 'Decide a step: forward, request information, return or close (409 with current state if stale)',
    params: step,
    request: DecideStepRequestSchema,
    response: ConcernViewSchema,
    access: 'concern.decide',
  },
  assignStep: {
    method: 'POST',
    route: 'concerns/{ref}/steps/{stepId}/assignment',
    summary: 'Delegate or reassign a step to another eligible person',
    params: step,
    request: AssignStepRequestSchema,
    response: ConcernViewSchema,
    access: 'concern.assign',
  },
  supplyInformation: {
    method: 'POST',
    route: 'concerns/{ref}/information-requests/{requestId}/response',
    summary: 'Answer a request for information',
    params: z.object({ ref: ReferenceParamSchema, requestId: PathIdSchema('information request') }),
    request: SupplyInformationRequestSchema,
    response: ConcernViewSchema,
    access: 'concern.supply-information',
  },
  addNote: {
    method: 'POST',
    route: 'concerns/{ref}/notes',
    summary: 'Add a note to a concern',
    params: concern,
    request: AddNoteRequestSchema,
    response: ConcernViewSchema,
    status: 201,
    access: 'concern.add-note',
  },
  recordReview: {
    method: 'POST',
    route: 'concerns/{ref}/reviews/{reviewId}',
    summary: 'Record a support-plan or post-closure review',
    params: z.object({ ref: ReferenceParamSchema, reviewId: PathIdSchema('review') }),
    request: RecordReviewRequestSchema,
    response: ConcernViewSchema,
    access: 'concern.record-review',
  },
  listRoutes: {
    method: 'GET',
    route: 'routes',
    summary: 'Route definitions (all published versions)',
    response: RoutesResponseSchema,
    access: 'routes.read',
  },
  getDraft: {
    method: 'GET',
    route: 'me/draft',
    summary: 'Your unfinished concern from chat',
    response: DraftResponseSchema,
    access: 'draft.manage',
  },
  putDraft: {
    method: 'PUT',
    route: 'me/draft',
    summary: 'Save your unfinished concern (answers unchecked, so nothing typed is lost)',
    request: PutDraftRequestSchema,
    response: DraftResponseSchema,
    access: 'draft.manage',
  },
  deleteDraft: {
    method: 'DELETE',
    route: 'me/draft',
    summary: 'Discard your unfinished concern',
    status: 204,
    access: 'draft.manage',
  },
});
