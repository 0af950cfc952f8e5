// A WebSocket connection's time limits by default: a module of its own, so that the
// configuration reads them without loading the emulator.

/** API Gateway's idle timeout: a connection that sends nothing this long is closed (1001). */
export const DEFAULT_IDLE_TIMEOUT_SECONDS = 600;
/** API Gateway's maximum connection duration: 2 hours, then 1001. */
export const DEFAULT_MAX_CONNECTION_SECONDS = 7200;
/**
 * How often each connection is pinged (WS_PING_SECONDS); one from which nothing (a pong, a frame)
 * has come since the previous ping is cut off (1006). The emulator's own check, not API Gateway's.
 */
export const DEFAULT_PING_SECONDS = 30;
