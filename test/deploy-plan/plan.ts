// The shape of a recorded deploy plan: what the SST program registered and
// called while it ran under Pulumi's mocks. Written by the child process
// (program.ts) as JSON and read back by synthesize.ts.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** One resource registration: a cloud resource (custom) or an SST/Pulumi component. */
export interface RecordedResource {
  /** Pulumi type token, e.g. `aws:lambda/function:Function`. */
  type: string;
  /** Logical name, e.g. `ApiRouteAbcdefHandlerFunction`. */
  name: string;
  custom: boolean;
  /** The id the mocks gave it. */
  id: string;
  /** Inputs exactly as the program registered them (secrets unwrapped, assets as paths). */
  inputs: JsonObject;
  /** Outputs the mocks returned (inputs plus made-up ids, ARNs and endpoints). */
  state: JsonObject;
}

/** A data-source call (`aws.iam.getPolicyDocument`, `aws.getRegion`, ...). */
export interface RecordedInvoke {
  token: string;
  inputs: JsonObject;
}

/** A `Runtime.Build` call SST made to its CLI to bundle a function. */
export interface RecordedBuild {
  /** The SST Function component's name; its Lambda is `<functionID>Function`. */
  functionID: string;
  /** The handler as declared, e.g. `packages/functions/src/http/create-room.handler`. */
  handler: string;
  /** Set for prebuilt bundles (the Next.js site's functions). */
  bundle: string | null;
  runtime: string;
  /** The names of the resources linked to it (what `Resource.<Name>` holds at run time). */
  links: string[];
}

/** Something the stubs did not know; any entry fails the run. */
export interface UnknownCall {
  kind: "invoke" | "rpc";
  name: string;
}

/** A resource's options after every stack transformation (SST's retain-on-delete among them). */
export interface RecordedOptions {
  retainOnDelete: boolean;
  protect: boolean;
}

export interface DeployPlan {
  stage: string;
  resources: RecordedResource[];
  /** By `<type>::<logical name>`. */
  options: Record<string, RecordedOptions>;
  /** The program's `_protect` output, which SST adds from the config's `protect`: `sst remove` refuses such a stage. */
  protectedStage: boolean;
  invokes: RecordedInvoke[];
  builds: RecordedBuild[];
  /** Every RPC method SST called on its CLI, in order. */
  rpcCalls: string[];
  unknownCalls: UnknownCall[];
  /** Build outputs of the Next.js site that were served from the fixture. */
  siteFixtureReads: string[];
}
