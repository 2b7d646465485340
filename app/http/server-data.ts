/**
 * A clientLoader's server data. When a newer navigation interrupted this one, the router has moved on
 * and ignores this request's outcome, and the aborted fetch's error would surface as an uncaught page
 * error ("signal is aborted without reason"): the answer then never settles.
 */
export async function serverDataUnlessInterrupted<T>(
  request: Request,
  serverLoader: () => Promise<T>,
): Promise<T> {
  try {
    return await serverLoader();
  } catch (error) {
    if (request.signal.aborted) return new Promise<never>(() => undefined);
    throw error;
  }
}
