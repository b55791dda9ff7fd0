/**
 * The bot's only way into the hub: the HTTP API. It never touches the store; every call is made as the person the
 * bot acts for, and the domain core authorises it like any other caller.
 */
import {
  ApiPaths,
  BotApiPaths,
  ConcernViewSchema,
  DraftResponseSchema,
  ErrorBodySchema,
  MeResponseSchema,
  MyConcernsResponseSchema,
  SubmitConcernResponseSchema,
  WorkItemsResponseSchema,
  type ConcernDraft,
  type ConcernIntakeInput,
  type ConcernView,
  type ConversationReferenceInput,
  type DecideStepRequest,
  type ErrorBody,
  type MeResponse,
  type MyConcernsResponse,
  type SubmitConcernResponse,
  type WorkItemsResponse,
} from '@pph/contract';
import type { z } from 'zod';

/** How the bot proves who it acts for: dev persona locally, its own Entra token plus the user's oid in Azure. */
export interface ApiCredentials {
  headersFor(userObjectId: string): Promise<Record<string, string>>;
}

export class HubApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: ErrorBody | undefined,
  ) {
    super(body?.error.message ?? `The hub answered ${status}.`);
    this.name = 'HubApiError';
  }
  get code() {
    return this.body?.error.code;
  }
  get fieldErrors() {
    return this.body?.error.fieldErrors ?? [];
  }
}

export class HubClient {
  constructor(
    private readonly baseUrl: string,
    private readonly credentials: ApiCredentials,
    private readonly timeoutMs = 15_000,
  ) {}

  me(user: string): Promise<MeResponse> {
    return this.call(user, 'GET', ApiPaths.me, undefined, MeResponseSchema);
  }

  async getDraft(user: string): Promise<ConcernDraft | null> {
    return (await this.call(user, 'GET', BotApiPaths.draft, undefined, DraftResponseSchema)).draft;
  }

  async putDraft(user: string, draft: ConcernDraft): Promise<ConcernDraft> {
    const res = await this.call(user, 'PUT', BotApiPaths.draft, { draft }, DraftResponseSchema);
    return res.draft ?? draft;
  }

  async deleteDraft(user: string): Promise<void> {
    await this.call(user, 'DELETE', BotApiPaths.draft);
  }

  /** Steps waiting for this person's decision (and reviews due). */
  myQueue(user: string): Promise<WorkItemsResponse> {
    return this.call(user, 'GET', ApiPaths.myQueue, undefined, WorkItemsResponseSchema);
  }

  submit(user: string, idempotencyKey: string, concern: ConcernIntakeInput): Promise<SubmitConcernResponse> {
    return this.call(
      user,
      'POST',
      ApiPaths.concerns,
      { idempotencyKey, concern },
      SubmitConcernResponseSchema,
    );
  }

  myConcerns(user: string): Promise<MyConcernsResponse> {
    return this.call(user, 'GET', ApiPaths.myConcerns, undefined, MyConcernsResponseSchema);
  }

  concern(user: string, reference: string): Promise<ConcernView> {
    return this.call(user, 'GET', ApiPaths.concern(reference), undefined, ConcernViewSchema);
  }

  decide(user: string, reference: string, stepId: string, body: DecideStepRequest): Promise<ConcernView> {
    return this.call(user, 'POST', ApiPaths.decide(reference, stepId), body, ConcernViewSchema);
  }

  supplyInformation(
    user: string,
    reference: string,
    requestId: string,
    response: string,
  ): Promise<ConcernView> {
    return this.call(
      user,
      'POST',
      ApiPaths.supplyInformation(reference, requestId),
      { response },
      ConcernViewSchema,
    );
  }

  async saveConversationReference(user: string, reference: ConversationReferenceInput): Promise<void> {
    await this.call(user, 'PUT', BotApiPaths.conversationReference, { reference });
  }

  private async call<T>(
    user: string,
    method: string,
    path: string,
    body?: unknown,
    schema?: z.ZodType<T>,
  ): Promise<T> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...(await this.credentials.headersFor(user)),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    };
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await res.text();
    const json: unknown = text ? JSON.parse(text) : undefined;
    if (!res.ok) {
      const parsed = ErrorBodySchema.safeParse(json);
      throw new HubApiError(res.status, parsed.success ? parsed.data : undefined);
    }
    return schema ? schema.parse(json) : (json as T);
  }
}
