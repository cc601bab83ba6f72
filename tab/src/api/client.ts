import type { z } from 'zod';
import {
  apiErrorSchema,
  meSchema,
  warRoomListSchema,
  type MeDto,
  type WarRoomListDto,
} from '../../../shared/api/schemas';
import { incidentPageSchema, type IncidentPageDto } from '../../../shared/api/incidents';
import { streamTicketSchema, type StreamTicketDto } from '../../../shared/api/live';
import {
  dashboardSchema,
  itemPageSchema,
  seriesSchema,
  type DashboardDto,
  type ItemPageDto,
  type ItemQueryInput,
  type SeriesDto,
} from '../../../shared/api/dashboard';

/** A failed API call. `message` is user-safe text from the server, or null if it sent none. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly userMessage: string | null,
  ) {
    super(`API ${status} ${code}`);
    this.name = 'ApiError';
  }
}

export interface ApiClient {
  me(signal?: AbortSignal): Promise<MeDto>;
  /**
   * The war rooms the user may see; with a `channelId`, only the one bound to that Teams
   * channel (an empty list if it has none yet).
   */
  warRooms(channelId: string | null, signal?: AbortSignal): Promise<WarRoomListDto>;
  /** The newest `limit` incidents (newest first) and how many there are in all. */
  latestIncidents(warRoomId: string, limit: number, signal?: AbortSignal): Promise<IncidentPageDto>;
  /** A one-minute ticket to open the war room's event stream (EventSource cannot send headers). */
  streamTicket(warRoomId: string): Promise<StreamTicketDto>;
  /** The event stream's URL for a ticket, resuming after `lastEventId` when given. */
  eventsUrl(warRoomId: string, ticket: string, lastEventId: string | null): string;
  /** Any JSON call, its answer checked by `schema` (null: no body expected, e.g. 204). */
  send<S extends z.ZodType>(
    method: 'GET' | 'POST' | 'PUT' | 'DELETE',
    path: string,
    schema: S | null,
    body?: unknown,
  ): Promise<z.infer<S>>;
  /** The headers every call carries (the bearer token, the language): for uploads. */
  headers(): Promise<Record<string, string>>;
  /** The overview's headline figures, batches and freeze windows (tab/src/overview). */
  dashboard(warRoomId: string, signal?: AbortSignal): Promise<DashboardDto>;
  series(warRoomId: string, signal?: AbortSignal): Promise<SeriesDto>;
  /** One page of migration items, filtered and sorted by the server. */
  items(warRoomId: string, query: ItemQueryInput, signal?: AbortSignal): Promise<ItemPageDto>;
}

export interface ApiClientOptions {
  /** Returns the bearer token, or null to call without one (local development). */
  getToken(): Promise<string | null>;
  locale: string;
}

/** The tab's only way to the server: same-origin JSON, every response checked by its schema. */
export function createApiClient({ getToken, locale }: ApiClientOptions): ApiClient {
  async function headers(): Promise<Record<string, string>> {
    const token = await getToken();
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Accept-Language': locale,
    };
    if (token) headers.Authorization = `Bearer ${token}`;
    return headers;
  }

  async function get<S extends z.ZodType>(
    path: string,
    schema: S | null,
    signal?: AbortSignal,
    method: 'GET' | 'POST' | 'PUT' | 'DELETE' = 'GET',
    json?: unknown,
  ): Promise<z.infer<S>> {
    const init: RequestInit = { method, headers: await headers(), signal };
    if (json !== undefined) {
      init.headers = { ...init.headers, 'Content-Type': 'application/json' };
      init.body = JSON.stringify(json);
    }
    const response = await fetch(path, { ...init, credentials: 'same-origin' });
    const body: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const parsed = apiErrorSchema.safeParse(body);
      throw parsed.success
        ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
        : new ApiError(response.status, 'http_error', null);
    }
    if (schema === null) return undefined as z.infer<S>;
    const parsed = schema.safeParse(body);
    if (!parsed.success) throw new ApiError(response.status, 'invalid_response', null);
    return parsed.data;
  }

  return {
    me: (signal) => get('/api/v1/me', meSchema, signal),
    warRooms: (channelId, signal) =>
      get(
        channelId
          ? `/api/v1/war-rooms?${new URLSearchParams({ channelId }).toString()}`
          : '/api/v1/war-rooms',
        warRoomListSchema,
        signal,
      ),
    latestIncidents: (warRoomId, limit, signal) =>
      get(
        `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/incidents/page?limit=${limit}`,
        incidentPageSchema,
        signal,
      ),
    streamTicket: (warRoomId) =>
      get(
        `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/events/ticket`,
        streamTicketSchema,
        undefined,
        'POST',
      ),
    eventsUrl: (warRoomId, ticket, lastEventId) =>
      `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/events?${new URLSearchParams(
        lastEventId === null ? { ticket } : { ticket, lastEventId },
      ).toString()}`,
    send: (method, path, schema, body) => get(path, schema, undefined, method, body),
    headers,
    dashboard: (warRoomId, signal) =>
      get(`/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/dashboard`, dashboardSchema, signal),
    series: (warRoomId, signal) =>
      get(
        `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/dashboard/series`,
        seriesSchema,
        signal,
      ),
    items: (warRoomId, query, signal) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== '') params.set(name, String(value));
      }
      return get(
        `/api/v1/war-rooms/${encodeURIComponent(warRoomId)}/migration/items?${params.toString()}`,
        itemPageSchema,
        signal,
      );
    },
  };
}
