/** Electron IPC channel names: one per kind of message, the contract travels inside. */
export const IPC_REQUEST = 'jobshell:request';
export const IPC_NOTIFY = 'jobshell:notify';
export const IPC_EVENT = 'jobshell:event';
