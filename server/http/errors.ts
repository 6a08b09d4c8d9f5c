import type { ErrorRequestHandler, RequestHandler, Response } from 'express';
import type { ZodType } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { HTTP_STATUS, toErrorBody, validationError } from '../lib/error-body.ts';
import type { Logger } from '../lib/logger.ts';
import { ErrorCode } from '../protocol/errors.ts';

export function sendError(res: Response, err: unknown, logger: Logger) {
  const body = toErrorBody(err, logger);
  res.status(HTTP_STATUS[body.code]).json({ error: body });
}

/** Parses or throws a validation DomainError listing every issue. */
export function parse<T>(schema: ZodType<T>, value: unknown): T {
  const r = schema.safeParse(value);
  if (!r.success) throw validationError(r.error);
  return r.data;
}

export function notFoundHandler(): RequestHandler {
  return () => {
    throw new DomainError(ErrorCode.notFound, 'No such route');
  };
}

/** The central error handler: body-parser failures get their own codes, the rest goes through toErrorBody. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, _req, res, _next) => {
    const e = err as { type?: string; status?: number };
    if (e.type === 'entity.too.large') {
      return sendError(res, new DomainError(ErrorCode.payloadTooLarge, 'Request body is too large'), logger);
    }
    if (e.type === 'entity.parse.failed') {
      return sendError(res, new DomainError(ErrorCode.badRequest, 'Request body is not valid JSON'), logger);
    }
    if (err instanceof URIError || (e.status === 400 && e.type === undefined)) {
      return sendError(
        res,
        new DomainError(ErrorCode.badRequest, 'The request URL is not valid (bad percent-encoding)'),
        logger,
      );
    }
    if (e.status === 400) {
      return sendError(res, new DomainError(ErrorCode.badRequest, 'The request is not valid'), logger);
    }
    sendError(res, err, logger);
  };
}
