// Printing and opening files from the core. Browser mode: a new tab showing the PDF (opened
// before the request so the pop-up blocker sees the key press), or a download when blocked.
// Desktop app: a hidden iframe and the system print dialog.
import type { FileResult } from '@contract/op';
import { saveFile } from '../../api';

function blobUrl(file: FileResult): string {
  const bytes = Uint8Array.from(atob(file.base64), (c) => c.charCodeAt(0));
  return URL.createObjectURL(new Blob([bytes], { type: file.mimeType }));
}

/** How the file reached the user. */
export type Shown = 'tab' | 'print' | 'download';

/**
 * Fetches a file with `load` and shows it. `print` asks for the print dialog in the desktop app.
 * Must be called straight from the user's key press or click (before any await).
 */
export async function openFile(load: () => Promise<FileResult>, opts: { print: boolean }): Promise<Shown> {
  const desktop = !!window.unionLedger;
  const win = desktop ? null : window.open('', '_blank');
  let file: FileResult;
  try {
    file = await load();
  } catch (err) {
    win?.close();
    throw err;
  }
  if (desktop && opts.print && file.mimeType === 'application/pdf') {
    const url = blobUrl(file);
    const frame = document.createElement('iframe');
    frame.style.position = 'fixed';
    frame.style.width = '0';
    frame.style.height = '0';
    frame.style.border = '0';
    frame.setAttribute('aria-hidden', 'true');
    frame.src = url;
    frame.onload = () => {
      frame.contentWindow?.focus();
      frame.contentWindow?.print();
    };
    document.body.appendChild(frame);
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, 5 * 60_000);
    return 'print';
  }
  if (win && !win.closed) {
    const url = blobUrl(file);
    win.location.href = url;
    setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
    return 'tab';
  }
  saveFile(file);
  return 'download';
}
