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
    ? [{ type: 'Container', style: 'emphasis', items: [literal([{ text: clip(notice, 400) }])] }]
    : [];
}

/**
 * `text` cut to `max` characters (code points) with an ellipsis: what a card shows of a long
 * name or comment. Cards must stay under Teams' 40 KB; the tab and the audit trail have
 * the whole text.
 */
export function clip(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
