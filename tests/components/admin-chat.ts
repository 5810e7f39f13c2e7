import type { AdminChat } from '#protocol';

/** A website as the console's chat list gives it, for the console's component tests. */
export const gardenChat = (identityVerification = false): AdminChat => ({
  id: 'ch_garden',
  name: 'Garden shop',
  key: 'garden-key',
  hours: null,
  fileMaxBytes: 1_000_000,
  sneakPeek: true,
  allowedOrigins: [],
  identityVerification,
  queues: [],
});
