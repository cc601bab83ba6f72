/**
 * The war-room tab as Teams knows it, shared by the tab (which pins itself under this
 * entity id) and the bot (whose cards link into it). A deep link names a page of the tab
 * as its `subEntityId`; the tab reads it back as `page.subPageId` and opens that view.
 */
export const TAB_ENTITY_ID = 'war-room';

/** Pages of the tab a card may open directly. */
export const TAB_PAGES = { report: 'report' } as const;
export type TabPage = (typeof TAB_PAGES)[keyof typeof TAB_PAGES];

export function isTabPage(value: string | null | undefined): value is TabPage {
  return Object.values(TAB_PAGES).some((p) => p === value);
}
