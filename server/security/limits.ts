/**
 * Request body limits, checked on the declared length before Remix reads a body: 1 MB for forms,
 * 11 MB for multipart uploads (a 10 MB file plus the form around it; upload.server.ts checks the
 * file itself). The answer is a small page in the reader's language. A body sent without a
 * declared length is counted while it is read (readFormData in app/utils/forms.ts), with the same
 * limit and message. Socket.IO's own requests never reach Express.
 */
import type { RequestHandler } from "express";
import { localeFromCookieHeader, translate, type Locale, type MessageKey } from "../../app/i18n";

export const FORM_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 11 * 1024 * 1024;

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
  // Close the connection: not reading an oversized body is the point of the limit.
  res.setHeader("Connection", "close");
  res
    .status(413)
    .type("text/html; charset=utf-8")
    .send(
      multipart
        ? refusalPage(locale, "errors.bodyTooLarge", { mb: 10 })
        : refusalPage(locale, "hostile.bodyTooLarge"),
    );
};
