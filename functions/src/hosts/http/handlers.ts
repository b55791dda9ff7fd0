/**
 * The HTTP API as one table of handlers. Azure's registration (hosts/azure), the local host and the tests all
 * serve this very table. Handlers only parse, authenticate and call the domain: every rule lives in the domain.
 */
import type { HttpRequest, HttpResponseInit } from '@azure/functions';
import { z } from 'zod';
import {
  AddNoteRequestSchema,
  AssignStepRequestSchema,
  AuditVerifyResponseSchema,
  ConcernDraftSchema,
  ConcernViewSchema,
  DecideStepRequestSchema,
  HealthResponseSchema,
  MeResponseSchema,
  MyConcernsResponseSchema,
  PersonasResponseSchema,
  RecordReviewRequestSchema,
  ReferenceSchema,
  RoutesResponseSchema,
  SaveConversationReferenceRequestSchema,
  SubmitConcernRequestSchema,
  SubmitConcernResponseSchema,
  SupplyInformationRequestSchema,
  WorkItemsResponseSchema,
  DraftResponseSchema,
  type HealthResponse,
} from '@pph/contract';
import type { Actor } from '../../kernel/auth/actor';
import { requireRole } from '../../concerns/policy';
import { DomainError } from '../../kernel/errors';
import type { Hub } from '../../hub';
import type { Authenticator } from '../../ports/identity';
import type { Logger } from '../../ports/logger';
import { buildOpenApi } from './openapi';
import { errorResponse, failure, json, readBody } from './respond';
import type { RouteHandler } from './types';

export interface ApiDeps {
  hub: Hub;
  authenticator: Authenticator;
  logger: Logger;
  info: Omit<HealthResponse, 'status' | 'time'>;
}

export function createRoutes(deps: ApiDeps): RouteHandler[] {
  const { hub, authenticator, logger } = deps;

  /** Authenticates, resolves the actor, runs the handler; a conflict answers with the caller's current view. */
  const authed =
    (name: string, fn: (req: HttpRequest, actor: Actor) => Promise<HttpResponseInit>) =>
    async (req: HttpRequest): Promise<HttpResponseInit> => {
      let actor: Actor | undefined;
      try {
        const principal = await authenticator.authenticate({ header: (h) => req.headers.get(h) });
        actor = await hub.directory.resolve(principal);
        return await fn(req, actor);
      } catch (e) {
        if (e instanceof DomainError && e.code === 'conflict' && e.extra.conflictReference && actor) {
          const current = await currentView(actor, e.extra.conflictReference);
          return errorResponse('conflict', e.message, current ? { current } : {});
        }
        return failure(e, logger, name, req.method);
      }
    };

  const currentView = async (actor: Actor, reference: string) => {
    try {
      return await hub.concerns.read(actor, reference);
    } catch {
      return undefined;
    }
  };

  const param = (req: HttpRequest, name: string): string => {
    const value = req.params[name];
    if (!value) throw new DomainError('bad_request', `The path is missing ${name}.`);
    try {
      return decodeURIComponent(value);
    } catch {
      // A malformed escape (a stray '%', a cut-off UTF-8 sequence) is the caller's input, not our failure.
      throw new DomainError(
        'bad_request',
        `The ${name} in the address is not valid: it has a '%' that is not followed by a proper escape. Check the link and try again.`,
      );
    }
  };
  const reference = (req: HttpRequest) => {
    const ref = param(req, 'ref').toUpperCase();
    if (!ReferenceSchema.safeParse(ref).success)
      throw new DomainError('bad_request', 'A concern reference looks like PRV-2026-0001.');
    return ref;
  };
  const ok = (body: unknown, status = 200) => json(status, body);
  /** The concern's ETag may come as If-Match instead of in the body; "*" means "whatever it is now". */
  const ifMatch = (req: HttpRequest) => {
    const value = req.headers.get('if-match')?.trim();
    return value && value !== '*' ? value : undefined;
  };

  const routes: RouteHandler[] = [
    {
      name: 'health',
      methods: ['GET'],
      route: 'health',
      doc: { summary: 'Liveness, version and the store in use', response: HealthResponseSchema, auth: false },
      handler: async () => ok({ status: 'ok', ...deps.info, time: hub.ports.clock.now().toISOString() }),
    },
    {
      name: 'openapi',
      methods: ['GET'],
      route: 'openapi.json',
      doc: { summary: 'This API as an OpenAPI 3.1 document', auth: false },
      handler: async () => ok(buildOpenApi(routes, deps.info.version)),
    },
    {
      name: 'me',
      methods: ['GET'],
      route: 'me',
      doc: { summary: 'Who you are signed in as', response: MeResponseSchema },
      handler: authed('me', async (_req, actor) => {
        const person = await hub.directory.person(actor.id);
        const partner = (await hub.directory.partners()).get(actor.partnerId);
        return ok({ person, partner });
      }),
    },
    {
      name: 'submitConcern',
      methods: ['POST'],
      route: 'concerns',
      doc: {
        summary: 'Raise a Prevent concern (idempotent on idempotencyKey)',
        request: SubmitConcernRequestSchema,
        response: SubmitConcernResponseSchema,
      },
      handler: authed('submitConcern', async (req, actor) => {
        const body = await readBody(req, SubmitConcernRequestSchema);
        const result = await hub.concerns.submit(actor, body);
        return json(result.created ? 201 : 200, result, { location: `/api/concerns/${result.reference}` });
      }),
    },
    {
      name: 'getConcern',
      methods: ['GET'],
      route: 'concerns/{ref}',
      doc: {
        summary: 'A concern, redacted for the caller (every read is audited)',
        response: ConcernViewSchema,
      },
      handler: authed('getConcern', async (req, actor) => {
        const view = await hub.concerns.read(actor, reference(req));
        return json(200, view, { etag: view.etag });
      }),
    },
    {
      name: 'myConcerns',
      methods: ['GET'],
      route: 'me/concerns',
      doc: { summary: 'Status of the concerns you raised', response: MyConcernsResponseSchema },
      handler: authed('myConcerns', async (_req, actor) => ok(await hub.concerns.myConcerns(actor))),
    },
    {
      name: 'myQueue',
      methods: ['GET'],
      route: 'me/queue',
      doc: { summary: 'Steps waiting for your decision and reviews due', response: WorkItemsResponseSchema },
      handler: authed('myQueue', async (_req, actor) => ok(await hub.concerns.queue(actor))),
    },
    {
      name: 'decideStep',
      methods: ['POST'],
      route: 'concerns/{ref}/steps/{stepId}/decision',
      doc: {
        summary:
          'Decide a step: forward, request information, return or close (409 with current state if stale)',
        request: DecideStepRequestSchema,
        response: ConcernViewSchema,
      },
      handler: authed('decideStep', async (req, actor) => {
        const body = await readBody(req, DecideStepRequestSchema);
        const etag = body.etag ?? ifMatch(req);
        const view = await hub.concerns.decide(actor, reference(req), param(req, 'stepId'), {
          ...body,
          ...(etag ? { etag } : {}),
        });
        return json(200, view, { etag: view.etag });
      }),
    },
    {
      name: 'assignStep',
      methods: ['POST'],
      route: 'concerns/{ref}/steps/{stepId}/assignment',
      doc: {
        summary: 'Delegate or reassign a step to another eligible person',
        request: AssignStepRequestSchema,
        response: ConcernViewSchema,
      },
      handler: authed('assignStep', async (req, actor) => {
        const body = await readBody(req, AssignStepRequestSchema);
        return ok(
          await hub.concerns.assign(
            actor,
            reference(req),
            param(req, 'stepId'),
            body.toUserId,
            body.reason,
            body.etag ?? ifMatch(req),
          ),
        );
      }),
    },
    {
      name: 'supplyInformation',
      methods: ['POST'],
      route: 'concerns/{ref}/information-requests/{requestId}/response',
      doc: {
        summary: 'Answer a request for information',
        request: SupplyInformationRequestSchema,
        response: ConcernViewSchema,
      },
      handler: authed('supplyInformation', async (req, actor) => {
        const body = await readBody(req, SupplyInformationRequestSchema);
        return ok(
          await hub.concerns.supplyInformation(actor, reference(req), param(req, 'requestId'), body.response),
        );
      }),
    },
    {
      name: 'addNote',
      methods: ['POST'],
      route: 'concerns/{ref}/notes',
      doc: { summary: 'Add a note to a concern', request: AddNoteRequestSchema, response: ConcernViewSchema },
      handler: authed('addNote', async (req, actor) => {
        const body = await readBody(req, AddNoteRequestSchema);
        return json(201, await hub.concerns.addNote(actor, reference(req), body.text));
      }),
    },
    {
      name: 'recordReview',
      methods: ['POST'],
      route: 'concerns/{ref}/reviews/{reviewId}',
      doc: {
        summary: 'Record a support-plan or post-closure review',
        request: RecordReviewRequestSchema,
        response: ConcernViewSchema,
      },
      handler: authed('recordReview', async (req, actor) => {
        const body = await readBody(req, RecordReviewRequestSchema);
        return ok(
          await hub.concerns.recordReview(actor, reference(req), param(req, 'reviewId'), body.summary),
        );
      }),
    },
    {
      name: 'listRoutes',
      methods: ['GET'],
      route: 'routes',
      doc: { summary: 'Route definitions (all published versions)', response: RoutesResponseSchema },
      handler: authed('listRoutes', async (_req, actor) => {
        requireRole(actor, 'routes.read');
        return ok({ items: await hub.routes.list() });
      }),
    },
    {
      name: 'verifyAudit',
      methods: ['GET'],
      route: 'audit/verify',
      doc: {
        summary: 'Walk the audit hash chain and name the first broken link (administrator)',
        response: AuditVerifyResponseSchema,
      },
      handler: authed('verifyAudit', async (_req, actor) => {
        requireRole(actor, 'audit.verify');
        await hub.relay.runOnce();
        return ok(await hub.audit.verify());
      }),
    },
    {
      name: 'undeliverableNotifications',
      methods: ['GET'],
      route: 'notifications/undeliverable',
      doc: { summary: 'Notifications that could not be delivered (Prevent co-ordinator)' },
      handler: authed('undeliverableNotifications', async (_req, actor) =>
        ok({ items: await hub.outbox.undeliverable(actor) }),
      ),
    },
    {
      name: 'draft',
      methods: ['GET', 'PUT', 'DELETE'],
      route: 'me/draft',
      doc: {
        summary: 'Your unfinished concern from chat',
        request: z.object({ draft: ConcernDraftSchema }),
        response: DraftResponseSchema,
      },
      handler: authed('draft', async (req, actor) => {
        if (req.method === 'GET') return ok({ draft: await hub.drafts.get(actor) });
        if (req.method === 'DELETE') {
          await hub.drafts.remove(actor);
          return { status: 204 };
        }
        const body = await readBody(req, z.object({ draft: ConcernDraftSchema }));
        return ok({ draft: await hub.drafts.put(actor, body.draft) });
      }),
    },
    {
      name: 'conversationReference',
      methods: ['PUT'],
      route: 'me/conversation-reference',
      doc: {
        summary: 'Register the Teams conversation the bot can reach you in',
        request: SaveConversationReferenceRequestSchema,
      },
      handler: authed('conversationReference', async (req, actor) => {
        const body = await readBody(req, SaveConversationReferenceRequestSchema);
        await hub.conversations.save(actor, body.reference);
        return { status: 204 };
      }),
    },
  ];

  if (deps.info.mode === 'local') {
    routes.push({
      name: 'devPersonas',
      methods: ['GET'],
      route: 'dev/personas',
      doc: {
        summary: 'Local mode only: the demo personas you can sign in as (header x-dev-persona)',
        response: PersonasResponseSchema,
        auth: false,
      },
      handler: async () => {
        try {
          const partners = await hub.directory.partners();
          const people = await hub.directory.people();
          return ok({
            items: people.map((p) => ({
              id: p.id,
              displayName: p.displayName,
              roles: p.roles,
              partnerName: partners.get(p.partnerId)?.name ?? p.partnerId,
            })),
          });
        } catch (e) {
          return failure(e, logger, 'devPersonas', 'GET');
        }
      },
    });
  }
  return routes;
}
