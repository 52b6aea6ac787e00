/**
 * The bridge socket's worker (browser mode): owns the WebSocket to the core and relays it to the
 * page. It does nothing else, so it is always free to read the socket: frames go to the page as
 * they arrive (binary frames transferred, not copied), text from the page goes out at once.
 */
import type { FromSocketWorker, ToSocketWorker } from './socket-messages';

/** The parts of a dedicated worker's global scope used here (the page's DOM types lack them). */
interface WorkerScope {
  postMessage(message: FromSocketWorker, transfer?: Transferable[]): void;
  onmessage: ((event: MessageEvent<ToSocketWorker>) => void) | null;
}

const scope = globalThis as unknown as WorkerScope;
let socket: WebSocket | null = null;

function connect(url: string): void {
  const opened = new WebSocket(url);
  opened.binaryType = 'arraybuffer';
  opened.addEventListener('open', () => {
    scope.postMessage({ kind: 'open' });
  });
  opened.addEventListener('error', () => {
    scope.postMessage({ kind: 'error' });
  });
  opened.addEventListener('close', () => {
    scope.postMessage({ kind: 'close' });
  });
  opened.addEventListener('message', (event: MessageEvent<string | ArrayBuffer>) => {
    const { data } = event;
    if (typeof data === 'string') scope.postMessage({ kind: 'text', data });
    else scope.postMessage({ kind: 'binary', data }, [data]);
  });
  socket = opened;
}

scope.onmessage = (event) => {
  const message = event.data;
  switch (message.kind) {
    case 'connect':
      if (socket === null) connect(message.url);
      return;
    case 'send':
      if (socket?.readyState === WebSocket.OPEN) socket.send(message.data);
      return;
  }
};
