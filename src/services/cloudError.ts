import { NETWORK_ERROR_CODE } from './errorCodes';

/** A failed cloud call as the views see it: the contract's code and the server's message. */
export interface CloudError {
  code: number;
  message: string;
}

export function isCloudError(value: unknown): value is CloudError {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as CloudError).code === 'number' &&
    typeof (value as CloudError).message === 'string'
  );
}

/**
 * The SDK rejects with an AVError carrying `code` and `rawMessage` (the backend's `error`
 * text; `message` may have the URL appended). Anything without a numeric code never got an
 * answer from the server, and is reported as a network failure.
 */
export function toCloudError(error: unknown): CloudError {
  if (isCloudError(error) && !(error instanceof Error)) return error;
  const e = error as { code?: unknown; rawMessage?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'number' ? e.code : NETWORK_ERROR_CODE;
  const message =
    typeof e?.rawMessage === 'string' && e.rawMessage
      ? e.rawMessage
      : typeof e?.message === 'string' && e.message
        ? e.message
        : 'Unknown error';
  return { code, message };
}
