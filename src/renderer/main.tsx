import '@xterm/xterm/css/xterm.css';
import './styles/theme.css';
import './styles/app.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { pickBridge } from './bridge/pick-bridge';
import { StartupError } from './components/layout/startup-error';
import { createAppStore } from './stores/app-store';
import { terminalManagerFor } from './terminal/xterm/terminal-manager';

const rootElement = document.getElementById('root');
if (rootElement === null) throw new Error('index.html has no #root');
const root = createRoot(rootElement);

pickBridge()
  .then(async (bridge) => {
    const store = createAppStore(bridge);
    // Before the first render: output that arrives for sessions restored on reload must reach an
    // xterm (and be acknowledged) even before their tab is drawn.
    terminalManagerFor(bridge, store);
    await store.load();
    root.render(
      <StrictMode>
        <App bridge={bridge} store={store} />
      </StrictMode>,
    );
  })
  .catch((error: unknown) => {
    root.render(<StartupError message={error instanceof Error ? error.message : String(error)} />);
  });
