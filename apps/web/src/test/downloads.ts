// jsdom cannot navigate: clicks on download links are captured here instead, so tests can assert them.
export const downloads: { fileName: string; href: string }[] = [];

export function captureDownloads(doc: Document): void {
  doc.addEventListener('click', (event) => {
    const target = event.target;
    if (target instanceof HTMLAnchorElement && target.download) {
      event.preventDefault();
      downloads.push({ fileName: target.download, href: target.href });
    }
  });
}
