import {
  uploadRefusalSchema,
  uploadSummarySchema,
  type UploadRefusalDto,
  type UploadSummaryDto,
} from '../../../shared/api/access';

/** How an upload ended: accepted, refused with the server's sentence (and rows), or failed. */
export type UploadOutcome =
  | { kind: 'accepted'; summary: UploadSummaryDto }
  | { kind: 'refused'; message: string; refusal: UploadRefusalDto | null }
  | { kind: 'failed' };

/**
 * Sends a file with XMLHttpRequest, whose upload events report progress (fetch has none
 * for request bodies), with the tab's usual headers. Never rejects.
 */
export function uploadFile(
  url: string,
  file: File,
  headers: Record<string, string>,
  onProgress: (fraction: number) => void,
): Promise<UploadOutcome> {
  return new Promise((resolve) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    for (const [name, value] of Object.entries(headers)) xhr.setRequestHeader(name, value);
    xhr.setRequestHeader(
      'Content-Type',
      file.name.endsWith('.json') ? 'application/json' : 'text/csv',
    );
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => resolve({ kind: 'failed' });
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // not JSON: judged by the status below
      }
      const summary = uploadSummarySchema.safeParse(body);
      if (xhr.status === 200 && summary.success) {
        resolve({ kind: 'accepted', summary: summary.data });
        return;
      }
      const refusal = uploadRefusalSchema.safeParse(body);
      const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
      resolve(
        typeof message === 'string'
          ? { kind: 'refused', message, refusal: refusal.success ? refusal.data : null }
          : { kind: 'failed' },
      );
    };
    xhr.send(file);
  });
}
