import { CHANNEL_LIMITS } from '#protocol';

/**
 * The providers' REST calls, one way for all (FEATURES G2): a time limit on each call, and errors
 * sorted into those worth retrying (5xx, 429, timeouts, a network failure) and those that are final
 * (any other 4xx: the provider refused the request, and says why).
 */
export class ProviderError extends Error {
  constructor(
    message: string,
    /** Worth trying again later. */
    readonly transient: boolean,
    /** The provider's own error code, when it gave one. */
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

/** A fetch with the providers' time limit; a timeout or network failure is a transient ProviderError. */
export async function call(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, { ...init, signal: AbortSignal.timeout(CHANNEL_LIMITS.providerTimeoutMs) });
  } catch (err) {
    const timeout = (err as Error).name === 'TimeoutError';
    throw new ProviderError(
      timeout ? 'the provider did not answer in time' : `the provider cannot be reached (${(err as Error).message})`,
      true,
    );
  }
}

/** An answer that is not 2xx, as a ProviderError with the code and text `describe` reads from its JSON body. */
export async function refusal(
  res: Response,
  describe: (body: unknown) => { code: string | null; text: string | null },
): Promise<ProviderError> {
  let body: unknown = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: the status says enough
  }
  const { code, text } = describe(body);
  const transient = res.status >= 500 || res.status === 429;
  return new ProviderError(text ?? `the provider answered ${res.status}`, transient, code ?? String(res.status));
}

/** Reads a 2xx JSON answer; a body that is not JSON is a provider fault (retried). */
export async function jsonOf<T>(res: Response): Promise<T> {
  try {
    return (await res.json()) as T;
  } catch {
    throw new ProviderError('the provider answered with something that is not JSON', true);
  }
}
