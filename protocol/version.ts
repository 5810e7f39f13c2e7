/** Bumped whenever a frame or REST body changes incompatibly. Hub refuses other versions in `hello`. */
export const PROTOCOL_VERSION = 1;
