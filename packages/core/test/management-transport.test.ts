import { ApiGatewayManagementApiClient, DeleteConnectionCommand } from "@aws-sdk/client-apigatewaymanagementapi";
import { expect, it } from "vitest";
import { postToConnection } from "../src/connection-post";
import {
  interceptManagementCalls,
  type ManagementRequest,
  makeInterceptable,
  setManagementTransport,
} from "../src/management-transport";

// What the grant check, the local transport and the bench's meter rely on: every @connections
// call, an SDK command or a direct post, passes the interceptors, whenever they were added.

const answer = (statusCode: number) => ({ response: { statusCode, headers: {}, body: Buffer.alloc(0) } });

function client(transport: (request: ManagementRequest) => void) {
  const made = new ApiGatewayManagementApiClient({
    endpoint: "https://abc123.execute-api.eu-west-1.amazonaws.com/production",
    region: "eu-west-1",
    credentials: { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" },
    cacheMiddleware: true,
    requestHandler: {
      handle: async (request: ManagementRequest) => {
        transport(request);
        return answer(200);
      },
    },
  });
  makeInterceptable(made);
  return made;
}

it("sees calls of both kinds made after it was added, even when an SDK call came first", async () => {
  const management = client(() => undefined);
  await management.send(new DeleteConnectionCommand({ ConnectionId: "before=" }));
  const seen: string[] = [];
  interceptManagementCalls(management, async ({ command, connectionId }, send) => {
    seen.push(`${command} ${connectionId}`);
    return send();
  });
  await management.send(new DeleteConnectionCommand({ ConnectionId: "a/b=" }));
  await postToConnection(management, "c d=", Buffer.from("{}"));
  expect(seen).toEqual(["DeleteConnection a/b=", "PostToConnection c d="]);
});

it("runs the interceptor added last first, and one may answer without the transport", async () => {
  const sent: string[] = [];
  const management = client((request) => sent.push(request.method));
  const order: string[] = [];
  interceptManagementCalls(management, async (_call, send) => {
    order.push("first added");
    return send();
  });
  interceptManagementCalls(management, async ({ command }, send) => {
    order.push("last added");
    return command === "DeleteConnection" ? { statusCode: 403, headers: {}, body: Buffer.alloc(0) } : send();
  });
  await postToConnection(management, "a=", Buffer.from("{}"));
  await expect(management.send(new DeleteConnectionCommand({ ConnectionId: "a=" }))).rejects.toMatchObject({
    $metadata: { httpStatusCode: 403 },
  });
  expect(order).toEqual(["last added", "first added", "last added"]);
  expect(sent).toEqual(["POST"]);
});

it("keeps the interceptors when the transport is replaced after them", async () => {
  const management = client(() => undefined);
  const seen: string[] = [];
  interceptManagementCalls(management, async ({ command }, send) => {
    seen.push(command);
    return send();
  });
  const replaced: string[] = [];
  setManagementTransport(management, {
    handle: async (request) => {
      replaced.push(request.path);
      return answer(410);
    },
  });
  expect(await postToConnection(management, "gone=", Buffer.from("{}"))).toBe("gone");
  expect(seen).toEqual(["PostToConnection"]);
  expect(replaced).toEqual(["/production/@connections/gone%3D"]);
});
