// The local review server: 127.0.0.1 only, a random token on every request, one self-contained page
// under a strict Content-Security-Policy, and a small JSON API that writes triage decisions.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { withDecisions } from '../register/index.js';
import { triage } from '../register/triage.js';
import type { RegisterStore } from '../register/types.js';
import type { DocumentReport, Report, Status } from '../types.js';
import { InputError } from '../types.js';
import { reviewPage } from './page.js';

/** The only interface the review server listens on. */
export const REVIEW_HOST = '127.0.0.1';
const MAX_BODY = 64 * 1024;

export interface ReviewOptions {
  store: RegisterStore;
  /** The checked document (results as the rules found them, without decisions). */
  report: Report;
  /** The extracted text the evidence offsets point into. */
  text: string;
  /** The document as the user named it (for triage and messages). */
  file: string;
  vendor?: string;
  port?: number;
  /** Fixed token (tests); default 32 random bytes. */
  token?: string;
}

export interface ReviewServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

function send(res: ServerResponse, code: number, type: string, body: string, extra: Record<string, string> = {}): void {
  res.writeHead(code, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    ...extra,
  });
  res.end(body);
}

const json = (res: ServerResponse, code: number, value: unknown) => send(res, code, 'application/json; charset=utf-8', JSON.stringify(value));

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Start the review server; resolves once it listens. */
export async function startReview(opts: ReviewOptions): Promise<ReviewServer> {
  const token = opts.token ?? randomBytes(32).toString('base64url');
  const doc = opts.report.documents[0]!;
  let port = 0;

  const state = () => {
    const d: DocumentReport = withDecisions(opts.store, opts.report, opts.vendor).documents[0]!;
    return { path: opts.file, sha256: d.sha256, playbook: opts.report.playbook, text: opts.text, requirements: d.requirements.map(({ id, title, status, severity, evidence, suggestion, notes, decision }) => ({ id, title, status, severity, evidence, suggestion, notes, ...(decision ? { decision } : {}) })) };
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    // DNS rebinding: only our own address is an acceptable Host.
    const host = req.headers.host ?? '';
    if (host !== `${REVIEW_HOST}:${port}` && host !== `localhost:${port}`) return send(res, 403, 'text/plain; charset=utf-8', 'forbidden: wrong host\n');
    const url = new URL(req.url ?? '/', `http://${host}`);
    if (!sameToken(url.searchParams.get('token') ?? (req.headers['x-clausecheck-token'] as string | undefined), token)) {
      return send(res, 403, 'text/plain; charset=utf-8', 'forbidden: this page needs the token printed by clausecheck review\n');
    }
    if (req.method === 'GET' && url.pathname === '/') {
      const nonce = randomBytes(16).toString('base64');
      const csp = `default-src 'none'; script-src 'nonce-${nonce}'; style-src 'nonce-${nonce}'; connect-src 'self'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;
      return send(res, 200, 'text/html; charset=utf-8', reviewPage(nonce, opts.file), { 'content-security-policy': csp });
    }
    if (req.method === 'GET' && url.pathname === '/api/state') return json(res, 200, state());
    if (req.method === 'POST' && url.pathname === '/api/triage') {
      const origin = req.headers.origin;
      if (origin !== undefined && origin !== `http://${host}`) return json(res, 403, { error: 'forbidden: foreign origin' });
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) return json(res, 415, { error: 'send JSON' });
      let body: { id?: unknown; action?: unknown; status?: unknown; reason?: unknown; by?: unknown };
      try {
        body = JSON.parse(await readBody(req));
      } catch {
        return json(res, 400, { error: 'the request is not valid JSON' });
      }
      const str = (v: unknown) => (typeof v === 'string' ? v : '');
      const action = str(body.action);
      if (action !== 'accept' && action !== 'override' && action !== 'reopen') return json(res, 400, { error: 'action must be accept, override or reopen' });
      try {
        triage(opts.store, {
          action,
          file: opts.file,
          sha256: doc.sha256,
          id: str(body.id),
          ...(action === 'override' ? { status: str(body.status) as Status } : {}),
          reason: str(body.reason),
          by: str(body.by),
        });
      } catch (err) {
        if (err instanceof InputError) return json(res, 400, { error: `${err.file}: ${err.message}` });
        throw err;
      }
      return json(res, 200, state());
    }
    return send(res, 404, 'text/plain; charset=utf-8', 'not found\n');
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: err instanceof Error ? err.message : String(err) });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, REVIEW_HOST, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    url: `http://${REVIEW_HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
