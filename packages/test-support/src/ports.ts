import { freePort } from "@chat/local/ports";

const PORT_TAKEN = /BindException|already in use|EADDRINUSE/i;

/**
 * Starts something that must be told its port before it binds (a Java child such as
 * DynamoDB Local, a runtime process): a port free a moment ago may be taken by the time
 * the child binds it, so a start that fails because the port is in use is retried on
 * another. Servers of our own bind port 0 instead.
 */
export async function onFreePort<T>(start: (port: number) => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await start(await freePort());
    } catch (error) {
      if (attempt >= attempts || !PORT_TAKEN.test(String((error as Error)?.message ?? error))) throw error;
    }
  }
}

/**
 * `onFreePort` for a runtime process that takes several ports from its environment
 * (API_PORT, WS_PORT, DYNAMODB_PORT, ...): resolves with what `start` returned and the
 * ports it was given (as environment strings).
 */
export async function onFreePorts<Name extends string, T>(
  names: readonly Name[],
  start: (env: Record<Name, string>) => Promise<T>,
  attempts = 3,
): Promise<{ started: T; env: Record<Name, string> }> {
  for (let attempt = 1; ; attempt++) {
    const env = {} as Record<Name, string>;
    for (const name of names) env[name] = String(await freePort());
    try {
      return { started: await start(env), env };
    } catch (error) {
      if (attempt >= attempts || !PORT_TAKEN.test(String((error as Error)?.message ?? error))) throw error;
    }
  }
}

export const RUNTIME_PORTS = ["API_PORT", "WS_PORT", "DYNAMODB_PORT"] as const;
