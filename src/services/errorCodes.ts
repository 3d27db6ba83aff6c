/**
 * The error codes the app branches on are the contract's own list (a small object, so the app
 * imports it at run time rather than keeping a copy that could drift).
 */
export { ErrorCode } from '../../contract/errors';

/** Our own code for "the request never reached the server" (no HTTP status, no server code). */
export const NETWORK_ERROR_CODE = -1;
