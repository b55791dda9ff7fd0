/** The concern capability's operations, as plain handlers over its services (no HTTP here). */
import type { ConcernOperations } from '@pph/contract';
import type { OperationHandlers } from '../kernel/operations/handler';
import type { ConcernService } from './service';
import type { Drafts } from './drafts';
import type { RouteCatalogue } from './routes/route-catalogue';

export interface ConcernServices {
  concerns: ConcernService;
  drafts: Drafts;
  catalogue: RouteCatalogue;
}

export function concernHandlers(s: ConcernServices): OperationHandlers<typeof ConcernOperations> {
  return {
    submitConcern: async ({ actor, body }) => {
      const result = await s.concerns.submit(actor, body);
      return {
        body: result,
        status: result.created ? 201 : 200,
        headers: { location: `/api/concerns/${result.reference}` },
      };
    },
    getConcern: async ({ actor, params }) => withEtag(await s.concerns.read(actor, params.ref)),
    myConcerns: async ({ actor }) => ({ body: await s.concerns.myConcerns(actor) }),
    decideStep: async ({ actor, params, body, ifMatch }) => {
      const etag = body.etag ?? ifMatch;
      return withEtag(
        await s.concerns.decide(actor, params.ref, params.stepId, { ...body, ...(etag ? { etag } : {}) }),
      );
    },
    assignStep: async ({ actor, params, body, ifMatch }) => ({
      body: await s.concerns.assign(
        actor,
        params.ref,
        params.stepId,
        body.toUserId,
        body.reason,
        body.etag ?? ifMatch,
      ),
    }),
    supplyInformation: async ({ actor, params, body }) => ({
      body: await s.concerns.supplyInformation(actor, params.ref, params.requestId, body.response),
    }),
    addNote: async ({ actor, params, body }) => ({
      body: await s.concerns.addNote(actor, params.ref, body.text),
    }),
    recordReview: async ({ actor, params, body }) => ({
      body: await s.concerns.recordReview(actor, params.ref, params.reviewId, body.summary),
    }),
    listRoutes: async ({ actor }) => ({ body: { items: await s.catalogue.list(actor) } }),
    getDraft: async ({ actor }) => ({ body: { draft: await s.drafts.get(actor) } }),
    putDraft: async ({ actor, body }) => ({ body: { draft: await s.drafts.put(actor, body.draft) } }),
    deleteDraft: async ({ actor }) => {
      await s.drafts.remove(actor);
      return {};
    },
  };
}

const withEtag = <V extends { etag: string }>(view: V) => ({ body: view, headers: { etag: view.etag } });
