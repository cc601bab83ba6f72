/**
 * A line of TextRuns: shown as given, never read as Markdown. Everything a person typed or
 * chose (a title, a name, a comment) goes on a card this way: TextBlocks and FactSets
 * render Markdown, and a name like "[Approve here](https://…)" would become a link.
 */
export function literal(runs: { text: string; [style: string]: string | boolean }[]) {
  return { type: 'RichTextBlock', inlines: runs.map((run) => ({ type: 'TextRun', ...run })) };
}

/** A sentence above a card (why a click did not apply, what a form lacks); nothing without one. */
export function noticeBlock(notice: string | undefined) {
  return notice
    ? [{ type: 'Container', style: 'emphasis', items: [literal([{ text: notice }])] }]
    : [];
}
