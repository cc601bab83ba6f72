import * as AC from 'adaptivecards';

/**
 * Parses a card with the Adaptive Cards SDK and returns every parse and validation
 * problem it reports (empty = valid for the SDK).
 */
export function cardProblems(card: unknown): string[] {
  const context = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card as AC.PropertyBag, context);
  const problems: string[] = [];
  for (let i = 0; i < context.eventCount; i++) problems.push(context.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) {
    // The SDK wants static choices even in a people picker, whose choices Teams fetches
    // (`choices.data`, Data.Query); every other problem counts.
    if (
      e.source instanceof AC.ChoiceSetInput &&
      isDynamic(e.source) &&
      e.event === AC.ValidationEvent.CollectionCantBeEmpty
    )
      continue;
    problems.push(e.message);
  }
  return problems;
}

function isDynamic(input: AC.ChoiceSetInput): boolean {
  const query = (input as unknown as { choicesData?: { type?: string; dataset?: string } })
    .choicesData;
  return query?.type === 'Data.Query' && !!query.dataset;
}

/** The adaptive card attachments of a posted activity. */
export function cardsOf(activity: { attachments?: unknown[] }): Record<string, unknown>[] {
  return (activity.attachments ?? [])
    .filter(
      (a) =>
        (a as { contentType?: string }).contentType === 'application/vnd.microsoft.card.adaptive',
    )
    .map((a) => (a as { content: Record<string, unknown> }).content);
}
