/** The returns capability's operations, as plain handlers over its service (no HTTP here). */
import { EXPORT_CONTENT_TYPES, type ReturnOperations, type ReturnView } from '@pph/contract';
import type { OperationHandlers } from '../kernel/operations/handler';
import type { ExportFile, ReturnService } from './service';

/** A return with its ETag in the header too, for clients that send If-Match. */
const withEtag = async (view: Promise<ReturnView>) => {
  const body = await view;
  return { body, headers: { etag: body.etag } };
};

const file = (f: ExportFile) => ({
  file: { contentType: EXPORT_CONTENT_TYPES[f.contentType], fileName: f.fileName, data: f.data },
});

export function returnHandlers(returns: ReturnService): OperationHandlers<typeof ReturnOperations> {
  return {
    listReturnCycles: async ({ actor }) => ({ body: await returns.listCycles(actor) }),
    getReturnCycle: async ({ actor, params }) => ({ body: await returns.overview(actor, params.cycleId) }),
    chaseReturns: async ({ actor, params, body }) => ({
      body: await returns.chase(actor, params.cycleId, body),
    }),
    getCollation: async ({ actor, params }) => ({ body: await returns.collation(actor, params.cycleId) }),
    exportCollationWorkbook: async ({ actor, params }) =>
      file(await returns.exportWorkbook(actor, params.cycleId)),
    exportCollationCsv: async ({ actor, params }) =>
      file(await returns.exportCsv(actor, params.cycleId, params.view)),
    myReturns: async ({ actor }) => ({ body: await returns.myReturns(actor) }),
    getReturn: ({ actor, params }) => withEtag(returns.read(actor, params.ref)),
    saveReturnDraft: ({ actor, params, body, ifMatch }) =>
      withEtag(returns.saveDraft(actor, params.ref, body, ifMatch)),
    submitReturn: ({ actor, params, body, ifMatch }) =>
      withEtag(returns.submit(actor, params.ref, body, ifMatch)),
    approveReturn: ({ actor, params, body, ifMatch }) =>
      withEtag(returns.approve(actor, params.ref, body, ifMatch)),
    sendBackReturn: ({ actor, params, body, ifMatch }) =>
      withEtag(returns.sendBack(actor, params.ref, body, ifMatch)),
    bulkApproveReturns: async ({ actor, body }) => ({ body: await returns.bulkApprove(actor, body) }),
  };
}
