/**
 * Starts a same-origin download (an export's file or zip) the way a link with `download` does: the
 * browser streams it to disk, so nothing of it is held in the page.
 */
export function startDownload(address: string, doc: Document = document): void {
  const link = doc.createElement('a');
  link.href = address;
  link.download = '';
  link.rel = 'noopener';
  link.style.display = 'none';
  doc.body.append(link);
  link.click();
  link.remove();
}
