export * from "./ids";
export * from "./limits";
export * from "./shapes";
export * from "./text";
