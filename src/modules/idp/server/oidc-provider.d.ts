/** The part of oidc-provider 9's API Archipel uses (the package ships no types). */
declare module "oidc-provider" {
  import type { IncomingMessage, ServerResponse } from "node:http";

  export type KoaContextWithOIDC = {
    req: IncomingMessage & Record<string, unknown>;
    method: string;
    path: string;
    cookies: { get(name: string, opts?: { signed?: boolean }): string | undefined };
    response: { get(name: string): string };
    remove(name: string): void;
    res: ServerResponse;
    host: string;
    state: Record<string, unknown>;
    type: string;
    body: unknown;
    status: number;
    oidc: {
      route: string;
      client?: { clientId: string; clientName?: string };
      session?: { accountId?: string; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      requestParamScopes: Set<string>;
      requestParamClaims: Set<string>;
      provider: Provider;
      body?: Record<string, unknown>;
      params?: Record<string, unknown>;
    };
  };

  export type AdapterPayload = Record<string, unknown> & { grantId?: string; uid?: string; userCode?: string; consumed?: unknown };
  export interface Adapter {
    upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void>;
    find(id: string): Promise<AdapterPayload | undefined>;
    findByUserCode(userCode: string): Promise<AdapterPayload | undefined>;
    findByUid(uid: string): Promise<AdapterPayload | undefined>;
    consume(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    revokeByGrantId(grantId: string): Promise<void>;
  }

  export type InteractionDetails = {
    uid: string;
    prompt: { name: string; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
    grantId?: string;
  };

  export class Grant {
    constructor(opts: { accountId: string; clientId: string });
    static find(id: string): Promise<Grant | undefined>;
    accountId: string;
    clientId: string;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export class Provider {
    constructor(issuer: string, configuration: Record<string, unknown>);
    issuer: string;
    proxy: boolean;
    Grant: typeof Grant;
    Session: { find(id: string): Promise<{ authorizations?: Record<string, { sid?: string; grantId?: string }> } | undefined> };
    cookieName(type: string): string;
    Client: {
      prototype: { compareClientSecret(this: { clientSecret: string }, actual: string): boolean | Promise<boolean> };
      find(id: string): Promise<{ clientId: string; backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string): Promise<void> } | undefined>;
    };
    /** the request being handled (the library's AsyncLocalStorage), outside a request undefined */
    static get ctx(): KoaContextWithOIDC | undefined;
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    use(mw: (ctx: KoaContextWithOIDC, next: () => Promise<void>) => Promise<void>): void;
    on(event: string, listener: (...args: any[]) => void): void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(
      req: IncomingMessage,
      res: ServerResponse,
      result: Record<string, unknown>,
      opts?: { mergeWithLastSubmission?: boolean },
    ): Promise<void>;
  }

  export namespace interactionPolicy {
    class Check {
      static REQUEST_PROMPT: true;
      static NO_NEED_TO_PROMPT: false;
      constructor(reason: string, description: string, error: string, check: (ctx: KoaContextWithOIDC) => boolean | Promise<boolean>);
    }
    type Prompt = { name: string; checks: Check[] };
    function base(): Prompt[] & { get(name: string): Prompt };
  }

  export namespace errors {
    class AccessDenied extends Error {
      constructor(description?: string);
    }
  }

  export default Provider;
}
