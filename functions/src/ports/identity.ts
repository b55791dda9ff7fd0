/** Who is calling, as established by an authenticator adapter (Entra token or the local dev sign-in). */
export interface Principal {
  /** Entra object id (oid) of the user the call is for. */
  userId: string;
  tenantId?: string;
  /** How the principal was established: the domain may refuse some paths (e.g. bot-only headers). */
  via: 'entra-user' | 'entra-bot-on-behalf' | 'dev-persona';
}

export interface AuthRequest {
  header(name: string): string | null;
}

export interface Authenticator {
  /** Resolves the principal, or throws AuthError (401). */
  authenticate(req: AuthRequest): Promise<Principal>;
}

export class AuthError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthError';
  }
}
