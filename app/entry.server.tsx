/** Server rendering: streams the page, waits for everything for bots and no-JS clients alike. */
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { isRouteErrorResponse, RemixServer } from "@remix-run/react";
import { renderToPipeableStream } from "react-dom/server";
import { localeFromCookieHeader } from "../core/i18n";
import { RequestLocaleContext } from "./utils/i18n-react";
import { NonceProvider } from "./utils/nonce";
import { withoutNulBytes } from "./utils/without-nul.server";

export const streamTimeout = 5_000;

/**
 * Errors Remix reports while answering. A refusal that is part of the web (a page that does not
 * exist, a method a route does not take: 4xx) is one line, method, path and status, never a stack
 * trace: anyone could fill the log with them. Anything else is logged whole.
 */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted) return;
  if (isRouteErrorResponse(error) && error.status < 500) {
    const { pathname } = new URL(request.url);
    console.warn(`${request.method} ${pathname.slice(0, 300)} ${error.status}`);
    return;
  }
  console.error(error);
};

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // The Content-Security-Policy's nonce for this response (server/http/headers.ts).
  const nonce = loadContext.cspNonce || undefined;
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RequestLocaleContext.Provider
          value={localeFromCookieHeader(request.headers.get("Cookie"))}
        >
          <RemixServer
            context={remixContext}
            url={request.url}
            abortDelay={streamTimeout}
            nonce={nonce}
          />
        </RequestLocaleContext.Provider>
      </NonceProvider>,
      {
        nonce,
        onAllReady() {
          shellRendered = true;
          // React 18.3 pads some of its 2 048-byte chunks with zero bytes (utils/without-nul.server.ts).
          const body = withoutNulBytes();
          responseHeaders.set("Content-Type", "text/html; charset=utf-8");
          resolve(
            new Response(createReadableStreamFromReadable(body), {
              headers: responseHeaders,
              status: responseStatusCode,
            }),
          );
          pipe(body);
        },
        onShellError(error: unknown) {
          reject(error);
        },
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    setTimeout(abort, streamTimeout + 1_000);
  });
}
