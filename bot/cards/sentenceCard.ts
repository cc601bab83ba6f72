import { literal } from './literal';
import type { AdaptiveCardJson } from './types';

/** A card of one sentence: what a submitted form becomes ("ACT-3 is created for Anna"). */
export function sentenceCard(text: string): AdaptiveCardJson {
  return {
    type: 'AdaptiveCard',
    $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
    version: '1.5',
    body: [literal([{ text }])],
  };
}
