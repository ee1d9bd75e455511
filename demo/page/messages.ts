// The message area at the top of the window: errors stay until dismissed, notices fade after
// a while, and a message that repeats is counted instead of listed again.

import { element } from './dom.js';

/** Maximum messages shown at once. Older ones are dropped first. */
const MAX_MESSAGES = 4;
/** Time a notice stays, in milliseconds. Errors stay until dismissed. */
const NOTICE_MS = 12_000;

export type MessageKind = 'error' | 'notice';

export class Messages {
  private readonly area = element('messages', HTMLDivElement);

  show(kind: MessageKind, text: string): void {
    const label = kind === 'error' ? `Error: ${text}` : text;
    const same = [...this.area.querySelectorAll<HTMLElement>('.message')].find((item) => item.dataset.text === label);
    if (same !== undefined) {
      const repeats = Number(same.dataset.repeats ?? '1') + 1;
      same.dataset.repeats = String(repeats);
      const paragraph = same.querySelector('p');
      if (paragraph !== null) paragraph.textContent = `${label} (${repeats} times)`;
      this.area.prepend(same);
      return;
    }
    const item = document.createElement('div');
    item.className = `message ${kind}`;
    item.dataset.text = label;
    const paragraph = document.createElement('p');
    paragraph.textContent = label;
    const close = document.createElement('button');
    close.type = 'button';
    close.textContent = 'Dismiss';
    close.addEventListener('click', () => item.remove());
    item.append(paragraph, close);
    this.area.prepend(item);
    if (kind === 'notice') setTimeout(() => item.remove(), NOTICE_MS);
    while (this.area.children.length > MAX_MESSAGES) this.area.lastElementChild?.remove();
  }

  error(text: string): void {
    console.error(`pixelgan demo: ${text}`);
    this.show('error', text);
  }

  notice(text: string): void {
    this.show('notice', text);
  }
}
