import type { Locator, Page } from 'playwright-core';

/** How long the bot may take to answer in the Playground (a turn plus the outbox). */
export const ANSWER_MS = 20_000;

/** A person as the Playground's config API (`/_internal/v1/config`) describes them. */
export interface PlaygroundUser {
  id: string;
  name: string;
  aadObjectId: string;
}

/**
 * The Playground's web page, driven as a person would: the conversation list, the compose
 * box with its @-mention picker, Adaptive Cards and their buttons, "Mock an Activity".
 */
export class PlaygroundPage {
  constructor(
    readonly page: Page,
    readonly baseUrl: string,
  ) {}

  /** Opens a conversation from the left-hand list ("Personal Chat", "Mailbox cutover - General"). */
  async open(conversation: string): Promise<void> {
    await this.page.getByRole('treeitem', { name: conversation }).click();
  }

  /**
   * Types a message in the conversation's first compose box and sends it. `@Name` parts are
   * typed and then picked in the mention picker, so they become real mentions.
   */
  async send(...parts: string[]): Promise<void> {
    const box = this.page.getByRole('textbox').first();
    await box.click();
    for (const part of parts) {
      await this.page.keyboard.type(part);
      if (part.startsWith('@')) {
        // The picker's item is named by its avatar and its label ("War Room War Room").
        await this.page
          .getByRole('menuitem')
          .filter({ hasText: part.slice(1) })
          .first()
          .click();
      }
    }
    // A channel has a Post button; a chat sends on Enter.
    const post = this.page.getByRole('button', { name: 'Post', exact: true });
    if (await post.isVisible()) await post.click();
    else await this.page.keyboard.press('Enter');
  }

  /** The newest rendered Adaptive Card that contains `text`. */
  card(text: string): Locator {
    return this.page.locator('.ac-adaptiveCard').filter({ hasText: text }).first();
  }

  /** Waits until the card holding `text` shows `expected` (exact text of one element). */
  async cardShows(card: Locator, expected: string): Promise<void> {
    await card.getByText(expected, { exact: true }).first().waitFor({ timeout: ANSWER_MS });
  }

  /** The people of the Playground's config file, as it loaded them. */
  async users(): Promise<PlaygroundUser[]> {
    const response = await fetch(`${this.baseUrl}/_internal/v1/config`);
    if (!response.ok) throw new Error(`GET /_internal/v1/config: ${response.status}`);
    const { config } = (await response.json()) as {
      config: { currentUser: PlaygroundUser; users: PlaygroundUser[] };
    };
    return [config.currentUser, ...config.users];
  }

  /**
   * Clicks `button` on `card` and returns the `Action.Execute` the page sent for it (what
   * Teams would send: verb and data), with the conversation and message it came from.
   */
  async clickAndCapture(card: Locator, button: string): Promise<CapturedInvoke> {
    const request = this.page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/v1/invoke'),
    );
    await card.getByRole('button', { name: button, exact: true }).click();
    return JSON.parse((await request).postData() ?? '{}') as CapturedInvoke;
  }

  /**
   * "Mock an Activity" → "Custom activity": the Playground's own way to send the bot an
   * activity of any shape. Starts from the template it offers for the open conversation,
   * lets `edit` change it, types it into the editor and sends it.
   */
  async sendCustomActivity(
    edit: (template: Record<string, unknown>) => Record<string, unknown>,
  ): Promise<void> {
    const template = this.page.waitForResponse((r) =>
      new URL(r.url()).pathname.endsWith('/v1/customActivities/template'),
    );
    await this.page.getByText('Mock an Activity', { exact: true }).click();
    await this.page.getByRole('menuitem', { name: 'Custom activity', exact: true }).click();
    const activity = edit((await (await template).json()) as Record<string, unknown>);
    const dialog = this.page.getByRole('dialog');
    await dialog.locator('.monaco-editor').first().click();
    await this.page.keyboard.press('Control+A');
    await this.page.keyboard.press('Delete');
    // One line: the editor re-indents typed newlines and would break the JSON.
    await this.page.keyboard.insertText(JSON.stringify(activity));
    const sent = this.page.waitForRequest(
      (r) => r.method() === 'POST' && new URL(r.url()).pathname.endsWith('/v1/customActivities'),
    );
    await dialog.getByRole('button', { name: 'Send activity', exact: true }).click();
    const body = JSON.parse((await sent).postData() ?? '{}') as Record<string, unknown>;
    if (JSON.stringify(body) !== JSON.stringify(activity)) {
      throw new Error(`the Playground sent another activity than the one typed: ${body}`);
    }
  }
}

/** The body of the page's POST /_conversation/v1/invoke for a card button. */
export interface CapturedInvoke {
  name: string;
  value: { action: { type: string; verb: string; data: Record<string, unknown> } };
  conversation: { id: string };
  replyToId?: string;
}
