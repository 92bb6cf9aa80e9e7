import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app';
import { createWebBridge } from './bridge/web-bridge';
import { useConnection } from './state/connection-store';
import './styles.css';

function start(): void {
  if (!window.shoebox) {
    // The host moved the token into an HttpOnly cookie; keep it out of history and screenshots.
    if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', '/');
    // No preload: this is the browser host, which speaks over a WebSocket instead. Bundled with
    // the page (6 kB), not imported when needed: that cost a round trip before the socket opened.
    window.shoebox = createWebBridge(() => useConnection.getState().lost());
  }
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root element');
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
}

start();
