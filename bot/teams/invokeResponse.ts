import type { InvokeResponse } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/types';

/** Invoke answers in the shapes Teams expects for `adaptiveCard/action`. */
export const cardResponse = (card: AdaptiveCardJson): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
});

export const messageResponse = (text: string): InvokeResponse => ({
  status: 200,
  body: { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value: text },
});

export const errorResponse = (
  statusCode: number,
  code: string,
  message: string,
): InvokeResponse => ({
  status: statusCode,
  body: { statusCode, type: 'application/vnd.microsoft.error', value: { code, message } },
});
