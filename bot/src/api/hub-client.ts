/**
 * The bot's only way into the hub: the HTTP API, through the contract's typed client. It never touches the store;
 * every call is made as the person the bot acts for, and the domain core authorises it like any other caller.
 */
import {
  ApiError,
  createApiClient,
  Operations,
  type ApiClient,
  type ConcernDraft,
  type ConcernIntakeInput,
  type ConcernView,
  type ConversationReferenceInput,
  type DecideStepRequest,
  type MeResponse,
  type MyConcernsResponse,
  type SubmitConcernResponse,
  type WorkItemsResponse,
} from '@pph/contract';

/** How the bot proves who it acts for: dev persona locally, its own Entra token plus the user's oid in Azure. */
export interface ApiCredentials {
  headersFor(userObjectId: string): Promise<Record<string, string>>;
}

/** The hub's error answer (status, code, message, field errors, the current record on a 409). */
export { ApiError as HubApiError };

export class HubClient {
  private readonly api: ApiClient<typeof Operations>;

  constructor(
    baseUrl: string,
    private readonly credentials: ApiCredentials,
    timeoutMs = 15_000,
  ) {
    this.api = createApiClient(Operations, { baseUrl, timeoutMs });
  }

  private as = async (user: string) => ({ headers: await this.credentials.headersFor(user) });

  async me(user: string): Promise<MeResponse> {
    return this.api.me(await this.as(user));
  }

  async getDraft(user: string): Promise<ConcernDraft | null> {
    return (await this.api.getDraft(await this.as(user))).draft;
  }

  async putDraft(user: string, draft: ConcernDraft): Promise<ConcernDraft> {
    const res = await this.api.putDraft({ ...(await this.as(user)), body: { draft } });
    return res.draft ?? draft;
  }

  async deleteDraft(user: string): Promise<void> {
    await this.api.deleteDraft(await this.as(user));
  }

  /** Steps waiting for this person's decision (and reviews due). */
  async myQueue(user: string): Promise<WorkItemsResponse> {
    return this.api.myQueue(await this.as(user));
  }

  async submit(
    user: string,
    idempotencyKey: string,
    concern: ConcernIntakeInput,
  ): Promise<SubmitConcernResponse> {
    return this.api.submitConcern({ ...(await this.as(user)), body: { idempotencyKey, concern } });
  }

  async myConcerns(user: string): Promise<MyConcernsResponse> {
    return this.api.myConcerns(await this.as(user));
  }

  async concern(user: string, reference: string): Promise<ConcernView> {
    return this.api.getConcern({ ...(await this.as(user)), params: { ref: reference } });
  }

  async decide(
    user: string,
    reference: string,
    stepId: string,
    body: DecideStepRequest,
  ): Promise<ConcernView> {
    return this.api.decideStep({ ...(await this.as(user)), params: { ref: reference, stepId }, body });
  }

  async supplyInformation(
    user: string,
    reference: string,
    requestId: string,
    response: string,
  ): Promise<ConcernView> {
    return this.api.supplyInformation({
      ...(await this.as(user)),
      params: { ref: reference, requestId },
      body: { response },
    });
  }

  async saveConversationReference(user: string, reference: ConversationReferenceInput): Promise<void> {
    await this.api.saveConversationReference({ ...(await this.as(user)), body: { reference } });
  }

  /** Whether this is the person's first message to the bot ever (the hub records it once). */
  async recordFirstMessage(user: string): Promise<boolean> {
    return (await this.api.recordFirstMessage(await this.as(user))).first;
  }
}
