/** The two raw Electron IPC channels; everything else is named inside the contract. */
export const invokeChannel = 'shoebox:invoke';
export const eventChannel = 'shoebox:event';
