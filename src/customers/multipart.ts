import busboy from 'busboy';
import type { NextFunction, Request, Response } from 'express';

export interface UploadedFile {
  filename: string;
  contentType: string;
  data: Buffer;
}

declare global {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace Express {
    interface Request {
      /** Files of a multipart form, by field name (only on routes that accept uploads). */
      files?: Record<string, UploadedFile>;
    }
  }
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/**
 * Reads a multipart upload (busboy) into `req.body` (text fields, so the CSRF check that
 * follows sees `_csrf`) and `req.files`. Mount it before the CSRF middleware, on the upload
 * path only. A malformed body leaves both empty, so the CSRF check refuses it.
 */
export function multipartUpload() {
  return (req: Request, _res: Response, next: NextFunction) => {
    if (req.method !== 'POST' || !req.is('multipart/form-data')) return next();
    const fields: Record<string, string> = {};
    const files: Record<string, UploadedFile> = {};
    let isTooLarge = false;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: req.headers, limits: { fileSize: MAX_FILE_BYTES, files: 1, fields: 20 } });
    } catch {
      req.body = {};
      req.files = {};
      return next();
    }
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (name, stream, info) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('limit', () => {
        isTooLarge = true;
      });
      stream.on('end', () => {
        files[name] = { filename: info.filename ?? '', contentType: info.mimeType, data: Buffer.concat(chunks) };
      });
    });
    parser.on('close', () => {
      if (isTooLarge) return next(Object.assign(new Error('The file is larger than 5 MB.'), { status: 413 }));
      req.body = fields;
      req.files = files;
      next();
    });
    parser.on('error', () => {
      req.unpipe(parser);
      req.body = {};
      req.files = {};
      next();
    });
    req.pipe(parser);
  };
}
