/** The minutes capability's operations, as plain handlers over its services (no HTTP here). */
import type { MinutesOperations, MinutesView } from '@pph/contract';
import type { OperationHandlers } from '../kernel/operations/handler';
import type { ActionLog } from './action-log';
import type { MinutesService } from './service';

/** Minutes and actions with their ETag in the header too, for clients that send If-Match. */
const withEtag = async <T extends { etag: string }>(view: Promise<T>) => {
  const body = await view;
  return { body, headers: { etag: body.etag } };
};

export function minutesHandlers(
  minutes: MinutesService,
  actions: ActionLog,
): OperationHandlers<typeof MinutesOperations> {
  return {
    getMinutes: ({ actor, params }) => withEtag<MinutesView>(minutes.read(actor, params.meetingId)),
    saveMinutesDraft: ({ actor, params, body, ifMatch }) =>
      withEtag(minutes.saveDraft(actor, params.meetingId, body, ifMatch)),
    circulateMinutes: ({ actor, params, body, ifMatch }) =>
      withEtag(minutes.circulate(actor, params.meetingId, body, ifMatch)),
    approveMinutes: ({ actor, params, body, ifMatch }) =>
      withEtag(minutes.approve(actor, params.meetingId, body, ifMatch)),
    downloadMinutes: async ({ actor, params }) => ({
      file: await minutes.download(actor, params.meetingId, Number(params.version), params.format),
    }),
    listActions: async ({ actor, params }) => ({ body: await actions.list(actor, params.view) }),
    listActionsOfOwner: async ({ actor, params }) => ({
      body: await actions.list(actor, params.view, params.ownerId),
    }),
    getAction: ({ actor, params }) => withEtag(actions.get(actor, params.actionId)),
    updateAction: ({ actor, params, body, ifMatch }) =>
      withEtag(actions.update(actor, params.actionId, body, ifMatch)),
  };
}
