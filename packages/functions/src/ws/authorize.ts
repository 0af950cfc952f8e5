import { authorizeConnect } from "@chat/core/use-cases/authorize-connect";
import type { APIGatewayAuthorizerResult, APIGatewayRequestAuthorizerEvent } from "aws-lambda";

/**
 * The $connect route's REQUEST authorizer. It refuses nobody; it names the
 * connection (room, member id, display name) in its context, which API
 * Gateway hands to every later event of that connection.
 */
export const handler = async (event: APIGatewayRequestAuthorizerEvent): Promise<APIGatewayAuthorizerResult> => {
  const context = authorizeConnect(event.queryStringParameters ?? {});
  return {
    principalId: context?.memberId ?? "unadmitted",
    policyDocument: {
      Version: "2012-10-17",
      Statement: [{ Action: "execute-api:Invoke", Effect: "Allow", Resource: event.methodArn }],
    },
    ...(context && { context }),
  };
};
