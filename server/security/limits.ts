/**
 * Request body limits, checked before Remix reads a body: 1 MB for forms, 11 MB for multipart
 * uploads (a 10 MB file plus the form around it; upload.server.ts checks the file itself).
 * A body without a declared length is refused too (browsers always declare it for forms), so a
 * chunked stream cannot get around the limit. Socket.IO's own requests never reach Express.
 */
import type { RequestHandler } from "express";
import { localeFromCookieHeader, translate } from "../../app/i18n";

export const FORM_BODY_LIMIT = 1024 * 1024;
export const UPLOAD_BODY_LIMIT = 11 * 1024 * 1024;

const WITHOUT_BODY = new Set(["GET", "HEAD", "OPTIONS"]);

export const limitBodies: RequestHandler = (req, res, next) => {
  if (WITHOUT_BODY.has(req.method)) {
    next();
    return;
  }
  const locale = localeFromCookieHeader(req.headers.cookie);
  const declared = req.headers["content-length"];
  if (declared === undefined) {
    if (req.headers["transfer-encoding"]) {
      res
        .status(411)
        .type("text/plain; charset=utf-8")
        .send(translate(locale, "errors.lengthRequired"));
      return;
    }
    next();
    return;
  }
  const length = Number(declared);
  const multipart = /^multipart\/form-data/i.test(req.headers["content-type"] ?? "");
  const limit = multipart ? UPLOAD_BODY_LIMIT : FORM_BODY_LIMIT;
  if (!Number.isSafeInteger(length) || length < 0 || length > limit) {
    // Close the connection: reading the rest of an oversized body is what the limit avoids.
    res.setHeader("Connection", "close");
    res
      .status(413)
      .type("text/plain; charset=utf-8")
      .send(translate(locale, "errors.bodyTooLarge", { mb: Math.round(limit / 1024 / 1024) }));
    return;
  }
  next();
};
