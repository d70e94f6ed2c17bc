/**
 * Security headers on every response, with helmet: a strict Content-Security-Policy whose only
 * inline scripts are Remix's own (hydration data, scroll restoration), allowed by a fresh nonce per
 * request; no framing; same-origin referrers; no MIME sniffing.
 *
 * The nonce goes to Remix through the load context (`cspNonce`) and from there to `<Scripts>` and
 * `<ScrollRestoration>` (app/root.tsx) and to the streaming renderer (app/entry.server.tsx).
 * In development, Vite's client needs inline and eval'd scripts: the policy is not sent there.
 */
import { randomBytes } from "node:crypto";
import type { RequestHandler, Response } from "express";
import helmet from "helmet";

export function cspNonceOf(res: Response): string {
  return String((res.locals as { cspNonce?: string }).cspNonce ?? "");
}

/** The policy, readable in one place (and checked by tests/integration/security.test.ts). */
export function contentSecurityPolicy(nonce: string) {
  return {
    "default-src": ["'self'"],
    "script-src": ["'self'", `'nonce-${nonce}'`],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    // Socket.IO: same origin, over WebSocket or long polling.
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
    "frame-src": ["'none'"],
    "worker-src": ["'self'"],
    "manifest-src": ["'self'"],
  } as const;
}

export function securityHeaders(options: { production: boolean }): RequestHandler[] {
  const nonce: RequestHandler = (_req, res, next) => {
    (res.locals as { cspNonce?: string }).cspNonce = randomBytes(16).toString("base64");
    next();
  };
  const headers = helmet({
    contentSecurityPolicy: options.production
      ? {
          useDefaults: false,
          directives: Object.fromEntries(
            Object.entries(contentSecurityPolicy("NONCE")).map(([name, values]) => [
              name,
              values.map((value) =>
                value === "'nonce-NONCE'"
                  ? (_req: unknown, res: unknown) => `'nonce-${cspNonceOf(res as Response)}'`
                  : value,
              ),
            ]),
          ),
        }
      : false,
    // The app is served over plain HTTP on loopback in tests and behind a TLS proxy in
    // deployments; the proxy owns HSTS (docs/deployment.md).
    strictTransportSecurity: false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: "same-origin" },
    frameguard: { action: "deny" },
    xContentTypeOptions: true,
  });
  return [nonce, headers];
}
