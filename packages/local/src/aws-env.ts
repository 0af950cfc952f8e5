// AWS settings for talking to local emulators: a region and dummy credentials,
// so the SDK never looks for real ones (or the instance metadata address).
export const LOCAL_REGION = "us-east-1";
export const localCredentials = { accessKeyId: "local", secretAccessKey: "local" };

export interface LocalResources {
  appName: string;
  tableName: string;
  dynamoEndpoint: string;
  apiUrl: string;
  wsUrl: string;
  managementEndpoint: string;
  /** The SQS endpoint, and each queue's URL by its link name. */
  sqsEndpoint: string;
  queueUrls: Record<string, string>;
}

/**
 * Sets what `sst dev` would set for a linked handler: SST_RESOURCE_* values read
 * by `Resource`, plus the SDK's endpoint overrides for DynamoDB and SQS. Must run before
 * any handler module is imported.
 */
export function exposeResources(resources: LocalResources) {
  Object.assign(process.env, {
    SST_RESOURCE_App: JSON.stringify({ name: resources.appName, stage: "local" }),
    SST_RESOURCE_Table: JSON.stringify({ name: resources.tableName, type: "sst.aws.Dynamo" }),
    SST_RESOURCE_Api: JSON.stringify({ url: resources.apiUrl, type: "sst.aws.ApiGatewayV2" }),
    SST_RESOURCE_Chat: JSON.stringify({
      url: resources.wsUrl,
      managementEndpoint: resources.managementEndpoint,
      type: "sst.aws.ApiGatewayWebSocket",
    }),
    ...Object.fromEntries(
      Object.entries(resources.queueUrls).map(([name, url]) => [
        `SST_RESOURCE_${name}`,
        JSON.stringify({ url, type: "sst.aws.Queue" }),
      ]),
    ),
    AWS_ENDPOINT_URL_DYNAMODB: resources.dynamoEndpoint,
    AWS_ENDPOINT_URL_SQS: resources.sqsEndpoint,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: localCredentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: localCredentials.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: "true",
  });
}
