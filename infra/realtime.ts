import {
  connectAuthorizer,
  handlerPath,
  type QueueName,
  queueSubscribers,
  webSocketRoutes,
} from "../packages/functions/src/routes";
import { accessFor } from "./access";
import { queues } from "./queues";
import { functionSizing, settings } from "./settings";
import { throttledStage } from "./stage";

export const chat = new sst.aws.ApiGatewayWebSocket("Chat", { transform: throttledStage("ws") });

// Names each connection at $connect; API Gateway hands its context to every later event.
const join = chat.addAuthorizer("Join", {
  lambda: {
    function: {
      handler: handlerPath("ws", connectAuthorizer.file),
      ...accessFor(connectAuthorizer),
      ...functionSizing.ws,
      environment: settings,
    },
    identitySources: [...connectAuthorizer.identitySources],
  },
});

for (const [route, fn] of Object.entries(webSocketRoutes)) {
  chat.route(
    route,
    {
      handler: handlerPath("ws", fn.file),
      ...accessFor(fn, chat, queues),
      ...functionSizing.ws,
      environment: settings,
    },
    route === "$connect" ? { auth: { lambda: join.id } } : {},
  );
}

for (const [name, subscriber] of Object.entries(queueSubscribers)) {
  queues[name as QueueName].subscribe(
    {
      handler: handlerPath("queue", subscriber.file),
      ...accessFor(subscriber, chat, queues),
      ...functionSizing.queue,
      environment: settings,
    },
    {
      batch: {
        size: subscriber.batchSize,
        window: `${subscriber.batchingWindowSeconds} seconds`,
        partialResponses: true,
      },
      transform: {
        eventSourceMapping: (args) => {
          args.scalingConfig = { maximumConcurrency: subscriber.maxConcurrency };
        },
      },
    },
  );
}
