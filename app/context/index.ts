/**
 * What every loader and action gets in `context`, from the server entry's getLoadContext
 * (server/index.ts): the process's services (core/services/index.ts), the client's address (behind the
 * loopback proxy, for rate limits) and the nonce of this response's Content-Security-Policy.
 */
import type { Services } from "../../core/services";

declare module "@remix-run/node" {
  interface AppLoadContext {
    services: Services;
    clientIp: string;
    cspNonce: string;
  }
}

export type { AppLoadContext } from "@remix-run/node";
