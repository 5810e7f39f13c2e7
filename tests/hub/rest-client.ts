/** A test's REST calls to a real hub: one request with an optional bearer token and JSON body, and a refusal read as its status and error. */
export function restClient(hubUrl: string) {
  const call = (method: string, path: string, token: string | null, body?: unknown) =>
    fetch(`${hubUrl}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      // A string is sent as it is: how a test sends a body that is not JSON.
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
  const refusal = async (res: Response) => ({ status: res.status, ...(await res.json()).error });
  return { call, refusal };
}
