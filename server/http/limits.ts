/**
 * Request body limits, checked on the declared length before Remix reads a body: 1 MB for forms,
 * 11 MB for multipart uploads (a 10 MB file plus the form around it; upload.server.ts checks the
 * file itself). The answer is a small page in the reader's language. A body sent without a
 * declared length is counted while it is read (readFormDataWithin in core/utils/forms.ts), with the same
 * limit and message. Either way the refused body is read and discarded (up to MAX_DRAIN_BYTES)
 * while the answer goes out, so that the client reads it. Socket.IO's own requests never reach Express.
 */
import type { RequestHandler } from "express";
import { MAX_DRAIN_BYTES } from "../../core/utils/forms";
import { localeFromCookieHeader, translate, type Locale, type MessageKey } from "../../core/i18n";

export const FORM_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 11 * 1024 * 1024;

/** How long a client sending an oversized body may pause before the connection is cut. */
const DRAIN_TIMEOUT_MS = 15_000;

const WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

function escapeHtml(text: string) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function refusalPage(locale: Locale, key: MessageKey, params?: Record<string, number>) {
  const message = escapeHtml(translate(locale, key, params));
  const title = escapeHtml(translate(locale, "errors.page.title"));
  const back = escapeHtml(translate(locale, "errors.page.home"));
  return `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title}</title></head><body><main><h1>${title}</h1><p role="alert">${message}</p><p><a href="/">${back}</a></p></main></body></html>`;
}

export const limitBodies: RequestHandler = (req, res, next) => {
  const declared = req.headers["content-length"];
  if (WITHOUT_BODY.has(req.method) || declared === undefined) {
    next();
    return;
  }
  const length = Number(declared);
  const multipart = /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");
  const limit = multipart ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
  if (Number.isSafeInteger(length) && length >= 0 && length <= limit) {
    next();
    return;
  }
  const locale = localeFromCookieHeader(req.headers.cookie);
  const page = multipart
    ? refusalPage(locale, "errors.bodyTooLarge", { mb: 10 })
    : refusalPage(locale, "hostile.bodyTooLarge");
  // The answer goes out at once (a client that waits for it before sending gets it), and the
  // connection stays open while the client is still sending: closing it then would make the
  // client's next write fail (EPIPE, ECONNRESET) before it reads the answer, and a browser would
  // show a connection error instead of this page. What it sends is read and thrown away, up to
  // MAX_DRAIN_BYTES, as long as it does not pause for DRAIN_TIMEOUT_MS; beyond that the
  // connection is cut.
  if (!Number.isSafeInteger(length) || length > MAX_DRAIN_BYTES) {
    res.setHeader("Connection", "close");
  } else {
    let drained = 0;
    const cut = () => req.socket.destroy();
    // An idle timeout: a client that keeps sending (a slow network, a busy machine) is read to the
    // end; one that stops sending is cut.
    let timer = setTimeout(cut, DRAIN_TIMEOUT_MS);
    timer.unref();
    req.on("data", (chunk: Buffer) => {
      drained += chunk.length;
      if (drained > MAX_DRAIN_BYTES) return cut();
      clearTimeout(timer);
      timer = setTimeout(cut, DRAIN_TIMEOUT_MS);
      timer.unref();
    });
    req.once("close", () => clearTimeout(timer));
  }
  res.status(413).type("text/html; charset=utf-8").send(page);
};
