import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './components/app';
import { useConnection } from './state/connection-store';
import './styles.css';

async function start(): Promise<void> {
  if (!window.shoebox) {
    // The host moved the token into an HttpOnly cookie; keep it out of history and screenshots.
    if (new URLSearchParams(location.search).has('token')) history.replaceState(null, '', '/');
    // No preload: this is the browser host, which speaks over a WebSocket instead.
    const { createWebBridge } = await import('./bridge/web-bridge');
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

void start();
