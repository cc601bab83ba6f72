import { DomainError } from '../../shared/domain/errors';
import type { FileDownloadConfig } from '../config';

/** Why a file was not fetched; each has a sentence in every language (`file.download.*`). */
export type DownloadProblem = 'host' | 'tooLarge' | 'timeout' | 'failed';

/** A file the bot would not or could not download. */
export class DownloadRefused extends DomainError {
  constructor(
    readonly problem: DownloadProblem,
    params: Record<string, string | number> = {},
    detail?: string,
  ) {
    super('invalid', `file.download.${problem}`, params, detail);
    this.name = 'DownloadRefused';
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** Same-host redirects followed (a CDN hop inside SharePoint); more is a loop. */
const MAX_REDIRECTS = 3;

/**
 * True when the URL may be fetched: HTTPS to a configured host (`*.sharepoint.com` matches
 * any subdomain, never the bare domain), or, in local development and tests, loopback.
 * No credentials in the URL, no other port than the scheme's for a real host.
 */
export function allowedUrl(raw: string, policy: FileDownloadConfig): URL | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined; // not a URL at all: refused like a foreign host
  }
  if (url.username || url.password) return undefined;
  const host = url.hostname.toLowerCase();
  if (LOOPBACK.has(host)) {
    return policy.allowLoopback && ['http:', 'https:'].includes(url.protocol) ? url : undefined;
  }
  if (url.protocol !== 'https:' || url.port !== '') return undefined;
  const matches = policy.hosts.some((pattern) =>
    pattern.startsWith('*.') ? host.endsWith(pattern.slice(1)) : host === pattern,
  );
  return matches ? url : undefined;
}

/**
 * Downloads a file Teams pointed at, or throws DownloadRefused: only from an allowed host,
 * redirects only to the same host, at most `maxBytes` (a larger Content-Length is refused
 * before reading, a stream that outgrows it is cut off), all within `timeoutMs`.
 */
export async function downloadFile(raw: string, policy: FileDownloadConfig): Promise<Uint8Array> {
  const first = allowedUrl(raw, policy);
  if (!first) throw new DownloadRefused('host', {}, `refused download host in ${safeUrl(raw)}`);
  let url: URL = first;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
  // Whole megabytes in production; a small test limit shows as 0.06 MB, not a rounded lie.
  const maxMb = Math.round((policy.maxBytes / (1024 * 1024)) * 100) / 100;
  try {
    for (let hop = 0; ; hop++) {
      const res: Response = await fetch(url, { redirect: 'manual', signal: controller.signal });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const next: URL = new URL(res.headers.get('location') ?? '', url);
        // A redirect elsewhere would leave the allow list behind it.
        if (hop >= MAX_REDIRECTS || next.host !== url.host || !allowedUrl(next.href, policy)) {
          throw new DownloadRefused('host', {}, `redirect to ${safeUrl(next.href)}`);
        }
        url = next;
        continue;
      }
      if (!res.ok || !res.body) {
        await res.body?.cancel();
        throw new DownloadRefused('failed', {}, `download answered ${res.status}`);
      }
      const length = Number(res.headers.get('content-length'));
      if (Number.isFinite(length) && length > policy.maxBytes) {
        await res.body.cancel();
        throw new DownloadRefused('tooLarge', { maxMb }, `content-length ${length}`);
      }
      return await readAtMost(res.body, policy.maxBytes, maxMb);
    }
  } catch (e) {
    if (e instanceof DownloadRefused) throw e;
    if (controller.signal.aborted) {
      throw new DownloadRefused('timeout', {}, `no file within ${policy.timeoutMs} ms`);
    }
    throw new DownloadRefused('failed', {}, e instanceof Error ? e.message : String(e));
  } finally {
    clearTimeout(timer);
  }
}

/** The body's bytes, or tooLarge as soon as they pass `max` (the rest is never read). */
async function readAtMost(
  body: ReadableStream<Uint8Array>,
  max: number,
  maxMb: number,
): Promise<Uint8Array> {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel();
      throw new DownloadRefused('tooLarge', { maxMb }, `stream passed ${max} bytes`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** A URL for the log: its host and path, never its query (SharePoint puts a token there). */
function safeUrl(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(not a URL)';
  }
}
