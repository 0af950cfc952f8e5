import { randomBytes } from "node:crypto";

/** An X-Ray trace root as API Gateway and Lambda make one: `Root=1-<epoch seconds, hex>-<96 random bits, hex>`. */
export const newTraceRoot = (now = new Date()) =>
  `Root=1-${Math.floor(now.getTime() / 1000).toString(16)}-${randomBytes(12).toString("hex")}`;

/** What Lambda puts in `_X_AMZN_TRACE_ID` for one invocation (not sampled: no X-Ray here). */
export const invocationTraceHeader = (now = new Date()) =>
  `${newTraceRoot(now)};Parent=${randomBytes(8).toString("hex")};Sampled=0`;
