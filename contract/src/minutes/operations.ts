/**
 * The minutes and action-log operations. The download answers with a file (Word or PDF), not JSON: it declares
 * no response schema; the content types are MINUTES_CONTENT_TYPES.
 */
import { defineOperations } from '../kernel/operation';
import { ActionLogResponseSchema, ActionViewSchema, UpdateActionRequestSchema } from './actions';
import {
  ApproveMinutesRequestSchema,
  CirculateMinutesRequestSchema,
  MinutesViewSchema,
  SaveMinutesDraftRequestSchema,
} from './minutes';
import {
  ActionLogParamsSchema,
  ActionParamsSchema,
  MinutesDocumentParamsSchema,
  MinutesParamsSchema,
  OwnerActionLogParamsSchema,
} from './params';

export const MinutesOperations = defineOperations({
  getMinutes: {
    method: 'GET',
    route: 'meetings/{meetingId}/minutes',
    summary:
      "A meeting's minutes as you may see them (restricted items only if cleared), every version listed",
    params: MinutesParamsSchema,
    response: MinutesViewSchema,
    access: 'minutes.read',
  },
  saveMinutesDraft: {
    method: 'PUT',
    route: 'meetings/{meetingId}/minutes/draft',
    summary:
      'Save the draft minutes (secretariat): per item discussion, decisions, new actions; a new version',
    params: MinutesParamsSchema,
    request: SaveMinutesDraftRequestSchema,
    response: MinutesViewSchema,
    access: 'minutes.write',
  },
  circulateMinutes: {
    method: 'POST',
    route: 'meetings/{meetingId}/minutes/circulation',
    summary: 'Circulate the draft minutes to the attendees (secretariat)',
    params: MinutesParamsSchema,
    request: CirculateMinutesRequestSchema,
    response: MinutesViewSchema,
    access: 'minutes.write',
  },
  approveMinutes: {
    method: 'POST',
    route: 'meetings/{meetingId}/minutes/approval',
    summary:
      "Record the Board's approval at the next meeting of the same kind (secretariat); once only (409)",
    params: MinutesParamsSchema,
    request: ApproveMinutesRequestSchema,
    response: MinutesViewSchema,
    access: 'minutes.write',
  },
  downloadMinutes: {
    method: 'GET',
    route: 'meetings/{meetingId}/minutes/versions/{version}/{format}',
    summary: 'One version as Word or PDF: the restricted copy if you are cleared for every item, else public',
    params: MinutesDocumentParamsSchema,
    access: 'minutes.read',
  },
  listActions: {
    method: 'GET',
    route: 'action-log/{view}',
    summary: 'The action log: open, overdue or all (yours only unless you oversee the Board)',
    params: ActionLogParamsSchema,
    response: ActionLogResponseSchema,
    access: 'action-log.read',
  },
  listActionsOfOwner: {
    method: 'GET',
    route: 'action-log/{view}/owners/{ownerId}',
    summary: "One owner's actions: open, overdue or all",
    params: OwnerActionLogParamsSchema,
    response: ActionLogResponseSchema,
    access: 'action-log.read',
  },
  getAction: {
    method: 'GET',
    route: 'actions/{actionId}',
    summary: 'One action with its history',
    params: ActionParamsSchema,
    response: ActionViewSchema,
    access: 'action-log.read',
  },
  updateAction: {
    method: 'POST',
    route: 'actions/{actionId}/status',
    summary: 'Change an action’s status (its owner or the secretariat); dropped needs a note',
    params: ActionParamsSchema,
    request: UpdateActionRequestSchema,
    response: ActionViewSchema,
    access: 'action.update',
  },
});
