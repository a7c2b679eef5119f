export interface ExportFile {
  name: string;
  mimeType: string;
  data: Uint8Array | string;
}

/** What happened: the share sheet took it, the runner closed the share sheet, or the browser downloaded it. */
export type ShareOutcome = 'shared' | 'cancelled' | 'downloaded';

/** The two browser features used, passed in so they can be replaced in tests. */
export interface ShareEnvironment {
  navigator: Partial<Pick<Navigator, 'canShare' | 'share'>>;
  download: (blob: Blob, fileName: string) => void;
}

/**
 * Hands a file to the system share sheet where the browser can share files of that kind, else downloads it.
 * `canShare({ files })` decides, as browsers share only the file types on their own list (text and CSV usually;
 * FIT and TCX often not), so those fall back to a download. Closing the share sheet (AbortError) is the runner's choice, not an error. Any other
 * share failure (often NotAllowedError, when the click that started it is too long ago) falls back to a download,
 * so the file still gets out. Call it straight from the click handler to keep that user activation.
 */
export async function shareOrDownload(
  file: ExportFile,
  environment: ShareEnvironment = browserEnvironment(),
): Promise<ShareOutcome> {
  // A copy gives the Blob an ArrayBuffer of its own (the view may be over a larger or shared buffer).
  const part = typeof file.data === 'string' ? file.data : new Uint8Array(file.data);
  const blob = new Blob([part], { type: file.mimeType });
  const browser = environment.navigator;
  if (browser.canShare && browser.share) {
    const shareData: ShareData = { files: [new File([blob], file.name, { type: file.mimeType })] };
    if (canShareSafely(browser, shareData)) {
      try {
        // Called on the navigator itself: a detached navigator.share throws "Illegal invocation".
        await browser.share(shareData);
        return 'shared';
      } catch (error) {
        if (error instanceof DOMException && error.name === 'AbortError') return 'cancelled';
      }
    }
  }
  environment.download(blob, file.name);
  return 'downloaded';
}

function canShareSafely(browser: ShareEnvironment['navigator'], data: ShareData): boolean {
  try {
    return browser.canShare?.(data) ?? false;
  } catch {
    return false;
  }
}

function browserEnvironment(): ShareEnvironment {
  return { navigator, download: downloadBlob };
}

/** Saves through an anchor with `download` and an object URL, the way that works in every browser. */
function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  // Revoke after the click has been handled: revoking at once cancels the download in some browsers.
  setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 10_000);
}
