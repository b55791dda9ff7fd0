/** The port the SharePoint adapter gets its app-only access tokens from (a certificate in Azure; a stub in tests). */
export interface TokenProvider {
  /** An access token for `scope` (e.g. `https://contoso.sharepoint.com/.default`). */
  getToken(scope: string): Promise<string>;
}

/** A fixed token: the test double accepts any bearer token. */
export const staticTokenProvider = (token: string): TokenProvider => ({ getToken: async () => token });
