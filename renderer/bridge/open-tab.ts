/**
 * Opens a page of another site (the sign-in pages) in a new tab that cannot reach back:
 * without `noopener` the tab would get `window.opener`, a handle on the app's page.
 */
export function openInNewTab(url: string, open: Window['open'] = window.open.bind(window)): void {
  open(url, '_blank', 'noopener,noreferrer');
}
