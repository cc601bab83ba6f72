import type { AdaptiveCardJson } from './types';

/** A Bot Framework message carrying one Adaptive Card (what a post or an update sends). */
export function cardMessage(card: AdaptiveCardJson, summary?: string): Record<string, unknown> {
  return {
    type: 'message',
    ...(summary ? { summary } : {}),
    attachments: [{ contentType: 'application/vnd.microsoft.card.adaptive', content: card }],
  };
}
