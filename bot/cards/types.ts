/** An Adaptive Card as plain JSON (what Teams receives). */
export type AdaptiveCardJson = Record<string, unknown> & { type: 'AdaptiveCard'; version: string };
