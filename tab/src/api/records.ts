import { z } from 'zod';
import { uploadSummarySchema, warRoomAccessSchema } from '../../../shared/api/access';
import { actionListSchema, actionRecordSchema } from '../../../shared/api/actions';
import {
  decisionHistorySchema,
  decisionListSchema,
  decisionRecordSchema,
} from '../../../shared/api/decisions';
import {
  incidentHistorySchema,
  incidentPageSchema,
  incidentRecordSchema,
} from '../../../shared/api/incidents';
import { timelineSchema } from '../../../shared/api/timeline';
import type { ApiClient } from './client';

/** The records routes of one war room (bot/http/recordsApi.ts), typed, over the tab's client. */
export function recordsOf(api: ApiClient, warRoomId: string) {
  const base = `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}`;
  const query = (q: Record<string, string | number | undefined>) =>
    new URLSearchParams(
      Object.entries(q).flatMap(([k, v]) => (v === undefined || v === '' ? [] : [[k, String(v)]])),
    ).toString();
  const incident = (id: string) => `${base}/incidents/${encodeURIComponent(id)}`;
  const action = (id: string) => `${base}/actions/${encodeURIComponent(id)}`;
  return {
    access: () => api.send('GET', `${base}/access`, warRoomAccessSchema),
    incidents: (q: { status?: string; severity?: string; offset: number; limit: number }) =>
      api.send('GET', `${base}/incidents/page?${query(q)}`, incidentPageSchema),
    incident: (id: string) => api.send('GET', incident(id), incidentHistorySchema),
    createIncident: (body: { title: string; severity: string }) =>
      api.send('POST', `${base}/incidents`, incidentRecordSchema, body),
    changeIncident: (id: string, what: 'status' | 'severity' | 'owner' | 'notes', body: object) =>
      api.send('POST', `${incident(id)}/${what}`, incidentRecordSchema, body),
    decisions: (show: string) =>
      api.send('GET', `${base}/decisions?${query({ show })}`, decisionListSchema),
    createDecision: (body: { question: string; kind: string; approverAadObjectIds: string[] }) =>
      api.send('POST', `${base}/decisions`, decisionRecordSchema, body),
    decision: (id: string) =>
      api.send('GET', `${base}/decisions/${encodeURIComponent(id)}`, decisionHistorySchema),
    answer: (id: string, body: { verdict: 'approve' | 'reject'; comment: string }) =>
      api.send(
        'POST',
        `${base}/decisions/${encodeURIComponent(id)}/answer`,
        decisionRecordSchema,
        body,
      ),
    actions: (show: string) =>
      api.send('GET', `${base}/actions?${query({ show })}`, actionListSchema),
    createAction: (body: { title: string; ownerAadObjectId: string; due: string | null }) =>
      api.send('POST', `${base}/actions`, actionRecordSchema, body),
    changeAction: (id: string, what: 'status' | 'owner', body: object) =>
      api.send('POST', `${action(id)}/${what}`, actionRecordSchema, body),
    timeline: (q: {
      action?: string;
      actor?: string;
      from?: string;
      to?: string;
      before?: number;
      limit?: number;
    }) => api.send('GET', `${base}/audit?${query({ ...q })}`, timelineSchema),
    apiKeys: () => api.send('GET', `${base}/api-keys`, apiKeyListSchema),
    createApiKey: (name: string) =>
      api.send('POST', `${base}/api-keys`, createdKeySchema, { name }),
    revokeApiKey: (id: string) =>
      api.send('DELETE', `${base}/api-keys/${encodeURIComponent(id)}`, null),
    uploadUrl: `${base}/migration/uploads`,
  };
}
export type RecordsApi = ReturnType<typeof recordsOf>;

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  createdAt: z.string(),
  createdBy: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiKeyDto = z.infer<typeof apiKeySchema>;
const apiKeyListSchema = z.object({ apiKeys: z.array(apiKeySchema) });
const createdKeySchema = z.object({ id: z.string(), name: z.string(), key: z.string() });

export { uploadSummarySchema };
