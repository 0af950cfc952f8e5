import { DynamoDBClient, GetItemCommand } from "@aws-sdk/client-dynamodb";
import { expect, it } from "vitest";
import { SdkMeter } from "./sdk-meter";

// A client whose requests never leave the process: every call answers an empty item. The
// requests' bodies are kept in `sent`.
function offlineClient(sent: string[] = []) {
  return new DynamoDBClient({
    region: "us-east-1",
    credentials: { accessKeyId: "test", secretAccessKey: "test" },
    requestHandler: {
      handle: async (request: { body?: string }) => {
        sent.push(String(request.body));
        return {
          response: {
            statusCode: 200,
            headers: { "content-type": "application/x-amz-json-1.0" },
            body: Buffer.from("{}"),
          },
        };
      },
    },
  });
}

const getItem = new GetItemCommand({ TableName: "t", Key: { pk: { S: "a" } } });

it("tells its owner of each call as it is recorded (what an environment's relay waits for)", async () => {
  let told = 0;
  const client = offlineClient();
  new SdkMeter(() => told++).installDynamo(client);
  expect(told).toBe(0);
  await client.send(getItem);
  await client.send(getItem);
  expect(told).toBe(2);
});

it("hands over the calls recorded since the last take, once", async () => {
  const meter = new SdkMeter();
  const client = offlineClient();
  meter.installDynamo(client);
  await client.send(getItem);
  await client.send(getItem);
  const taken = meter.takeCalls();
  expect(taken.map((call) => `${call.client}:${call.command}`)).toEqual([
    "dynamodb:GetItemCommand",
    "dynamodb:GetItemCommand",
  ]);
  expect(taken.every((call) => call.ok && call.end >= call.start)).toBe(true);
  expect(meter.takeCalls()).toEqual([]);
  expect(meter.report(false).counts).toEqual({});
});

it("asks for the consumed capacity only while told to (the cost step)", async () => {
  const sent: string[] = [];
  const meter = new SdkMeter();
  const client = offlineClient(sent);
  meter.installDynamo(client);
  await client.send(getItem);
  meter.askCapacity = false;
  await client.send(getItem);
  expect(sent.map((body) => JSON.parse(body).ReturnConsumedCapacity)).toEqual(["TOTAL", undefined]);
});
