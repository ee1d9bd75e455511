// The data panel: the bundled dataset button, the drop zone and the file and folder pickers.
// Files are handed to the worker as File objects, and nothing is sent over the network.

import type { ChosenFile, DataChoice, WorkerStatus } from '../protocol.js';
import { element } from './dom.js';

/** Maximum skipped files listed in the panel. The rest are counted. */
const MAX_LISTED_SKIPS = 50;

export class DataPanel {
  private readonly zone = element('drop-zone', HTMLDivElement);
  private readonly summary = element('data-summary', HTMLParagraphElement);
  private readonly skipped = element('data-skipped', HTMLDetailsElement);
  private readonly skippedTitle = element('data-skipped-title', HTMLElement);
  private readonly skippedList = element('data-skipped-list', HTMLUListElement);

  constructor(
    private readonly choose: (choice: DataChoice) => void,
    private readonly fail: (message: string) => void,
  ) {
    element('use-bundled', HTMLButtonElement).addEventListener('click', () => choose({ kind: 'bundled' }));
    const files = element('choose-files', HTMLInputElement);
    files.addEventListener('change', () => this.pick(files, false));
    const folder = element('choose-folder', HTMLInputElement);
    folder.addEventListener('change', () => this.pick(folder, true));
    this.zone.addEventListener('dragover', (event) => {
      event.preventDefault();
      this.zone.classList.add('active');
    });
    this.zone.addEventListener('dragleave', () => this.zone.classList.remove('active'));
    this.zone.addEventListener('drop', (event) => {
      event.preventDefault();
      this.zone.classList.remove('active');
      this.drop(event.dataTransfer).catch((error: unknown) => fail(`cannot read the dropped files: ${String(error)}`));
    });
  }

  /** Shows what the worker has loaded. */
  update(data: WorkerStatus['data']): void {
    if (data === undefined) return;
    this.summary.textContent = `${data.count.toLocaleString('en')} images from ${data.name}, prepared at ${data.size} × ${data.size} pixels.`;
    this.skipped.hidden = data.skipped.length === 0;
    this.skippedTitle.textContent = `${data.skipped.length} skipped file(s)`;
    const items = data.skipped.slice(0, MAX_LISTED_SKIPS).map((s) => {
      const item = document.createElement('li');
      item.textContent = `${s.file}: ${s.reason}`;
      return item;
    });
    if (data.skipped.length > MAX_LISTED_SKIPS) {
      const more = document.createElement('li');
      more.textContent = `… and ${data.skipped.length - MAX_LISTED_SKIPS} more`;
      items.push(more);
    }
    this.skippedList.replaceChildren(...items);
  }

  private pick(input: HTMLInputElement, isFolder: boolean): void {
    const list = [...(input.files ?? [])];
    input.value = '';
    if (list.length === 0) return;
    const files = list.map((file) => ({ name: file.webkitRelativePath || file.name, blob: file }));
    const label = isFolder ? files[0].name.split('/')[0] : describeFiles(files);
    this.choose({ kind: 'files', files, label });
  }

  private async drop(transfer: DataTransfer | null): Promise<void> {
    if (transfer === null) return;
    // Entries must be taken before the first await: the DataTransfer is emptied after the event.
    const entries = [...transfer.items].map((item) => item.webkitGetAsEntry()).filter((entry) => entry !== null);
    // Without file system entries (a synthetic drop, or a browser without them) only plain files arrive.
    const plainFiles = [...transfer.files].map((file) => ({ name: file.name, blob: file }));
    const files: ChosenFile[] = entries.length === 0 ? plainFiles : [];
    for (const entry of entries) await collect(entry, files);
    if (files.length === 0) {
      this.fail('nothing usable was dropped: drop image files or a folder of them');
      return;
    }
    const folders = entries.filter((entry) => entry.isDirectory);
    const label = entries.length === 1 && folders.length === 1 ? folders[0].name : describeFiles(files);
    this.choose({ kind: 'files', files, label });
  }
}

function describeFiles(files: ChosenFile[]): string {
  return files.length === 1 ? files[0].name : `${files.length} chosen files`;
}

/** Adds the files under a dropped entry, with their paths inside the dropped folder. */
async function collect(entry: FileSystemEntry, out: ChosenFile[]): Promise<void> {
  const name = entry.fullPath.replace(/^\//, '');
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    out.push({ name, blob: file });
    return;
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  // readEntries returns the folder in batches, and an empty batch marks the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) break;
    for (const child of batch) await collect(child, out);
  }
}
