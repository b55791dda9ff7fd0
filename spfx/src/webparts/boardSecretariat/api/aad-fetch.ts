/**
 * A `fetch` over SPFx's AadHttpClient: SharePoint gets the Entra token for the hub's API (the permission the
 * solution package requests, approved in the SharePoint admin centre) and the contract's typed client sees a
 * standard Response.
 */
import { AadHttpClient, type AadHttpClientFactory } from '@microsoft/sp-http';

const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

export async function aadFetch(factory: AadHttpClientFactory, resource: string): Promise<typeof fetch> {
  const client = await factory.getClient(resource);
  return async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const answer = await client.fetch(url, AadHttpClient.configurations.v1, {
      method: init?.method ?? 'GET',
      headers: init?.headers,
      body: init?.body,
      signal: init?.signal,
    });
    const body = NULL_BODY_STATUSES.has(answer.status) ? null : await answer.blob();
    return new Response(body, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  };
}
