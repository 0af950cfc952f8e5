export * from "./limits";
export * from "./text";
export * from "./ids";
export * from "./shapes";
